import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Sends text frames on one `/chat` socket so that everything sent in one turn of the event loop (a
 * turn's ack, the bot's replies, an event; and every other socket's frames) reaches the kernel at
 * the END of that loop turn, one write per socket: the first frame corks the TCP stream under the
 * WebSocket, and a single flush, shared by every socket, uncorks them all in the loop's check
 * phase (`setImmediate`), after the poll phase has read every socket that had data. That is
 * Redis's way (replies are written just before the loop sleeps again): the server reads a burst,
 * answers it, then writes the burst, rather than waking each reader between one read and the
 * next. Measured here (bench, 1,000 conversations, same run, busy machine): flushing on
 * `process.nextTick` after each socket's callback cost 244-289 µs of server CPU a turn, most of it
 * in the kernel waking the reader after every write; flushing at the end of the loop turn, 132-138.
 * A reply waits at most for the rest of that loop turn's reads. Frames are unchanged, one per
 * activity, in order. Each frame is written to the corked stream as one buffer made here (header
 * and UTF-8 text, RFC 6455 §5.2: the bytes `ws` writes for a server's unfragmented text frame), not
 * as `ws`'s header and text chunks; anything `ws` itself writes meanwhile (a close frame, a ping)
 * goes into the same corked stream after it, in order. Without the TCP stream (an injected test
 * socket), or with a negotiated extension (none is offered: permessage-deflate is off), frames go
 * through `ws.send` one by one.
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
    if (stream === null || !stream.writable || ws.extensions !== '') {
      ws.send(text);
      return true;
    }
    if (!this.isCorked) {
      this.isCorked = true;
      stream.cork();
      if (corkedThisTurn.length === 0) setImmediate(flush);
      corkedThisTurn.push(this);
    }
    stream.write(textFrame(text));
    return true;
  }

  /** Hands this loop turn's frames to the kernel (called once per loop turn by the shared flush below). */
  uncork(): void {
    this.isCorked = false;
    this.stream?.uncork();
  }
}

/** Writers corked in this loop turn: one `setImmediate` uncorks them all. */
let corkedThisTurn: FrameWriter[] = [];

function flush(): void {
  const writers = corkedThisTurn;
  corkedThisTurn = [];
  for (const writer of writers) writer.uncork();
}

/**
 * One final, unmasked text frame (RFC 6455 §5.2), as a server sends it: FIN and opcode 1, the
 * payload length in 7 bits, or 126 and 16 bits, or 127 and 64 bits, then the text as UTF-8 (a lone
 * surrogate becomes U+FFFD, as `ws.send` writes it).
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(text, header, length, 'utf8');
  return frame;
}
