import { describe, expect, it } from 'vitest';
import { compile, containsAny, isWholeMessage, normalise, sameWord, tokens } from '../../dialogs/match.js';

describe('tolerant answer matching', () => {
  it('normalises case, Unicode forms, zero-width characters and apostrophes', () => {
    expect(normalise('I’M  ＯＫ\u200B!!')).toBe('im ok');
    expect(tokens("I'd rather not say.")).toEqual(['id', 'rather', 'not', 'say']);
    expect(tokens('🙂🙂')).toEqual([]);
  });

  it('forgives stretched letters only when a word was stretched', () => {
    expect(sameWord('byeeee', 'bye')).toBe(true);
    expect(sameWord('nooooo', 'no')).toBe(true);
    expect(sameWord('god', 'good')).toBe(false);
  });

  it('forgives one typo in longer words only', () => {
    expect(sameWord('worreid', 'worried')).toBe(false); // a swap is two edits
    expect(sameWord('worid', 'worried')).toBe(false);
    expect(sameWord('scaredd', 'scared')).toBe(true);
    expect(sameWord('teacer', 'teacher')).toBe(true);
    expect(sameWord('mad', 'sad')).toBe(false);
  });

  it('finds a phrase word for word anywhere in a message', () => {
    const person = compile(['real person', 'talk to someone']);
    expect(containsAny(tokens('can i talk to a REAL PERSON pls'), person)).toBe(true);
    expect(containsAny(tokens('a person who is real'), person)).toBe(false);
  });

  it('treats goodbye words as a goodbye only when they are the whole message, fillers allowed', () => {
    const bye = compile(['bye', 'stop']);
    const fillers = compile(['ok', 'thanks', 'thank you']);
    expect(isWholeMessage(tokens('ok bye thank you'), bye, fillers)).toBe(true);
    expect(isWholeMessage(tokens('STOP'), bye, fillers)).toBe(true);
    expect(isWholeMessage(tokens('how do i make him stop'), bye, fillers)).toBe(false);
    expect(isWholeMessage(tokens('thanks'), bye, fillers)).toBe(false);
  });
});
