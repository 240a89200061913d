import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 42, false-alarm helper faS (lexicon v145): ordinary messages that the danger-now and threat rules read as red
// flags, in constructions that recur in s42train's blind writers (stories, fan fiction and roleplay where characters are
// hurt and villains threaten; an aunt's idiom; a helper's rule of confidence; a child waiting for their own people), each
// beside twins that must keep what a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 42faS: the child\'s own story, fan fiction or roleplay', () => {
  it('reads harm done to characters in the child\'s own work as no red flag', () => {
    expect(categories('in my fanfic the main character gets kidnapped by pirates in chapter 3')).toEqual([]);
    expect(categories('my oc is trapped in a tower and the dragon guards the door')).not.toContain('immediate_danger');
    expect(categories('im writing a story where the hero gets kidnapped and his friends rescue him')).toEqual([]);
    expect(categories('the plot of my webtoon is that the evil queen blackmails the king')).toEqual([]);
    expect(categories('i love drawing comics where the villain kidnaps the princess')).toEqual([]);
  });

  it('keeps a real person\'s words, the child in it, the real world or fear', () => {
    expect(categories('my oc got kidnapped in my fic but irl my friend got kidnapped too')).toContain('immediate_danger');
    expect(categories('my oc lore is that she got kidnapped, but irl a guy from the rp is outside my house')).toContain('immediate_danger');
    expect(categories('he said if i dont write the fic he wants hell hurt me')).toContain('threat_blackmail');
    expect(categories('im writing my fic but the man from discord keeps saying he will hurt me')).toContain('threat_blackmail');
  });
});

describe('session 42faS: an aunt\'s or an uncle\'s "going to kill me"', () => {
  it('reads an aunt or an uncle as an idiom', () => {
    expect(categories('i forgot to feed the cat, my auntie is going to kill me')).toEqual([]);
    expect(categories('my uncle will kill me when he sees i scratched his car')).toEqual([]);
  });

  it('keeps a threat tied to keeping quiet, and a stranger\'s', () => {
    expect(categories('my uncle said hes going to kill me if i tell anyone')).toContain('threat_blackmail');
    expect(categories('a man on snap said he is going to kill me')).toContain('threat_blackmail');
  });
});

describe('session 42faS: a helper\'s rule of confidence retold', () => {
  it('reads "only if she thinks im in danger" as no danger', () => {
    expect(categories('the counsellor said it stays private unless she thinks im in danger')).toEqual([]);
    expect(categories('my head of year said she only passes things on if she thinks im not safe')).toEqual([]);
    expect(categories('the nurse would only tell someone if i was in danger right?')).toEqual([]);
  });

  it('keeps danger told now, or a he who thinks', () => {
    expect(categories('im in danger, he thinks i told someone')).toContain('immediate_danger');
    expect(categories('if he thinks im telling someone im in danger')).toContain('immediate_danger');
  });
});

describe('session 42faS: the child waiting outside for their own people', () => {
  it('reads waiting for a parent or a friend as no danger', () => {
    expect(categories('im outside school waiting for my dad to pick me up, hes late as usual')).toEqual([]);
    expect(categories('im outside my mates house waiting for him to come out so we can walk to school')).toEqual([]);
  });

  it('keeps a stranger, a car or fear', () => {
    expect(categories('im outside school and a man is waiting for me')).toContain('immediate_danger');
    expect(categories('im outside my friends house and a car keeps driving past')).toContain('immediate_danger');
  });
});

describe('session 42faS: a parent saying the child will see someone', () => {
  it('reads "mum says ill see" as no threat', () => {
    expect(categories('dad says i will still see him every weekend after the move')).toEqual([]);
    expect(categories('mum said ill see my cousins at christmas')).toEqual([]);
  });

  it('keeps the family seeing what was sent', () => {
    expect(categories('he said my dad will see the pics')).toContain('threat_blackmail');
    expect(categories('he said my mum will see everything if i block him')).toContain('threat_blackmail');
  });
});

describe('session 42faS: "accidents happen" after a mishap, everything shown to the child, a message screenshotted and settled', () => {
  it('reads them as no threat', () => {
    expect(categories('i spilled juice on nans carpet and she said dont worry accidents happen')).toEqual([]);
    expect(categories('my first day at the cafe was fine, the supervisor showed me everything')).toEqual([]);
    expect(categories('a girl in my class screenshotted my message and sent it to her friends, she said sorry and deleted it')).toEqual([]);
  });

  it('keeps his "accidents happen", everything sent on, and a screenshot held over the child', () => {
    expect(categories('he said accidents happen to girls who talk')).toContain('threat_blackmail');
    expect(categories('i dropped my phone and he said accidents happen to snitches')).toContain('threat_blackmail');
    expect(categories('he said hell send everything to my mum')).toContain('threat_blackmail');
    expect(categories('he screenshotted my messages and said hell send them to my mum')).toContain('threat_blackmail');
  });
});

describe('session 42faS: the one outside or coming said to be the child\'s own family', () => {
  it('reads "hes my big brother" or "its my aunties" after as no danger', () => {
    expect(categories('theres a car outside, its my uncles, hes taking me to football')).not.toContain('immediate_danger');
    expect(categories('he said hell wait for me outside the shop, hes my older brother')).not.toContain('immediate_danger');
  });

  it('keeps a claim, a stranger, a partner or fear', () => {
    expect(categories('a man outside says hes my uncle')).toContain('immediate_danger');
    expect(categories('hes outside my house, hes my ex')).toContain('immediate_danger');
    expect(categories('hes my uncle and hes drunk and banging on the door')).toContain('immediate_danger');
  });
});

describe('session 42faS: lost findings read by the lexicon', () => {
  it('reads a car keeping after the child, and a sister named as next', () => {
    expect(categories('theres a van that keeps following me on my way back from school')).toContain('immediate_danger');
    expect(categories('he said my brother would be next if i didnt pay')).toContain('threat_blackmail');
  });

  it('lets a parent\'s "next" and a dog following go', () => {
    expect(categories('mum said my sister will be next in the bath')).toEqual([]);
  });
});
