import { describe, expect, it } from 'vitest';
import { findUnstorableJson, findUnstorableValue, type SettledObjects } from '../../server/store/text.js';

/** What the SQL stores would say: the JSON they send, searched for escaped NUL or lone surrogates. */
function sqlAnswer(value: unknown): ReturnType<typeof findUnstorableJson> {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? null : findUnstorableJson(json);
}

describe('the memory store text walk (session 33: for-in over plain objects, frozen leaves not remembered)', () => {
  it('ignores what Object.prototype would add to a for-in, as JSON does', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const record = { text: 'fine', nested: { also: 'fine' } };
    try {
      Object.defineProperty(proto, 'inherited', { value: 'bad\u0000', enumerable: true, configurable: true, writable: true });
      expect(sqlAnswer(record)).toBeNull();
      expect(findUnstorableValue(record)).toBeNull();
      // Own text is still read.
      expect(findUnstorableValue({ ...record, own: 'x\ud800' })).toBe('lone-surrogate');
    } finally {
      delete proto['inherited'];
    }
    expect(findUnstorableValue({ text: 'bad\u0000' })).toBe('nul');
  });

  it('skips a key a toJSON deletes before the walk reaches it, and reads one it changes', () => {
    const holder: Record<string, unknown> = {};
    holder['first'] = { toJSON: () => { delete holder['later']; return 'ok'; } };
    holder['later'] = 'gone\u0000';
    expect(sqlAnswer(holder)).toBeNull();
    holder['later'] = 'gone\u0000';
    expect(findUnstorableValue(holder)).toBeNull();

    const changing: Record<string, unknown> = {};
    changing['first'] = { toJSON: () => { changing['later'] = 'now\ud800'; return 'ok'; } };
    changing['later'] = 'fine';
    expect(findUnstorableValue(changing)).toBe('lone-surrogate');
    changing['later'] = 'fine';
    expect(sqlAnswer(changing)).toBe('lone-surrogate');
  });

  it('still finds bad text in a frozen object of text alone, however often it is appended', () => {
    const channelData = Object.freeze({ sender: 'child', clientActivityID: 'id\u0000' });
    const fine = Object.freeze({ sender: 'child', clientActivityID: 'id-1' });
    for (let turn = 0; turn < 3; turn++) {
      expect(findUnstorableValue([{ activity: { text: `turn ${turn}`, channelData: fine } }])).toBeNull();
      expect(findUnstorableValue([{ activity: { text: `turn ${turn}`, channelData } }])).toBe('nul');
    }
  });

  it('counts a frozen leaf inside a settled snapshot as settled, and walks a replaced one again', () => {
    const leaf = Object.freeze({ feature: 'signal.pressure', text: 'keeps messaging' });
    const shared = { signals: [leaf], version: 1 };
    const first: SettledObjects = { before: [], found: [] };
    expect(findUnstorableValue({ context: { detector: shared, turn: 1 } }, first)).toBeNull();
    // The list holding the frozen leaf, and its container, are settled; the leaf itself needs no remembering.
    expect(first.found).toContain(shared);
    expect(first.found).toContain(shared.signals);
    const second: SettledObjects = { before: first.found, found: [] };
    expect(findUnstorableValue({ context: { detector: shared, turn: 2 } }, second)).toBeNull();
    expect(second.found).toContain(shared);
    const replaced = { signals: [Object.freeze({ feature: 'signal.pressure', text: 'bad\ud800' })], version: 1 };
    const third: SettledObjects = { before: second.found, found: [] };
    expect(findUnstorableValue({ context: { detector: replaced, turn: 3 } }, third)).toBe('lone-surrogate');
  });
});
