import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorValue, ResumeValue, SessionValue, WireActivity } from '../server/protocol/index.js';
import { CLOSE, EVENT } from '../server/protocol/index.js';
import { backoffDelay } from './backoff.js';
import { ChatLog, channelOf } from './chat-log.js';
import { STRINGS } from './strings.js';

/** Where the connection stands; `STRINGS.connection` has the words for each. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'replaced' | 'ended';

/** The part of the browser WebSocket the controller uses (so tests can pass `ws`'s class). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}
export type SocketFactory = new (url: string) => SocketLike;

export interface ConnectionOptions {
  /** The socket URL, `ws(s)://…/chat`. Read at every connect. */
  readonly url: () => string;
  readonly locale?: () => string | undefined;
  /** Defaults to `sessionStorage`; only the opaque resume token is ever stored. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly WebSocket?: SocketFactory;
  readonly random?: () => number;
  readonly newId?: () => string;
  /** The server refused a message as too long: give its text back to the composer. */
  readonly onTooLong?: (text: string, maxChars: number) => void;
}

/** The one key the widget writes to `sessionStorage`. */
export const TOKEN_KEY = 'harbour.resume';
/** App-level keep-alive: browsers cannot see WebSocket pings. */
export const PING_EVERY_MS = 20_000;
/** No frame at all for this long after a ping: the socket is dead, reconnect. */
export const PONG_TIMEOUT_MS = 10_000;
/** No ack for this long while connected: mark the message failed so the child can retry. */
export const ACK_TIMEOUT_MS = 20_000;
/** A counsellor's typing indicator fades after this long without another typing activity. */
export const TYPING_SHOW_MS = 6_000;
const OPEN = 1;

/**
 * The socket behind `<harbour-chat>`: connect, resume, retry with backoff and jitter, keep-alive,
 * and a visible status for every message the child sends. Everything the widget shows lives in
 * `log`, `state` and `typingName`; the host re-renders when they change.
 */
export class ConnectionController implements ReactiveController {
  readonly log = new ChatLog();
  state: ConnectionState = 'idle';
  /** A counsellor who is typing right now, or undefined. */
  typingName: string | undefined;
  maxTextChars = 2_000;

