import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Sends text frames on one `/chat` socket so that everything sent in one tick (a turn's ack, the
 * bot's replies, an event) reaches the kernel in ONE write: the first frame of a tick corks the
 * TCP stream under the WebSocket, and a single flush, shared by every socket, uncorks them all on
 * the next tick. Frames are unchanged, one per activity, in order. Without the TCP stream (an
 * injected test socket) frames are simply sent one by one.
 */
export class FrameWriter {
  private isCorked = false;

  /**
   * `stream` is the TCP socket the WebSocket writes to: for a socket accepted by the HTTP server
   * it is the upgraded request's `socket` (`request.raw.socket`), the very stream `ws` was given.
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly stream: Writable | null,
  ) {}

  /** Sends one text frame; false if the socket is no longer open (nothing is sent). */
  send(text: string): boolean {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return false;
    const stream = this.stream;
    if (stream !== null && !this.isCorked && stream.writable) {
      this.isCorked = true;
      stream.cork();
      if (corkedThisTick.length === 0) process.nextTick(flush);
      corkedThisTick.push(this);
    }
    ws.send(text);
    return true;
  }

  /** Hands this tick's frames to the kernel (called once per tick by the shared flush below). */
  uncork(): void {
    this.isCorked = false;
    this.stream?.uncork();
  }
}

/** Writers corked in this tick: one `process.nextTick` uncorks them all. */
let corkedThisTick: FrameWriter[] = [];

function flush(): void {
  const writers = corkedThisTick;
  corkedThisTick = [];
  for (const writer of writers) writer.uncork();
}
