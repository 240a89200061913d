import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableText, type SqlStore } from '../../server/store/index.js';
import { findUnstorableJson, holdsUnstorableJson } from '../../server/store/text.js';
import type { WireActivity } from '../../server/protocol/index.js';
import { openTestStore, STORE_DRIVERS, type TestStore } from '../helpers/store.js';

const NOW = new Date('2026-02-01T09:00:00.000Z');

/** Strings a child might really type, and some that trip up naive storage. */
const TRICKY = [
  'I’m scared 😢😢 he said he’d tell everyone',
  'family: 👨‍👩‍👧‍👦, skin tones: 👍🏽👍🏿, flags: 🇬🇧🇺🇦, keycap: 1️⃣',
  'عربي: أنا خائف — עברית: אני מפחד — mixed ‏RTL‎ marks',
  'caf\u00e9 (\u00e9 is U+00E9) vs cafe\u0301 (e + U+0301) must stay different',
  'Zalgo: h̷̡̛e̸̢͠ ̶̨̛c̵̢͝o̸̡͠m̷̧̛ȩ̶̛s̴̨͝',
  '4-byte: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎 𐍈 🀄 U+10FFFF:\u{10FFFF}',
  'BOM \uFEFF, zero width \u200B\u200C\u200D, nonchars \uFFFE\uFFFF, LS \u2028 PS \u2029',
  'backslash \\ "quotes" \'single\' \n\r\t and the literal text \\u0000 and \\ud800 (not escapes)',
  '   leading and trailing spaces   ',
  '',
];