  #socket: SocketLike | undefined;
  #attempt = 0;
  #hasConnected = false;
  #isStopped = true;
  #conversationId: string | undefined;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #counter = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConnectionOptions,
  ) {
    host.addController(this);
  }

  /** The conversation this tab is in, once the server said (never stored). */
  get conversationId(): string | undefined {
    return this.#conversationId;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    this.stop();
  }

  /** Open the socket (resuming if this tab has a token). Safe to call twice. */
  start(): void {
    if (!this.#isStopped || this.state === 'replaced') return;
    this.#isStopped = false;
    this.#connect();
  }

  /** Close the socket and every timer; the transcript stays. */
  stop(): void {
    this.#isStopped = true;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) {
      socket.onclose = null;
      socket.onmessage = null;
      try {
        socket.close(CLOSE.normal);
      } catch {
        // Already closed: nothing to do.
      }
    }
  }

  /** The child sends a message: it shows at once as "sending" and goes when the socket can take it. */
  send(text: string): string {
    const id = this.#newId();
    this.log.addOwn(id, text);
    this.#transmit(id, text);
    this.host.requestUpdate();
    return id;
  }

  /** Tell the other side the child is typing (only while connected; never queued). */
  typing(): void {
    if (this.state === 'connected') this.#sendFrame({ type: 'typing' });
  }

  /** Re-send a failed message with the same client id (the server never processes it twice). */
  retry(id: string): void {
    const item = this.log.find(id);
    if (item === undefined || item.status !== 'failed') return;
    this.log.setStatus(id, 'sending');
    this.#transmit(id, item.text);
    this.host.requestUpdate();
  }

  /**
   * Quick exit: tell the server (best effort; it revokes the token), then forget everything.
   * Returns at once: the caller navigates away without waiting.
   */
  quickExit(): void {
    const socket = this.#socket;
    if (socket !== undefined && socket.readyState === OPEN) {
      try {
        socket.send(JSON.stringify({ type: 'event', name: EVENT.quickExit }));
      } catch {
        // Best effort: the server also revokes tokens after 30 minutes offline.
      }
    }
    this.stop();
    this.#forgetToken();
    this.log.clear();
    this.typingName = undefined;
    this.#conversationId = undefined;
    this.state = 'idle';
  }

  // ---- socket ---------------------------------------------------------------------------------

  #connect(): void {
    if (this.#isStopped || this.#socket !== undefined) return;
    if (globalThis.navigator?.onLine === false) {
      this.#setState('offline');
      return;
    }
    this.#setState(this.#hasConnected ? 'reconnecting' : 'connecting');
    const Impl = this.options.WebSocket ?? (globalThis.WebSocket as unknown as SocketFactory);
    let socket: SocketLike;
    try {
      socket = new Impl(this.options.url());
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      const token = this.#readToken();
      if (token !== null) {
        const value: ResumeValue = { token, lastSeq: this.log.lastSeq };
        this.#sendFrame({ type: 'event', name: EVENT.resume, value });
      }
    };
    socket.onmessage = (ev) => {
      this.#onAnyFrame();
      if (typeof ev.data !== 'string') return;
      let activity: WireActivity;
      try {
        activity = JSON.parse(ev.data) as WireActivity;
      } catch {
        return; // Not ours to show; the server never sends this.
      }
      if (activity === null || typeof activity !== 'object' || typeof activity.type !== 'string') return;
      this.#handle(activity);
    };
    socket.onerror = () => {
      // A close event always follows; reconnect is decided there.
    };
    socket.onclose = (ev) => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#stopPing();
      this.#stopAckTimers();
      this.#onClose(ev.code);
    };
  }

  #onClose(code: number): void {
    switch (code) {
      case CLOSE.replaced:
        // A newer tab or window has this chat now; fighting it would loop forever.
        this.#isStopped = true;
        this.#setState('replaced');
        return;
      case CLOSE.ended:
        this.#forgetToken();
        this.#isStopped = true;
        this.#setState('ended');
        return;
      default:
        if (this.#isStopped) return;
        this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (this.#isStopped) return;
    const isOffline = globalThis.navigator?.onLine === false;
    this.#setState(isOffline ? 'offline' : this.#hasConnected ? 'reconnecting' : 'connecting');
    if (isOffline) return; // the `online` event reconnects
    const delay = backoffDelay(this.#attempt++, this.options.random);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#connect();
    }, delay);
  }

  #onOnline = (): void => {
    if (this.#isStopped || this.#socket !== undefined) return;
    clearTimeout(this.#reconnectTimer);
    this.#attempt = 0;
    this.#connect();
  };

  #onOffline = (): void => {
    if (this.#isStopped) return;
    // The socket is as good as dead; drop it now and resume (replaying what was missed) when back.
    this.#dropSocket();
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#setState('offline');
  };

  /** Forget the current socket without reacting to its close. */
  #dropSocket(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#stopPing();
    this.#stopAckTimers();
    if (socket === undefined) return;
    socket.onclose = null;
    socket.onmessage = null;
    socket.onopen = null;
    try {
      socket.close();
    } catch {
      // Already closed.
    }
  }

  // ---- frames ---------------------------------------------------------------------------------

  #handle(activity: WireActivity): void {
    if (activity.type === 'event') {
      switch (activity.name) {
        case EVENT.session:
          this.#onSession(activity.value as SessionValue);
          return;
        case EVENT.pong:
          return;
        case EVENT.error:
          // After a deletion the refused message is gone with everything else: nothing to mark.
          if (this.#isStopped) return;
          this.#onError(activity.value as ErrorValue);
          return;
        case EVENT.conversationDeleted:
          this.#onDeleted(activity.value as { message?: unknown } | undefined);
          return;
        default:
          break;
      }
    }
    if (activity.type === 'typing') {
      // Only a connected counsellor's keystrokes show; the bot never types.
      if (channelOf(activity).sender === 'counsellor') {
        this.#showTyping(typeof activity.from?.name === 'string' && activity.from.name !== '' ? activity.from.name : 'A counsellor');
      }
      return;
    }
    if (activity.type === 'message' && channelOf(activity).sender === 'counsellor') this.#hideTyping();
    const changed = this.log.receive(activity);
    // Acks: stop waiting for any message that is now sent.
    for (const [id, timer] of this.#ackTimers) {
      if (this.log.find(id)?.status === 'sent') {
        clearTimeout(timer);
        this.#ackTimers.delete(id);
      }
    }
    if (activity.type === 'event' && activity.name === EVENT.conversationEnded) this.#forgetToken();
    if (changed) this.host.requestUpdate();
  }

  /** The child asked for the chat to be deleted and it was: forget it all, say so in plain words. */
  #onDeleted(value: { message?: unknown } | undefined): void {
    this.#forgetToken();
    this.#isStopped = true;
    for (const timer of this.#ackTimers.values()) clearTimeout(timer);
    this.#ackTimers.clear();
    this.log.clear();
    this.log.newConversation(typeof value?.message === 'string' && value.message !== '' ? value.message : STRINGS.deleted);
    this.typingName = undefined;
    this.#conversationId = undefined;
    this.#setState('ended');
    this.host.requestUpdate();
  }

  #onSession(value: SessionValue): void {
    if (value === null || typeof value !== 'object' || typeof value.token !== 'string') return;
    if (this.#conversationId !== undefined && value.conversationId !== this.#conversationId) {
      // The old chat could not be resumed (it ended or its token expired): say so, keep what is
      // on screen, and send what the child was still trying to send into the new one.
      this.log.newConversation(STRINGS.newConversation);
    }
    this.#conversationId = value.conversationId;
    this.#writeToken(value.token);
    if (typeof value.limits?.maxTextChars === 'number') this.maxTextChars = value.limits.maxTextChars;
    this.#attempt = 0;
    this.#hasConnected = true;
    this.#setState('connected');
    this.#startPing();
    for (const p of this.log.pending()) if (p.status === 'sending') this.#transmit(p.id, p.text);
  }

  #onError(value: ErrorValue): void {
    if (value === null || typeof value !== 'object') return;
    const id = value.replyToId;
    const item = id !== undefined ? this.log.find(id) : undefined;
    if (id === undefined || item === undefined || item.sender !== 'child') return;
    this.#clearAck(id);
    if (typeof value.retryAfterMs === 'number') {
      // Typing fast is fine: wait as asked, then send the same message again.
      this.log.setStatus(id, 'waiting');
      this.#later(Math.max(0, value.retryAfterMs), () => {
        if (this.log.find(id)?.status !== 'waiting') return;
        this.log.setStatus(id, 'sending');
        this.#transmit(id, item.text);
        this.host.requestUpdate();
      });
    } else if (value.code === 'HARBOUR_ERR_TEXT_TOO_LONG') {
      this.log.remove(id);
      this.options.onTooLong?.(item.text, this.maxTextChars);
    } else {
      this.log.setStatus(id, 'failed', typeof value.message === 'string' ? value.message : undefined);
    }
    this.host.requestUpdate();
  }

  #transmit(id: string, text: string): void {
    if (this.state !== 'connected' || this.#socket?.readyState !== OPEN) return; // flushed on `session`
    const locale = this.options.locale?.();
    this.#sendFrame({
      type: 'message',
      id,
      text,
      textFormat: 'plain',
      ...(locale !== undefined && { locale }),
      channelData: { clientActivityID: id },
    });
    this.#clearAck(id);
    this.#ackTimers.set(
      id,
      setTimeout(() => {
        this.#ackTimers.delete(id);
        if (this.log.find(id)?.status !== 'sending') return;
        this.log.setStatus(id, 'failed');
        this.host.requestUpdate();
      }, ACK_TIMEOUT_MS),
    );
  }

  #sendFrame(frame: WireActivity): void {
    try {
      this.#socket?.send(JSON.stringify(frame));
    } catch {
      // The close handler reconnects; pending messages are re-sent then.
    }
  }

  // ---- keep-alive and typing ------------------------------------------------------------------

  #startPing(): void {
    this.#stopPing();
    this.#pingTimer = setInterval(() => {
      this.#sendFrame({ type: 'event', name: EVENT.ping, value: Date.now() });
      if (this.#pongTimer === undefined) {
        this.#pongTimer = setTimeout(() => {
          this.#pongTimer = undefined;
          // Nothing heard since the ping: the socket is dead (e.g. a phone went into a tunnel).
          this.#dropSocket();
          this.#scheduleReconnect();
        }, PONG_TIMEOUT_MS);
      }
    }, PING_EVERY_MS);
  }

  #onAnyFrame(): void {
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
  }

  #stopPing(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
  }

  #showTyping(name: string): void {
    this.typingName = name;
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#hideTyping(), TYPING_SHOW_MS);
    this.host.requestUpdate();
  }

  #hideTyping(): void {
    clearTimeout(this.#typingTimer);
    this.#typingTimer = undefined;
    if (this.typingName === undefined) return;
    this.typingName = undefined;
    this.host.requestUpdate();
  }

  // ---- helpers --------------------------------------------------------------------------------

  #setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.requestUpdate();
  }

  #later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  /**
   * The socket is gone: stop waiting for acks. Messages still `sending` stay so and are sent again
   * (same client id) when the next socket's `session` arrives, so a long outage never marks them
   * failed.
   */
  #stopAckTimers(): void {
    for (const t of this.#ackTimers.values()) clearTimeout(t);
    this.#ackTimers.clear();
  }

  #clearAck(id: string): void {
    clearTimeout(this.#ackTimers.get(id));
    this.#ackTimers.delete(id);
  }

  #clearTimers(): void {
    this.#stopPing();
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    clearTimeout(this.#typingTimer);
    this.#typingTimer = undefined;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const t of this.#ackTimers.values()) clearTimeout(t);
    this.#ackTimers.clear();
  }

  #newId(): string {
    if (this.options.newId !== undefined) return this.options.newId();
    const random = globalThis.crypto?.randomUUID?.();
    return random ?? `c-${Date.now().toString(36)}-${(this.#counter++).toString(36)}`;
  }

  #storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
    if (this.options.storage !== undefined) return this.options.storage;
    try {
      return globalThis.sessionStorage ?? null;
    } catch {
      return null; // storage blocked (privacy settings): the chat still works, it just cannot resume after a reload
    }
  }

  #readToken(): string | null {
    try {
      return this.#storage()?.getItem(TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  #writeToken(token: string): void {
    try {
      this.#storage()?.setItem(TOKEN_KEY, token);
    } catch {
      // Storage full or blocked: resume after a reload will not work, nothing else breaks.
    }
  }

  #forgetToken(): void {
    try {
      this.#storage()?.removeItem(TOKEN_KEY);
    } catch {
      // ignore
    }
  }
}

/** Words for a connection state (kept here so tests and the element agree). */
export function connectionWords(state: ConnectionState): string {
  return STRINGS.connection[state];
}
