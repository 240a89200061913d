import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 36, false-alarm helper (lexicon v109): ordinary messages read as red flags through their structure (getting
// up read as being trapped, a meeting both families know of, a sleep wished for a while), each beside twins that must
// keep what a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 36fa: getting out of bed is not getting away', () => {
  it('reads "cant get out of bed" and "cant get out of doing …" as no danger', () => {
    expect(categories('i literally cant get out of bed, ive got the flu')).toEqual([]);
    expect(categories('cant get out of tidying my room, mum says i have to do it before tea')).toEqual([]);
  });

  it('keeps a room, a car, a flat or "it" the child cannot get out of', () => {
    expect(categories('i cant get out of my bedroom, he has locked it from outside')).toContain('immediate_danger');
    expect(categories('hes locked me in his car and i cant get out')).toContain('immediate_danger');
    expect(categories('i cant get out of his flat and my phone is nearly dead')).toContain('immediate_danger');
  });
});

describe('session 36fa: a meeting both families know of', () => {
  it('reads a meeting the writer has checked with the other parent as no grooming', () => {
    expect(categories('my daughter wants to meet a girl she chats to on snap, i rang the girls mum last night and it all checks out')).toEqual([]);
    expect(categories('my 14 year old wants to meet a friend from an online art group, i have met her parents on a video call')).toEqual([]);
    expect(categories("My son wants to meet up with a lad he games with. I've spoken to the lad's mum and they live in the next village.")).toEqual([]);
  });

  it('keeps a parent only claimed by the other side, a parent denied, or an adult', () => {
    expect(categories('a guy from snap wants to meet me, he said his mum will be there too')).toContain('meet_or_secrecy');
    expect(categories('my son wants to meet a boy from his xbox party, the boy says his parents know')).toContain('meet_or_secrecy');
    expect(categories('my daughter wants to meet a boy from instagram in town, i have not spoken to his parents')).toContain('meet_or_secrecy');
    expect(categories('my son wants to meet someone from discord who is 23, i know his mum apparently')).toContain('meet_or_secrecy');
    expect(categories('a man i met online wants to meet me, i know his mum from facebook')).toContain('meet_or_secrecy');
  });
});

describe('session 36fa: a sleep or an absence wished for a while', () => {
  it('reads a sleep until a date or after a task as tiredness', () => {
    expect(categories("i'm going to sleep forever after this shift at work")).toEqual([]);
    expect(categories('i want to hibernate and not wake up until spring')).toEqual([]);
    expect(categories('i wanna sleep and never wake up till half term')).toEqual([]);
  });

  it('keeps a wish bounded by hurt, by nobody, or said in earnest', () => {
    expect(categories('i want to sleep forever until nobody can hurt me again')).toContain('self_harm');
    expect(categories('i wish i could disappear for a while, nobody would miss me')).toContain('self_harm');
    expect(categories('i want to sleep forever until it stops hurting')).toContain('self_harm');
    expect(categories('i want to disappear for a week, honestly i mean it')).toContain('self_harm');
  });
});

describe('session 36fa: the child is the one who beats', () => {
  it('reads "i beat him" and "we beat them" as winning', () => {
    expect(categories('my cousin thinks hes so good but i always beat him')).toEqual([]);
    expect(categories('if i beat her again she will throw the controller lol')).toEqual([]);
    expect(categories('we finally beat them and my little brother went mad')).toEqual([]);
  });

  it('keeps the child beaten, a beating up, a weapon, or fear after it', () => {
    expect(categories('he beat me with a belt last night')).toContain('immediate_danger');
    expect(categories('my step dad beat him and now hes crying in his room')).toContain('immediate_danger');
    expect(categories('i beat him up')).toContain('immediate_danger');
    expect(categories('he said he will beat me if i beat him again')).toContain('immediate_danger');
  });
});

describe("session 36fa: someone else's location shared with the writer", () => {
  it('reads a location sent to the writer as keeping someone safe', () => {
    expect(categories('she is sharing her location with me till she gets home')).toEqual([]);
    expect(categories('i made him send me his live location before he left the party')).toEqual([]);
    expect(categories('our 15 year old goes to football on her own now and she shares her location with us')).toEqual([]);
  });

  it("keeps the child's location, a location sent to someone else, and an adult asking", () => {
    expect(categories('a man keeps asking my daughter to share her location with him')).toContain('personal_info');
    expect(categories('he told her to send him her live location')).toContain('personal_info');
    expect(categories('some guy on snap wants me to share my location with him')).toContain('personal_info');
    expect(categories('an older guy keeps asking my sister to share her location with me and him')).toContain('personal_info');
  });
});

describe("session 36fa: a child's own private or second account, told by a parent", () => {
  it('reads a parent asking about their child having a private account as no secrecy', () => {
    expect(categories('our 12 year old wants a private instagram account like her friends, is that sensible')).toEqual([]);
    expect(categories('my 15 year old set up a secret snapchat account, what should i look for')).toEqual([]);
  });

  it('keeps an account someone else asked for, or one someone else uses to reach the child', () => {
    expect(categories('he told me to make a secret account so we can talk')).toContain('meet_or_secrecy');
    expect(categories('my daughter has a secret account a man asked her to make')).toContain('meet_or_secrecy');
    expect(categories('my son has a private account and someone from fortnite keeps messaging him on it')).toContain('meet_or_secrecy');
    expect(categories('my daughter has a secret account that only her online boyfriend knows about')).toContain('meet_or_secrecy');
  });
});

describe('session 36fa: "cut out" is a craft, not a wound', () => {
  it('reads cutting out pictures or shapes as nothing', () => {
    expect(categories('ive been cutting out pictures for my collage')).toEqual([]);
    expect(categories('been cutting out little hearts all afternoon for mums card')).toEqual([]);
  });

  it('keeps cutting again, cutting oneself, and a blade or the body', () => {
    expect(categories('ive been cutting again')).toContain('self_harm');
    expect(categories('i keep cutting myself to cut out the thoughts')).toContain('self_harm');
    expect(categories('ive been cutting out bits of my legs with a blade')).toContain('self_harm');
  });
});

describe('session 36fa: a tablet that is a device', () => {
  const lastTurn = (...texts: string[]): string[] => {
    let state = EMPTY_DETECTOR_STATE;
    let found: string[] = [];
    for (const text of texts) {
      const r = detect(text, state, model);
      state = r.state;
      found = [...new Set(r.findings.map((f) => f.category))].sort();
    }
    return found;
  };

  it('reads "her tablet" then "tonight" as a parent checking a device', () => {
    expect(lastTurn('my son is 11 and very quiet lately, he is always on his tablet', 'we had a look tonight after he went to sleep')).toEqual([]);
  });

  it('keeps tablets taken or saved up, then tonight', () => {
    expect(lastTurn('i took my mums tablets', 'im doing it tonight')).toContain('self_harm');
    expect(lastTurn('ive got a tablet for every day of the week saved up', 'tonight')).toContain('immediate_danger');
  });
});
