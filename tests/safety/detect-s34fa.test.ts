import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 34, false-alarm helper (lexicon v101): ordinary messages read as red flags through their structure (a
// consequence that falls on the child alone, a wish of the child's own, a haircut, a party that is a voice chat, an app
// asking for an age), each beside twins that must keep what a counsellor needs to see. Sentences written for these
// tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 34fa: a condition whose consequence falls on the child alone', () => {
  it('reads the child\'s own loss as no threat', () => {
    expect(categories('if i dont pay the deposit for the residential by monday i cant go with my year')).toEqual([]);
    expect(categories('if i dont get to sleep soon ill be a zombie in my exam')).toEqual([]);
    expect(categories('if we dont score in the second half we are out of the league')).toEqual([]);
  });

  it('keeps a threat when someone is there to carry it out, or menace is named', () => {
    expect(categories('if i dont pay him by monday he says everyone sees the video')).toContain('threat_blackmail');
    expect(categories('if i dont send another one i will regret it, thats what the message said')).toContain('threat_blackmail');
    expect(categories('if i dont answer her she says she will tell my dad')).toContain('threat_blackmail');
    expect(categories('if i dont do what he says i am in so much trouble')).toContain('threat_blackmail');
  });
});

describe('session 34fa: a wish of the child\'s own is no one asking', () => {
  it('reads wanting a lie-in as nothing', () => {
    expect(categories('all i want to do on saturday is sleep in till 12')).toEqual([]);
    expect(categories('we want to sleep in the tent in the garden tonight')).toEqual([]);
  });

  it('keeps someone else asking about bed or undressing', () => {
    expect(categories('a man on discord wants me to sleep in just my underwear and send him a pic')).toContain('sexual');
    expect(categories('he keeps asking what i sleep in')).toContain('sexual');
  });
});

describe('session 34fa: "my … cut" that is a haircut or someone else\'s scissors', () => {
  it('reads a haircut and a sibling with scissors as no self-harm', () => {
    expect(categories('finally got my hair cut, it was down to my waist')).toEqual([]);
    expect(categories('my brother cut my fringe while i was asleep and now its wonky')).toEqual([]);
  });

  it('keeps cuts on the body', () => {
    expect(categories('my cuts from last night keep bleeding through my sleeve')).toContain('self_harm');
    expect(categories('i hide my new cuts under my hoodie')).toContain('self_harm');
  });
});

describe('session 34fa: a party that is a voice chat, not an event', () => {
  it('keeps a picture asked for in party chat', () => {
    expect(categories('some guy in my xbox party kept asking me for pics')).toContain('sexual');
    expect(categories('in a party chat on ps5 a man asked me to send a picture of myself')).toContain('sexual');
  });

  it('still reads pictures of a party as pictures of a party', () => {
    expect(categories('my aunt asked for pics of the party because she couldnt come')).toEqual([]);
  });
});

describe('session 34fa: an app or a game asking for an age', () => {
  it('reads an app asking for the child\'s age as no one asking', () => {
    expect(categories('tiktok wants me to prove my age before i can go live')).toEqual([]);
  });

  it('keeps a person on the app asking', () => {
    expect(categories('a guy on tiktok wants my age and what school i go to')).toContain('personal_info');
  });
});

describe('session 34fa: the classifier vetoes a few rules when nothing else looks like the red flag', () => {
  it('reads friends moving chats and a login told to a twin as nothing', () => {
    expect(categories('we all moved to discord because the game chat is rubbish')).toEqual([]);
    expect(categories('i told my twin my phone passcode in case i lose it')).toEqual([]);
  });

  it('keeps the same rules when a stranger, secrecy or a parent\'s card is in the message', () => {
    expect(categories('a guy from roblox wants me to move to snapchat and keep it between us')).toContain('meet_or_secrecy');
    expect(categories('he asked for my password so he can get me free robux')).toContain('financial');
    expect(categories('he keeps asking for my mums card details')).toContain('financial');
    expect(categories('a man on snap asked if im home alone tonight')).toContain('meet_or_secrecy');
    expect(categories('he says hes 15 but he sounds way older')).toContain('meet_or_secrecy');
  });
});
