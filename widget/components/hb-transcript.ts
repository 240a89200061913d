import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ChatItem } from '../chat-log.js';
import { hbRetry, hbSend } from '../events.js';
import { STRINGS } from '../strings.js';
import { controls } from '../theme.styles.js';
import { transcriptStyles } from './hb-transcript.styles.js';

type Message = Extract<ChatItem, { kind: 'message' }>;

/**
 * The conversation: a polite ARIA live log, a counsellor typing line, and the quick answers of
 * the latest message. Every text is rendered as text, never as HTML: a child (or anyone) can type
 * markup and it shows as the characters they typed.
 *
 * @fires hb-send - The child tapped a quick answer; `detail.text` is its value.
 * @fires hb-retry - The child asked to re-send a failed message; `detail.id` is its client id.
 * @csspart log - The scrolling log.
 */
@customElement('hb-transcript')
export class HbTranscript extends LitElement {
  static override styles = [controls, transcriptStyles];

  /** Items to show, oldest first. */
  @property({ attribute: false }) items: readonly ChatItem[] = [];
  /** Name of a counsellor typing right now. */
  @property({ attribute: false }) typingName: string | undefined;

  @query('.log') private logEl!: HTMLElement | null;
  #wasAtBottom = true;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items') && this.logEl !== null) {
      const el = this.logEl;
      this.#wasAtBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Keep the newest message in view (scrolling, never moving focus) unless the child scrolled up to read.
    if (changed.has('items') && this.#wasAtBottom && this.logEl !== null) this.logEl.scrollTop = this.logEl.scrollHeight;
  }

  protected override render() {
    const last = this.items.at(-1);
    const replies = last?.kind === 'message' && last.sender !== 'child' ? (last.actions ?? []) : [];
    return html`
      <div class="log" part="log" role="log" aria-label=${STRINGS.conversation} tabindex="0">
        ${this.items.map((item) => (item.kind === 'notice' ? html`<p class="notice">${item.text}</p>` : this.#message(item)))}
      </div>
      <p class="typing" role="status">${this.typingName !== undefined ? STRINGS.typing(this.typingName) : nothing}</p>
      ${replies.length > 0
        ? html`<div class="replies" role="group" aria-label=${STRINGS.quickReplies}>
            ${replies.map((a) => {
              const title = typeof a.title === 'string' && a.title !== '' ? a.title : String(a.value);
              if (a.type === 'call' && typeof a.value === 'string' && /^tel:\+?\d+$/.test(a.value)) {
                return html`<a href=${a.value}>${title}</a>`;
              }
              if (a.type === 'imBack' && typeof a.value === 'string') {
                const value = a.value;
                return html`<button type="button" @click=${() => this.dispatchEvent(hbSend(value))}>${title}</button>`;
              }
              return nothing;
            })}
          </div>`
        : nothing}
    `;
  }

  #message(item: Message) {
    const who =
      item.sender === 'child' ? STRINGS.you : item.sender === 'counsellor' ? STRINGS.counsellorLabel(item.name ?? 'Counsellor') : STRINGS.helper;
    return html`<div class="msg ${item.sender}" data-status=${item.status ?? nothing}>
      <span class="who">${who}:</span>
      <span class="text">${item.text}</span>
      ${item.sender === 'child' ? this.#status(item) : nothing}
    </div>`;
  }

  #status(item: Message) {
    switch (item.status) {
      case 'sending':
        return html`<span class="status">${STRINGS.statusSending}</span>`;
      case 'waiting':
        return html`<span class="status">${STRINGS.statusWaiting}</span>`;
      case 'sent':
        return html`<span class="status">${STRINGS.statusSent}</span>`;
      case 'failed':
        return html`<span class="status failed"
          >${STRINGS.statusFailed}${item.reason !== undefined ? html` ${item.reason}` : nothing}
          <button type="button" @click=${() => this.dispatchEvent(hbRetry(item.id))}>${STRINGS.retry}</button></span
        >`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-transcript': HbTranscript;
  }
}
