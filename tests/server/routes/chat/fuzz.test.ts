import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ErrorValue, SessionValue } from '../../../../server/protocol/index.js';
import type { Store } from '../../../../server/store/types.js';
import { buildTestApp, testStore } from '../../../helpers/app.js';
import { inject } from '../../../helpers/ws-client.js';

/**
 * Bad input, generated: hundreds of frames that are wrong in every way a broken or hostile client
 * could make them, with good messages among them. Each bad frame gets one error event, the socket
 * stays open, every good message is acked and kept with its exact words, in order, and nothing
 * reaches Object.prototype. Seeded, so a failure can be replayed.
 */

const SEED = 20261203;
const MAX_TEXT_CHARS = 200;

/** mulberry32: small, seeded, good enough to pick shapes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, below: number): number => Math.floor(rng() * below);

/** Characters a child might type, from plain letters to emoji, right-to-left text and combining marks. */
const ALPHABET = ['a', 'z', 'I', ' ', ' ', '.', '?', '!', 'é', 'ß', 'ł', 'ы', 'ع', 'א', '中', '😢', '👍🏽', '🇬🇧', 'e\u0301', '\u200d', '\\', '"', '\n', '\t', '{', '}', '<b>', '&amp;', '%s'];

function words(rng: Rng, max: number): string {
  let text = '';
  const length = 1 + int(rng, max);
  for (let i = 0; i < length; i += 1) text += pick(rng, ALPHABET);
  return text.trim() === '' ? `ok${text}` : text;
}

/** A value of the wrong type for a string field. */
function notAString(rng: Rng): unknown {
  return pick(rng, [0, 42.5, -1, true, false, null, [], ['hi'], {}, { text: 'hi' }]);
}

/** One frame the server must refuse, as the text sent on the socket. */
function badFrame(rng: Rng, index: number): string {
  const id = `bad-${index}`;
  switch (int(rng, 9)) {
    case 0: {
      // Not JSON: valid JSON cut short, or noise.
      const whole = JSON.stringify({ type: 'message', id, text: words(rng, 20) });
      const cut = whole.slice(0, 1 + int(rng, whole.length - 1));
      return isJson(cut) ? `${cut}{` : cut;
    }
    case 1:
      // JSON, but not an object.
      return JSON.stringify(pick(rng, [0, 'message', null, true, [], [{ type: 'message', id, text: 'hi' }]]));
    case 2:
      // A message whose id is not a string.
      return JSON.stringify({ type: 'message', id: notAString(rng), text: words(rng, 20) });
    case 3:
      // A message whose text is not a string, with a key that would pollute Object.prototype.
      return `{"type":"message","id":"${id}","text":${JSON.stringify(notAString(rng))},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`;
    case 4:
      // A type no client sends.
      return JSON.stringify({ type: pick(rng, ['conversationUpdate', 'invoke', 'MESSAGE', 'message ', '', 'typing2']), id, text: 'hi' });
    case 5: {
      // NUL or a lone surrogate somewhere in otherwise fine words.
      const text = words(rng, 30);
      const at = int(rng, text.length + 1);
      const bad = pick(rng, ['\u0000', '\ud800', '\udfff', '\ud83d']);
      // A lone surrogate next to its partner would pair up: put it between plain letters.
      return JSON.stringify({ type: 'message', id, text: `${text.slice(0, at)}x${bad}x${text.slice(at)}` });
    }
    case 6:
      // Over the text limit (in UTF-16 code units, as the limit counts).
      return JSON.stringify({ type: 'message', id, text: 'w'.repeat(MAX_TEXT_CHARS + 1 + int(rng, 100)) });
    case 7:
      // Only spaces and line breaks.
      return JSON.stringify({ type: 'message', id, text: pick(rng, [' ', '\n\n', '\t \t', '\u00a0']) });
    default: {
      // Deeply nested arrays, within the payload limit.
      const depth = 100 + int(rng, 1500);
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

let store: Store;
let app: FastifyInstance | undefined;

beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('/chat under generated bad input', () => {
  it('answers each of 400 bad frames with one error, keeps the socket, and keeps every good message exactly, in order', async () => {
    app = await buildTestApp({ store, env: { MAX_TEXT_CHARS: String(MAX_TEXT_CHARS), MAX_PAYLOAD_BYTES: '4096', MESSAGES_PER_MINUTE: '10000' } });
    const client = await inject(app);
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    const rng = random(SEED);
    const said: string[] = [];

    for (let index = 0; index < 400; index += 1) {
      if (index % 25 === 0) {
        const text = words(rng, 40);
        const from = client.frames.length;
        client.say(`good-${index}`, text);
        const ack = await client.ack(`good-${index}`, from);
        expect(ack.text).toBe(text);
        said.push(text);
      }
      const frame = badFrame(rng, index);
      const from = client.frames.length;
      client.send(frame);
      const error = (await client.event('error', from)).value as ErrorValue;
      expect({ frame, code: error.code }).toEqual({ frame, code: expect.stringMatching(/^HARBOUR_ERR_(FRAME|TEXT)_[A-Z_]+$/) as unknown });
      expect(error.message.length).toBeGreaterThan(0);
    }
    // One error per bad frame, no more: a ping after the last still gets its pong and nothing else came between.
    const from = client.frames.length;
    client.send({ type: 'event', name: 'ping', value: 'end' });
    expect((await client.event('pong', from)).value).toBe('end');
    expect(client.frames.filter((a) => a.type === 'event' && a.name === 'error')).toHaveLength(400);
    expect(client.closeCode).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const stored = await store.conversations.after(session.conversationId, 0);
    const childWords = stored.filter((s) => s.activity.type === 'message' && s.activity.channelData?.sender === 'child').map((s) => s.activity.text);
    expect(childWords).toEqual(said);
    client.close();
  });
});
