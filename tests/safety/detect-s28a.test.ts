import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 28, first detector owner (lexicon v77): benign false alarms. A belonging a brother or sister keeps
// touching is no touch of the child; an event told with what was done and how it ended ("…he got banned, its all
// sorted") is settled even with no word of when; a card or a login kept in the family (a parent's own child asking for
// the parent's card, a child giving theirs to a parent) is no scam; "what are you wearing" asked about an occasion
// ("…to the wedding", "…for world book day") is no sexual talk. Messages are written afresh, not copied from the tuning files.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();

describe('session 28: a belonging touched again is a nuisance, not abuse', () => {
  it('raises nothing for a sibling who keeps touching the child\'s things', () => {
    for (const text of [
      'if my little brother touches my switch again i swear i will end him',
      'my sister keeps touching my makeup and using it all up',
      'he always touches my controller when i go to the toilet and messes up my game',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps abuse disclosed for the body, for something near it, and for unease', () => {
    for (const text of [
      'my uncle keeps touching my hair and it feels weird',
      'my stepdad keeps touching my leg when mum is out',
      'he touched my phone again when nobody was looking',
      'my coach touches my back every time and i dont like it',
    ])
      expect(categories(text), text).toContain('sexual');
  });
});

describe('session 28: an event told with what was done and how it ended', () => {
  it('stands down when something was done and it ended, with no word of when', () => {
    for (const text of [
      'the man who wanted to meet me got arrested, my mum told the police and it\'s over',
      'a girl in my old school said she\'d share my photos, the school dealt with it and i blocked her, nothing happened after',
      'a boy on fortnite asked where i live, i blocked him and told my dad and its all sorted now',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps the flag when it is reopened, only wished for, or the flag comes after the ending', () => {
    expect(categories('he asked for my address, i blocked him and told my mum but he made a new account and keeps asking')).toContain('personal_info');
    expect(categories('he got banned and i told my mum but now hes messaging me on insta asking for pics')).toContain('sexual');
    expect(categories('he asked for nudes, i blocked him and told my dad, it\'s sorted now but he said hes still got my pics')).toContain('threat_blackmail');
    expect(categories('i told my mum and blocked him but he knows where i live and said hes coming round tonight')).toContain('immediate_danger');
    // Something done but no ending: a mum who "says its fine" is no outcome.
    expect(categories('he keeps asking me to send pics, i told my mum and she says its fine')).toContain('sexual');
  });
});

describe('session 28: a card or a login kept in the family', () => {
  it('raises nothing when the parent\'s own child asks for or uses the card, or the child gives theirs to family', () => {
    for (const text of [
      'my son asked to borrow my card for a new football game, i typed it in for him',
      'My stepdaughter used my debit card for her school trip deposit, is there a way to get a receipt?',
      'i gave my dad my password so he could put the parental settings on',
      'my dad gave me his card and told me the pin so i can get the shopping',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps the flag when the card goes out of the family, someone else asks, or a trick is in it', () => {
    for (const text of [
      'my son gave my card details to a boy he plays with',
      'my son asked for my card because a guy in the game told him to',
      'my daughter sent my bank details to someone who said she won a prize',
      'my daughter told a lady on insta my card details',
      'he asked me for my mums card details',
    ])
      expect(categories(text), text).toContain('financial');
  });
});

describe('session 28: an outfit asked about for an occasion', () => {
  it('raises nothing when the outfit is for a place or an event', () => {
    for (const text of [
      'my nan keeps asking what im wearing to my cousins christening',
      'my bestie asked what im wearing for non uniform day so we can match',
      'what are you wearing to the leavers disco, i cant decide',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps sexual talk for bed, now, under, "for him", a camera, or a stranger online', () => {
    for (const text of [
      'he keeps asking what im wearing to bed',
      'he asked what im wearing right now and to send a pic',
      'a man on snap asked what im wearing for him tonight',
      'he asked what im wearing under my school uniform',
      'a man on snap keeps asking what im wearing to school tomorrow',
    ])
      expect(categories(text), text).toContain('sexual');
  });
});

describe('session 28: the child who reported him is not showing a school report', () => {
  it('keeps the threat to post pictures after "i reported it"', () => {
    for (const text of [
      'i reported it, he said he\'ll post my pics',
      'i reported his account and now he says hell share my pics with my whole year',
    ])
      expect(categories(text), text).toContain('threat_blackmail');
  });
});
