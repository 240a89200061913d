import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFrame } from '../../../../server/routes/chat/frames.js';
import { random } from '../../../helpers/bad-frames.js';

/**
 * Session 42: parseFrame reads the usual child's message without JSON.parse. Whatever it reads that way must come out
 * exactly as JSON.parse and the schemas would have it. A frame with a space in front (JSON.parse skips it) never takes
 * the fast path, so each generated frame is compared with itself read the long way.
 */

const pickFrom = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** Pieces of string bodies as written in JSON: plain, escaped, raw control characters, surrogates alone and paired. */
const BODY_PIECES = [
  'hi', 'ok', 'he said', ' ', 'message', 'type', 'id', 'text', '😀', 'é', 'ü', '\ud800', '\udc00', '\u2028', '\u007f', '\t', '\n', '\u0000', '\u001f',
  '\\n', '\\"', '\\\\', '\\u0000', '\\ud800', '\\u0041', '\\u0074ype', '\\/', '\\x', '\\', '"', '{', '}', ',', ':',
];

/** The first pieces, those a plain string body may hold. */
const PLAIN_PIECES = BODY_PIECES.slice(0, 15);

function body(next: () => number): string {
  const pieces = next() < 0.75 ? PLAIN_PIECES : BODY_PIECES;
  let out = '';
  const count = Math.floor(next() * 4);
  for (let i = 0; i < count; i++) out += pickFrom(next, pieces);
  return out;
}

/** A client id body of a length around the limits (1 and 128 code units), sometimes with a pair of two units. */
function idBody(next: () => number): string {
  const length = pickFrom(next, [0, 1, 2, 36, 127, 128, 129, 200]);
  const id = 'x'.repeat(length);
  return next() < 0.2 && length > 1 ? '😀' + id.slice(2) : next() < 0.1 ? body(next) : id;
}

function value(next: () => number, depth: number): string {
  const roll = next();
  if (roll < 0.45) return `"${body(next)}"`;
  if (roll < 0.55) return pickFrom(next, ['1', '-0', '1e3', 'true', 'false', 'null', '[]', '["a"]', '{}', '01', 'tru', '"']);
  if (depth > 1) return '"deep"';
  const members: string[] = [];
  const count = Math.floor(next() * 3);
  for (let i = 0; i < count; i++) members.push(`"${pickFrom(next, ['id', 'role', 'clientActivityID', '__proto__', body(next)])}":${value(next, depth + 1)}`);
  return `{${members.join(',')}}`;
}

const OTHER_KEYS = ['from', 'channelData', 'textFormat', 'locale', '__proto__', 'name', 'value', '', 'typ', 'ids', 'texts', 'i\\u0064', 't\\u0065xt', 'ty\\"pe'];

/** A frame near the usual child's message: its members reordered, repeated, escaped, spaced or broken now and then. */
function frame(next: () => number): string {
  const members: string[] = [];
  members.push(`"type":${next() < 0.85 ? '"message"' : pickFrom(next, ['"event"', '"Message"', '"message "', '"mess\\u0061ge"', '1', 'null'])}`);
  members.push(`"id":${next() < 0.85 ? `"${idBody(next)}"` : value(next, 0)}`);
  members.push(`"text":${next() < 0.85 ? `"${body(next)}"` : value(next, 0)}`);
  const extra = Math.floor(next() * 4);
  for (let i = 0; i < extra; i++) {
    const key = next() < 0.15 ? pickFrom(next, ['type', 'id', 'text']) : pickFrom(next, OTHER_KEYS);
    members.push(`"${key}":${value(next, 0)}`);
  }
  if (next() < 0.2) members.sort(() => next() - 0.5);
  let out = `{${members.join(next() < 0.05 ? ', ' : ',')}}`;
  if (next() < 0.05) out = out.replace(':', ': ');
  const roll = next();
  if (roll < 0.03) out = out.slice(0, Math.floor(next() * out.length));
  else if (roll < 0.05) out += pickFrom(next, ['\n', ' ', '}', 'x', ',']);
  else if (roll < 0.07) out = `[${out}]`;
  return out;
}

describe('parseFrame, the plain message read without JSON.parse (s42)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the widget and bench frames without JSON.parse, as JSON.parse reads them', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const frames = [
      JSON.stringify({ type: 'message', id: 'c1-t2', text: 'someone keeps asking for pics', from: { id: 'child', role: 'user' } }),
      JSON.stringify({
        type: 'message', id: '0f8e3c2a-0000-4000-8000-000000000000', text: 'im 13 😀', textFormat: 'plain', locale: 'en-GB',
        channelData: { clientActivityID: '0f8e3c2a-0000-4000-8000-000000000000' },
      }),
      JSON.stringify({ type: 'message', id: 'x'.repeat(128), text: '' }),
    ];
    const read = frames.map((data) => parseFrame(data));
    expect(parse).not.toHaveBeenCalled();
    expect(read).toEqual(frames.map((data) => parseFrame(` ${data}`)));
    expect(read[1]).toEqual({ kind: 'message', type: 'message', id: '0f8e3c2a-0000-4000-8000-000000000000', text: 'im 13 😀' });
  });

  it('leaves to JSON.parse what it cannot read exactly: repeated keys, escapes, other shapes', () => {
    const longWay = [
      '{"type":"message","id":"a","text":"b","id":"c"}',
      '{"type":"message","id":"a","text":"b","type":"event"}',
      '{"type":"message","id":"a","text":"line\\nbreak"}',
      '{"type":"message","id":"a","text":"b","from":{"id":1}}',
      '{"type":"message","id":"","text":"b"}',
      `{"type":"message","id":"${'x'.repeat(129)}","text":"b"}`,
      '{"id":"a","type":"message","text":"b"}',
      '{"type": "message","id":"a","text":"b"}',
    ];
    for (const data of longWay) {
      const parse = vi.spyOn(JSON, 'parse');
      const read = parseFrame(data);
      expect(parse).toHaveBeenCalledTimes(1);
      parse.mockRestore();
      expect(read).toEqual(parseFrame(` ${data}`));
    }
    expect(parseFrame('{"type":"message","id":"a","text":"b","id":"c"}')).toEqual({ kind: 'message', type: 'message', id: 'c', text: 'b' });
  });

  it('reads 40,000 generated frames as JSON.parse and the schemas do', () => {
    const next = random(42);
    let fast = 0;
    const parse = vi.spyOn(JSON, 'parse');
    for (let i = 0; i < 40_000; i++) {
      const data = frame(next);
      const calls = parse.mock.calls.length;
      const read = parseFrame(data);
      if (parse.mock.calls.length === calls) fast += 1;
      const longWay = parseFrame(` ${data}`);
      if (JSON.stringify(read) !== JSON.stringify(longWay)) expect({ data, read }).toEqual({ data, read: longWay });
    }
    // Enough of them take the fast path (4,641 with this seed), and enough do not, for the comparison to mean something.
    expect(fast).toBeGreaterThan(3_000);
    expect(fast).toBeLessThan(36_000);
  });
});
