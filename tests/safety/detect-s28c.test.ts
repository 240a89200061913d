import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 28, third detector owner's short round (lexicon v80): loose phrases that raised alarms on everyday
// messages, each tested in words the rule text does not literally hold, with the worrying twin that must still fire.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 28c: everyday messages that are no alarm', () => {
  it('keeps short nights, school stress, a fright, passes, settings and gifts to charity benign', () => {
    for (const text of [
      'only had 4 hours of sleep last night cos of the storm',
      'mocks are ruining my life honestly',
      'my cat jumped out at me from the wardrobe',
      'the bus driver made me show my bus pass',
      'my dad can turn on the wifi again after tea',
      'we gave away my old clothes to the charity shop',
      'my nan planned it all, it was a surprise',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('does not correct "nuke" or "sept" into sexual words', () => {
    for (const text of ['we nuked the whole base in the game', 'my birthday is in sept']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('still hears the threats, plans and demands those phrases sit next to', () => {
    expect(categories('he said if i dont send more hell post them and ruin my life')).toContain('threat_blackmail');
    expect(rules('they said they are gonna jump me after school')).toContain('lex:threat_blackmail.jumped');
    expect(categories('some man jumped out on me near the park')).toContain('threat_blackmail');
    expect(categories('i have planned it, tonight i am going to take all the pills')).toContain('self_harm');
    expect(categories('he made me show him my body on video')).toContain('sexual');
    expect(categories('he keeps telling me to turn on my camera')).toContain('sexual');
    expect(categories('i gave away all my stuff to my friends so they have something to remember me by')).toContain('self_harm');
  });
});

describe('session 28c: asked whether the child has "ever done it"', () => {
  it('reads the question, retold in English or Welsh, as sexual', () => {
    for (const text of ['this lad on discord asked me whether id ever done it', 'he keeps asking if i have ever done it before', "ma boi ar snap yn gofyn os fi erioed di neud e"]) {
      expect(rules(text)).toContain('lex:sexual.ever-done-it');
    }
  });

  it('leaves a parent asking about a skill alone', () => {
    expect(categories('my dad asked if i had ever done a backflip')).toEqual([]);
  });
});

describe('session 28c: "what now" after a meeting asked for is the child asking what to do', () => {
  it('does not read the question as a meeting now', () => {
    const turns = turnCategories(['a guy from fortnite wants to meet me at the shops', 'what now']);
    expect(turns[0]).toContain('meet_or_secrecy');
    expect(turns[1]).not.toContain('immediate_danger');
  });

  it('still hears a meeting said to be now', () => {
    expect(turnCategories(['a guy from fortnite wants to meet me at the shops', 'he said now'])[1]).toContain('immediate_danger');
  });
});

describe('session 28c: a threat to find someone else, retold', () => {
  it('reads a teacher\'s or a parent\'s report of it as threat_blackmail', () => {
    for (const text of ['a man on tiktok told one of my pupils he is going to find her', 'my sons online "friend" messaged him saying he will track him down', 'a boy in a group chat told my daughter hes gonna find her']) {
      expect(rules(text)).toContain('lex:threat_blackmail.find-them');
    }
  });

  it('hears a threat to find and hurt a pet, which a pet in the sentence does not stand down (v81)', () => {
    for (const text of ['he told me he knows where to find her, my cat, and hell kill it', 'the man said he will find him and hurt him, my puppy i mean']) {
      expect(categories(text)).toContain('threat_blackmail');
    }
  });

  it('leaves someone lost, a pet or the child\'s own plan alone', () => {
    for (const text of ['my little brother got lost in the shop but mum said she will find him', 'my nan said she will find him, our dog always runs off at the park', 'im going to find her at break and say sorry']) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 28c: "your mum" asked about in a stranger\'s check is not a parent talking', () => {
  it('reads the check after a question about the child\'s mum or dad as retold-check', () => {
    for (const text of ['he goes whats ur mum like, does she check ur phone', 'she asked is ur dad strict, can he hear u when ur in ur room']) {
      expect(rules(text)).toContain('lex:meet_or_secrecy.retold-check');
    }
  });

  it('still leaves the child\'s own mum asking alone', () => {
    for (const text of ['my mum asked are u home alone and i said no nan is here', 'my mum goes does your dad check your phone']) {
      expect(categories(text)).toEqual([]);
    }
  });
});
