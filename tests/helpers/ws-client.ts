import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import type { WireActivity } from '../../server/protocol/index.js';
import { TEST_ORIGIN } from './app.js';

/**
 * A chat client for tests: records every frame the server sends, lets a test wait for the next
 * frame matching a predicate (bounded by a timeout, never a sleep), and reports the close code.
 */
export class ChatClient {
  readonly frames: WireActivity[] = [];
  closeCode: number | null = null;
  private waiters: { match: (a: WireActivity) => boolean; from: number; resolve: (a: WireActivity) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const activity = JSON.parse(String(data)) as WireActivity;
      this.frames.push(activity);
      const index = this.frames.length - 1;
      for (const waiter of [...this.waiters]) {
        if (index >= waiter.from && waiter.match(activity)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(activity);
        }
      }
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
        for (const waiter of this.closeWaiters) waiter(code);
      });
    });
  }

  /** Sends one frame (an object is JSON-encoded; a string goes as is). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a child message with a client id. */
  say(id: string, text: string): void {
    this.send({ type: 'message', id, text });
  }

  /** The first frame (already received or coming) at index >= `from` that matches. */
  next(match: (a: WireActivity) => boolean, from = 0, timeoutMs = 10_000): Promise<WireActivity> {
    const found = this.frames.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(from))}`)), timeoutMs);
      this.waiters.push({ match, from, resolve: (a) => (clearTimeout(timer), resolve(a)) });
    });
  }

  /** Waits for an event activity by name. */
  event(name: string, from = 0): Promise<WireActivity> {
    return this.next((a) => a.type === 'event' && a.name === name, from);
  }

  /** Waits for a bot message whose content key is `key`. */
  bot(key: string, from = 0): Promise<WireActivity> {
    return this.next((a) => a.type === 'message' && a.channelData?.sender === 'bot' && a.channelData.key === key, from);
  }

  /** Waits for the ack of a client id. */
  ack(id: string, from = 0): Promise<WireActivity> {
    return this.next((a) => a.type === 'message' && a.id === id && a.channelData?.sender === 'child', from);
  }

  /** Every seq the client received, in order. */
  seqs(): number[] {
    return this.frames.flatMap((a) => (typeof a.channelData?.seq === 'number' ? [a.channelData.seq] : []));
  }

  close(): void {
    this.ws.close();
  }
}

/** Opens a real `ws` client to a listening app. */
export function connect(url: string, origin: string | null = TEST_ORIGIN): Promise<ChatClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === null ? {} : { headers: { origin } });
    const client = new ChatClient(ws);
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`Unexpected server response: ${res.statusCode}`)));
  });
}

/** Opens an in-process socket with `app.injectWS` (no port). */
export async function inject(app: FastifyInstance, origin: string | null = TEST_ORIGIN): Promise<ChatClient> {
  await app.ready();
  let client: ChatClient | undefined;
  const ws = await app.injectWS('/chat', origin === null ? {} : { headers: { origin } }, {
    onInit: (socket) => {
      client = new ChatClient(socket);
    },
  });
  return client ?? new ChatClient(ws);
}
