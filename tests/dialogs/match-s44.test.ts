import { describe, expect, it } from 'vitest';
import { compile, tokens, Vocabulary } from '../../dialogs/match.js';

describe('Vocabulary.found: each reading starts from no lists found (session 44)', () => {
  it('keeps no bit of one reading in the next, across several 32-list words', () => {
    const lists = Array.from({ length: 70 }, (_, i) => compile([`word${i}`, `two words${i}`]));
    const vocabulary = new Vocabulary(lists);
    const foundIn = (text: string) => {
      const found = vocabulary.found(vocabulary.read(tokens(text)));
      return lists.filter((list) => found.has(list)).map((list) => lists.indexOf(list));
    };
    expect(foundIn('word0 word33 two words69')).toEqual([0, 33, 69]);
    expect(foundIn('word1')).toEqual([1]);
    expect(foundIn('nothing here')).toEqual([]);
    expect(foundIn('word0 word33 two words69')).toEqual([0, 33, 69]);
    expect(foundIn('two words31 word32')).toEqual([31, 32]);
  });
});
