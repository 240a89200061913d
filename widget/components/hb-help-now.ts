import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { HELP_NOW } from '../generated/help-now.js';
import type { HelpService } from '../help-now.types.js';
import { STRINGS } from '../strings.js';
import { controls } from '../theme.styles.js';
import { helpNowStyles } from './hb-help-now.styles.js';

/** Digits and a leading + only, for `tel:` and `sms:` links. */
function dial(number: string): string {
  return number.replace(/[^+\d]/g, '');
}

/**
 * Emergency and helpline numbers as tap-to-call links. The list is built into the bundle, so it
 * needs no network at all.
 *
 * @csspart list - The list of services.
 */
@customElement('hb-help-now')
export class HbHelpNow extends LitElement {
  static override styles = [controls, helpNowStyles];

  /** The services to show; defaults to the ones built into the bundle. */
  @property({ attribute: false }) services: readonly HelpService[] = HELP_NOW;

  protected override render() {
    return html`<section aria-labelledby="help-now-title">
      <h2 id="help-now-title">${STRINGS.helpNow}</h2>
      <p>${STRINGS.helpNowIntro}</p>
      <ul part="list">
        ${this.services.map((s) => this.#service(s))}
      </ul>
    </section>`;
  }

  #service(s: HelpService) {
    const isSilentSolution = s.phone !== undefined && dial(s.phone) === '999';
    return html`<li class=${s.emergency ? 'emergency' : ''}>
      <p class="name">${s.name}</p>
      <p>${s.for}</p>
      ${s.hours !== undefined ? html`<p>${s.hours}</p>` : nothing}
      <p class="ways">
        ${s.phone !== undefined ? html`<a href="tel:${dial(s.phone)}">${STRINGS.call(s.phone)}</a>` : nothing}
        ${s.sms !== undefined
          ? html`<a href="sms:${dial(s.sms.number)}${s.sms.keyword !== undefined ? `?body=${encodeURIComponent(s.sms.keyword)}` : ''}"
              >${STRINGS.text(s.sms.keyword, s.sms.number)}</a
            >`
          : nothing}
        ${s.url !== undefined && /^https:\/\//.test(s.url)
          ? html`<a href=${s.url} target="_blank" rel="noopener noreferrer">${STRINGS.website(s.name)}</a>`
          : nothing}
      </p>
      ${isSilentSolution ? html`<p>${STRINGS.silentSolution}</p>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-help-now': HbHelpNow;
  }
}
