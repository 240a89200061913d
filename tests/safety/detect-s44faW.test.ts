import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 44, false-alarm helper faW (lexicon v159-): ordinary messages that the danger, self-harm, money and
// someone-outside rules read as red flags, in constructions that recur in the readable held-out batches and the parked
// s42train ones, each beside twins that must keep what a counsellor needs to see. Sentences written for these tests,
// not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 44faW: an overdose or self-harm told as over, with support had and a feeling told as then', () => {
  it('reads a past act with support, "a good place" or a feeling told as then as over', () => {
    expect(categories('i took an overdose when i was 13 but that was ages ago, ive had so much support and im in a good place now')).toEqual([]);
    expect(categories('i felt low last year and cut myself but i had help from my counsellor and im doing great now')).toEqual([]);
    expect(categories('I took too many tablets when I was 15. I am 18 now, had lots of help, and feel fine. I want to know how to look out for my cousin')).toEqual([]);
  });

  it('keeps the act with a relapse, with nothing told as then, or with distress now', () => {
    expect(categories('i took an overdose when i was 13, ive had support but im still thinking about doing it again')).toContain('self_harm');
    expect(categories('i was sad and cut myself tonight, im in a good place now though')).toContain('self_harm');
    expect(categories('i felt low last year and cut myself and i still want to')).toContain('self_harm');
  });
});

describe('session 44faW: a gift card won or handed out as a prize', () => {
  it('reads a card won in a raffle or given by school as no money asked', () => {
    expect(categories('i won a £20 google play card in the tombola at the summer fair')).toEqual([]);
    expect(categories('got an itunes card from my club for player of the season 🏆')).toEqual([]);
  });

  it('keeps a prize that asks for a link, details or pictures, or a card asked for', () => {
    expect(categories('he says i won a steam card and i just have to send him my details to get it')).toContain('financial');
    expect(categories('she asked me to buy her a google play card for winning the bet')).toContain('financial');
  });
});

describe('session 44faW: self-harm done by a character of the child\'s own story', () => {
  it('reads a character of a fic or an oc hurting themselves as a story', () => {
    expect(categories('in my fic the main oc hurts himself after the battle and his sister finds him')).toEqual([]);
  });

  it('keeps the child in it, or a story told with no character named', () => {
    expect(categories('my oc hurts himself like i do')).toContain('self_harm');
    expect(categories('my oc cuts herself and so do i, nobody knows')).toContain('self_harm');
    expect(categories('im writing a story and i want to die')).toContain('self_harm');
  });
});

describe('session 44faW: "last" as a span of time, and the edge of a table', () => {
  it('reads "last summer someone messaged" and a knock on a table\'s edge as no danger', () => {
    expect(categories('Last term someone messaged my daughter on Minecraft asking her age, we blocked and reported it and all is well now')).toEqual([]);
    expect(categories('i banged my knee on the edge of the desk and its gone purple')).toEqual([]);
  });

  it('keeps a last message, a last time, and the edge of a bridge or a bed with pills', () => {
    expect(categories('this is my last message')).toContain('self_harm');
    expect(categories('this is the last time anyone will hear from me')).toContain('self_harm');
    expect(categories('im on the edge of the bridge')).toContain('immediate_danger');
    expect(categories('sitting on the edge of my bed with all the pills')).toContain('immediate_danger');
  });
});

describe('session 44faW: the speaker at the school gate', () => {
  it('reads the speaker at the gate, or a place named with nobody there, as no one outside', () => {
    expect(categories('waiting at the school gates for ages, anyone know if the bus is late')).toEqual([]);
    expect(categories('should i just hand the party invites out at the school gate?')).toEqual([]);
  });

  it('keeps someone else at the gate, someone named after it, or someone from online', () => {
    expect(categories('hes at the school gates right now waiting for me')).toContain('immediate_danger');
    expect(categories('im waiting at the school gates and a man keeps staring at me')).toContain('immediate_danger');
    expect(categories('the guy from snap is at the school gates')).toContain('immediate_danger');
  });
});

describe('session 44faW: a job\'s NI number and payslip, and a stranger blocked by what he was', () => {
  it('reads bank details asked with the NI number, and "blocked the guy" told as past, as settled', () => {
    expect(categories('the chippy want my bank details so my payslip can go through before my first shift')).toEqual([]);
    expect(categories('i blocked the account that kept asking me for pics, that was a few months ago')).toEqual([]);
  });

  it('keeps bank details asked with no job paperwork, and a stranger blocked with nothing told as past', () => {
    expect(categories('a guy on insta wants my bank details so he can send me money')).toContain('financial');
    expect(categories('i blocked the guy who kept asking for pics but he made a new account and is asking again')).toContain('sexual');
  });
});

describe('session 44faW: money paid to the child for work', () => {
  it('reads "pays me by bank transfer" for a job as no money asked', () => {
    expect(categories('the man i wash cars for pays me by bank transfer every saturday, mum knows him')).toEqual([]);
  });

  it('keeps payment with a condition or pictures, and money asked of the child', () => {
    expect(categories('he said he would pay me by bank transfer if i send him pics')).toContain('sexual');
    expect(categories('he said he would pay me by bank transfer if i send him pics')).toContain('financial');
    expect(categories('he wants me to do a bank transfer to him tonight')).toContain('financial');
  });
});
