import { describe, expect, it } from 'vitest';
import { compile, tokens, Vocabulary } from '../../dialogs/match.js';

describe('the lists a vocabulary finds in a message (session 31: one bit a list)', () => {
  it('finds each of its own lists said in the message, past the first 32, and never a list it does not hold', () => {
    const before = compile(['stop now']);
    const lists = Array.from({ length: 40 }, (_, i) => compile([`word${i} now`]));
    const after = compile(['stop now']);
    const vocabulary = new Vocabulary(lists);
    const found = vocabulary.found(vocabulary.read(tokens('word0 now, word31 now, word33 now and word39 now, stop now')));
    expect(lists.flatMap((list, i) => (found.has(list) ? [i] : []))).toEqual([0, 31, 33, 39]);
    // "stop now" is in the message, but its lists belong to no vocabulary here.
    expect(found.has(before)).toBe(false);
    expect(found.has(after)).toBe(false);
    expect(vocabulary.found(vocabulary.read(tokens('word0 later'))).has(lists[0] ?? before)).toBe(false);
  });
});
