import { css } from 'lit';

export const helpNowStyles = css`
  :host {
    display: block;
    padding: 0.75rem;
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: 1.125rem;
    margin: 0 0 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  li {
    border-left: 4px solid var(--hb-accent, #0b5cad);
    padding-left: 0.6rem;
  }
  li.emergency {
    border-left-color: var(--hb-exit-bg, #a3001b);
  }
  .name {
    font-weight: 700;
    margin: 0;
  }
  p {
    margin: 0.2rem 0;
  }
  .ways {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .ways a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    font-weight: 600;
  }
`;
