import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 38 (clause, lexicon v124): one reading of how real a clause is (dialogs/safety/clause.ts) stands a red flag
// down when it is said inside a book, film, song or play, a game's own play, or a lesson; each family is checked against
// a red flag in the same words that a safeguarding lead would keep. Every sentence here is new wording.

const model: SafetyModel = loadSafetyModel();
const categoriesOf = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f: Finding) => f.category))].sort();

describe('session 38 clause: said inside a story, film, song or play', () => {
  it('raises nothing for a line or a scene the child describes from a work', () => {
    for (const text of [
      'in the film the kidnapper tells the girl "dont tell your parents about me or else"',
      'my favourite bit of the musical is where the villain says "bring me the money by midnight"',
      'in our school play my character has to whisper "meet me behind the stables tonight, come alone"',
    ]) expect(categoriesOf(text), text).toEqual([]);
  });

  it('keeps the flag when someone uses a film on the child, or the child takes the line as their own', () => {
    expect(categoriesOf('he made me watch a film with naked people and said not to tell my mum')).toContain('sexual');
    expect(categoriesOf('the song goes "i want to die tonight" and thats exactly how i feel')).toContain('self_harm');
  });

  it('keeps self-harm in a story the child wrote', () => {
    expect(categoriesOf('i wrote a story for english about a girl who wants to kill herself and its kind of about me')).toContain('self_harm');
  });
});

describe('session 38 clause: a game\'s own play', () => {
  it('raises nothing for the game\'s creatures or its rules', () => {
    for (const text of [
      'the boss on level 9 waits behind the door and kills you if you go in without a shield',
      'in the game you have to hide under the bed until the monster leaves the house',
    ]) expect(categoriesOf(text), text).toEqual([]);
  });

  it('keeps what a person in the game asks or threatens outside it', () => {
    expect(categoriesOf('in the game a man asked me to send a pic of my legs')).toContain('sexual');
    expect(categoriesOf('in fortnite he said he knows my school and will wait for me outside')).not.toEqual([]);
  });
});

describe('session 38 clause: a lesson', () => {
  it('raises nothing for what the class learned about', () => {
    expect(categoriesOf('in pshe we watched a video about people asking for nudes online')).toEqual([]);
  });

  it('keeps the child\'s own disclosure after the lesson', () => {
    expect(categoriesOf('in pshe we watched a video about people asking for nudes and a man online keeps asking me for nude pics')).toContain('sexual');
    expect(categoriesOf('in the film the stalker says "i know where you live" and a man on insta keeps saying he knows where i live')).toContain('personal_info');
  });
});

describe('session 38 clause: someone else calling it a game is his framing', () => {
  it('keeps the flag when the stranger says it was a game or a joke', () => {
    expect(categoriesOf('he said it was just a game we play and that i have to keep it our secret')).toContain('meet_or_secrecy');
  });
});

describe('session 38 clause: a peer\'s threat told as over', () => {
  it('raises no threat for a classmate\'s threat long over', () => {
    expect(categoriesOf('years ago a boy threatened to tell everyone i fancied someone, we are mates now')).not.toContain('threat_blackmail');
  });

  it('keeps it when it goes on, comes from a man, or is about pictures', () => {
    expect(categoriesOf('a girl in my year used to threaten to tell everyone my secret and she still does')).toContain('threat_blackmail');
    expect(categoriesOf('years ago a man threatened to tell everyone i fancied someone, we are mates now')).toContain('threat_blackmail');
    expect(categoriesOf('years ago a boy threatened to send everyone my pics, we are mates now')).toContain('threat_blackmail');
  });

  it('never stands an overdose down as over: "an hour ago" is going on', () => {
    expect(categoriesOf('i took a load of tablets like an hour ago')).toContain('immediate_danger');
  });
});
