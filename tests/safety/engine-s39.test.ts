import { describe, expect, it } from 'vitest';
import { mayBeFramed, readClauses } from '../../dialogs/safety/clause.js';
import { tokenise } from '../../dialogs/safety/detect.js';
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
