import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import './components/hb-about.js';
import './components/hb-composer.js';
import type { HbComposer } from './components/hb-composer.js';
import './components/hb-help-now.js';
import './components/hb-transcript.js';
import { ConnectionController, TOKEN_KEY, connectionWords, type SocketFactory } from './connection.controller.js';
import type { HbRetryEvent, HbSendEvent } from './events.js';
import { HELPLINE_NAME } from './generated/help-now.js';
import { harbourChatStyles } from './harbour-chat.styles.js';
import { ShiftTriple } from './shift-triple.js';
import { STRINGS } from './strings.js';
import { controls, themeTokens } from './theme.styles.js';

/** Where quick exit goes when the page does not say: a neutral page anyone might visit. */
export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The server the bundle came from: `/widget.js` sits at the server's root (or under its path prefix). */
function scriptBase(): string {
  return new URL('.', import.meta.url).href;
}

/** `http(s)://host/prefix` → `ws(s)://host/prefix/chat`. */
export function chatUrl(server: string): string {
  const base = new URL(server.endsWith('/') ? server : `${server}/`);
  const url = new URL('chat', base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  return url.href;
}

/**
 * The one tag a helpline writes on its page. Owns the socket (through `ConnectionController`),
 * quick exit (button, and Shift pressed on its own three times) and the panels.
 *
 * @slot - Not rendered: the light-DOM children are fallback help (e.g. helpline numbers) shown
 *   only if the widget cannot load.
 * @csspart widget - The whole widget.
 * @csspart bar - The always-visible row: Quick exit, Get help now, Chat to us.
 * @csspart panel - The chat panel.
 */
@customElement('harbour-chat')
export class HarbourChat extends LitElement {
  static override styles = [themeTokens, controls, harbourChatStyles];

  /** Server base URL; defaults to where this script was loaded from. */
  @property() server: string | undefined;
  /** The helpline's name as children know it. */
  @property({ attribute: 'helpline-name' }) helplineName: string = HELPLINE_NAME;
  @property() locale = 'en-GB';
  @property() country = 'GB';
  /** Where quick exit goes (http or https only). */
  @property({ attribute: 'exit-url' }) exitUrl = DEFAULT_EXIT_URL;

  @state() private isOpen = false;
  @state() private isHelpOpen = false;
  @state() private isAboutOpen = false;
  @state() private hasExited = false;

  @query('hb-composer') private composer!: HbComposer | null;

  /** How quick exit leaves: `location.replace`, so Back does not return here. Tests may swap it. */
  static navigate: (url: string) => void = (url) => globalThis.location.replace(url);

  /** Tests may swap the socket class (e.g. `ws` in Node); browsers use the global WebSocket. */
  static WebSocketImpl: SocketFactory | undefined;

  readonly connection = new ConnectionController(this, {
    url: () => chatUrl(this.server ?? scriptBase()),
    locale: () => this.locale,
    ...(HarbourChat.WebSocketImpl !== undefined && { WebSocket: HarbourChat.WebSocketImpl }),
    onTooLong: (text, max) => this.composer?.restoreDraft(text, STRINGS.tooLong(max)),
  });

  #shift = new ShiftTriple();

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener('keydown', this.#onKeydown, true);
    globalThis.addEventListener('keyup', this.#onKeyup, true);
    globalThis.addEventListener('blur', this.#onBlur);
    globalThis.addEventListener('pageshow', this.#onPageshow);
    // A reload mid-chat (same tab): pick the conversation up again.
    if (this.#hasToken()) {
      this.isOpen = true;
      this.connection.start();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener('keydown', this.#onKeydown, true);
    globalThis.removeEventListener('keyup', this.#onKeyup, true);
    globalThis.removeEventListener('blur', this.#onBlur);
    globalThis.removeEventListener('pageshow', this.#onPageshow);
  }

  /**
   * Leave now: tell the server (best effort), forget the conversation, wipe the widget and this
   * tab's storage, and replace the page so Back does not return to it.
   */
  quickExit(): void {
    this.connection.quickExit();
    this.#wipe();
    HarbourChat.navigate(this.#safeExitUrl());
  }

  protected override render() {
    if (this.hasExited) return nothing;
    const c = this.connection;
    return html`<div class="widget ${this.isOpen ? 'open' : ''}" part="widget" role="region" aria-label=${STRINGS.widgetLabel(this.helplineName)}>
      <div class="bar" part="bar">
        <button type="button" class="exit" title=${STRINGS.quickExitHint} @click=${() => this.quickExit()}>
          ${STRINGS.quickExit}
        </button>
        <button type="button" aria-expanded=${this.isHelpOpen ? 'true' : 'false'} aria-controls="help" @click=${this.#toggleHelp}>
          ${STRINGS.helpNow}
        </button>
        <button type="button" class="primary" aria-expanded=${this.isOpen ? 'true' : 'false'} aria-controls="panel" @click=${this.#toggleOpen}>
          ${STRINGS.launcher}
        </button>
      </div>
      ${this.isHelpOpen ? html`<hb-help-now id="help" class="sheet"></hb-help-now>` : nothing}
      ${this.isOpen
        ? html`<section id="panel" class="panel" part="panel" aria-labelledby="panel-title">
            <header>
              <h2 id="panel-title">${STRINGS.panelTitle(this.helplineName)}</h2>
              <button type="button" aria-expanded=${this.isAboutOpen ? 'true' : 'false'} aria-controls="about" @click=${this.#toggleAbout}>
                ${STRINGS.about}
              </button>
              <p class="conn" role="status">${connectionWords(c.state)}</p>
            </header>
            ${this.isAboutOpen ? html`<hb-about id="about" class="sheet" helpline-name=${this.helplineName}></hb-about>` : nothing}
            <hb-transcript
              .items=${c.log.items}
              .typingName=${c.typingName}
              @hb-send=${this.#onSend}
              @hb-retry=${this.#onRetry}
            ></hb-transcript>
            <hb-composer
              .maxChars=${c.maxTextChars}
              ?disabled=${c.state === 'ended' || c.state === 'replaced'}
              @hb-send=${this.#onSend}
              @hb-typing=${this.#onTyping}
            ></hb-composer>
          </section>`
        : nothing}
    </div>`;
  }

  #toggleOpen = async (): Promise<void> => {
    this.isOpen = !this.isOpen;
    if (!this.isOpen) return;
    this.connection.start();
    // The child asked for the chat: put them in the text box (their own action, so focus may move).
    await this.updateComplete;
    await this.composer?.updateComplete;
    this.composer?.shadowRoot?.querySelector('textarea')?.focus();
  };

  #toggleHelp = (): void => {
    this.isHelpOpen = !this.isHelpOpen;
  };

  #toggleAbout = (): void => {
    this.isAboutOpen = !this.isAboutOpen;
  };

  #onSend = (e: HbSendEvent): void => {
    this.connection.send(e.detail.text);
  };

  #onTyping = (): void => {
    this.connection.typing();
  };

  #onRetry = (e: HbRetryEvent): void => {
    this.connection.retry(e.detail.id);
  };

  #onKeydown = (e: KeyboardEvent): void => {
    this.#shift.keydown(e);
  };

  #onKeyup = (e: KeyboardEvent): void => {
    if (this.#shift.keyup(e)) this.quickExit();
  };

  #onBlur = (): void => {
    this.#shift.reset();
  };

  /** Restored from the back-forward cache after quick exit: wipe again and leave again. */
  #onPageshow = (e: PageTransitionEvent): void => {
    if (!e.persisted) return;
    if (this.hasExited) {
      this.#wipe();
      HarbourChat.navigate(this.#safeExitUrl());
    }
  };

  #wipe(): void {
    this.hasExited = true;
    this.isOpen = false;
    this.isHelpOpen = false;
    this.isAboutOpen = false;
    // Take the widget's DOM away now, not on the next frame: the page may be frozen into bfcache.
    this.performUpdate();
    this.replaceChildren();
    try {
      globalThis.sessionStorage?.removeItem(TOKEN_KEY);
      globalThis.sessionStorage?.clear();
    } catch {
      // Storage blocked: nothing was stored either.
    }
  }

  #safeExitUrl(): string {
    try {
      const url = new URL(this.exitUrl, globalThis.location?.href);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through
    }
    return DEFAULT_EXIT_URL;
  }

  #hasToken(): boolean {
    try {
      return globalThis.sessionStorage?.getItem(TOKEN_KEY) != null;
    } catch {
      return false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'harbour-chat': HarbourChat;
  }
}
