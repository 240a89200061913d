import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 35 (det-rc, lexicon v107): structures the lexicon missed on new wording: a threat in a game's sentence that
// reaches the real world, a tutor or coach asking privately for the child's own pictures, secrecy made a rule or a
// disguise, contact timed for when the household is away, presents posted. Every sentence is new wording, beside a
// twin that must not raise the category.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 35rc: a threat said in a game that reaches the real world', () => {
  it('keeps violence promised "irl", at a house or school, or for leaving, whatever game is named', () => {
    for (const text of [
      'the kid in my squad on the server said hes going to punch me irl if i leave the team',
      'a player on minecraft told my son he would find your house and hurt your dog if he quit',
    ]) {
      expect(rules(text), text).toContain('lex:threat_blackmail.violence');
    }
    expect(rules('if u leave the server i will hurt u')).toContain('lex:threat_blackmail.if-you-leave');
  });

  it('reads "if you stop…, we will…" as the stranger\'s vow, not a hypothetical or the child speaking', () => {
    const text = 'some lads on the game said if you stop playing with us we will come to your school and batter you';
    expect(categories(text)).toContain('threat_blackmail');
    expect(rules(text)).toContain('lex:threat_blackmail.violence');
  });

  it('still reads violence inside the game, or laughed off, as play', () => {
    for (const text of [
      'he said hes gonna destroy me in the next round of fortnite',
      'if you leave the lobby again im gonna kill you lol',
      'in minecraft my cousin said he would burn my base down if i took his diamonds',
    ]) {
      expect(categories(text), text).not.toContain('threat_blackmail');
    }
  });
});

describe('session 35rc: a tutor, teacher or coach asking in private for the child\'s own pictures', () => {
  it('is no trusted person for pictures of the child or for undressing, asked by message, at night or on camera', () => {
    for (const text of [
      'my swimming coach keeps messaging me at night asking for photos of me in my costume',
      'my piano teacher asked me to take my shirt off during the online lesson',
    ]) {
      expect(categories(text), text).toContain('sexual');
      expect(rules(text).some((r) => r.startsWith('lex:sexual.')), text).toBe(true);
    }
  });

  it('stays stood down for a team picture, a picture of a thing, or a coat taken off in the room', () => {
    for (const text of [
      'my coach asked us all to send photos of the team kit for the club page',
      'our teacher asked for a photo of my science project',
      'my tutor asked me to take my coat off because it was warm in the room',
    ]) {
      expect(categories(text), text).not.toContain('sexual');
    }
  });
});

describe('session 35rc: secrecy made a rule, a promise or a disguise', () => {
  it('reads a promise of silence, a contact saved under a false name, a bond kept secret', () => {
    for (const text of [
      'he makes me promise that i will never tell my dad about our calls',
      'he wants me to save his number as amy in my phone',
      'my cricket coach says i can ring him whenever and its our little thing',
      'im not allowed to tell anyone about her, she says people would be jealous',
    ]) {
      expect(rules(text), text).toContain('lex:meet_or_secrecy.secrecy');
    }
  });

  it('leaves a promise kept between friends and the child\'s own rules alone', () => {
    for (const text of ['i promised my bestie i wont tell anyone her secret', 'im not allowed to tell anyone about the surprise party']) {
      expect(categories(text), text).not.toContain('meet_or_secrecy');
    }
  });
});

describe('session 35rc: contact timed for when the household is away', () => {
  it('reads someone messaging when the parents are asleep, out or at work, or asking when they get in', () => {
    for (const text of ['he always texts me when my parents are asleep', 'he keeps asking what time my dad gets in']) {
      expect(categories(text), text).toContain('meet_or_secrecy');
      expect(rules(text), text).toContain('lex:meet_or_secrecy.unwatched-times');
    }
  });

  it('leaves the child\'s own rules and a parent at work alone', () => {
    for (const text of ['my mum texts me when she is at work to check im ok', 'i have to be in bed before my parents go out']) {
      expect(rules(text), text).not.toContain('lex:meet_or_secrecy.unwatched-times');
    }
  });
});

describe('session 35rc: presents posted to the child', () => {
  it('reads a console, a lego set or a ticket sent to the child by a stranger as grooming', () => {
    for (const text of ['this guy posted me a switch and some games', 'a man from my game says hes sending me a lego set for free']) {
      expect(rules(text), text).toContain('lex:meet_or_secrecy.gifts-grooming');
    }
  });

  it('leaves a present from family alone', () => {
    expect(categories('my uncle sent me a lego set for christmas')).not.toContain('meet_or_secrecy');
  });
});
