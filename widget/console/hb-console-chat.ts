import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsoleClient } from './console-client.js';
import { consoleStyles } from './console.styles.js';
import type { Account, CannedReply, ChatView, Colleague, Line, Presence } from './types.js';

const PRESENCE: Record<Presence, string> = {
  online: 'The child is online.',
  offline: 'The child is offline (they may come back).',
  left_quickly: 'The child left quickly (quick exit).',
  ended: 'The child has closed the chat.',
};

/** A child's message as text with the flagged stretches in <mark>: text nodes only, never HTML. */
export function highlighted(line: Line) {
  if (line.highlights.length === 0) return html`${line.text}`;
  const parts = [];
  let at = 0;
  for (const h of line.highlights) {
    if (h.start > at) parts.push(html`${line.text.slice(at, h.start)}`);
    parts.push(html`<mark title="Flagged: ${h.category.replace(/_/g, ' ')}">${line.text.slice(h.start, h.end)}</mark>`);
    at = h.end;
  }
  if (at < line.text.length) parts.push(html`${line.text.slice(at)}`);
  return parts;
}

/**
 * One chat in the console: who and why (the bot's summary and the findings), the transcript with
 * evidence highlighted, the composer with canned responses, and the case tools (notes, hold,
 * referral, export, transfer, end, detector feedback).
 *
 * @fires hb-console-need-colleagues - The transfer list is about to be shown; the parent loads colleagues.
 */
