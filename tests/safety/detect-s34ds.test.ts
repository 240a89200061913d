import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 34 (det-ds, lexicon v102): danger now, self-harm and threats said in shapes the lexicon had only some of.
// Every sentence here is new wording, beside a twin that must raise nothing (or not the category).

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 34ds: marking the skin, any verb with any place', () => {
  it('reads scratching, cutting or carving an arm, wrist, leg, hip or stomach as self-harm, the child\'s or a friend\'s', () => {
    for (const text of [
      'my mate scratches his forearms with a paperclip in maths',
      'i cut my stomach where nobody can see',
      'shes been carving into her hips',
      'i scratched my wrists raw last night',
    ]) {
      expect(categories(text), text).toContain('self_harm');
      expect(rules(text), text).toContain('lex:self_harm.self-harm');
    }
  });

  it('stands down for an itch or a snag named with the scratching', () => {
    for (const text of [
      'my eczema is so bad i scratched my arms in my sleep',
      'i keep scratching my legs, the midges got me at camp',
      'scratched my leg on a hedge getting the football back',
    ]) {
      expect(categories(text), text).not.toContain('self_harm');
    }
  });

  it('keeps it when distress is said with the itch', () => {
    expect(categories('i scratch my arms till they bleed when im stressed and say its eczema')).toContain('self_harm');
  });
});

describe('session 34ds: a brother, sister or friend gone to meet him', () => {
  it('is danger now, though a sibling or friend is named before the meeting', () => {
    for (const text of ['my brother left to meet him about 20 mins ago', 'my bestie is meeting him tonight and hes 30']) {
      expect(categories(text), text).toContain('immediate_danger');
    }
  });

  it('a parent meeting someone, or a friend coming to fetch the child, raises nothing', () => {
    expect(categories('my dad is meeting him later about the car')).toEqual([]);
    expect(categories('my friend is coming to pick me up tonight for the cinema')).toEqual([]);
  });
});

describe('session 34ds: threats', () => {
  it('reads the stranger\'s "if you block me ill find you" as a threat, but not a favour found for the child', () => {
    expect(categories('he messaged if you leave the chat ill find you')).toContain('threat_blackmail');
    expect(categories('if you unfriend me ill come for you')).toContain('threat_blackmail');
    expect(categories('if you leave the team ill find you a new club')).not.toContain('threat_blackmail');
  });

  it('does not let a joke stand a threat down when the child says after "but" they are frightened or it is serious', () => {
    expect(categories('my friends say hes joking but im scared, he said hed swat my house')).toContain('threat_blackmail');
    expect(categories('he said hed swat my house lol its a joke between us')).not.toContain('threat_blackmail');
  });
});

describe('session 34ds: danger now to someone else at home', () => {
  it('raises danger for someone named being hurt right now, or not waking or breathing', () => {
    for (const text of ['my stepdad is punching my sister right now', 'i cant wake my friend up after the party', 'my nan isnt breathing']) {
      expect(categories(text), text).toContain('immediate_danger');
    }
  });

  it('an arrival counted in minutes is danger now from him, not from a cousin named', () => {
    expect(categories('he says he will be here in 15 mins')).toContain('immediate_danger');
    expect(categories('she will be here in 5 mins, its my auntie')).not.toContain('immediate_danger');
  });

  it('raises nothing for unconsciousness in a film or told as past', () => {
    expect(categories('in the film the hero is unconscious for ages')).not.toContain('immediate_danger');
  });
});

describe('session 34ds: last words left with someone', () => {
  it('reads "tell my mum im sorry" and "tell my brother i love him" as self-harm, after a condition too', () => {
    for (const text of ['please tell my dad im sorry', 'if i dont make it through tonight tell my sister i love her', 'this is the last time you will hear from me']) {
      expect(categories(text), text).toContain('self_harm');
    }
  });

  it('a message passed on about something else raises nothing', () => {
    expect(categories('tell my mum i love the card she made')).not.toContain('self_harm');
    expect(categories('i didnt tell my mum im sorry for breaking the mug')).not.toContain('self_harm');
  });
});

describe('session 34ds: a question about the way of dying put as curiosity', () => {
  it('is still a suicide plan when the child says they are only wondering or asking for a friend', () => {
    for (const text of ['just wondering how long it takes to bleed out', 'asking for a friend, how many paracetamol would it take to die']) {
      expect(categories(text), text).toContain('self_harm');
    }
  });

  it('stands down for school work named with it, and curiosity alone raises nothing', () => {
    expect(categories('just wondering, for my chemistry project, how many paracetamol is an overdose')).not.toContain('self_harm');
    expect(categories('just wondering when the library opens tomorrow')).toEqual([]);
  });
});

describe('session 34ds: a weapon sent, a stranger\'s vehicle', () => {
  it('reads knife or gun emojis sent to the child as a threat, not one the child sent for a game', () => {
    expect(categories('this man keeps sending me knife emojis at night')).toContain('threat_blackmail');
    expect(categories('i sent a knife emoji in the group chat for the murder mystery game lol')).not.toContain('threat_blackmail');
  });

  it('is danger now in a stranger\'s car or the back of his van, not a relative\'s', () => {
    expect(categories('i am in a strangers car rn')).toContain('immediate_danger');
    expect(categories('sat in the back of his van and i dont know where we are')).toContain('immediate_danger');
    expect(categories('my grandad took me to the tip in his van')).not.toContain('immediate_danger');
  });
});
