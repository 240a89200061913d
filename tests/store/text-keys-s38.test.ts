import { describe, expect, it } from 'vitest';
import { findUnstorableJson, findUnstorableValue, type SettledObjects } from '../../server/store/text.js';

/** What the SQL stores would say: the JSON they send, searched for escaped NUL or lone surrogates. */
function sqlAnswer(value: unknown): ReturnType<typeof findUnstorableJson> {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? null : findUnstorableJson(json);
}

/**
 * Session 38: the walk remembers keys it found storable (a snapshot's keys are the same names every turn) and takes a
 * member the last check found settled without asking what JSON writes for it. The answers stay the SQL stores'.
 */
describe('the memory store text walk (session 38: keys remembered, settled members taken as they are)', () => {
  it('still refuses a bad key after many good ones were remembered, and after more than it remembers', () => {
    // Asked twice: a bad key is never remembered as storable.
    for (const bad of ['name\u0000', 'name\ud800']) {
      expect(findUnstorableValue({ name: 1, [bad]: 1 })).not.toBeNull();
      expect(findUnstorableValue({ name: 1, [bad]: 1 })).not.toBeNull();
    }
    const many: Record<string, number> = {};
    for (let i = 0; i < 3000; i += 1) many[`field${i}`] = i;
    expect(findUnstorableValue(many)).toBeNull();
    expect(findUnstorableValue(many)).toBeNull();
    for (const bad of ['field1\u0000', 'field1\ud800', '\udc00field1', `${'k'.repeat(80)}\u0000`]) {
      const value = { ...many, [bad]: 'fine' };
      expect(findUnstorableValue(value)).toBe(sqlAnswer(value));
      expect(findUnstorableValue(value)).not.toBeNull();
    }
    // A long key remembered or not, a good one is fine and the same key with a NUL after it is not.
    const long = 'k'.repeat(80);
    expect(findUnstorableValue({ [long]: 1 })).toBeNull();
    expect(findUnstorableValue({ [long]: 1 })).toBeNull();
    expect(findUnstorableValue({ [`${long}\u0000`]: 1 })).toBe('nul');
    // A paired surrogate in a key is storable, and stays so when asked again.
    expect(findUnstorableValue({ ['emoji \ud83d\ude00']: 1 })).toBeNull();
    expect(findUnstorableValue({ ['emoji \ud83d\ude00']: 1 })).toBeNull();
    expect(findUnstorableValue({ ['emoji \ud83d']: 1 })).toBe('lone-surrogate');
  });

  it('gives the SQL stores\' answer through a run of snapshots that share settled members', () => {
    const shared = { signals: [{ feature: 'a', text: 'fine' }], summary: { asked: ['x'] } };
    let before: readonly object[] = [];
    for (let turn = 0; turn < 6; turn += 1) {
      const snapshot = { context: { turn, shared, note: turn === 4 ? 'bad\u0000' : 'fine', [turn === 5 ? 'k\ud800' : 'k']: turn } };
      const settled: SettledObjects = { before, found: [] };
      expect(findUnstorableValue(snapshot, settled)).toBe(sqlAnswer(snapshot));
      before = settled.found;
    }
    // A settled member still counts as settled for the check after: found again, not walked.
    const settled: SettledObjects = { before: [shared], found: [] };
    expect(findUnstorableValue({ again: shared }, settled)).toBeNull();
    expect(settled.found).toContain(shared);
  });

  it('asks a settled member\'s toJSON again when Object.prototype has been given one since', () => {
    const member = { text: 'fine' };
    const first: SettledObjects = { before: [], found: [] };
    expect(findUnstorableValue({ member }, first)).toBeNull();
    expect(first.found).toContain(member);
    const proto = Object.prototype as Record<string, unknown>;
    try {
      Object.defineProperty(proto, 'toJSON', { value: () => 'bad\u0000', enumerable: false, configurable: true, writable: true });
      // A container with no prototype has no toJSON: its member, settled before, is written through the new one.
      const value = Object.assign(Object.create(null) as Record<string, unknown>, { member });
      expect(sqlAnswer(value)).toBe('nul');
      expect(findUnstorableValue(value, { before: first.found, found: [] })).toBe('nul');
    } finally {
      delete proto['toJSON'];
    }
  });
});
