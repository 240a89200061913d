import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 37, false-alarm helper (lexicon v118): ordinary messages read as red flags through their structure (the child's
// own doing at a place, a dropped "i", a past told with its year, a threat phrase that does not name its object), each
// beside twins that must keep what a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 37fa: the child at a place, someone named only in a later sentence', () => {
  it('reads the writer at the school gate, with someone talked of afterwards, as no danger', () => {
    expect(categories('i had a chat with the neighbour at the school gate. she is lovely')).toEqual([]);
    expect(categories('standing at the school gates with my little brother, is it ok to ask something about roblox')).toEqual([]);
  });

  it('keeps someone at the gate, named before or in the same sentence', () => {
    expect(categories('the man from snapchat is at the school gate now')).toContain('immediate_danger');
    expect(categories('i can see him at the school gates, he keeps looking at me')).toContain('immediate_danger');
    expect(categories('theres a guy from my game. hes at the school gate right now')).toContain('immediate_danger');
  });
});

describe('session 37fa: a refusal that opens a sentence with its "i" dropped', () => {
  it('reads a blocked asker, nothing after, as no personal_info', () => {
    expect(categories('blocked a lad who asked my name in the game chat, nothing else happened')).toEqual([]);
    expect(categories('ignored the account that asked my age, mum says thats the right thing')).toEqual([]);
  });

  it('keeps asking that goes on, or a refusal that is not the child opening the sentence', () => {
    expect(categories('blocked him but he keeps asking my address from new accounts')).toContain('personal_info');
    expect(categories('he asked my address and he blocked me when i said no, now hes asking my friends where i live')).toContain('personal_info');
  });
});

describe('session 37fa: self-harm "used to" with a school year or a time gone by', () => {
  it('reads a past habit with its year as over', () => {
    expect(categories('i used to self harm in year 7 but i dont now')).toEqual([]);
    expect(categories('i used to cut myself like three years ago')).toEqual([]);
  });

  it('keeps it when it is back, or said with distress or a time soon', () => {
    expect(categories('i used to self harm in year 7 and now i have started again')).toContain('self_harm');
    expect(categories('i used to cut myself in year 8 and i want to do it tonight')).toContain('self_harm');
    expect(categories('i used to self harm and i still do sometimes')).toContain('self_harm');
  });
});

describe('session 37fa: turning up and smashing name what', () => {
  it('reads turning up at a party and smashing a workout as no threat', () => {
    expect(categories('the dj turned up at the disco two hours late')).toEqual([]);
    expect(categories('we smashed the quiz at the pub with grandad')).toEqual([]);
    expect(categories('we smashed it at the quiz')).toEqual([]);
  });

  it('keeps turning up at a school or home and smashing a window as a threat', () => {
    expect(categories('he said if i block him hell turn up at my school')).toContain('threat_blackmail');
    expect(categories('he says if i dont reply he will show up at my house')).toContain('threat_blackmail');
    expect(categories('he said hell smash the windows if i dont come down')).toContain('threat_blackmail');
  });
});

describe('session 37fa: a detail asked by a pharmacist, the job centre or a form', () => {
  it('reads details asked for a prescription, a first job or college as no personal_info', () => {
    expect(categories('the pharmacist wanted my date of birth and address before she gave me my inhaler')).toEqual([]);
    expect(categories('the job centre lady asked for my address and national insurance number')).toEqual([]);
    expect(categories('filling in my college application and it asks for my address and my old school')).toEqual([]);
  });

  it('keeps the same details asked online, whatever role or form is claimed', () => {
    expect(categories('a guy on tiktok asked for my address, he said its for my college application')).toContain('personal_info');
    expect(categories('someone online wants my ni number and bank details to pay me for modelling')).toContain('financial');
    expect(categories('a man on snap says hes from the job centre and needs my address and bank details')).toContain('financial');
  });
});

describe('session 37fa: hiding for a reason that names no one', () => {
  it('reads hiding somewhere warm or quiet as no danger', () => {
    expect(categories('hiding in the spare room cos its warmer in there lol')).toEqual([]);
  });

  it('keeps hiding whose reason names a person, kin, or something sensed near', () => {
    expect(categories('im hiding under my bed cos its dark and i can hear noises downstairs')).toContain('immediate_danger');
    expect(categories('hiding in the shed cos the lads from yr 10 want to batter me')).toContain('immediate_danger');
    expect(categories('im hiding in my room cos my stepdad is drunk')).toContain('immediate_danger');
  });
});

describe('session 37fa: chasing done by the child or by an animal', () => {
  it('reads the child chasing a pet, or a goose chasing the child, as no danger', () => {
    expect(categories('our cat got out and i spent ages chasing her round the garden')).toEqual([]);
    expect(categories('a goose chased me at the park lol')).toEqual([]);
  });

  it('keeps a person chasing the child or someone else', () => {
    expect(categories('i ran but he was chasing me')).toContain('immediate_danger');
    expect(categories('a man chased me home from the bus stop')).toContain('immediate_danger');
    expect(categories('i think hes chasing her, she is screaming')).toContain('immediate_danger');
  });
});

describe('session 37fa: "dosnt" read as "doesnt"', () => {
  it('reads the negation typed as dosnt', () => {
    expect(categories('the guy in my lobby dosnt know where i live, i never said')).toEqual([]);
  });

  it('keeps the same message without the negation', () => {
    expect(categories('the guy in my lobby knows where i live, i never said')).toContain('personal_info');
  });
});
