import { css } from 'lit';

/**
 * Colour and size tokens shared by every element. Custom properties inherit through shadow
 * roots, so `<harbour-chat>` sets them once; each inner element falls back to the same values
 * when used alone. Every pair keeps at least 4.5:1 contrast in light and dark mode.
 */
export const themeTokens = css`
  :host {
    --hb-bg: #ffffff;
    --hb-fg: #1a1a1a;
    --hb-muted: #4d4d4d;
    --hb-border: #767676;
    --hb-accent: #0b5cad;
    --hb-on-accent: #ffffff;
    --hb-link: #0b5cad;
    --hb-own-bg: #e3eefa;
    --hb-other-bg: #f1f1f1;
    --hb-notice-bg: #fff6d6;
    --hb-exit-bg: #a3001b;
    --hb-on-exit: #ffffff;
    --hb-error: #a3001b;
    --hb-focus: #ffbf47;
    --hb-radius: 0.5rem;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --hb-bg: #1b1d21;
      --hb-fg: #f1f1f1;
      --hb-muted: #c9c9c9;
      --hb-border: #9a9a9a;
      --hb-accent: #8cc4ff;
      --hb-on-accent: #0d0f12;
      --hb-link: #9ccaff;
      --hb-own-bg: #22364d;
      --hb-other-bg: #2c2f35;
      --hb-notice-bg: #3d3417;
      --hb-exit-bg: #ffb4a9;
      --hb-on-exit: #1b1d21;
      --hb-error: #ffb4a9;
      --hb-focus: #ffbf47;
    }
  }
`;

/** Buttons, links and focus rings every element shares. */
export const controls = css`
  :host {
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    font-size: 1rem;
    line-height: 1.4;
    color: var(--hb-fg, #1a1a1a);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    /* A 44 px touch target, in px: it should not balloon when text is enlarged. */
    min-height: 44px;
    padding: 0.3rem 0.75rem;
    border-radius: var(--hb-radius, 0.5rem);
    border: 2px solid var(--hb-accent, #0b5cad);
    background: var(--hb-bg, #ffffff);
    color: var(--hb-fg, #1a1a1a);
    cursor: pointer;
  }
  button.primary {
    background: var(--hb-accent, #0b5cad);
    color: var(--hb-on-accent, #ffffff);
  }
  a {
    color: var(--hb-link, #0b5cad);
  }
  button:focus-visible,
  a:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--hb-focus, #ffbf47);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
