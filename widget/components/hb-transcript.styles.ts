import { css } from 'lit';

export const transcriptStyles = css`
  :host {
    display: flex;
    flex-direction: column;
  }
  .log {
    /* Its own height, so the parts of the panel never overlap; the log scrolls inside it. */
    height: min(22rem, 45vh);
    min-height: 7rem;
    overflow-y: auto;
    overflow-x: hidden;
    padding: 0.5rem;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .msg,
  .notice {
    max-width: 100%;
    padding: 0.5rem 0.75rem;
    border-radius: var(--hb-radius, 0.5rem);
    overflow-wrap: anywhere;
  }
  .text {
    display: block;
    white-space: pre-wrap;
  }
  .msg.child {
    align-self: flex-end;
    background: var(--hb-own-bg, #e3eefa);
  }
  .msg.bot,
  .msg.counsellor {
    align-self: flex-start;
    background: var(--hb-other-bg, #f1f1f1);
  }
  .notice {
    background: var(--hb-notice-bg, #fff6d6);
  }
  .who {
    display: block;
    font-weight: 600;
    font-size: 0.875rem;
  }
  .status {
    display: block;
    font-size: 0.875rem;
    color: var(--hb-muted, #4d4d4d);
  }
  .status.failed {
    color: var(--hb-error, #a3001b);
  }
  .status button {
    margin-top: 0.25rem;
  }
  .typing {
    margin: 0;
    padding: 0 0.75rem;
    min-height: 1.4em;
    font-size: 0.875rem;
    color: var(--hb-muted, #4d4d4d);
  }
  .replies {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0.5rem;
  }
  .replies a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.4rem 0.9rem;
  }
`;
