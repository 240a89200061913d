import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { batchWritesPerTick, underlyingStream } from '../../../../server/routes/chat/write-batching.js';

let server: WebSocketServer | null = null;

afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real loopback pair: the server side's socket with its writes counted, and a client that records frames. */
async function pair(batched: boolean) {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const accepted = once(server, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await once(client, 'open');
  const [ws] = await accepted;
  const raw = underlyingStream(ws);
  if (!raw) throw new Error('no socket under the WebSocket');
  const counted = raw as Writable & { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void };
  const writes = { count: 0 };
  const write = counted._write.bind(counted);
  counted._write = (...a: unknown[]) => ((writes.count += 1), write(...a));
  if (counted._writev) {
    const writev = counted._writev.bind(counted);
    counted._writev = (...a: unknown[]) => ((writes.count += 1), writev(...a));
  }
  if (batched) batchWritesPerTick(ws, raw);
  const until = async (n: number) => {
    for (let i = 0; i < 200 && received.length < n; i += 1) await once(client, 'message');
  };
  return { ws, client, received, writes, until };
}

const turn = ['{"type":"message","id":"a","text":"hi"}', '{"type":"message","text":"Hello there"}', '{"type":"event","name":"x"}'];

describe('batchWritesPerTick', () => {
  it("hands one tick's frames to the socket in one write, still one frame per activity, in order", async () => {
    const { ws, received, writes, until } = await pair(true);
    for (const frame of turn) ws.send(frame);
    await until(3);
    expect(received).toEqual(turn);
    expect(writes.count).toBe(1);
  });

  it('without it, each frame is its own write (what the batching saves)', async () => {
    const { ws, received, writes, until } = await pair(false);
    for (const frame of turn) ws.send(frame);
    await until(3);
    expect(received).toEqual(turn);
    expect(writes.count).toBe(3);
  });

  it('flushes every tick on its own: a later send never waits for another', async () => {
    const { ws, received, writes, until } = await pair(true);
    ws.send('one');
    await until(1);
    ws.send('two');
    await until(2);
    expect(received).toEqual(['one', 'two']);
    expect(writes.count).toBe(2);
  });

  it('is applied once even when called twice', async () => {
    const { ws, received, writes, until } = await pair(true);
    batchWritesPerTick(ws, underlyingStream(ws) as Writable);
    for (const frame of turn) ws.send(frame);
    await until(3);
    expect(received).toEqual(turn);
    expect(writes.count).toBe(1);
  });
});
