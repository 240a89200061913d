import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * One turn commits several activities (the ack, the bot's replies, maybe an event) and they are
 * sent to the child in the same tick, one WebSocket frame each. Written one by one, every frame is
 * its own system call. Corking the TCP socket on the first send of a tick and uncorking it on the
 * next tick hands them to the kernel in ONE write, with the frames unchanged and in order.
 */

/** The stream a `ws` WebSocket writes its frames to (its TCP socket), once it is open. */
export function underlyingStream(ws: WebSocket): Writable | null {
  const raw = (ws as unknown as { _socket?: unknown })._socket;
  return typeof raw === 'object' && raw !== null && typeof (raw as Writable).cork === 'function' ? (raw as Writable) : null;
}

/** Makes every `ws.send` in one tick share one write on `raw` (the stream under `ws`). Idempotent. */
export function batchWritesPerTick(ws: WebSocket, raw: Writable): void {
  const marked = ws as WebSocket & { [BATCHED]?: true };
  if (marked[BATCHED]) return;
  marked[BATCHED] = true;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    raw.uncork();
  };
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  ws.send = ((...args: unknown[]) => {
    if (!corked && !raw.destroyed && raw.writable) {
      corked = true;
      raw.cork();
      process.nextTick(uncork);
    }
    send(...args);
  }) as WebSocket['send'];
}

const BATCHED = Symbol('harbour.batchWritesPerTick');
