import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { CLOSE } from '../protocol/index.js';
import type { ConversationService, LiveItem } from '../sessions/types.js';
import type { StoredActivity } from '../store/types.js';
import { ephemeralToDirectLine, toDirectLine, type ActivitySet } from './activities.js';

/**
 * Direct Line WebSocket streams: one per conversation (a newer stream replaces the older, which is
 * closed with 4001). Each stream subscribes to the conversation first, then replays history after
 * the client's watermark, then goes live, sending each committed activity exactly once (by seq), so
 * nothing falls in the gap between replay and live and nothing arrives twice. Every frame is an
 * `ActivitySet` whose watermark is the last seq in it; an empty frame is a keep-alive.
 */

export interface StreamLimits {
  /** How often an empty keep-alive frame and a WebSocket ping are sent; a socket that missed the last ping is ended. */
  readonly keepAliveMs: number;
  /** Unsent bytes allowed for a slow reader before its socket is ended (it reconnects from its watermark). */
  readonly maxBufferedBytes: number;
  /** Activities per replayed frame. */
  readonly replayPageSize: number;
}

const MAX_REPLAY_PAGES = 10_000;

interface OpenStream {
  readonly socket: WebSocket;
  close(code: number, reason: string): void;
}

/** The Direct Line streams of this process. */
export class DirectLineStreams {
  readonly #open = new Map<string, OpenStream>();

  constructor(
    private readonly conversations: ConversationService,
    private readonly limits: StreamLimits,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Number of open streams. */
  get size(): number {
    return this.#open.size;
  }

  /** Whether a conversation has an open stream (a new one would replace it, not add one). */
  has(conversationId: string): boolean {
    return this.#open.has(conversationId);
  }

  /**
   * Serves one stream on an accepted socket. Listeners are attached synchronously (before any
   * await), and every failure is caught here: after the upgrade no error handler applies.
   */
  attach(socket: WebSocket, conversationId: string, afterSeq: number): void {
    let lastSeq = afterSeq;
    let replaying = true;
    let isAlive = true;
    let isClosed = false;
    const buffered: LiveItem[] = [];

    const send = (set: ActivitySet | ''): void => {
      if (isClosed || socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
        this.log.warn({ conversationId }, 'directline stream: slow reader ended');
        socket.terminate();
        return;
      }
      socket.send(set === '' ? '' : JSON.stringify(set));
    };
    const sendStored = (page: readonly StoredActivity[]): void => {
      const fresh = page.filter((stored) => stored.seq > lastSeq);
      const last = fresh.at(-1);
      if (last === undefined) return;
      lastSeq = last.seq;
      send({ activities: fresh.map(toDirectLine), watermark: String(last.seq) });
    };
    const deliver = (item: LiveItem): void => {
      if (item.kind === 'stored') sendStored([item.stored]);
      // As on /chat: a counsellor's typing reaches the child; the child's own typing is not echoed.
      else if (item.activity.from?.role !== 'user') send({ activities: [ephemeralToDirectLine(conversationId, item.activity)] });
    };

    const previous = this.#open.get(conversationId);
    const stream: OpenStream = { socket, close: (code, reason) => socket.close(code, reason) };
    this.#open.set(conversationId, stream);
    previous?.close(CLOSE.replaced, 'replaced by a newer stream');

    const unsubscribe = this.conversations.subscribe(conversationId, (item) => {
      if (replaying) buffered.push(item);
      else deliver(item);
    });
    this.conversations.setChildPresence(conversationId, 'online');

    const timer = setInterval(() => {
      if (!isAlive) {
        socket.terminate();
        return;
      }
      isAlive = false;
      try {
        socket.ping();
      } catch {
        // The socket is closing; the close handler cleans up.
      }
      send('');
    }, this.limits.keepAliveMs);
    timer.unref();

    socket.on('pong', () => {
      isAlive = true;
    });
    // The stream is receive-only; clients send empty frames to keep it open. Anything else is ignored.
    socket.on('message', () => {
      isAlive = true;
    });
    socket.on('error', (error) => this.log.warn({ err: error, conversationId }, 'directline stream socket error'));
    socket.on('close', () => {
      isClosed = true;
      clearInterval(timer);
      unsubscribe();
      if (this.#open.get(conversationId) === stream) {
        this.#open.delete(conversationId);
        this.conversations.setChildPresence(conversationId, 'offline');
      }
    });

    void this.#replay(conversationId, () => lastSeq, sendStored, () => isClosed)
      .then(() => {
        replaying = false;
        for (const item of buffered.splice(0)) deliver(item);
      })
      .catch((error: unknown) => {
        this.log.error({ err: error, conversationId }, 'directline stream replay failed');
        if (!isClosed) socket.close(CLOSE.serverFault, 'replay failed');
      });
  }

  /** Closes the conversation's stream, if any (e.g. the child left: 4002). */
  closeConversation(conversationId: string, code: number, reason: string): void {
    this.#open.get(conversationId)?.close(code, reason);
  }

  /** Closes every stream (graceful shutdown: 1012, reconnect later). */
  closeAll(code: number, reason: string): void {
    for (const stream of [...this.#open.values()]) stream.close(code, reason);
  }

  async #replay(
    conversationId: string,
    after: () => number,
    sendStored: (page: readonly StoredActivity[]) => void,
    isClosed: () => boolean,
  ): Promise<void> {
    for (let page = 0; page < MAX_REPLAY_PAGES && !isClosed(); page += 1) {
      const stored = await this.conversations.history(conversationId, after(), this.limits.replayPageSize);
      sendStored(stored);
      if (stored.length < this.limits.replayPageSize) return;
    }
  }
}
