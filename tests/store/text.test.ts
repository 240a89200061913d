import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableText, type SqlStore } from '../../server/store/index.js';
import { findUnstorableJson, findUnstorableValue } from '../../server/store/text.js';
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

describe('findUnstorableValue', () => {
  /** A small seeded generator, so a failure names the seed that made it. */
  function randomOf(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  const BAD = ['\u0000', '\ud800', '\udfff', 'x\ud83d', '\ude00y'];

  /** A value of the shapes a snapshot or an activity holds, and a few JSON treats specially. */
  function valueOf(random: () => number, depth: number): unknown {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const text = () => (random() < 0.08 ? `${pick(TRICKY)}${pick(BAD)}` : pick(TRICKY));
    const kind = depth > 3 ? Math.floor(random() * 4) : Math.floor(random() * 12);
    switch (kind) {
      case 0: return text();
      case 1: return pick([0, 1.5, -2, Number.NaN, true, false, null]);
      case 2: return pick([undefined, () => '\u0000', Symbol('s')]);
      case 3: return new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 300)));
      case 4: return Object(text()) as unknown;
      case 5: { const inner = text(); return { toJSON: (key: string) => (random() < 0.5 ? inner : `${key}${inner}`) }; }
      case 6: case 7: return Array.from({ length: Math.floor(random() * 4) }, () => valueOf(random, depth + 1));
      default: {
        const record: Record<string, unknown> = {};
        for (let i = Math.floor(random() * 5); i > 0; i--) record[random() < 0.05 ? `k${pick(BAD)}` : `k${i}`] = valueOf(random, depth + 1);
        return record;
      }
    }
  }

  it('finds text JSON could not keep exactly wherever JSON.stringify would write it, and nothing else', () => {
    let flagged = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const random = randomOf(seed);
      const value = valueOf(random, 0);
      const json = JSON.stringify(value);
      const expected = json === undefined ? null : findUnstorableJson(json);
      expect({ seed, found: findUnstorableValue(value) !== null }).toEqual({ seed, found: expected !== null });
      if (expected !== null) flagged++;
    }
    // The generator must make both kinds, or the comparison proves nothing.
    expect(flagged).toBeGreaterThan(200);
    expect(flagged).toBeLessThan(3800);
  });

  it('names what it finds and throws what JSON.stringify throws', () => {
    expect(findUnstorableValue({ said: ['fine', { deep: 'no\u0000' }] })).toBe('nul');
    expect(findUnstorableValue({ ['key\ud800']: 1 })).toBe('lone-surrogate');
    expect(findUnstorableValue({ ['key\ud800']: undefined })).toBeNull();
    expect(findUnstorableValue([undefined, () => 'x\u0000'])).toBeNull();
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => findUnstorableValue(loop)).toThrow(TypeError);
    expect(() => findUnstorableValue({ n: 1n })).toThrow(TypeError);
    const shared = { text: 'twice is not a cycle' };
    expect(findUnstorableValue([shared, shared])).toBeNull();
  });

  it('walks a frozen shared message once, but still sees what can change inside a frozen one', () => {
    const reply = Object.freeze({ type: 'message', text: 'You did the right thing', suggestedActions: Object.freeze({ actions: Object.freeze([Object.freeze({ type: 'imBack', title: 'Yes', value: 'yes' })]) }) });
    for (let turn = 0; turn < 3; turn++) expect(findUnstorableValue([reply, { text: `turn ${turn}` }])).toBeNull();
    // Frozen on top, not all the way down: the inner list can still change.
    const notes = ['fine'];
    const shallow = Object.freeze({ notes });
    expect(findUnstorableValue(shallow)).toBeNull();
    notes.push('now\u0000');
    expect(findUnstorableValue(shallow)).toBe('nul');
    // A toJSON inside a frozen object may write something else next time.
    let said = 'fine';
    const dated = Object.freeze({ when: { toJSON: () => said } });
    expect(findUnstorableValue(dated)).toBeNull();
    said = 'x\ud800';
    expect(findUnstorableValue(dated)).toBe('lone-surrogate');
  });

  /** Plain objects and arrays reachable from `value` (what a later value may share, or change in place). */
  function plainIn(value: unknown, out: object[] = []): object[] {
    if (typeof value !== 'object' || value === null || out.includes(value)) return out;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== Array.prototype) return out;
    out.push(value);
    for (const member of Object.values(value)) plainIn(member, out);
    return out;
  }

  /** Whether JSON writes `value` as it is, all the way down: no toJSON, Date or boxed value in it (what a check may find settled). */
  function holdsPlainDataOnly(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return true;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== Array.prototype) return false;
    return !('toJSON' in value) && Object.values(value).every(holdsPlainDataOnly);
  }

  it('with what the check before found settled, answers as JSON does over runs of values sharing members, and walks again what may have changed', () => {
    let flagged = 0;
    let changedInPlace = 0;
    let skipped = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const random = randomOf(seed);
      let value: Record<string, unknown> = { first: valueOf(random, 0), second: valueOf(random, 1) };
      let before: readonly object[] = [];
      for (let step = 0; step < 6; step++) {
        const expected = findUnstorableJson(JSON.stringify(value));
        const settled = { before, found: [] as object[] };
        const found = findUnstorableValue(value, settled);
        expect({ seed, step, found: found !== null }).toEqual({ seed, step, found: expected !== null });
        if (expected !== null) flagged++;
        if (found === null) {
          skipped += settled.found.filter((object) => before.includes(object)).length;
          before = settled.found;
        }
        // The next value, as a dialog's next snapshot: a new top sharing the old members, one of
        // them new; and, as nobody changes in place what holds plain data only, one holding a toJSON,
        // a Date or a boxed value (whose JSON may change anyway) changed in place.
        value = { ...value, [random() < 0.5 ? 'first' : `new${step}`]: valueOf(random, 1) };
        const open = plainIn(value).filter((object) => object !== value && !holdsPlainDataOnly(object) && !Object.isFrozen(object));
        const target = open[Math.floor(random() * open.length)];
        if (target !== undefined && random() < 0.7) {
          const text = random() < 0.3 ? 'now\u0000' : 'fine';
          if (Array.isArray(target)) target.push(text);
          else (target as Record<string, unknown>)[`k${step}`] = text;
          changedInPlace++;
        }
      }
    }
    // Both answers often, objects skipped often, unsettled ones changed often: or this proves nothing.
    expect(flagged).toBeGreaterThan(300);
    expect(flagged).toBeLessThan(3300);
    expect(skipped).toBeGreaterThan(300);
    expect(changedInPlace).toBeGreaterThan(300);
  });

  it('finds settled only what holds plain data all the way down, and still sees a member replaced by a bad one', () => {
    const said = { selfHarm: false, topics: ['roblox'] };
    const at = { when: new Date(0), notes: ['fine'] };
    const dated = { when: { toJSON: () => 'fine' } };
    const first = { context: { said, at, dated, turn: 1 } };
    const settled = { before: [] as object[], found: [] as object[] };
    expect(findUnstorableValue(first, settled)).toBeNull();
    // The Date and the toJSON write through a function, so what holds them is walked every time.
    expect(settled.found).toEqual(expect.arrayContaining([said, said.topics, at.notes]));
    for (const unsettled of [at, dated, dated.when, first, first.context]) expect(settled.found).not.toContain(unsettled);
    // The next turn's value shares `said` (skipped) and replaces `turn`'s neighbour with a bad one.
    const next = { context: { ...first.context, turn: 2, notes: { last: 'no\ud800' } } };
    expect(findUnstorableValue(next, { before: settled.found, found: [] })).toBe('lone-surrogate');
    // What may still change is walked again: the object holding a Date, changed in place.
    (at as Record<string, unknown>)['added'] = 'x\u0000';
    expect(findUnstorableValue({ context: { ...first.context, turn: 3 } }, { before: settled.found, found: [] })).toBe('nul');
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
    // In a later activity of the turn, in a client id, in a snapshot's version.
    const inReply = store.conversations.append(id, [{ clientActivityId: 'y', activity: message('fine') }, { activity: message(text) }]);
    await expect(inReply).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    const inClientId = store.conversations.append(id, [{ clientActivityId: text, activity: message('fine') }]);
    await expect(inClientId).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    const inVersion = store.conversations.append(id, [{ activity: message('fine') }], {
      snapshot: { snapshot: { said: 'fine' }, machineVersion: 'm', contentVersion: text },
    });
    await expect(inVersion).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    expect(await store.conversations.after(id, 0)).toEqual([]);
    expect((await store.conversations.get(id))?.lastSeq).toBe(0);
  });
});
