import { describe, expect, it } from 'vitest';
import { readClauses, type Clause } from '../../dialogs/safety/clause.js';
import { tokenise } from '../../dialogs/safety/detect.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 38 (clause): readClauses splits a message into clauses and reads who acts, when, and how real each is.
// Sentences written for this test.

const model = loadSafetyModel();
const read = (text: string): Array<Clause & { words: string }> => {
  const tokens = tokenise(text, model);
  return readClauses(tokens).map((c) => ({ ...c, words: tokens.slice(c.first, c.last + 1).map((t) => t.word).join(' ') }));
};

describe('readClauses: where clauses end', () => {
  it('cuts at "and"/"but" with a new subject, at a new sentence and at the edge of a quotation', () => {
    const clauses = read('we were on the bus and he sat next to me. she said "see you later"');
    expect(clauses.map((c) => c.words)).toEqual(['we were on the bus', 'and he sat next to me', 'she said', 'see you later']);
  });

  it('cuts at a comma before a new subject', () => {
    expect(read('it was ages ago lol, we get on fine now').map((c) => c.words)).toEqual(['it was ages ago lol', 'we get on fine now']);
  });

  it('does not cut at "and" between two things ("fish and chips")', () => {
    expect(read('we had fish and chips on the beach')).toHaveLength(1);
  });

  it('cuts after a reporting verb with a new subject, and marks what follows as reported', () => {
    const clauses = read('he told me it was only a game');
    expect(clauses.map((c) => [c.words, c.reported])).toEqual([['he told me', false], ['it was only a game', true]]);
  });

  it('covers every word once, in order', () => {
    const text = 'in the film the villain hides in the attic, and i watched it twice but my sister hated it';
    const clauses = read(text);
    let next = 0;
    for (const c of clauses) {
      expect(c.first).toBe(next);
      next = c.last + 1;
    }
    expect(next).toBe(tokenise(text, model).length);
  });
});

describe('readClauses: who acts', () => {
  it('reads the child, someone else, someone known, a game creature and "you" in general', () => {
    expect(read('i lost my charger')[0]?.agent).toBe('child');
    expect(read('a man at the station kept staring')[0]?.agent).toBe('other');
    expect(read('my nan bakes on sundays')[0]?.agent).toBe('known');
    expect(read('the zombies come out at night')[0]?.agent).toBe('character');
    expect(read('you have to jump over the lava')[0]?.agent).toBe('general');
  });
});

describe('readClauses: when', () => {
  it('reads a clause told as over and one going on now', () => {
    expect(read('that happened years ago')[0]?.time).toBe('over');
    expect(read('there is someone at the window right now')[0]?.time).toBe('now');
    expect(read('i like drawing horses')[0]?.time).toBe('unknown');
  });
});

describe('readClauses: how real', () => {
  it('reads a clause inside a named work as fiction, and the quoted words after the frame too', () => {
    expect(read('in the novel the old man poisons his brother')[0]?.reality).toBe('fiction');
    const quoted = read('the last verse of the song goes "nobody will find you"');
    expect(quoted.map((c) => c.reality)).toEqual(['fiction', 'fiction']);
  });

  it('reads play in a game by the child, its creatures or its rules as game; a person in the game as real', () => {
    expect(read('i burned down the whole village in minecraft')[0]?.reality).toBe('game');
    expect(read('the dragon guards the tower')[0]?.reality).toBe('game');
    expect(read('in the game a man asked where i live')[0]?.reality).toBe('real');
  });

  it('reads what the child learned or watched at school as a lesson', () => {
    expect(read('we learned in pshe how people get tricked online')[0]?.reality).toBe('lesson');
    expect(read('we watched a man get tricked')[0]?.reality).toBe('real');
  });

  it('reads "it was a game" said by someone else as real: his framing, not the child\'s', () => {
    const clauses = read('he said it was a game in the film we made');
    expect(clauses[1]?.reported).toBe(true);
    expect(clauses[1]?.reality).toBe('real');
  });

  it('reads someone else acting on the child with a work as real ("he showed me a film")', () => {
    expect(read('he showed me a film with grown ups doing stuff')[0]?.reality).toBe('real');
  });
});
