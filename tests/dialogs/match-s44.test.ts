import { describe, expect, it } from 'vitest';
import { compile, tokens, Vocabulary } from '../../dialogs/match.js';
import { random as generator } from '../helpers/bad-frames.js';

describe('tokens: the ASCII path (session 44)', () => {
  it('reads every ASCII text as the general path does', () => {
    // A zero-width space in front sends the same text down the general path (NFKC, zero-width characters dropped,
    // apostrophes dropped, everything but letters and digits a space), which the ASCII path must agree with.
    const random = generator(44);
    const alphabet = "aAbBzZ09 '`-_.,!?\t\n\r\u0000\u007f\"@~";
    for (let n = 0; n < 5_000; n++) {
      let text = '';
      const length = Math.floor(random() * 16);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(tokens(text), JSON.stringify(text)).toEqual(tokens(`\u200B${text}`));
    }
  });

  it('gives each call a list of its own', () => {
    const first = tokens('hello there');
    first.push('changed');
    expect(tokens('hello there')).toEqual(['hello', 'there']);
  });

  it('leaves a text with any character outside ASCII to the general path', () => {
    expect(tokens('I\u2019m ok')).toEqual(['im', 'ok']);
    expect(tokens('ok \u212A')).toEqual(['ok', 'k']);
    expect(tokens('\uD83D ok')).toEqual(['ok']);
    expect(tokens("Don't \u0080know")).toEqual(['dont', 'know']);
  });
});

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
