import { css } from 'lit';

/** Shared look of the console: plain, high-contrast, readable at 200% text size. */
export const consoleStyles = css`
  :host {
    display: block;
    font: 16px/1.45 system-ui, sans-serif;
    color: #1b1b1b;
    background: #fff;
  }
  h1, h2, h3 { line-height: 1.2; margin: 0.6em 0 0.4em; }
  h1 { font-size: 1.4rem; }
  h2 { font-size: 1.15rem; }
  h3 { font-size: 1rem; }
  button, select, input, textarea { font: inherit; }
  button {
    border: 1px solid #1b4d89;
    background: #1b4d89;
    color: #fff;
    border-radius: 4px;
    padding: 0.3em 0.8em;
    cursor: pointer;
  }
  button.secondary { background: #fff; color: #1b4d89; }
  button.danger { background: #a4161a; border-color: #a4161a; }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 2px;
  }
  label { display: block; font-weight: 600; margin-top: 0.5em; }
  label.inline { display: inline-flex; gap: 0.4em; align-items: center; font-weight: 400; margin: 0; }
  input[type='text'], input[type='password'], textarea, select { width: 100%; box-sizing: border-box; padding: 0.3em; border: 1px solid #505050; border-radius: 4px; }
  textarea { min-height: 4em; }
  .error { color: #a4161a; font-weight: 600; }
  .muted { color: #505050; }
  .urgency { display: inline-block; padding: 0 0.5em; border-radius: 3px; font-weight: 700; font-size: 0.85rem; text-transform: uppercase; }
  .urgency.immediate { background: #a4161a; color: #fff; }
  .urgency.high { background: #8a4b00; color: #fff; }
  .urgency.normal { background: #e6e6e6; color: #1b1b1b; }
  mark { background: #ffe066; color: #1b1b1b; border-bottom: 2px solid #a4161a; }
  @media (prefers-reduced-motion: no-preference) {
    .alert { animation: pulse 1s ease-in-out 3; }
    @keyframes pulse { 50% { box-shadow: 0 0 0 6px rgba(164, 22, 26, 0.35); } }
  }
`;
