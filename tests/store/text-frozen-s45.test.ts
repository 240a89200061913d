import { describe, expect, it } from 'vitest';
import { findUnstorableValue } from '../../server/store/text.js';

/**
 * Session 45 tried asking Object.isFrozen only of an object that is not extensible (every frozen one is not), and
 * dropped it: Object.isExtensible is a runtime call in this V8 too. Whatever the walk does to find the frozen objects,
 * one that is not extensible but not frozen either (sealed, or only kept from growing) must be walked again on the
 * next check, as its members can change in place; only a frozen one is remembered as storable. (Fails when every
 * object that is not extensible is taken for frozen.)
 */
describe('the memory store text walk: which objects count as frozen (session 45)', () => {
  const cases: [string, (o: object) => object][] = [
    ['sealed', (o) => Object.seal(o)],
    ['not extensible', (o) => Object.preventExtensions(o)],
    ['extensible', (o) => o],
  ];
  for (const [name, lock] of cases) {
    it(`re-reads a ${name} object that holds an object, after its text changed in place`, () => {
      const inner = lock({ text: 'fine' }) as { text: string };
      const outer = lock({ inner, note: 'ok' }) as { inner: { text: string }; note: string };
      expect(findUnstorableValue({ outer })).toBeNull();
      // Walked twice while storable: a frozen object would be remembered here.
      expect(findUnstorableValue({ outer })).toBeNull();
      outer.note = 'bad\u0000';
      expect(findUnstorableValue({ outer })).toBe('nul');
      outer.note = 'ok';
      inner.text = 'bad\ud800';
      expect(findUnstorableValue({ outer })).toBe('lone-surrogate');
    });
  }

  it('remembers a frozen object all the way down, and reads a frozen one that holds bad text', () => {
    const leaf = Object.freeze({ text: 'fine' });
    const frozen = Object.freeze({ leaf, list: Object.freeze(['a', 'b']) });
    expect(findUnstorableValue({ frozen })).toBeNull();
    expect(findUnstorableValue([frozen, frozen])).toBeNull();
    expect(findUnstorableValue({ bad: Object.freeze({ leaf, text: 'x\u0000' }) })).toBe('nul');
    expect(findUnstorableValue(Object.freeze([Object.freeze({ t: 'y\udc00' })]))).toBe('lone-surrogate');
  });
});
