import { describe, expect, it } from 'vitest';
import { findUnstorableValue, type SettledObjects } from '../../server/store/text.js';

describe('the memory store text walk: a member not settled is looked for once (session 43)', () => {
  it('finds the same settled objects, in the same order, for members settled, new, and written through a toJSON', () => {
    const s1 = { x: 'a' };
    const fresh = { y: 'b', inner: s1 };
    const value = { keep: s1, fresh, viaJson: { toJSON: () => s1 }, again: fresh };
    const settled: SettledObjects = { before: [s1], found: [] };
    expect(findUnstorableValue(value, settled)).toBeNull();
    // keep: s1 as it is; fresh: walked (its s1, then fresh itself); viaJson: not settled itself, but what JSON writes
    // for it is; again: the same new object, walked again as before.
    expect(settled.found).toEqual([s1, s1, fresh, s1, s1, fresh]);
    expect(settled.found[2]).toBe(fresh);
    expect(settled.found[3]).toBe(s1);
  });

  it('still reads the text of members that are not settled', () => {
    const s1 = { x: 'a' };
    const before = [s1];
    expect(findUnstorableValue({ keep: s1, fresh: { t: 'x\u0000' } }, { before, found: [] })).toBe('nul');
    expect(findUnstorableValue([s1, { list: ['ok', 'bad\ud800'] }], { before, found: [] })).toBe('lone-surrogate');
    // An object a toJSON gives back is looked for in `before` itself, not taken for the member that gave it.
    const written = { t: 'y\u0000' };
    expect(findUnstorableValue({ viaJson: { toJSON: () => written } }, { before, found: [] })).toBe('nul');
  });

  it('keeps a settled object settled when it first comes through a toJSON and then as a member', () => {
    const s1 = { x: 'a' };
    const holder = { toJSON: () => s1 };
    const settled: SettledObjects = { before: [s1], found: [] };
    expect(findUnstorableValue({ first: holder, second: s1, third: holder }, settled)).toBeNull();
    expect(settled.found).toEqual([s1, s1, s1]);
  });
});
