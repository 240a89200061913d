import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ConsoleAuth, AuthenticatedSession } from '../../auth/console-auth.js';
import type { ConsoleEvent } from '../../handoff/console-events.js';
import type { LiveHandoffService } from '../../handoff/service.js';
import type { HarbourChannelData } from '../../protocol/index.js';
import type { ChildPresence, ConversationService, LiveItem } from '../../sessions/types.js';
import type { ParticipantRepository } from '../../store/console-types.js';
import { buildTranscript } from './chat-view.js';

/** Close codes of `/console/socket` (docs/console.md). */
export const CONSOLE_CLOSE = {
  signedOut: 4401,
  policy: 1008,
  restart: 1012,
} as const;

/** One open console socket. */
interface Entry {
  readonly id: string;
  readonly socket: WebSocket;
  readonly idHash: string;
  readonly account: AuthenticatedSession['account'];
  readonly watching: Map<string, () => void>;
  readonly presence: Map<string, ChildPresence>;
  /** Frames are handled one at a time, in the order they came. */
  chain: Promise<void>;
}

/** What a console may send (every frame is checked against this before anything else). */
type ClientFrame =
  | { type: 'ping' }
  | { type: 'active' }
  | { type: 'typing'; conversationId: string }
  | { type: 'watch'; conversationId: string };

function parseFrame(raw: string): ClientFrame | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const f = v as Record<string, unknown>;
  if (f['type'] === 'ping' || f['type'] === 'active') return { type: f['type'] };
  if ((f['type'] === 'typing' || f['type'] === 'watch') && typeof f['conversationId'] === 'string' && f['conversationId'].length <= 100) {
    return { type: f['type'], conversationId: f['conversationId'] };
  }
  return null;
}

/**
 * Every open console socket: pushes the queue, alerts and live chat items to the right people,
 * keeps each socket's session honest (expiry, sign-out close the socket), and tells the handoff
 * service when a counsellor's last socket is gone (their chats go back to the queue).
 */
export class ConsoleSockets {
  readonly #entries = new Map<string, Entry>();
  readonly #offEvents: () => void;
  readonly #offSessions: () => void;

  constructor(
    private readonly deps: {
      readonly auth: ConsoleAuth;
      readonly handoff: LiveHandoffService;
      readonly conversations: ConversationService;
      readonly participants: ParticipantRepository;
      readonly log: { error(o: object, m: string): void; warn(o: object, m: string): void };
    },
  ) {
    this.#offEvents = deps.handoff.onConsoleEvent((e) => this.#onEvent(e));
    this.#offSessions = deps.auth.onSessionEnded((e) => {
      void this.#sessionEnded(e.idHash, e.accountId, e.reason).catch((err: unknown) => deps.log.error({ err }, 'closing console sockets failed'));
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Takes an authenticated, upgraded socket. Handlers are attached synchronously. */
  open(socket: WebSocket, session: AuthenticatedSession): void {
    const entry: Entry = { id: randomUUID(), socket, idHash: session.idHash, account: session.account, watching: new Map(), presence: new Map(), chain: Promise.resolve() };
    this.#entries.set(entry.id, entry);
    socket.on('message', (data, isBinary) => {
      const raw = isBinary ? null : Buffer.isBuffer(data) ? data.toString('utf8') : null;
      entry.chain = entry.chain
        .then(() => this.#onMessage(entry, raw))
        .catch((err: unknown) => {
          this.deps.log.error({ err, accountId: entry.account.id }, 'console frame failed');
        });
    });
    socket.on('close', () => {
      void this.#onClose(entry).catch((err: unknown) => this.deps.log.error({ err }, 'console close failed'));
    });
    socket.on('error', () => socket.terminate());
    this.deps.handoff.consoleConnected(entry.account, entry.id);
    this.#send(entry, {
      type: 'hello',
      account: { id: entry.account.id, firstName: entry.account.firstName, role: entry.account.role },
      available: this.deps.handoff.isAvailable(entry.account.id),
    });
    this.#sendQueue(entry);
    for (const conversationId of this.deps.handoff.chatsOf(entry.account.id)) this.#watch(entry, conversationId);
  }

