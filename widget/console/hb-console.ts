import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleClient, playAlertSound, type ConsoleApiError } from './console-client.js';
import { consoleStyles } from './console.styles.js';
import './hb-console-chat.js';
import type { CannedReply, Colleague, LiveChat, Me, Presence, QueueItem, ServerFrame, Line } from './types.js';

function field(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
}

/** Waiting time in words a counsellor scans quickly. */
export function waited(sinceIso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(sinceIso)) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * The counsellor console: sign-in, availability, the risk-ranked queue with alerts, the chats
 * this counsellor holds (and, for supervisors, every live chat). Children's words are rendered
 * as text by Lit bindings, never as HTML.
 */
@customElement('hb-console')
export class HbConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      header { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; justify-content: space-between; padding: 0.5em 1em; border-bottom: 1px solid #ccc; }
      main { padding: 0 1em 2em; }
      .layout { display: grid; grid-template-columns: minmax(16em, 1fr) 3fr; gap: 1.5em; }
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
      ol.queue, ul.plain { list-style: none; padding: 0; margin: 0; }
      ol.queue li, ul.plain li { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em; margin-bottom: 0.5em; }
      .alert { border: 2px solid #a4161a; background: #fff0f0; padding: 0.5em 1em; margin: 0.5em 0; border-radius: 4px; }
      form.sign-in { max-width: 22em; margin: 3em auto; }
      .tabs { display: flex; gap: 0.3em; flex-wrap: wrap; margin: 0.5em 0; }
      .tabs button[aria-pressed='true'] { background: #0b2c52; }
    `,
  ];

  /** Helpline name for the heading. */
  @property() helpline = 'Harbour';

  @state() private me: Me | null = null;
  @state() private checking = true;
  @state() private signInError = '';
  @state() private queue: readonly QueueItem[] = [];
  @state() private live: readonly LiveChat[] = [];
  @state() private myChats: readonly string[] = [];
  @state() private openChat: string | null = null;
  @state() private alertText = '';
  @state() private sound = false;
  @state() private connection = '';
  @state() private notice = '';
  @state() private now = Date.now();
  @state() private canned: readonly CannedReply[] = [];
  @state() private colleagues: readonly Colleague[] = [];
  /** Lines, typing and presence pushed for open chats, by conversation id. */
  @state() private liveLines = new Map<string, Line[]>();
  @state() private typing = new Map<string, number>();
  @state() private presence = new Map<string, Presence>();

  readonly #client = new ConsoleClient(
    (f) => this.#onFrame(f),
    (s) => {
      this.connection = s === 'open' ? '' : s === 'signed-out' ? '' : 'Reconnecting to the server…';
      if (s === 'signed-out') this.#signedOut('Your session has ended. Please sign in again.');
    },
  );
  #tick: ReturnType<typeof setInterval> | null = null;
  readonly #onUserActivity = () => this.#client.noteActivity();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick = setInterval(() => (this.now = Date.now()), 5_000);
    for (const type of ['keydown', 'pointerdown']) this.addEventListener(type, this.#onUserActivity);
    void this.#restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#tick) clearInterval(this.#tick);
    this.#client.stop();
  }

  async #restore(): Promise<void> {
    try {
      this.#started(await this.#client.call<Me>('GET', '/me'));
    } catch {
      this.me = null;
    } finally {
      this.checking = false;
    }
  }

  #started(me: Me): void {
    this.me = me;
    this.#client.csrfToken = me.csrfToken;
    this.#client.connect();
    void this.#client.call<{ replies: CannedReply[] }>('GET', '/canned').then((r) => (this.canned = r.replies)).catch(() => undefined);
  }

  #signedOut(message: string): void {
    this.#client.stop();
    this.me = null;
    this.openChat = null;
    this.myChats = [];
    this.signInError = message;
  }

  async #signIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.signInError = '';
    try {
      const me = await this.#client.call<Me>('POST', '/session', { username: field(data, 'username'), password: field(data, 'password') });
      form.reset();
      this.#started(me);
    } catch (err) {
      const e2 = err as ConsoleApiError;
      this.signInError =
        e2.code === 'HARBOUR_ERR_CONSOLE_LOCKED' && e2.retryAfterMs
          ? `Too many attempts. Try again in ${Math.ceil(e2.retryAfterMs / 1000)} seconds.`
          : e2.message;
    }
  }

  async #signOut(): Promise<void> {
    if (this.myChats.length > 0 && !confirm('You have chats open. Signing out puts them back at the top of the queue. Sign out?')) return;
    await this.#client.call('DELETE', '/session').catch(() => undefined);
    this.#signedOut('You have signed out.');
  }

  async #setAvailable(available: boolean): Promise<void> {
    if (!this.me) return;
    try {
      const r = await this.#client.call<{ available: boolean }>('PUT', '/availability', { available });
      this.me = { ...this.me, available: r.available };
    } catch (err) {
      this.notice = (err as Error).message;
    }
  }

  async #accept(conversationId: string): Promise<void> {
    try {
      await this.#client.call('POST', `/chats/${encodeURIComponent(conversationId)}/accept`);
      this.alertText = '';
      this.openChat = conversationId;
      if (!this.myChats.includes(conversationId)) this.myChats = [...this.myChats, conversationId];
    } catch (err) {
      this.notice = (err as Error).message;
    }
  }

  async #join(conversationId: string): Promise<void> {
    try {
      await this.#client.call('POST', `/chats/${encodeURIComponent(conversationId)}/join`);
      this.#client.send({ type: 'watch', conversationId });
      this.openChat = conversationId;
      if (!this.myChats.includes(conversationId)) this.myChats = [...this.myChats, conversationId];
    } catch (err) {
      this.notice = (err as Error).message;
    }
  }

  async #loadColleagues(): Promise<void> {
    const r = await this.#client.call<{ counsellors: Colleague[] }>('GET', '/counsellors').catch(() => ({ counsellors: [] }));
    this.colleagues = r.counsellors.filter((c) => c.id !== this.me?.account.id);
  }

  #onFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'hello':
        if (this.me) this.me = { ...this.me, available: f.available };
        break;
      case 'queue':
        this.queue = f.items;
        this.live = f.live ?? [];
        break;
      case 'alert':
        this.alertText = `Urgent: a chat marked ${f.urgency} is waiting. It is at the top of the queue.`;
        if (this.sound) playAlertSound();
        break;
      case 'chat.assigned':
        if (!this.myChats.includes(f.conversationId)) this.myChats = [...this.myChats, f.conversationId];
        this.openChat ??= f.conversationId;
        break;
      case 'chat.transferred':
      case 'chat.returned':
      case 'chat.ended':
        this.myChats = this.myChats.filter((id) => id !== f.conversationId);
        if (this.openChat === f.conversationId) this.openChat = this.myChats[0] ?? null;
        this.notice =
          f.type === 'chat.ended'
            ? f.why === 'child_left'
              ? 'The child has left a chat.'
              : 'A chat has ended.'
            : f.type === 'chat.returned'
              ? 'A chat went back to the queue.'
              : 'A chat was transferred.';
        break;
      case 'line': {
        const next = new Map(this.liveLines);
        next.set(f.conversationId, [...(next.get(f.conversationId) ?? []), f.line]);
        this.liveLines = next;
        if (f.line.sender === 'child') {
          const t = new Map(this.typing);
          t.delete(f.conversationId);
          this.typing = t;
        }
        break;
      }
      case 'typing': {
        const t = new Map(this.typing);
        t.set(f.conversationId, Date.now());
        this.typing = t;
        break;
      }
      case 'presence': {
        const p = new Map(this.presence);
        p.set(f.conversationId, f.presence);
        this.presence = p;
        break;
      }
      case 'session.ended':
        this.#signedOut('Your session has ended. Please sign in again.');
        break;
      case 'pong':
        break;
      case 'error':
        this.notice = f.message;
        break;
    }
  }

  protected override render() {
    if (this.checking) return html`<main><p>Loading…</p></main>`;
    if (!this.me) return this.#renderSignIn();
    const me = this.me;
    const isSupervisor = me.account.role === 'supervisor';
    return html`
      <header>
        <h1>${this.helpline} console</h1>
        <p>Signed in as <strong>${me.account.firstName}</strong> (${me.account.role})</p>
        <label class="inline"><input type="checkbox" .checked=${me.available} @change=${(e: Event) => void this.#setAvailable((e.target as HTMLInputElement).checked)} /> Available for chats</label>
        <label class="inline"><input type="checkbox" .checked=${this.sound} @change=${(e: Event) => (this.sound = (e.target as HTMLInputElement).checked)} /> Sound for urgent chats</label>
        <button class="secondary" @click=${() => void this.#signOut()}>Sign out</button>
      </header>
      <main>
        <div role="alert">${this.alertText ? html`<div class="alert"><strong>${this.alertText}</strong> <button class="secondary" @click=${() => (this.alertText = '')}>Dismiss alert</button></div>` : nothing}</div>
        <p role="status" class="muted">${this.connection || this.notice}</p>
        <div class="layout">
          <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">Queue (${this.queue.length})</h2>
            ${this.queue.length === 0
              ? html`<p class="muted">Nobody is waiting.</p>`
              : html`<ol class="queue">
                  ${this.queue.map(
                    (q) => html`<li>
                      <span class="urgency ${q.urgency}">${q.urgency}</span>
                      ${q.returned ? html`<strong> returned</strong>` : nothing}
                      <span> waiting ${waited(q.waitingSince, this.now)}</span>
                      <p>${q.summaryLine || 'No summary yet'}</p>
                      <button ?disabled=${!me.available} @click=${() => void this.#accept(q.conversationId)} aria-label="Accept chat ${q.position}, ${q.urgency}">Accept</button>
                    </li>`,
                  )}
                </ol>`}
            ${!me.available ? html`<p class="muted">Switch on "Available for chats" to accept.</p>` : nothing}
            ${isSupervisor
              ? html`<h2>Live chats (${this.live.length})</h2>
                  <ul class="plain">
                    ${this.live.map(
                      (c) => html`<li>
                        <span class="urgency ${c.urgency}">${c.urgency}</span> with ${c.counsellorName}
                        <p>${c.summaryLine}</p>
                        <button class="secondary" @click=${() => void this.#join(c.conversationId)}>Join chat with ${c.counsellorName}</button>
                      </li>`,
                    )}
                  </ul>`
              : nothing}
          </section>
          <section aria-labelledby="chats-heading">
            <h2 id="chats-heading">Your chats (${this.myChats.length})</h2>
            ${this.myChats.length > 1
              ? html`<div class="tabs" role="group" aria-label="Open chats">
                  ${this.myChats.map(
                    (id, i) => html`<button class="secondary" aria-pressed=${this.openChat === id ? 'true' : 'false'} @click=${() => (this.openChat = id)}>Chat ${i + 1}</button>`,
                  )}
                </div>`
              : nothing}
            ${this.openChat
              ? html`<hb-console-chat
                  .client=${this.#client}
                  .conversationId=${this.openChat}
                  .me=${me.account}
                  .canned=${this.canned}
                  .colleagues=${this.colleagues}
                  .liveLines=${this.liveLines.get(this.openChat) ?? []}
                  .childTyping=${(this.typing.get(this.openChat) ?? 0) > this.now - 6_000}
                  .presence=${this.presence.get(this.openChat)}
                  @hb-console-need-colleagues=${() => void this.#loadColleagues()}
                ></hb-console-chat>`
              : html`<p class="muted">Accept a chat from the queue to start.</p>`}
          </section>
        </div>
      </main>
    `;
  }

  #renderSignIn() {
    return html`<main>
      <form class="sign-in" @submit=${(e: SubmitEvent) => void this.#signIn(e)}>
        <h1>${this.helpline} counsellor console</h1>
        <label for="username">Username</label>
        <input id="username" name="username" type="text" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p role="alert" class="error">${this.signInError}</p>
        <button type="submit">Sign in</button>
      </form>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-console': HbConsole;
  }
}
