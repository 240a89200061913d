import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 45, false-alarm helper faX (lexicon v166-): ordinary messages that the self-harm, someone-outside and
// personal-details rules read as red flags, in constructions that recur in the readable held-out batches and the parked
// s42train ones, each beside twins that must keep what a counsellor needs to see. Sentences written for these tests,
// not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 45faX: a softer death wish beside a moment called embarrassing, or told as having turned out fine', () => {
  it('reads "so embarrassing" and "but it was fine in the end" as hyperbole', () => {
    expect(categories('i want to die that was so cringe')).toEqual([]);
    expect(categories('i wanna disappear, so embarrassing')).toEqual([]);
    expect(categories('i fell over on stage and wanted to disappear but it was ok in the end')).toEqual([]);
  });

  it('keeps the wish with pictures, with a word of meaning it, or with no "was" after the but', () => {
    expect(categories('everyone saw the pics its so embarrassing i want to die')).toContain('self_harm');
    expect(categories('i want to die and i mean it, so cringe')).toContain('self_harm');
    expect(categories('i want to die, everyone hates me, its so embarrassing')).toContain('self_harm');
    expect(categories('i want to die but im fine')).toContain('self_harm');
    expect(categories('i want to kill myself but it was fine')).toContain('self_harm');
    expect(categories('i want to die when i think about going back to school')).toContain('self_harm');
    expect(categories('i wanted to die when my stepdad hit me')).toContain('self_harm');
  });

  it('keeps a death wish felt at a moment in the past: a counsellor asks about it, whatever the moment was', () => {
    // Session 45: a stand-down for "i wanted to die when <a moment>" (v172) was taken out at the merge: it also stood
    // down real past wishes, which a child tells this way as often as a lost match.
    expect(categories('i wanted to die when my mum and dad split up')).toContain('self_harm');
    expect(categories('i wanted to die when he made me do stuff on cam')).toEqual(['self_harm', 'sexual']);
    expect(categories('i wished i was dead when they all laughed at me')).toContain('self_harm');
  });
});

describe('session 45faX: the online pharmacy, doctor or shop asking details as its job', () => {
  it('reads a business that serves online as staff asking', () => {
    expect(categories('the online chemist asked for my date of birth before they sent the inhaler')).toEqual([]);
    expect(categories('the online shop asked for my address for the delivery')).toEqual([]);
  });

  it('keeps someone met online, a business only claimed, and money asked', () => {
    expect(categories('a man online asked for my date of birth')).toContain('personal_info');
    expect(categories('a man on insta said he runs an online shop and asked for my address')).toContain('personal_info');
    expect(categories('a man from the online shop asked for my address')).toContain('personal_info');
    expect(categories('the online "doctor" wants £40 in steam cards before he sends my tablets')).toContain('financial');
  });
});

describe('session 45faX: someone at the door who turns out to be family, said with no opener', () => {
  it('reads "its just my dad" in the same sentence as no danger', () => {
    expect(categories('someone is knocking on the door its just my brother he lost his key')).toEqual([]);
  });

  it('keeps someone outside who is not the one named', () => {
    expect(categories('someone is knocking on the door and my dad is at work')).toContain('immediate_danger');
    expect(categories('a man is banging on the door and im home alone')).toContain('immediate_danger');
  });
});

describe('session 45faX: an asking for details or money that the child blocked, deleted or reported', () => {
  it('reads the asking as over when it was refused and nothing more came', () => {
    expect(categories('a boy messaged me asking for my address so i blocked him and told my mum')).toEqual([]);
    expect(categories('got a text asking for my bank details, i just deleted it')).toEqual([]);
    expect(categories('someone texted my nan pretending to be me asking for money and we reported it')).toEqual([]);
    expect(categories('a girl on roblox messaged me asking for my address, blocked and reported her')).toEqual([]);
  });

  it('keeps it when the asking goes on, or when he knows the details', () => {
    expect(categories('a man messaged me asking for my address, i blocked him but he made a new account')).toContain('personal_info');
    expect(categories('he knows my address, i blocked him')).toContain('personal_info');
    expect(categories('a man on roblox asked for my address and my dad says he reported him')).toContain('personal_info');
    expect(categories('he asked me for money and i reported it but hes still messaging')).toContain('financial');
  });
});

describe('session 45faX: someone paying their own way', () => {
  it('reads the payer paying for their own thing as no money asked', () => {
    expect(categories('is £30 a month fair if he pays his own phone contract?')).toEqual([]);
    expect(categories('paid for my own bus pass with my birthday money')).toEqual([]);
  });

  it('keeps someone else paying for the child, or the child asked to pay for his', () => {
    expect(categories('he paid for my own phone')).toContain('meet_or_secrecy');
    expect(categories('he wants me to pay for his own game')).toContain('financial');
  });
});

describe('session 45faX: the classifier alone on a story the child writes, with nobody real in it', () => {
  it('reads a story the child writes as a story', () => {
    expect(categories('i keep writing stories where the knight gets lost in the forest, idk why, i just like forests')).toEqual([]);
  });

  it('keeps a lexicon phrase, someone real before the story, or a multi story car park', () => {
    expect(categories('im writing a story and i want to die')).toContain('self_harm');
    expect(categories('on the roof of the multi story car park, floor 7, its windy')).toContain('self_harm');
  });
});

describe('session 45faX: the dealings of a sale told before them', () => {
  it('reads a buyer paying or asking where to post as the sale', () => {
    expect(categories('i sold my old skates on ebay and the buyer asked for my address to send the money')).toEqual([]);
    expect(categories('sold my old headphones to a boy in my street, he gave me the cash at lunch')).toEqual([]);
  });

  it('keeps what a sale does not need, an asking that goes on, or a picture', () => {
    expect(categories('a buyer on vinted asked my son which bus he gets home, nothing to do with the jacket')).toContain('personal_info');
    expect(categories('i sold my hoodie on depop and the buyer keeps asking for my address')).toContain('personal_info');
    expect(categories('i sold my dress on vinted and the buyer asked for a pic of me wearing it')).toContain('sexual');
  });
});

describe('session 45faX: someone outside, unnamed, then named as the child\'s own', () => {
  it('reads "hes outside... its my cousin" and "hes here! my nan came" as no danger', () => {
    expect(categories('hes outside rn... its my cousin we get the bus together')).toEqual([]);
    expect(categories('shes here! my nan came all the way from cardiff')).toEqual([]);
  });

  it('keeps it when the one named is not the one outside, is denied, or is only told', () => {
    expect(categories('someone is in the garden and its not my dad')).toContain('immediate_danger');
    expect(categories('hes outside my house. my mum is at work')).toContain('immediate_danger');
    expect(categories('hes outside school and said not to tell my friends')).toContain('immediate_danger');
  });
});
