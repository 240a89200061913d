import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    padding: 0.5rem;
    border-top: 1px solid var(--hb-border, #767676);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: flex-end;
  }
  .row button {
    flex: none;
    white-space: nowrap;
  }
  textarea {
    flex: 1 1 8rem;
    min-width: 0;
    min-height: 2.75rem;
    max-height: 8rem;
    resize: vertical;
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 2px solid var(--hb-border, #767676);
    border-radius: var(--hb-radius, 0.5rem);
    background: var(--hb-bg, #ffffff);
    color: var(--hb-fg, #1a1a1a);
  }
  .counter,
  .problem {
    margin: 0;
    font-size: 0.875rem;
  }
  .counter {
    color: var(--hb-muted, #4d4d4d);
  }
  .counter.over,
  .problem {
    color: var(--hb-error, #a3001b);
  }
`;
