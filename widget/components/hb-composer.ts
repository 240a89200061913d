import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { hbSend, hbTyping } from '../events.js';
import { STRINGS } from '../strings.js';
import { controls } from '../theme.styles.js';
import { composerStyles } from './hb-composer.styles.js';

/** Show the counter once the draft reaches this share of the limit. */
const COUNTER_FROM = 0.8;
/** At most one `hb-typing` per this many milliseconds. */
export const TYPING_EVERY_MS = 3_000;

/**
 * The text box and Send button. Enter sends, Shift+Enter starts a new line. The draft is only
 * cleared once a message is handed over; a draft that is too long stays, with the reason why.
 *
 * @fires hb-send - The child sent a message; `detail.text` is exactly what they typed.
 * @fires hb-typing - The child is typing (at most every 3 s); no text is carried.
 */
@customElement('hb-composer')
export class HbComposer extends LitElement {
  static override styles = [controls, composerStyles];

  /** The most characters one message may have (from the server's `session` limits). */
  @property({ type: Number, attribute: 'max-chars' }) maxChars = 2_000;
  /** Set when the chat can take no more messages (ended, or open in another tab). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private draft = '';
  @state() private problem: string | undefined;
  @query('textarea') private textarea!: HTMLTextAreaElement | null;
  #lastTypingAt = -Infinity;

  /** Put text back in the box with the reason it was not sent (e.g. the server said too long). */
  restoreDraft(text: string, problem: string): void {
    if (this.draft.trim() === '') this.draft = text;
    this.problem = problem;
  }

  protected override render() {
    const length = [...this.draft].length;
    const left = this.maxChars - length;
    const showCounter = length >= this.maxChars * COUNTER_FROM;
    return html`<form @submit=${this.#onSubmit}>
      <label for="message">${STRINGS.yourMessage}</label>
      <div class="row">
        <textarea
          id="message"
          name="message"
          rows="2"
          autocomplete="off"
          autocapitalize="sentences"
          aria-describedby="counter problem"
          aria-invalid=${left < 0 || this.problem !== undefined ? 'true' : 'false'}
          .value=${this.draft}
          ?disabled=${this.disabled}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${this.disabled}>${STRINGS.send}</button>
      </div>
      <p id="counter" class="counter ${left < 0 ? 'over' : ''}">${showCounter ? STRINGS.charsLeft(left) : nothing}</p>
      <p id="problem" class="problem" role="alert">${this.problem ?? nothing}</p>
    </form>`;
  }

  #onInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    const now = Date.now();
    if (this.draft !== '' && now - this.#lastTypingAt >= TYPING_EVERY_MS) {
      this.#lastTypingAt = now;
      this.dispatchEvent(hbTyping());
    }
    if (this.problem !== undefined && [...this.draft].length <= this.maxChars) this.problem = undefined;
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#send();
    }
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    this.#send();
  }

  #send(): void {
    if (this.disabled) return;
    const text = this.textarea?.value ?? this.draft;
    if (text.trim() === '') {
      this.problem = STRINGS.empty;
      return;
    }
    if ([...text].length > this.maxChars) {
      this.problem = STRINGS.tooLong(this.maxChars);
      return;
    }
    this.problem = undefined;
    this.draft = '';
    if (this.textarea !== null) this.textarea.value = '';
    this.dispatchEvent(hbSend(text));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-composer': HbComposer;
  }
}
