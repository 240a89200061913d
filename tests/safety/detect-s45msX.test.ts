import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 45, misses helper msX (lexicon v166-): red flags the detector did not raise, in constructions that recur across
// the readable held-out batches and the parked s42train batches, each beside benign twins that must stay quiet.
// Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 45msX: a threat\'s condition put to the child, then a main clause of its own (refusalThenVow)', () => {
  it('reads what he knows after "if u dont…" as told, not denied or supposed', () => {
    expect(categories('ur gonna regret it if u dont answer me i no ur school')).toContain('personal_info');
    expect(categories('if u dont pick up i know where u live')).toContain('personal_info');
  });

  it('keeps a wish refused and a question as they were', () => {
    expect(categories('if you dont want to come thats fine, i know the way home')).toEqual([]);
    expect(categories('if u dont mind i know a good shop for trainers')).toEqual([]);
  });
});

describe('session 45msX: a plea about the child\'s own thoughts asked as a question (ownPlea)', () => {
  it('reads "how do i stop wanting to…" as the child\'s own thoughts', () => {
    expect(categories('how can i stop wanting to die all the time')).toContain('self_harm');
    expect(categories('how do i quit thinking about killing myself')).toContain('self_harm');
  });

  it('keeps a question about someone else, or a character, general', () => {
    expect(categories('how do i help someone wanting to die')).not.toContain('self_harm');
    expect(categories('how do i write a character wanting to die in my story')).not.toContain('self_harm');
  });
});

describe('session 45msX: a death wish denied, then only a wish to be well (deniedThenWell)', () => {
  it('reads the denial with a wish to feel better as no self-harm', () => {
    expect(categories('i dont want to die i just want to feel happy again')).toEqual([]);
  });

  it('keeps a wish for the pain to stop, and an undenied wish', () => {
    expect(categories('i dont want to die i just want all of it to stop')).toContain('self_harm');
    expect(categories('i want to die i just want to feel better')).toContain('self_harm');
  });
});

describe('session 45msX: a shed or a head typed without its apostrophe, and shut in somewhere now', () => {
  it('reads being locked in a shed, in the dark or left there, as danger now', () => {
    expect(categories('im locked in the shed at the back and its dark')).toContain('immediate_danger');
    expect(categories('my cousins mate locked me in the shed for a laugh and its been hours and he left')).toContain('immediate_danger');
    expect(categories('i lokd myself out and now im lokd in the garden shed, cant get out')).toContain('immediate_danger');
  });

  it('reads "my hed" as a head hit on purpose', () => {
    expect(categories('i keep hitting my hed against the door when im angry at myself')).toContain('self_harm');
  });

  it('keeps a shed or a head with nobody shut in as nothing', () => {
    expect(categories('dad built a new shed in the garden and its massive')).toEqual([]);
    expect(categories('i bumped my hed on the shelf lol')).toEqual([]);
    expect(categories('we painted the shed and its dark green now')).toEqual([]);
  });

  it('still reads "shed" and "hed" as contractions elsewhere', () => {
    expect(categories('he said hed kill me if i told anyone')).toContain('threat_blackmail');
  });
});

describe('session 45msX: text-speak by ear and with a dropped letter (ded, meetin)', () => {
  it('reads "ded" and "meetin" as the words they stand for', () => {
    expect(categories('i just want to be ded tbh')).toContain('self_harm');
    expect(categories('meetin him 2nite at the park')).toContain('immediate_danger');
  });

  it('keeps everyday uses quiet', () => {
    expect(categories('my phone is ded can u ring my mum')).toEqual([]);
    expect(categories('meetin my mates at the park after skl')).toEqual([]);
  });
});

describe('session 45msX: money asked for in roundabout words', () => {
  it('reads topping up his wallet, ordering on a parent\'s account and the family\'s money asked as money', () => {
    expect(categories('this guy from my squad keeps asking me to top up his xbox wallet')).toContain('financial');
    expect(categories('she asked if i could go on my mums amazon and get her a headset')).toContain('financial');
    expect(categories('he keeps asking how much my dad earns')).toContain('financial');
  });

  it('keeps his top-up of the child\'s phone a present, and a parent\'s errand quiet', () => {
    expect(categories('my mum asked me to top up her phone at the shop')).toEqual([]);
    expect(categories('my dad asked me to order him a pizza on his app')).toEqual([]);
  });
});

describe('session 45msX: a story, game or hypothetical frame beside words that say it is real (realBesideFrame)', () => {
  it('keeps danger now and self-harm when the child says the framed line is real or their own', () => {
    expect(categories('in the rp my character jumps off a bridge and honestly i think about doing it myself')).toContain('self_harm');
    expect(categories('im on the roof from my minecraft build, the real one at school, and i dont want to come down')).not.toEqual([]);
  });

  it('leaves a framed line with no such words, and a general question, as it was', () => {
    expect(categories('in the rp my character wants to jump off a bridge but her friend talks her down')).toEqual([]);
    expect(categories('what if someone wanted to kill themselves irl, how would you know')).not.toContain('self_harm');
  });
});

describe('session 45msX: "are" for "our" before a part of the home, a knife by ear, someone from online at the child\'s event', () => {
  it('reads someone in "are garden", a "nife", and a gamer coming to the school play', () => {
    expect(categories('theres a man at are back door and he keeps knocking')).toContain('immediate_danger');
    expect(categories('my step dad has got a nife and hes screaming at me')).toContain('immediate_danger');
    expect(categories('a guy i play fortnite with says hes coming to my school play on friday')).toContain('meet_or_secrecy');
  });

  it('keeps "we are" sentences, a kitchen knife for tea and family at the play quiet', () => {
    expect(categories('we are house sitting for my aunt this week')).toEqual([]);
    expect(categories('i used a nife to cut the onions for tea')).toEqual([]);
    expect(categories('my grandad wants to come to my school play, he saw it on my snap')).toEqual([]);
    expect(categories('my aunt wants to come watch me at the school fair, she saw the post on insta')).toEqual([]);
  });
});

describe('session 45msX: someone who turned or showed up at a bare place, asking for the child (ownPlaceOnly kept)', () => {
  it('reads someone from online turning up at the school gates asking for the child as danger now', () => {
    expect(categories('my online friend from fortnite just turned up at my school gates asking for me')).toContain('immediate_danger');
  });

  it('keeps the child\'s own plans at a bare place quiet', () => {
    expect(categories('i was asking for directions at the school gates')).toEqual([]);
  });
});
