import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 44, misses helper (lexicon v159-): red flags the detector did not raise, in constructions that recur across the
// readable held-out batches and the parked s42train batches, each beside benign twins that must stay quiet. Sentences
// written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 44msW: a harmless word that is only an aside to a real act', () => {
  it('keeps self-harm or danger beside laughter at the child, a story likened to, or a sport named by its kit', () => {
    expect(categories('the whole class laughed at me again so i went home and cut myself')).toContain('self_harm');
    expect(categories('he just laughed and said nobody knows im here')).toContain('immediate_danger');
    expect(categories('i swallowed a load of my nans pills like the boy in that film, half an hour ago')).toContain('immediate_danger');
    expect(categories('i only cut where my football socks cover so nobody sees')).toContain('self_harm');
  });

  it('still reads laughing together, play and a story told as harmless', () => {
    expect(categories('we were all laughing and he said he would kill me if i scored again')).toEqual([]);
    expect(categories('i laughed so hard at the film i nearly died')).toEqual([]);
    expect(categories('my football kit is in the shed, can you get it')).toEqual([]);
  });
});

describe('session 44msW: "know" typed "new" or "no" by a stranger who knows a detail', () => {
  it('reads "he new wot school", "i no ur name" as a detail known', () => {
    expect(categories('this guy new wot school i go to')).toContain('personal_info');
    expect(categories('some1 on fortnite sed i no ur address and ur mums name')).toContain('personal_info');
    expect(categories('he messaged i no where u live now')).toContain('personal_info');
  });

  it('keeps "i dont no", news and new things quiet', () => {
    expect(categories('i dont no where u live, send me the postcode for the party invite')).not.toContain('personal_info');
    expect(categories('he got a new school bag for year 7')).toEqual([]);
    expect(categories('we have a new what school calls a learning mentor')).toEqual([]);
  });
});

describe('session 44msW: a negator that only opens a command someone said', () => {
  it('keeps the deed told after "and" or "then"', () => {
    expect(categories('he whispered dont make a sound and put his hand over my mouth')).toContain('immediate_danger');
    expect(categories('the man said dont shout then grabbed my arm')).toContain('immediate_danger');
  });

  it('still reads a deed denied as denied', () => {
    expect(categories('he said dont worry, he wont hurt me')).toEqual([]);
    expect(categories('i didnt scream and he didnt grab me, i just ran home')).not.toContain('immediate_danger');
  });
});

describe('session 44msW: "i dont need it where im going" said with a thing given away', () => {
  it('reads the giving and the saying together as a warning sign', () => {
    expect(categories('gave my headphones to my sister, i dont need them where im going')).toContain('self_harm');
  });

  it('keeps a move, a trip or a clear-out quiet', () => {
    expect(categories('i dont need my coat where im going, its a beach holiday')).toEqual([]);
    expect(categories('gave my old bike to my cousin cos im moving to my dads and i dont need it there')).toEqual([]);
  });
});

describe('session 44msW: a story line the child owns after a turn', () => {
  it('keeps a roleplay or character line the child then says is theirs', () => {
    expect(categories('in the roleplay my character wants to die but honestly thats just me')).toContain('self_harm');
    expect(categories('in the rp her character wants to die but tbh so do i')).toContain('self_harm');
  });

  it('keeps a story line with a plain turn quiet', () => {
    expect(categories('in the book the girl wants to die but then she finds her family')).toEqual([]);
    expect(categories('in the rp my character wants to die but then the healer saves her')).toEqual([]);
  });
});

describe('session 44msW: someone who will not take the child home', () => {
  it('reads a man who drove the child off and will not take them home as danger now', () => {
    expect(categories('the man from snap drove me to his mates house and wont take me home')).toContain('immediate_danger');
    expect(categories('my daughter rang, the guy drove her somewhere and wont take her home')).toContain('immediate_danger');
  });

  it('keeps a parent who will not take the child home yet, or a bus that cannot, quiet', () => {
    expect(categories('my dad wont take me home till the match is over')).toEqual([]);
    expect(categories('the bus wont take us home cos of the snow')).toEqual([]);
  });
});
