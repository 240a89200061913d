import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { HOLE_SEQ, HOLE_TIME, holeText, templateOfItem, wireJson, type Hole, type WireTemplate } from '../../sessions/activities.js';
import type { StoredActivity } from '../../store/types.js';
import type { StoredLiveItem } from '../../sessions/types.js';

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
  /** This socket's conversation's id prefix for {@link wireFrame} (one socket, one conversation, usually for its life). */
  private readonly ids: IdPrefix = { conversationId: null, bytes: EMPTY };

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
    this.corkFor(stream);
    stream.write(textFrame(text));
    return true;
  }

  /**
   * Sends a committed activity as {@link send} would send `wireJson(item)`, byte for byte. A shared
   * bot line (the usual reply) is written from its template's pieces, encoded to UTF-8 once
   * ({@link wireFrame}), not joined into a string and encoded again for every conversation.
   */
  sendItem(item: StoredLiveItem): boolean {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return false;
    const stream = this.stream;
    if (stream === null || !stream.writable || ws.extensions !== '') {
      ws.send(wireJson(item));
      return true;
    }
    this.corkFor(stream);
    stream.write(wireFrame(item, this.ids));
    return true;
  }

  /** Corks the stream at this loop turn's first frame, and joins the shared flush. */
  private corkFor(stream: Writable): void {
    if (this.isCorked) return;
    this.isCorked = true;
    stream.cork();
    if (corkedThisTurn.length === 0) setImmediate(flush);
    corkedThisTurn.push(this);
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

/** A template's pieces as UTF-8, made at its first frame (the holes stay as they are). */
const encodedTemplates = new WeakMap<WireTemplate, readonly (Buffer | Hole)[]>();

/**
 * A committed activity's text frame: `textFrame(wireJson(item))`, byte for byte. For a shared bot
 * line whose JSON no subscriber has made, the frame is put together from the template's pieces,
 * encoded once, and the commit's own values (seq, time, id) written as bytes: no string is made
 * for them. The bytes are the same: the pieces are whole JSON tokens as JSON.stringify writes them
 * (no lone surrogates, no pair split between two pieces), so the UTF-8 of the joined text is the
 * pieces' UTF-8, one after another. A seq that is not a whole number from 0 to 2^53 (none is) takes
 * the general path.
 */
export function wireFrame(item: StoredLiveItem, ids: IdPrefix = lastIds): Buffer {
  const template = templateOfItem(item);
  const stored = item.stored;
  const seq = stored.seq;
  if (template === undefined || !Number.isSafeInteger(seq) || seq < 0) return textFrame(wireJson(item));
  let parts = encodedTemplates.get(template);
  if (parts === undefined) {
    parts = template.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece));
    encodedTemplates.set(template, parts);
  }
  const seqDigits = digitsOf(seq);
  // Each hole appears at most once in a template (id, time, seq).
  let length = 0;
  for (const part of parts) {
    if (typeof part !== 'number') length += part.length;
    else if (part === HOLE_SEQ) length += seqDigits;
    else if (part === HOLE_TIME) length += timeBytesOf(stored).length;
    else length += idPrefixOf(stored.conversationId, ids).length + seqDigits + 1;
  }
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  writeHeader(frame, header, length);
  let at = header;
  for (const part of parts) {
    // TypedArray set, not Buffer#copy (whose argument checks cost more than these short copies).
    if (typeof part !== 'number') {
      frame.set(part, at);
      at += part.length;
    } else if (part === HOLE_SEQ) {
      at = writeDigits(frame, at, seq, seqDigits);
    } else if (part === HOLE_TIME) {
      const time = timeBytesOf(stored);
      frame.set(time, at);
      at += time.length;
    } else {
      // JSON.stringify(`${conversationId}.${seq}`): the escaped id and dot, the digits, the quote.
      const prefix = idPrefixOf(stored.conversationId, ids);
      frame.set(prefix, at);
      at = writeDigits(frame, at + prefix.length, seq, seqDigits);
      frame[at++] = QUOTE;
    }
  }
  return frame;
}

const QUOTE = 0x22;
const DIGIT_0 = 0x30;

/** How many decimal digits a whole number from 0 to 2^53 has. */
function digitsOf(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/** Writes `n`'s `digits` decimal digits (as `String(n)` has them) at `at`; returns the offset after them. */
function writeDigits(frame: Buffer, at: number, n: number, digits: number): number {
  let rest = n;
  for (let index = at + digits - 1; index >= at; index--) {
    frame[index] = DIGIT_0 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}

/**
 * The last commit time's JSON as UTF-8 (a turn's frames share one): `holeText`'s text for the
 * time, which is the same string while the time is, encoded once for it.
 */
let timeText = '';
let timeBytes = Buffer.alloc(0);
function timeBytesOf(stored: StoredActivity): Buffer {
  const text = holeText(HOLE_TIME, stored);
  if (text !== timeText) {
    timeText = text;
    timeBytes = Buffer.from(text, 'utf8');
  }
  return timeBytes;
}

/**
 * `JSON.stringify(`${conversationId}.`)` without its closing quote, as UTF-8, for one conversation.
 * Digits after the dot need no escaping and cannot pair with what comes before, so this and the
 * seq's digits and a quote are the id's JSON.
 */
export interface IdPrefix {
  conversationId: string | null;
  bytes: Buffer;
}

const EMPTY = Buffer.alloc(0);

/**
 * The prefix of the last conversation seen by a caller that keeps none of its own. A socket keeps
 * its own ({@link FrameWriter}): with many conversations each turn is another one's, and a prefix
 * shared by all of them was made again for every bot line (session 39: 0.6% of the bench server's
 * samples at 100 conversations).
 */
const lastIds: IdPrefix = { conversationId: null, bytes: EMPTY };

function idPrefixOf(conversationId: string, ids: IdPrefix): Buffer {
  if (conversationId !== ids.conversationId) {
    const json = JSON.stringify(`${conversationId}.`);
    ids.bytes = Buffer.from(json.slice(0, -1), 'utf8');
    ids.conversationId = conversationId;
  }
  return ids.bytes;
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
  writeHeader(frame, header, length);
  frame.write(text, header, length, 'utf8');
  return frame;
}

/** FIN and opcode 1 (text), then the payload length in `header` bytes (2, 4 or 10). */
function writeHeader(frame: Buffer, header: number, length: number): void {
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
}
