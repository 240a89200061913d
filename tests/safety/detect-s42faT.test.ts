import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 42, false-alarm helper T (lexicon v145 on): ordinary messages that the meet_or_secrecy, personal_info and
// financial rules read as red flags, in constructions that recur in s42train's blind writers (stories and roleplay,
// warnings retold from a talk, jobs and clubs), each beside twins that must keep what a counsellor needs to see.
// Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 42faT: a meeting, a secret, a detail or money told inside a story or roleplay', () => {
  it('reads what the characters do as no red flag', () => {
    expect(categories('in my fanfic the prince wants to meet up with the thief at the docks')).toEqual([]);
    expect(categories('the villain in our campaign knows where the heroes live and sends them a map of their village')).toEqual([]);
    expect(categories('my oc keeps a secret from her parents the whole first chapter, its the main plot')).toEqual([]);
    expect(categories('in the story the npc blacksmith wants 50 gold for the sword')).toEqual([]);
  });

  it('keeps it when the child, a real person met through it, or real life comes in', () => {
    expect(categories('in the rp he keeps asking where i live')).toContain('personal_info');
    expect(categories('my rp partner wants to meet up for real next weekend')).toContain('meet_or_secrecy');
    expect(categories('the villain in the story wants to meet up in real life with me')).toContain('meet_or_secrecy');
    expect(categories('he said "this story only works if we keep it secret from your mum"')).toContain('meet_or_secrecy');
  });
});

describe('session 42faT: a warning retold from a talk, a lesson or a youth worker', () => {
  it('reads the warning as no red flag', () => {
    expect(categories('the pcso who came in said if anyone ever asks you to keep a secret from your parents thats a red flag')).toEqual([]);
    expect(categories('our scout leader said if someone asks you to keep secrets from your family you should tell an adult')).toEqual([]);
    expect(categories('we had an assembly about money mules today, apparently loads of teens get caught')).toEqual([]);
    expect(categories('there was a workshop on online scams and what a money mule is at college')).toEqual([]);
  });

  it('keeps what happened to the child beside the warning, and a cover story', () => {
    expect(categories('miss said if anyone asks you to keep secrets tell her, and a man on snap told me to keep our chats secret')).toContain('meet_or_secrecy');
    expect(categories('we had a talk about money mules and now a guy on insta wants to use my bank account')).toContain('financial');
    expect(categories('he told me dont tell anyone we talk and if anyone asks say hes my cousin')).toContain('meet_or_secrecy');
  });
});

describe('session 42faT: a job, a placement, a form or a bank asking as its work', () => {
  it('reads a form, a placement, the stables or the bank asking as no red flag', () => {
    expect(categories('the dentist online booking form asked for my date of birth')).toEqual([]);
    expect(categories('my work experience is at a dentist next week, they wanted my school name and my head of years email for the placement form')).toEqual([]);
    expect(categories('the man from the riding school asked for my dads number to sort my lessons')).toEqual([]);
    expect(categories('had to ask the bank to send me a new card cos mine snapped')).toEqual([]);
  });

  it('keeps a person sending the form, a placement offered online, and someone sending the child to the bank', () => {
    expect(categories('he sent me an email asking for my address for the placement form')).toContain('personal_info');
    expect(categories('a guy on insta offered me work experience and wants my home address')).toContain('personal_info');
    expect(categories('he told me to ask the bank for a loan and send it to him')).toContain('financial');
  });
});

describe('session 42faT: meeting up with friends named after the phrase', () => {
  it('reads the child meeting friends or "the girls" as no red flag', () => {
    expect(categories('i want to meet up with my mates at the skatepark on sunday')).toEqual([]);
    expect(categories('meeting up with the lads in town after school, mum knows')).toEqual([]);
  });

  it('keeps someone else wanting to meet the child, or the child and friends', () => {
    expect(categories('he wants to meet up with me and my friends at the park')).toContain('meet_or_secrecy');
    expect(categories('a man online wants to meet up with me and the girls')).toContain('meet_or_secrecy');
  });
});

describe("session 42faT: being alone told as the child's own feeling", () => {
  it('reads a fear, a dislike or a liking of being alone as no red flag', () => {
    expect(categories('im scared of the dark when my mum and dad go out')).toEqual([]);
    expect(categories('i hate it when im home alone, the house makes weird noises')).toEqual([]);
    expect(categories('i like being alone in my room to read')).toEqual([]);
  });

  it('keeps someone asking, or someone the child talks to while alone', () => {
    expect(categories('he asks if im alone, i hate it')).toContain('meet_or_secrecy');
    expect(categories('i love it when my parents go out cos i can talk to him all night')).toContain('meet_or_secrecy');
    expect(categories('im scared when my parents go out cos he knows')).toContain('meet_or_secrecy');
  });
});
