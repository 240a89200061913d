import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index.js';
import type { WireActivity } from '../../server/protocol/index.js';

/**
 * The memory store refuses what the SQL stores cannot keep exactly (NUL, a lone surrogate)
 * anywhere JSON would carry it, as they do, and accepts everything else, written nowhere.
 */

const NOW = new Date('2026-02-01T09:00:00.000Z');

function message(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'child', name: '', role: 'user' } };
}

async function freshStore() {
  const store = createMemoryStore();
  await store.conversations.create({ id: 'c1', locale: 'en-GB', now: NOW });
  return store;
}

const snapshotOf = (snapshot: unknown) => ({ snapshot: { snapshot, machineVersion: 'm', contentVersion: 'c' } });

describe('memory store: text it cannot keep exactly', () => {
  it.each([
    ['NUL in a message', [message('before\u0000after')], undefined],
    ['a lone high surrogate at the end', [message('broken \ud83d')], undefined],
    ['a lone low surrogate at the start', [message('\ude00 start')], undefined],
    ['NUL in a long text', [message(`${'x'.repeat(100)}\u0000`)], undefined],
    ['NUL in a key', [{ activity: { type: 'message', channelData: { ['k\u0000']: 'v' } } as unknown as WireActivity }], undefined],
    ['NUL deep in the snapshot', [message('fine')], { a: [{ b: { said: 'no\u0000' } }] }],
    ['a lone surrogate in a snapshot key', [message('fine')], { ['\ud800']: 1 }],
    ['NUL in what a toJSON writes', [message('fine')], { when: { toJSON: () => 'x\u0000' } }],
  ])('refuses %s and writes nothing', async (_name, items, snapshot) => {
    const store = await freshStore();
    const activities = (items as (WireActivity | { activity: WireActivity })[]).map((item) => ('activity' in item ? item : { activity: item }));
    const attempt = store.conversations.append('c1', activities, snapshot === undefined ? {} : snapshotOf(snapshot));
    await expect(attempt).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_TEXT' });
    expect(await store.conversations.after('c1', 0)).toEqual([]);
    expect(await store.conversations.latestSnapshot('c1')).toBeNull();
  });

  it('keeps surrogate pairs, escapes written as text, Dates and boxed strings exactly', async () => {
    const store = await freshStore();
    const words = ['😢 paired 👨‍👩‍👧', 'the text \\u0000 and \\ud800', `${'long '.repeat(20)}🇬🇧`];
    const snapshot = { at: NOW, boxed: Object(words[0]) as unknown, list: [words[2], null, 3], skipped: undefined, fn: () => '\u0000' };
    await store.conversations.append('c1', words.map((text) => ({ activity: message(text) })), snapshotOf(snapshot));
    expect((await store.conversations.after('c1', 0)).map((stored) => stored.activity.text)).toEqual(words);
    expect((await store.conversations.latestSnapshot('c1'))?.snapshot).toBe(snapshot);
  });

  it('skips, as JSON does, a key whose value JSON leaves out', async () => {
    const store = await freshStore();
    await store.conversations.append('c1', [{ activity: message('fine') }], snapshotOf({ ['gone\u0000']: undefined }));
    expect(await store.conversations.after('c1', 0)).toHaveLength(1);
  });

  it('checks each turn\'s snapshot as a whole, though it walks again only what the turn made or may have changed', async () => {
    const store = await freshStore();
    const said = { selfHarm: false, thanks: true };
    const summary = { app: 'Roblox', feelings: ['worried'] };
    const held = { since: new Date(0), notes: ['fine'] };
    const context = { said, summary, held, turn: { findings: [] as string[] } };
    await store.conversations.append('c1', [{ activity: message('one') }], snapshotOf({ value: 'listening', context }));
    // The next snapshot shares `said` and `summary`; its new `turn` holds NUL: refused.
    const next = { ...context, turn: { findings: ['no\u0000'] } };
    await expect(store.conversations.append('c1', [{ activity: message('two') }], snapshotOf({ value: 'listening', context: next }))).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_TEXT',
    });
    // What holds a Date is written through its toJSON, so it is walked every time: changed in place, refused.
    (held as Record<string, unknown>)['note'] = 'x\ud800';
    await expect(store.conversations.append('c1', [{ activity: message('three') }], snapshotOf({ value: 'listening', context: { ...context, turn: { findings: [] } } }))).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_TEXT',
    });
    delete (held as Record<string, unknown>)['note'];
    await store.conversations.append('c1', [{ activity: message('four') }], snapshotOf({ value: 'talking', context: { ...context, said: { ...said, details: true } } }));
    expect((await store.conversations.after('c1', 0)).map((stored) => stored.activity.text)).toEqual(['one', 'four']);
  });

  it('fails as JSON.stringify does on what it cannot write (a cycle, a BigInt), writing nothing', async () => {
    const store = await freshStore();
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle['self'] = cycle;
    await expect(store.conversations.append('c1', [{ activity: message('fine') }], snapshotOf(cycle))).rejects.toThrow(TypeError);
    await expect(store.conversations.append('c1', [{ activity: message('fine') }], snapshotOf({ n: 1n }))).rejects.toThrow(TypeError);
    expect(await store.conversations.after('c1', 0)).toEqual([]);
  });
});
