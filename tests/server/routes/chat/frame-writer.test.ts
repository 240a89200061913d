import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { FrameWriter, textFrame } from '../../../../server/routes/chat/frame-writer.js';

let server: WebSocketServer | null = null;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function listen(): Promise<number> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * A real loopback pair: the server side's WebSocket and the TCP socket it writes to (the upgraded
 * request's `socket`, as /chat passes it), with that socket's writes to the kernel counted.
 */
async function pair(port: number) {
  const accepted = once(server!, 'connection') as Promise<[WebSocket, IncomingMessage]>;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  clients.push(client);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await once(client, 'open');
  const [ws, request] = await accepted;
  const stream = request.socket as Writable & { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void };
  const writes = { count: 0 };
  const write = stream._write.bind(stream);
  stream._write = (...a: unknown[]) => ((writes.count += 1), write(...a));
  if (stream._writev) {
    const writev = stream._writev.bind(stream);
    stream._writev = (...a: unknown[]) => ((writes.count += 1), writev(...a));
  }
  const until = async (n: number) => {
    for (let i = 0; i < 200 && received.length < n; i += 1) await once(client, 'message');
  };
  return { ws, client, stream, received, writes, until };
}

const turn = ['{"type":"message","id":"a","text":"hi"}', '{"type":"message","text":"Hello there"}', '{"type":"event","name":"x"}'];

describe('FrameWriter', () => {
  it("hands one loop turn's frames to the kernel in one write, still one frame per activity, in order", async () => {
    const { ws, stream, received, writes, until } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    for (const frame of turn) expect(writer.send(frame)).toBe(true);
    await until(3);
    expect(received).toEqual(turn);
    expect(writes.count).toBe(1);
  });

  it('without the TCP stream (an injected socket), each frame is its own write: what the batching saves', async () => {
    const { ws, received, writes, until } = await pair(await listen());
    const writer = new FrameWriter(ws, null);
    for (const frame of turn) writer.send(frame);
    await until(3);
    expect(received).toEqual(turn);
    expect(writes.count).toBe(3);
  });

  it('holds frames sent across ticks and promise jobs of one loop turn until its end: one write', async () => {
    // A turn's ack and reply come from different promise jobs; another socket's data callback,
    // in the same poll phase, runs between them. None of that splits the write.
    const { ws, stream, received, writes, until } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    writer.send('ack');
    await Promise.resolve();
    process.nextTick(() => writer.send('reply'));
    await new Promise<void>((resolve) => process.nextTick(() => process.nextTick(resolve)));
    writer.send('event');
    expect(writes.count).toBe(0);
    await until(3);
    expect(received).toEqual(['ack', 'reply', 'event']);
    expect(writes.count).toBe(1);
  });

  it('flushes every loop turn on its own: a later send never waits for another', async () => {
    const { ws, stream, received, writes, until } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    writer.send('one');
    await until(1);
    writer.send('two');
    await until(2);
    expect(received).toEqual(['one', 'two']);
    expect(writes.count).toBe(2);
  });

  it('flushes every socket written in the same loop turn, each in one write', async () => {
    const port = await listen();
    const a = await pair(port);
    const b = await pair(port);
    const writerA = new FrameWriter(a.ws, a.stream);
    const writerB = new FrameWriter(b.ws, b.stream);
    for (const frame of turn) {
      writerA.send(`A${frame}`);
      writerB.send(`B${frame}`);
    }
    await Promise.all([a.until(3), b.until(3)]);
    expect(a.received).toEqual(turn.map((f) => `A${f}`));
    expect(b.received).toEqual(turn.map((f) => `B${f}`));
    expect([a.writes.count, b.writes.count]).toEqual([1, 1]);
  });

  it('sends nothing, and says so, once the socket is closing', async () => {
    const { ws, client, stream, received, writes } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    const closed = once(client, 'close');
    ws.close(1000);
    expect(writer.send('late')).toBe(false);
    await closed;
    expect(received).toEqual([]);
    // Only the close frame was written.
    expect(writes.count).toBe(1);
  });
});

/** ws's own frame encoder (exported by ws, not in its type definitions). */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] } };