@customElement('hb-console-chat')
export class HbConsoleChat extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .transcript { padding: 0.5em; border: 1px solid #ccc; border-radius: 4px; max-height: 28em; overflow-y: auto; }
      .transcript ol { list-style: none; padding: 0; margin: 0; }
      .transcript li { margin: 0.35em 0; }
      .who { font-weight: 700; }
      .child .who { color: #0b2c52; }
      .system { color: #505050; font-size: 0.9rem; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; }
      details { margin: 0.5em 0; border: 1px solid #ccc; border-radius: 4px; padding: 0.4em 0.6em; }
      summary { cursor: pointer; font-weight: 600; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.3em 0; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      .row { display: flex; gap: 0.5em; flex-wrap: wrap; align-items: end; margin-top: 0.5em; }
      button.small { font-size: 0.8rem; padding: 0 0.4em; }
    `,
  ];

  @property({ attribute: false }) client!: ConsoleClient;
  @property() conversationId = '';
  @property({ attribute: false }) me!: Account;
  @property({ attribute: false }) canned: readonly CannedReply[] = [];
  @property({ attribute: false }) colleagues: readonly Colleague[] = [];
  @property({ attribute: false }) liveLines: readonly Line[] = [];
  @property({ type: Boolean }) childTyping = false;
  @property() presence: Presence | undefined;

  @state() private view: ChatView | null = null;
  @state() private error = '';
  @state() private status = '';
  @state() private draft = '';
  @state() private exported = '';
  #lastTyping = 0;
  #sent = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && this.conversationId) {
      this.view = null;
      this.exported = '';
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    try {
      this.view = await this.client.call<ChatView>('GET', `/chats/${encodeURIComponent(this.conversationId)}`);
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  #lines(): Line[] {
    const bySeq = new Map<number, Line>();
    for (const l of this.view?.lines ?? []) bySeq.set(l.seq, l);
    for (const l of this.liveLines) if (!bySeq.has(l.seq)) bySeq.set(l.seq, l);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  async #do(what: string, fn: () => Promise<unknown>, reload = true): Promise<boolean> {
    try {
      await fn();
      this.status = what;
      if (reload) await this.#load();
      return true;
    } catch (err) {
      this.status = (err as Error).message;
      return false;
    }
  }

  #path(rest = ''): string {
    return `/chats/${encodeURIComponent(this.conversationId)}${rest}`;
  }

  async #send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = this.draft.trim();
    if (!text) return;
    const ok = await this.#do('Sent.', () => this.client.call('POST', this.#path('/messages'), { text, clientId: `${Date.now()}-${++this.#sent}` }), false);
    if (ok) this.draft = '';
  }

  #onInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    const now = Date.now();
    if (now - this.#lastTyping > 3_000) {
      this.#lastTyping = now;
      this.client.send({ type: 'typing', conversationId: this.conversationId });
    }
  }

  #form(e: SubmitEvent): Record<string, string> {
    e.preventDefault();
    return Object.fromEntries([...new FormData(e.target as HTMLFormElement).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  }

  protected override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const v = this.view;
    if (!v) return html`<p>Loading the chat…</p>`;
    const presence = this.presence ?? v.presence;
    const mine = v.state === 'live' && (v.yours || this.me.role === 'supervisor');
    const s = v.summary;
    return html`
      <h3>Chat ${v.urgency ? html`<span class="urgency ${v.urgency}">${v.urgency}</span>` : nothing}</h3>
      <p role="status">${PRESENCE[presence]}</p>
      <details open>
        <summary>The bot's summary</summary>
        <dl>
          <dt>Who</dt><dd>${s.audience?.replace(/_/g, ' ') ?? 'not said'}</dd>
          <dt>Age</dt><dd>${s.ageBand ?? 'not given'}</dd>
          <dt>App or game</dt><dd>${s.app ?? 'not said'}</dd>
          <dt>How long</dt><dd>${s.duration ?? 'not said'}</dd>
          <dt>Asked to do</dt><dd>${s.asked?.join(', ') || 'not said'}</dd>
          <dt>Feelings</dt><dd>${s.feelings?.join(', ') || 'not said'}</dd>
          <dt>Trusts</dt><dd>${s.trustedAdult ?? 'not said'}</dd>
          <dt>Who it is</dt><dd>${s.homeIsUnsafe ? 'someone at home (never suggest telling them)' : s.knownAdult ? 'a grown-up the child knows, in person' : 'not said'}</dd>
          <dt>Account</dt><dd>${s.accountHacked ? 'hacked, or a copy made of it' : 'not said'}</dd>
          <dt>Waiting since</dt><dd>${v.waitingSince ? new Date(v.waitingSince).toLocaleTimeString() : 'not queued'}</dd>
        </dl>
        <h4>Findings</h4>
        ${v.findings.length === 0
          ? html`<p class="muted">No red flags were found; the child asked for a person.</p>`
          : html`<ul>
              ${v.findings.map(
                (f) => html`<li>
                  <strong>${f.category.replace(/_/g, ' ')}</strong> (${f.urgency}, ${Math.round(f.confidence * 100)}% sure):
                  ${f.evidence.length > 0 ? html`“${f.evidence.map((e) => e.text).join('”, “')}”` : html`from the conversation, not from one message's words (${f.rule})`}
                  <button class="small secondary" @click=${() =>
                    void this.#do('Marked as a false alarm. Thank you.', () =>
                      this.client.call('POST', this.#path('/feedback'), { kind: 'false_alarm', seq: f.evidence.find((e) => e.seq !== null)?.seq ?? 1, rule: f.rule }),
                    )}>Mark ${f.category.replace(/_/g, ' ')} as a false alarm</button>
                </li>`,
              )}
            </ul>`}
      </details>

      <h4 id="transcript-heading">Transcript</h4>
      <div class="transcript" role="log" aria-labelledby="transcript-heading" tabindex="0"><ol>
        ${this.#lines().map(
          (l) => html`<li class=${l.sender}>
            ${l.sender === 'system'
              ? html`<span class="system">${l.text}</span>`
              : html`<span class="who">${l.sender === 'child' ? 'Child' : l.sender === 'bot' ? 'Bot' : l.name || 'Counsellor'}:</span>
                  <span class="text">${l.sender === 'child' ? highlighted(l) : l.text}</span>
                  ${l.sender === 'child'
                    ? html`<button class="small secondary" @click=${() =>
                        void this.#do('Marked as missed by the bot. Thank you.', () => this.client.call('POST', this.#path('/feedback'), { kind: 'missed', seq: l.seq }), false)} aria-label="Mark message ${l.seq} as missed by the bot">Missed</button>`
                    : nothing}`}
          </li>`,
        )}
      </ol></div>
      <p class="muted" role="status">${this.childTyping ? 'The child is typing…' : nothing}</p>

      ${mine
        ? html`<form @submit=${(e: SubmitEvent) => void this.#send(e)}>
              <label for="canned">Canned response</label>
              <select id="canned" @change=${(e: Event) => {
                const r = this.canned.find((c) => c.id === (e.target as HTMLSelectElement).value);
                if (r) this.draft = this.draft ? `${this.draft} ${r.text}` : r.text;
                (e.target as HTMLSelectElement).value = '';
              }}>
                <option value="">Choose one to insert…</option>
                ${this.canned.map((c) => html`<option value=${c.id}>${c.title}</option>`)}
              </select>
              <label for="reply">Your message to the child</label>
              <textarea id="reply" .value=${this.draft} @input=${(e: Event) => this.#onInput(e)} maxlength="4000"></textarea>
              <div class="row"><button type="submit">Send</button></div>
            </form>
            <div class="row">
              <button class="danger" @click=${() => {
                if (confirm('End this chat? The child will see a kind goodbye and the helpline numbers.')) {
                  void this.#do('The chat has ended.', () => this.client.call('POST', this.#path('/end')), false);
                }
              }}>End chat</button>
            </div>
            <details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.dispatchEvent(new CustomEvent('hb-console-need-colleagues'))}>
              <summary>Transfer to a colleague</summary>
              <form @submit=${(e: SubmitEvent) => {
                const f = this.#form(e);
                void this.#do('Transferred.', () => this.client.call('POST', this.#path('/transfer'), { toAccountId: f['to'] ?? '' }), false);
              }}>
                <label for="transfer-to">Colleague</label>
                <select id="transfer-to" name="to" required>
                  ${this.colleagues.map((c) => html`<option value=${c.id} ?disabled=${!c.canTakeChats}>${c.firstName} (${c.role})${c.canTakeChats ? '' : ' – not available'}</option>`)}
                </select>
                <div class="row"><button type="submit">Transfer</button></div>
              </form>
            </details>`
        : html`<p class="muted">${v.state === 'live' ? `${v.counsellor?.firstName ?? 'A colleague'} is with this child.` : 'This chat is not live.'}</p>`}

      <details>
        <summary>Private case notes (${v.notes.length})</summary>
        <ul>${v.notes.map((n) => html`<li><span class="muted">${new Date(n.at).toLocaleString()}</span> <span class="text">${n.text}</span></li>`)}</ul>
        <form @submit=${(e: SubmitEvent) => {
          const f = this.#form(e);
          (e.target as HTMLFormElement).reset();
          void this.#do('Note saved.', () => this.client.call('POST', this.#path('/notes'), { text: f['text'] ?? '' }));
        }}>
          <label for="note">New note (the child never sees notes)</label>
          <textarea id="note" name="text" required maxlength="8000"></textarea>
          <div class="row"><button type="submit">Save note</button></div>
        </form>
      </details>

      <details>
        <summary>Safeguarding</summary>
        <h4>Hold</h4>
        ${v.holds.length === 0
          ? html`<p class="muted">No hold. This chat will be deleted when the retention period ends.</p>`
          : html`<ul>${v.holds.map(
              (h) => html`<li>Held: <span class="text">${h.reason}</span>
                <button class="small secondary" @click=${() => void this.#do('Hold released.', () => this.client.call('DELETE', this.#path(`/hold/${h.id}`)))}>Release hold</button></li>`,
            )}</ul>`}
        <form @submit=${(e: SubmitEvent) => {
          const f = this.#form(e);
          (e.target as HTMLFormElement).reset();
          void this.#do('Hold placed: this chat will not be deleted.', () => this.client.call('POST', this.#path('/hold'), { reason: f['reason'] ?? '' }));
        }}>
          <label for="hold-reason">Reason for a hold</label>
          <input id="hold-reason" name="reason" type="text" required minlength="3" maxlength="500" />
          <div class="row"><button type="submit">Place hold</button></div>
        </form>
        <h4>Referrals (${v.referrals.length})</h4>
        <ul>${v.referrals.map((r) => html`<li>To <strong>${r.toWhom}</strong>: <span class="text">${r.why}</span></li>`)}</ul>
        <form @submit=${(e: SubmitEvent) => {
          const f = this.#form(e);
          (e.target as HTMLFormElement).reset();
          void this.#do('Referral recorded.', () => this.client.call('POST', this.#path('/referrals'), { toWhom: f['toWhom'] ?? '', why: f['why'] ?? '' }));
        }}>
          <label for="ref-to">Referred to</label>
          <input id="ref-to" name="toWhom" type="text" required minlength="2" maxlength="500" />
          <label for="ref-why">Why</label>
          <textarea id="ref-why" name="why" required minlength="3" maxlength="1000"></textarea>
          <div class="row"><button type="submit">Record referral</button></div>
        </form>
        <h4>Export for a referral</h4>
        <form @submit=${(e: SubmitEvent) => {
          const f = this.#form(e);
          void this.#do('Transcript exported.', async () => {
            const r = await this.client.call<{ text: string }>('POST', this.#path('/export'), { reason: f['reason'] ?? '' });
            this.exported = r.text;
          }, false);
        }}>
          <label for="export-reason">Reason for the export (required, at least 10 characters)</label>
          <input id="export-reason" name="reason" type="text" required minlength="10" maxlength="1000" />
          <div class="row"><button type="submit">Export transcript</button></div>
        </form>
        ${this.exported
          ? html`<label for="export-text">Exported transcript (the child's exact words)</label>
              <textarea id="export-text" readonly rows="10" .value=${this.exported}></textarea>`
          : nothing}
      </details>
      <p role="status" class="muted">${this.status}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-console-chat': HbConsoleChat;
  }
}
