import { describe, expect, it } from 'vitest';
import { mayBeFramed, readClauses } from '../../dialogs/safety/clause.js';
import { tokenise } from '../../dialogs/safety/detect.js';
import { termIdsOf } from '../../dialogs/safety/match.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 39 (spd-det): the detector's engine does less work for the same findings. Sentences written for this test.

const model = loadSafetyModel();
const tuningTexts = (): string[] => loadDataset().filter((item) => item.split === 'tuning').flatMap((item) => item.turns.map((t) => t.text));

describe('mayBeFramed: a message with no frame word has only real clauses (session 39)', () => {
  it('is false for a plain message and true where a story, game or lesson is named', () => {
    expect(mayBeFramed(tokenise('a man keeps asking me for pics and says he will come to my house', model))).toBe(false);
    const story = tokenise('in the book the girl runs away from home', model);
    expect(mayBeFramed(story)).toBe(true);
    expect(readClauses(story).some((c) => c.reality === 'fiction')).toBe(true);
    const game = tokenise('in fortnite you have to kill everyone on the island', model);
    expect(mayBeFramed(game)).toBe(true);
    expect(readClauses(game).some((c) => c.reality === 'game')).toBe(true);
  });

  it('over every tuning message: when it says no frame is possible, every clause is real', () => {
    let plain = 0;
    let framed = 0;
    for (const text of tuningTexts()) {
      const tokens = tokenise(text, model);
      const clauses = readClauses(tokens);
      if (clauses.some((c) => c.reality !== 'real')) framed += 1;
      if (mayBeFramed(tokens)) continue;
      plain += 1;
      expect(clauses.every((c) => c.reality === 'real'), text).toBe(true);
    }
    // Both kinds are there in numbers: the shortcut is taken for most messages, and the frames it must not miss exist.
    expect(plain).toBeGreaterThan(10_000);
    expect(framed).toBeGreaterThan(200);
  });

  it('reads each message afresh: the clauses of one message are not given for another', () => {
    const a = tokenise('we learned about it in pshe and she said it was fine', model);
    const b = tokenise('he said he would send them to everyone', model);
    const first = readClauses(a).map((c) => ({ ...c }));
    const other = readClauses(b).map((c) => ({ ...c }));
    expect(other).not.toEqual(first);
    expect(readClauses(a)).toEqual(first);
    expect(mayBeFramed(b)).toBe(false);
    expect(mayBeFramed(a)).toBe(true);
    // The same words in a new tokens array are read again, with the same result.
    expect(readClauses(tokenise('we learned about it in pshe and she said it was fine', model))).toEqual(first);
  });
});

describe('several-word set members keep their term ids (session 39)', () => {
  it('over every tuning message, a word given a several-word set has term ids for all its keys, the same a second time', () => {
    let extended = 0;
    for (const text of tuningTexts()) {
      const again = tokenise(text, model);
      for (const [i, t] of tokenise(text, model).entries()) {
        if (t.keys.length <= model.words.keysOf(t.word).keys.length) continue;
        // Its ids, when there is one for every key (a word given two such sets has them for its first only), are those of
        // its keys, set last: matching reads them, not the strings again.
        if (t.termIds?.ids.length === t.keys.length) {
          extended += 1;
          expect([...t.termIds.ids]).toEqual([...termIdsOf(t.keys).ids]);
        }
        // The same message read twice gives the same keys and sets (the second time from the word's memo).
        expect(again[i]?.keys).toEqual(t.keys);
        expect(again[i]?.sets).toEqual(t.sets);
      }
    }
    expect(extended).toBeGreaterThan(1_000);
  });

  it('gives "best friend" the set of the pair on "best", and not a lone "best"', () => {
    const pair = tokenise('my best friend told me', model);
    const lone = tokenise('it was the best day', model);
    expect(pair[1]?.word).toBe('best');
    expect(pair[1]?.sets).toContain('{youngkin}');
    expect(pair[1]?.keys.at(-1)).toBe('{youngkin}');
    expect(lone[3]?.word).toBe('best');
    expect(lone[3]?.sets).not.toContain('{youngkin}');
  });
});