/** Texts at the frame header's length boundaries (UTF-8 bytes), with multi-byte characters. */
const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 70_001];
function textOfBytes(bytes: number): string {
  const emoji = '😢'; // 4 bytes in UTF-8
  const count = Math.floor(bytes / 8);
  return `${'é'.repeat(count)}${emoji.repeat(count)}${'x'.repeat(bytes - count * 6)}`;
}

describe('textFrame', () => {
  it('writes the very bytes ws writes for a text frame, at every header length', () => {
    for (const text of [...LENGTHS.map(textOfBytes), 'lone \ud83d surrogate', '\u0000 and \u2028']) {
      const bytes = Buffer.byteLength(text);
      const list = Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false });
      expect(textFrame(text).equals(Buffer.concat(list)), `${bytes} bytes`).toBe(true);
    }
    expect(LENGTHS.map((n) => Buffer.byteLength(textOfBytes(n)))).toEqual(LENGTHS);
  });

  it('frames of every header length reach a ws client whole, in order, in one write', async () => {
    const { ws, stream, received, writes, until } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    const texts = [...LENGTHS.map(textOfBytes), 'lone \ud83d surrogate'];
    for (const text of texts) writer.send(text);
    await until(texts.length);
    // A lone surrogate has no UTF-8 form: it arrives as U+FFFD, as through ws.send.
    expect(received).toEqual(texts.map((text) => Buffer.from(text).toString('utf8')));
    expect(writes.count).toBe(1);
  });

  it('keeps a close frame after the frames sent before it in the same tick', async () => {
    const { ws, client, stream, received } = await pair(await listen());
    const writer = new FrameWriter(ws, stream);
    const closed = once(client, 'close') as Promise<[number, Buffer]>;
    writer.send('goodbye');
    ws.close(4002, 'ended');
    const [code] = await closed;
    expect(received).toEqual(['goodbye']);
    expect(code).toBe(4002);
  });
});

describe('wireFrame', async () => {
  const { loadContent } = await import('../../../../server/content/load.js');
  const { botMessageActivity, childMessageActivity, wireJson } = await import('../../../../server/sessions/activities.js');
  const { wireFrame } = await import('../../../../server/routes/chat/frame-writer.js');
  const content = await loadContent('content');
  const item = (activity: Parameters<typeof wireJson>[0]['stored']['activity'], seq: number, createdAt: Date) =>
    ({ kind: 'stored', stored: { conversationId: 'c-1', seq, clientActivityId: null, activity, createdAt } }) as const;

  it("is, byte for byte, the text frame of the item's wire JSON: shared lines from their pieces, others from the text", () => {
    const frozen = (text: string) => Object.freeze({ text, suggestedActions: Object.freeze([]) });
    const lines = [
      botMessageActivity(content.render('opening.who', {}, 'en-GB', ['qr.who.young-person', 'qr.who.parent']), 'opening.who'),
      botMessageActivity(content.render('opening.welcome', {}, 'cy-GB'), 'opening.welcome'),
      // Multi-byte text, and lengths on each side of the 7-bit and 16-bit length forms.
      botMessageActivity(frozen('ŵŷ 😢 "quoted" \\ \u2028 \ud83d'), 'test.unicode'),
      botMessageActivity(frozen('a'.repeat(10)), 'x'),
      botMessageActivity(frozen('é'.repeat(30_000)), 'test.long'),
      botMessageActivity(frozen('b'.repeat(70_000)), 'test.longer'),
      childMessageActivity('he said "hi" 😢', 'client-1'),
      botMessageActivity(content.render('handoff.queued', { position: 2 }, 'en-GB'), 'handoff.queued'),
    ];
    const dates = [0, 999, Date.UTC(2026, 11, 2, 10, 0, 0, 5), 8.64e15, Number.NaN].map((time) => new Date(time));
    let seq = 0;
    for (const line of lines) {
      for (const at of dates) {
        seq += seq < 20 ? 1 : 99_991;
        const made = wireFrame(item(line, seq, at));
        // The item's JSON is not made for the frame: another subscriber still gets it as before.
        expect(made.equals(textFrame(wireJson(item(line, seq, at))))).toBe(true);
        const cached = { ...item(line, seq, at), json: '{"already":"made"}' };
        expect(wireFrame(cached).equals(textFrame('{"already":"made"}'))).toBe(true);
      }
    }
  });
});