/** Every Unicode scalar value except NUL, in chunks (no surrogates: they are not scalar values). */
function everyScalarValue(chunkSize: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (let cp = 1; cp <= 0x10ffff; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    current.push(String.fromCodePoint(cp));
    if (current.length === chunkSize) {
      chunks.push(current.join(''));
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

function message(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'child', name: 'child', role: 'user' } };
}

describe('findUnstorableText', () => {
  it('names NUL and lone surrogates and accepts everything else', () => {
    expect(findUnstorableText('a\u0000b')).toBe('nul');
    expect(findUnstorableText('a\ud800b')).toBe('lone-surrogate');
    expect(findUnstorableText('\udc00')).toBe('lone-surrogate');
    expect(findUnstorableText('x\ud83d')).toBe('lone-surrogate');
    for (const text of TRICKY) expect(findUnstorableText(text)).toBeNull();
  });
});

describe('findUnstorableJson', () => {
  it('finds NUL and lone surrogates in serialized JSON, wherever they sit, and nothing in escapes of other characters', () => {
    const json = (text: string) => JSON.stringify({ activities: [message('hi')], snapshot: { context: { note: text } } });
    expect(findUnstorableJson(json('a\u0000b'))).toBe('nul');
    expect(findUnstorableJson(json('a\ud800b'))).toBe('lone-surrogate');
    expect(findUnstorableJson(json('\udc00'))).toBe('lone-surrogate');
    expect(findUnstorableJson(json('\\\u0000'))).toBe('nul');
    // Control characters are escaped as \u00XX too, and are storable.
    expect(findUnstorableJson(json('bell \u0007 and escape \u001b'))).toBeNull();
    // A child's literal backslash-u text is escaped as \\u: not an escape of NUL.
    expect(findUnstorableJson(json('the literal text \\u0000 and \\ud800'))).toBeNull();
    for (const text of TRICKY) expect(findUnstorableJson(json(text))).toBeNull();
  });
});

describe('holdsUnstorableJson', () => {
  /** What the walk must answer: the check on the JSON itself, or what stringify throws. */
  const byJson = (value: unknown): boolean | string => {
    try {
      return findUnstorableJson(JSON.stringify(value)) !== null;
    } catch (error) {
      return `throws ${(error as Error).constructor.name}`;
    }
  };
  const byWalk = (value: unknown): boolean | string => {
    try {
      return holdsUnstorableJson(value);
    } catch (error) {
      return `throws ${(error as Error).constructor.name}`;
    }
  };
  const BAD = ['\u0000', 'a\ud800', '\udfff b', 'x\ud83d', '\ude00\ud83d'];
  const WORDS = [...TRICKY, ...BAD, 'the text \\u0000', '\ud83d\ude00', 'plain'];

  /** A small deterministic generator (no Math.random: a failure must be reproducible). */
  function* values(seed: number, count: number): Generator<unknown> {
    let state = seed;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const word = (): string => WORDS[next(WORDS.length)]!;
    const make = (depth: number): unknown => {
      switch (next(depth > 3 ? 4 : 12)) {
        case 0: return word();
        case 1: return next(1000) - 500;
        case 2: return next(2) === 0 ? null : true;
        case 3: return [undefined, () => '\u0000', Symbol('s')][next(3)];
        case 4: case 5: case 6: {
          const out: Record<string, unknown> = {};
          for (let i = next(4); i > 0; i -= 1) out[next(3) === 0 ? word() : `k${i}`] = make(depth + 1);
          return out;
        }
        case 7: case 8: return Array.from({ length: next(4) }, () => make(depth + 1));
        case 9: return [new Date(Date.UTC(2026, 0, 1 + next(20))), new Map([[word(), word()]]), Object(word()), { toJSON: () => word() }][next(4)];
        case 10: return Object.assign(Object.create(null) as object, { [word()]: make(depth + 1) });
        default: return { activities: [message(word())], snapshot: { context: { said: make(depth + 1) } } };
      }
    };
    for (let i = 0; i < count; i += 1) yield make(0);
  }

  it('gives the answer the JSON check gives, over 5,000 generated values with NUL, lone surrogates, pairs, escapes, keys, Dates, Maps, toJSON', () => {
    let unstorable = 0;
    for (const value of values(27, 5000)) {
      const expected = byJson(value);
      expect(byWalk(value), JSON.stringify(value)).toBe(expected);
      if (expected === true) unstorable += 1;
    }
    // The generator reaches both answers often.
    expect(unstorable).toBeGreaterThan(500);
    expect(unstorable).toBeLessThan(4500);
  });

  it('follows JSON on what it leaves out, what it cannot write and what is too deep to walk', () => {
    const withInherited = Object.create({ inherited: '\u0000' }) as Record<string, unknown>;
    withInherited['own'] = 'fine';
    const cycle: Record<string, unknown> = { first: 'x\u0000' };
    cycle['self'] = cycle;
    let deep: unknown = 'deep \u0000';
    for (let i = 0; i < 100; i += 1) deep = i % 2 === 0 ? [deep] : { d: deep };
    const cases: [unknown, boolean | string][] = [
      [{ ['gone\u0000']: undefined, ['fn\u0000']: () => 1 }, false],
      [[undefined, () => 1], false],
      [withInherited, false],
      [{ toJSON: 'not a function', text: 'a\u0000' }, true],
      [{ toJSON: 'x\u0000' }, true],
      [{ when: new Date(0), list: new Map([['\u0000', '\u0000']]) }, false],
      [{ boxed: Object('a\ud800') }, true],
      [deep, true],
      [cycle, 'throws TypeError'],
      [{ bad: '\u0000', n: 1n }, 'throws TypeError'],
    ];
    for (const [value, expected] of cases) {
      expect(byJson(value)).toBe(expected);
      expect(byWalk(value)).toBe(expected);
    }
  });
});

describe.each(STORE_DRIVERS)('exact words on %s', (driver) => {
  let opened: TestStore;
  let store: SqlStore;

  beforeAll(async () => {
    opened = await openTestStore(driver);
    store = opened.store;
  });
  afterAll(() => opened.close());

  async function newConversation(): Promise<string> {
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: NOW });
    return id;
  }

  it('round-trips tricky text exactly, in activities and snapshots', async () => {
    const id = await newConversation();
    await store.conversations.append(
      id,
      TRICKY.map((text, i) => ({ clientActivityId: `c-${i}-${text.slice(0, 3)}`, activity: message(text) })),
      { snapshot: { snapshot: { lastWords: TRICKY }, machineVersion: 'm', contentVersion: 'c' } },
    );
    const stored = await store.conversations.after(id, 0);
    expect(stored.map((a) => a.activity.text)).toEqual(TRICKY);
    expect(stored.map((a) => a.clientActivityId)).toEqual(TRICKY.map((text, i) => `c-${i}-${text.slice(0, 3)}`));
    // Not normalised: the two spellings of "café" stay different code points.
    expect(stored[3]?.activity.text?.normalize('NFC')).not.toBe(stored[3]?.activity.text);
    expect((await store.conversations.latestSnapshot(id))?.snapshot).toEqual({ lastWords: TRICKY });
  });

  it('round-trips every Unicode scalar value except NUL', async () => {
    const id = await newConversation();
    const chunks = everyScalarValue(0x10000);
    for (let i = 0; i < chunks.length; i += 4) {
      await store.conversations.append(id, chunks.slice(i, i + 4).map((text) => ({ activity: message(text) })));
    }
    const stored = await store.conversations.after(id, 0);
    expect(stored).toHaveLength(chunks.length);
    stored.forEach((activity, i) => {
      // Compare without printing megabytes on failure.
      expect(activity.activity.text === chunks[i], `chunk ${i} differs`).toBe(true);
    });
  });

  it.each([
    ['a NUL character', 'before\u0000after', /NUL/],
    ['a lone high surrogate', 'broken \ud83d emoji', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '\ude00 start', /lone UTF-16 surrogate/],
  ])('refuses %s with a clear error and writes nothing', async (_name, text, messagePattern) => {
    const id = await newConversation();
    const attempt = store.conversations.append(id, [{ clientActivityId: 'x', activity: message(text) }]);
    await expect(attempt).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    await expect(attempt).rejects.toThrow(messagePattern);
    const inSnapshot = store.conversations.append(id, [{ activity: message('fine') }], {
      snapshot: { snapshot: { said: text }, machineVersion: 'm', contentVersion: 'c' },
    });
    await expect(inSnapshot).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    expect(await store.conversations.after(id, 0)).toEqual([]);
    expect((await store.conversations.get(id))?.lastSeq).toBe(0);
  });
});
