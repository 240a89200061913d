import { css } from 'lit';

export const harbourChatStyles = css`
  :host {
    position: fixed;
    right: 0;
    bottom: 0;
    z-index: 2147483000;
    max-width: 100vw;
    max-height: 100vh;
    max-height: 100dvh;
    display: flex;
    flex-direction: column;
    background: transparent;
  }
  :host([hidden]) {
    display: none;
  }
  .widget {
    display: flex;
    flex-direction: column;
    max-height: inherit;
    min-height: 0;
    width: 100%;
    overflow-y: auto;
    overflow-x: hidden;
  }
  .widget.open {
    width: min(26rem, 100vw);
    background: var(--hb-bg, #ffffff);
    border: 1px solid var(--hb-border, #767676);
    border-radius: var(--hb-radius, 0.5rem) 0 0 0;
  }
  .bar {
    /* Stays in view when the widget scrolls (200% text on a small phone): Quick exit never hides. */
    position: sticky;
    top: 0;
    z-index: 1;
    flex: none;
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    padding: 0.5rem;
  }
  .open .bar {
    background: var(--hb-bg, #ffffff);
    border-bottom: 1px solid var(--hb-border, #767676);
  }
  .exit {
    background: var(--hb-exit-bg, #a3001b);
    color: var(--hb-on-exit, #ffffff);
    border-color: var(--hb-exit-bg, #a3001b);
    font-weight: 700;
  }
  .sheet {
    flex: none;
    background: var(--hb-bg, #ffffff);
    border-top: 1px solid var(--hb-border, #767676);
  }
  .widget:not(.open) .sheet {
    width: min(26rem, 100vw);
    border: 1px solid var(--hb-border, #767676);
    max-height: 70vh;
    overflow-y: auto;
  }
  .panel {
    /* The panel never squashes its parts: when space runs out the whole widget scrolls (the bar stays). */
    flex: none;
    display: flex;
    flex-direction: column;
    background: var(--hb-bg, #ffffff);
    border-top: 1px solid var(--hb-border, #767676);
  }
  header {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.5rem;
  }
  h2 {
    font-size: 1.125rem;
    margin: 0;
    flex: 1 1 10rem;
  }
  .conn {
    margin: 0;
    flex: 1 1 100%;
    font-size: 0.875rem;
    color: var(--hb-muted, #4d4d4d);
  }
`;
