import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 35, false-alarm helper (lexicon v105): ordinary messages read as red flags through their structure (the last
// straw of an annoyance, something else "better off", a red-flag word named as a topic, the writer threatening, skill
// "at", an outing refused, someone locked in by themself, a mishap's cut, a present asked for, a collectible card, a
// stranger's present in a quantity), each beside twins that must keep what a counsellor needs to see. Sentences written
// for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 35fa: the last straw of an annoyance', () => {
  it('reads "if i get one more / another …" about a trivial thing as exasperation', () => {
    expect(categories('if i get one more spam email im gonna kill myself lol')).toEqual([]);
    expect(categories('honestly if we get another spelling test this week im jumping off a cliff')).toEqual([]);
  });

  it('keeps the days of a life, someone else, a time or means', () => {
    expect(categories('if i have to get through one more day like this i will kill myself')).toContain('self_harm');
    expect(categories('if he sends one more message i am going to kill myself')).toContain('self_harm');
    expect(categories('if i get one more detention im going to kill myself tonight')).toContain('self_harm');
    expect(categories('if i fail one more test im taking all the pills in the cupboard')).toContain('self_harm');
  });
});

describe('session 35fa: "better off if" something else changed', () => {
  it('reads a wish about school or a brother as nothing', () => {
    expect(categories('the whole year would be better off if they cancelled mocks')).toEqual([]);
    expect(categories('everyone would be better off without wednesday assemblies')).toEqual([]);
  });

  it('keeps the child, or the child a parent tells of, being gone', () => {
    expect(categories('everyone would be better off if i just wasnt here anymore')).toContain('self_harm');
    expect(categories('my family would be better off without me')).toContain('self_harm');
    expect(categories('my son keeps saying we would all be better off if he was gone')).toContain('self_harm');
  });
});

describe('session 35fa: a red-flag word named as a topic', () => {
  it('reads a question about the word as no red flag', () => {
    expect(categories('could you explain what sextortion means, my nephew keeps mentioning it')).toEqual([]);
    expect(categories('we are doing a lesson about nudes and the law in year 9, any good videos')).toEqual([]);
  });

  it('keeps the word when someone acts on the child', () => {
    expect(categories('what is sextortion, a boy says he will post my pics unless i pay')).toContain('threat_blackmail');
    expect(categories('he keeps asking me about nudes')).toContain('sexual');
  });
});

describe('session 35fa: the writer is the one threatening', () => {
  it('reads a parent\'s or child\'s own threat as no threat to them', () => {
    expect(categories('i keep threatening to cancel her phone contract if she stays up on it all night')).toEqual([]);
  });

  it('keeps a threat made by someone else', () => {
    expect(categories('hes threatening to send my pics to my mum')).toContain('threat_blackmail');
  });
});

describe('session 35fa: skill "at" and a place "at"', () => {
  it('reads being good at something as no place known', () => {
    expect(categories('some guy in the lobby said i was decent at sniping')).toEqual([]);
  });

  it('keeps someone saying where the child was', () => {
    expect(categories('the man from snap said i was at the skatepark on sunday')).toContain('personal_info');
  });
});

describe('session 35fa: an outing refused and someone locked in by themself', () => {
  it('reads a parent saying no to a trip as nothing', () => {
    expect(categories('dad wont let me go to the festival with my mates')).toEqual([]);
    expect(categories('my nan wont let me go on the big rollercoaster')).toEqual([]);
  });

  it('keeps being kept from home or the toilet', () => {
    expect(categories('the man wont let me go home and hes locked the door')).toContain('immediate_danger');
    expect(categories('he wont let me go to the toilet')).toContain('immediate_danger');
  });

  it('reads a sulk behind a locked door as nothing, but not with a blade or a death wish', () => {
    expect(categories('my brother locked himself in the bathroom cos he lost at monopoly')).toEqual([]);
    expect(categories('my sister has locked herself in the bathroom and says she has a razor')).toContain('immediate_danger');
  });
});

describe('session 35fa: a mishap\'s cut', () => {
  it('reads a kitchen or playground cut as no harm', () => {
    expect(categories('i cut my thumb opening a tin and it wont stop bleeding, mum got me a plaster')).toEqual([]);
    expect(categories('cut my knee when i fell off my scooter')).toEqual([]);
  });

  it('keeps a cut to the arm, on purpose, or with a blade', () => {
    expect(categories('i cut my arm again and it wont stop bleeding')).toContain('self_harm');
    expect(categories('i cut my finger with a razor on purpose')).toContain('self_harm');
  });
});

describe('session 35fa: presents and cards', () => {
  it('reads the child asking for a present, and collectible cards, as nothing', () => {
    expect(categories('dad can you buy me a new football for saturday')).toEqual([]);
    expect(categories('my little cousin asked me to buy him some football cards at the shop')).toEqual([]);
  });

  it('keeps a stranger\'s present, and a card that is a bank card', () => {
    expect(categories('this guy from fortnite sent me a load of vbucks')).toContain('meet_or_secrecy');
    expect(categories('he said he can buy me anything i want if i keep talking to him')).toContain('meet_or_secrecy');
    expect(categories('the man on roblox asked for my mums card number')).toContain('financial');
  });
});

describe('session 35fa: a dying feeling beside an illness, and "it" explained', () => {
  it('reads feeling ill as no death wish', () => {
    expect(categories('ugh i feel like im dying, its the flu and i have a temp of 39')).toEqual([]);
    expect(categories('my migraine is so bad it makes me want to die lol')).toEqual([]);
  });

  it('keeps a death wish with distress, or with no illness named', () => {
    expect(categories('i have a cold but honestly i want to die, nobody would care if i was gone')).toContain('self_harm');
    expect(categories('i feel like im dying inside every single day')).toContain('self_harm');
  });

  it('reads "end it … the streak i mean" as a streak, but not "i mean it" or "i mean my life"', () => {
    expect(categories('im ending it tonight... the snap streak i mean, its been 300 days')).toEqual([]);
    expect(categories('i want to end it all, i mean it this time')).toContain('self_harm');
    expect(categories('i want to end it all, i mean my life')).toContain('self_harm');
  });
});
