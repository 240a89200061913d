import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 42, false-alarm helper R (lexicon v145): ordinary messages that the sexual and self-harm rules read as red
// flags, in constructions that recur in s42train's blind writers (stories and roleplay, bodies and health), each beside
// twins that must keep what a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 42faR: roleplay as a hobby', () => {
  it('reads a roleplay server, site, game or story as no sexual talk', () => {
    expect(categories('the roleplay on our server got really dramatic when the dragons burned the castle')).toEqual([]);
    expect(categories('i joined a roleplay group for my favourite anime, we write a chapter each')).toEqual([]);
    expect(categories('my cousin roleplays as a shopkeeper in roblox and charges everyone loads')).toEqual([]);
  });

  it('keeps roleplay asked of the child, or named as adult, dating or in bed', () => {
    expect(categories('a man on roblox asked me to roleplay and it got weird')).toContain('sexual');
    expect(categories('someone in a game wanted my daughter to roleplay with him in a private server')).toContain('sexual');
    expect(categories('he keeps wanting to do adult roleplay in dms')).toContain('sexual');
    expect(categories('this guy wants to roleplay being my boyfriend')).toContain('sexual');
  });
});

describe('session 42faR: British "moan" is to complain', () => {
  it('reads a moan about someone, or needing a moan, as no sexual talk', () => {
    expect(categories('me and my sister always moan about our brother hogging the telly')).toEqual([]);
    expect(categories('sorry im just having a moan, school was rubbish today')).toEqual([]);
    expect(rules('he was moaning about the referee the whole match')).not.toContain('lex:sexual.sexual-talk');
  });

  it('keeps moaning sent, asked for or done at the child', () => {
    expect(categories('a guy sent me a voice note moaning and told me to send one back')).toContain('sexual');
    expect(categories('someone in the vc asked me to moan into my mic')).toContain('sexual');
  });
});

describe('session 42faR: laughing hard, and "the end" as a noun', () => {
  it('reads someone who nearly killed themselves laughing as no self-harm', () => {
    expect(categories('my mate nearly killed himself laughing when i fell off the bench')).toEqual([]);
    expect(categories('my nan was killing herself laughing at the cat video')).toEqual([]);
  });

  it('keeps a friend who wants to kill herself, lol or not', () => {
    expect(categories('my friend said she wants to kill herself')).toContain('self_harm');
    expect(categories('she said she was going to kill herself lol but i dont think shes joking')).toContain('self_harm');
    expect(categories('im gonna kill myself lol')).toContain('self_harm');
  });

  it('reads "at the end, it is…" as no self-harm, and keeps ending it', () => {
    expect(categories('the twist comes right at the end, it was so good')).toEqual([]);
    expect(categories('i just want to end it')).toContain('self_harm');
    expect(categories('im going to end it tonight')).toContain('self_harm');
  });
});

describe('session 42faR: the child telling about their own period', () => {
  it('reads a period told to a nurse, a doctor or an app as no body question', () => {
    expect(categories('i told the nurse at school about my period pains and she gave me a hot water bottle')).toEqual([]);
    expect(categories('i told my cycle tracker app when my period started')).not.toContain('sexual');
  });

  it('keeps someone asking the child about their period', () => {
    expect(categories('a man on discord keeps asking about my period')).toContain('sexual');
    expect(categories('he wants me to tell him when i get my period')).toContain('sexual');
  });
});

describe('session 42faR: a photo of teeth or an ID for a dentist or a job', () => {
  it('reads a photo for an orthodontist or a work permit as no picture request', () => {
    expect(categories('the dentist app asked for a photo of my teeth to check my brace')).toEqual([]);
    expect(categories('the shop asked for a photo of my id for my work permit')).toEqual([]);
  });

  it('keeps a picture of the child asked for', () => {
    expect(categories('a man on insta asked for a photo of me')).toContain('sexual');
    expect(categories('the manager asked for a photo of my legs')).toContain('sexual');
  });
});

describe('session 42faR: "so fit" about a crush, the child unwell in bed, the child\'s own bra size', () => {
  it('reads a crush called fit, being ill in bed and the child measuring up as no sexual talk', () => {
    expect(categories('that boy in year 10 is so fit omg')).toEqual([]);
    expect(categories('off school in bed with a sore throat and the flu')).toEqual([]);
    expect(categories('how do i work out my bra size at home')).toEqual([]);
  });

  it('keeps "so fit" said to the child, someone in bed with the child, and a bra size asked', () => {
    expect(categories('he keeps messaging me saying ur so fit')).toContain('sexual');
    expect(categories('a man online said he wants to be in bed with me')).toContain('sexual');
    expect(categories('someone on snap asked what my bra size is')).toContain('sexual');
  });
});