  /** Re-checks every socket's session (expiry ends it) and pushes child presence changes. */
  async sweep(): Promise<void> {
    const checked = new Map<string, boolean>();
    for (const entry of [...this.#entries.values()]) {
      let live = checked.get(entry.idHash);
      if (live === undefined) {
        live = (await this.deps.auth.authenticateHash(entry.idHash)).ok;
        checked.set(entry.idHash, live);
      }
      if (!live) {
        entry.socket.close(CONSOLE_CLOSE.signedOut, 'session ended');
        continue;
      }
      this.#pushPresence(entry);
    }
  }

  /** Pushes child presence changes (online, offline, left quickly) to the consoles watching. In memory only. */
  pushPresence(): void {
    for (const entry of this.#entries.values()) this.#pushPresence(entry);
  }

  /** Closes every socket (server shutdown). */
  closeAll(code: number = CONSOLE_CLOSE.restart): void {
    for (const entry of this.#entries.values()) entry.socket.close(code, 'server restarting');
  }

  dispose(): void {
    this.#offEvents();
    this.#offSessions();
  }

  async #sessionEnded(idHash: string, accountId: string, reason: string): Promise<void> {
    const mine = [...this.#entries.values()].filter((e) => e.idHash === idHash);
    const others = [...this.#entries.values()].some((e) => e.account.id === accountId && e.idHash !== idHash);
    if (!others && reason !== 'rotated') {
      await this.deps.handoff.counsellorGone(accountId, reason === 'signed_out' ? 'signed_out' : 'session_expired');
    }
    for (const entry of mine) {
      this.#send(entry, { type: 'session.ended', reason });
      entry.socket.close(CONSOLE_CLOSE.signedOut, 'session ended');
    }
  }

  async #onMessage(entry: Entry, raw: string | null): Promise<void> {
    const frame = raw === null ? null : parseFrame(raw);
    if (!frame) {
      this.#send(entry, { type: 'error', code: 'HARBOUR_ERR_CONSOLE_FRAME', message: 'That frame is not one the console understands.' });
      return;
    }
    const auth = await this.deps.auth.authenticateHash(entry.idHash);
    if (!auth.ok) {
      entry.socket.close(CONSOLE_CLOSE.signedOut, 'session ended');
      return;
    }
    // Automatic pings keep the socket alive but are not the counsellor doing anything.
    if (frame.type !== 'ping') await this.deps.auth.touch(entry.idHash);
    switch (frame.type) {
      case 'ping':
        this.#send(entry, { type: 'pong' });
        return;
      case 'active':
        return;
      case 'typing':
        if (this.deps.handoff.isInChat(entry.account.id, frame.conversationId)) {
          this.deps.conversations.typing(frame.conversationId, 'counsellor', entry.account.firstName);
        }
        return;
      case 'watch': {
        const allowed =
          entry.account.role === 'supervisor' ||
          this.deps.handoff.isInChat(entry.account.id, frame.conversationId) ||
          (await this.deps.participants.isParticipant(frame.conversationId, entry.account.id));
        if (!allowed) {
          this.#send(entry, { type: 'error', code: 'HARBOUR_ERR_CONSOLE_FORBIDDEN', message: 'You are not part of this chat.' });
          return;
        }
        this.#watch(entry, frame.conversationId);
        return;
      }
    }
  }

  async #onClose(entry: Entry): Promise<void> {
    if (!this.#entries.delete(entry.id)) return;
    for (const off of entry.watching.values()) off();
    entry.watching.clear();
    await this.deps.handoff.consoleDisconnected(entry.account.id, entry.id);
  }

  #onEvent(event: ConsoleEvent): void {
    for (const entry of this.#entries.values()) {
      switch (event.type) {
        case 'queue.changed':
          this.#sendQueue(entry);
          break;
        case 'queue.alert':
          if (event.recipients.includes(entry.account.id)) {
            this.#send(entry, { type: 'alert', conversationId: event.conversationId, urgency: event.urgency, at: Date.now() });
          }
          break;
        case 'chat.assigned':
          if (event.counsellorId === entry.account.id) {
            this.#watch(entry, event.conversationId);
            this.#send(entry, { type: 'chat.assigned', conversationId: event.conversationId });
          } else if (entry.watching.has(event.conversationId) && entry.account.role !== 'supervisor') {
            this.#unwatch(entry, event.conversationId);
            this.#send(entry, { type: 'chat.transferred', conversationId: event.conversationId });
          }
          break;
        case 'chat.returned':
          if (entry.watching.has(event.conversationId)) {
            this.#unwatch(entry, event.conversationId);
            this.#send(entry, { type: 'chat.returned', conversationId: event.conversationId, why: event.why });
          }
          break;
        case 'chat.ended':
          if (entry.watching.has(event.conversationId)) {
            this.#unwatch(entry, event.conversationId);
            this.#send(entry, { type: 'chat.ended', conversationId: event.conversationId, why: event.why });
          }
          break;
        case 'roster.changed':
          if (entry.account.role === 'supervisor') this.#sendQueue(entry);
          break;
      }
    }
  }

  #watch(entry: Entry, conversationId: string): void {
    if (entry.watching.has(conversationId)) return;
    const off = this.deps.conversations.subscribe(conversationId, (item) => this.#forward(entry, conversationId, item));
    entry.watching.set(conversationId, off);
    entry.presence.set(conversationId, this.deps.conversations.childPresence(conversationId));
    this.#send(entry, { type: 'presence', conversationId, presence: entry.presence.get(conversationId) });
  }

  #unwatch(entry: Entry, conversationId: string): void {
    entry.watching.get(conversationId)?.();
    entry.watching.delete(conversationId);
    entry.presence.delete(conversationId);
  }

  #forward(entry: Entry, conversationId: string, item: LiveItem): void {
    if (item.kind === 'ephemeral') {
      if (item.activity.type === 'typing' && (item.activity.channelData as HarbourChannelData | undefined)?.sender === 'child') {
        this.#send(entry, { type: 'typing', conversationId, from: 'child' });
      }
      return;
    }
    const [line] = buildTranscript([item.stored], []).lines;
    if (line) this.#send(entry, { type: 'line', conversationId, line });
    this.#pushPresence(entry);
  }

  #pushPresence(entry: Entry): void {
    for (const [conversationId, before] of entry.presence) {
      const now = this.deps.conversations.childPresence(conversationId);
      if (now !== before) {
        entry.presence.set(conversationId, now);
        this.#send(entry, { type: 'presence', conversationId, presence: now });
      }
    }
  }

  #sendQueue(entry: Entry): void {
    this.#send(entry, {
      type: 'queue',
      items: this.deps.handoff.queueView(),
      ...(entry.account.role === 'supervisor' ? { live: this.deps.handoff.liveChats() } : {}),
    });
  }

  #send(entry: Entry, frame: Record<string, unknown>): void {
    if (entry.socket.readyState !== entry.socket.OPEN) return;
    entry.socket.send(JSON.stringify(frame));
  }
}
