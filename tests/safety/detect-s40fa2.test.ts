import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 40, second false-alarm helper (lexicon v131): ordinary messages that the danger, self-harm and threat rules
// read as red flags, in constructions that recur across s39train's blind writers, each beside twins that must keep what
// a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 40fa2: a bridge or a roof gone onto for what is there', () => {
  it('reads ducks, boats, a ball, a roof terrace or a shed roof as an outing', () => {
    expect(categories('me and my mate are on the bridge throwing bread to the ducks')).toEqual([]);
    expect(categories('we stood on the bridge by the canal watching the barges go past')).toEqual([]);
    expect(categories('had to climb on the roof of the garage to get our football back')).toEqual([]);
    expect(categories('having breakfast on the roof terrace of our apartment in spain')).toEqual([]);
  });

  it('keeps the place with a word of jumping, distress or a goodbye, or a photo alone', () => {
    expect(categories('im on the bridge watching the boats and i cant do this anymore')).toContain('self_harm');
    expect(categories('on the roof terrace, i want to jump')).toContain('immediate_danger');
    expect(categories('she is on the bridge and just sent me a photo of the river')).toContain('self_harm');
    expect(categories('im on the roof, the view is the last thing i want to see')).toContain('immediate_danger');
  });
});

describe('session 40fa2: "the end of it" told of a matter closed', () => {
  it('reads a matter closed as no self-harm', () => {
    expect(categories('he got banned from the server and that was the end of it')).toEqual([]);
    expect(categories('i reported the account and i thought that would be the end of it')).toEqual([]);
    expect(categories('mum spoke to the school so thats the end of it right?')).toEqual([]);
  });

  it('keeps a wish for the end of it, "the end of it all", or the end of it for the child', () => {
    expect(categories('i just want this to be the end of it')).toContain('self_harm');
    expect(categories('tonight will be the end of it all')).toContain('self_harm');
    expect(categories('that was the end of it for me')).toContain('self_harm');
  });
});

describe('session 40fa2: someone outside named by the work', () => {
  it('reads a window cleaner or a postman outside as no danger', () => {
    expect(categories('there was a man outside my window and it was only the window cleaner')).toEqual([]);
    expect(categories('theres a woman outside our house, shes the new postwoman')).toEqual([]);
  });

  it('keeps one who claims the work, or is watching', () => {
    expect(categories('theres a man outside claiming to be the window cleaner')).toContain('immediate_danger');
    expect(categories('a man outside says hes the postman and wants me to open the door')).toContain('immediate_danger');
    expect(categories('theres a man outside, i think its the window cleaner but hes staring in at me')).toContain('immediate_danger');
  });
});

describe('session 40fa2: a crush told or kept between children', () => {
  it('reads a crush told as no threat', () => {
    expect(categories('my sister says shell tell everyone i fancy ryan if i dont lend her my straighteners lol')).toEqual([]);
    expect(categories('my best friend said she would kill me if i told anyone she fancies her neighbour')).toEqual([]);
  });

  it('keeps a crush told by the crush, with pictures or money, from someone online, or said in fear', () => {
    expect(categories('he said hell tell everyone i like him if i stop talking to him')).toContain('threat_blackmail');
    expect(categories('she said she will tell everyone i fancy him unless i send her pics')).toContain('threat_blackmail');
    expect(categories('a man on snap said he will tell everyone i fancy my teacher')).toContain('threat_blackmail');
    expect(categories('she said shell tell everyone i fancy him, im really scared')).toContain('threat_blackmail');
  });
});

describe('session 40fa2: "i know where u live" from one who lives next door', () => {
  it('reads it from a friend next door as no threat', () => {
    expect(categories('my mate always says i know where u live, she lives next door lol')).not.toContain('threat_blackmail');
  });

  it('keeps it from a man next door, or from someone online', () => {
    expect(categories('the man next door said i know where you live')).toContain('threat_blackmail');
    expect(categories('a boy on discord said i know where you live, hes my neighbour he says')).toContain('threat_blackmail');
  });
});

describe('session 40fa2: a row between children at school, told as sorted', () => {
  it('reads a row at school sorted by the school as no danger', () => {
    expect(categories('a lad in year 8 shoved me on the stairs at school but head of year sorted it')).toEqual([]);
    expect(categories('a girl in my class said she would punch me but she said sorry and we are ok now')).toEqual([]);
  });

  it('keeps it going on, by a grown-up, said in the present, or only "fine"', () => {
    expect(categories('a boy at school hit me, it was sorted but he keeps doing it')).toContain('immediate_danger');
    expect(categories('my dad hurt me after school but its sorted now')).toContain('immediate_danger');
    expect(categories('a boy at school hurts me but im fine now')).toContain('immediate_danger');
    expect(categories('a boy at school hurt me, im fine')).toContain('immediate_danger');
  });
});

describe('session 40fa2: a crime told as what a podcast, a documentary or a video was about', () => {
  it('reads a kidnapping in a true crime podcast or a video as no danger', () => {
    expect(categories('been listening to a true crime podcast about a girl who got kidnapped in the 90s')).toEqual([]);
    expect(categories('we watched a youtube video about kidnapping in pshe and it was well creepy')).toEqual([]);
  });

  it('keeps it when the child is in it', () => {
    expect(categories('he kidnapped me, like in that true crime doc')).toContain('immediate_danger');
    expect(categories('he showed me a video about kidnapping and said hed do it to me')).toContain('immediate_danger');
  });
});

describe('session 40fa2: "how many" asking what dose is allowed', () => {
  it('reads a dose asked for a headache as no self-harm', () => {
    expect(categories('how many ibuprofen can i have in a day for period cramps')).toEqual([]);
    expect(categories('how many calpol should my little sister have for her temperature, the box is confusing')).toEqual([]);
  });

  it('keeps a dose asked to die, at once, before harm, or how many it would take', () => {
    expect(categories('how many paracetamol can kill you, i have a headache')).toContain('self_harm');
    expect(categories('how many paracetamol can i take at once for a headache')).toContain('self_harm');
    expect(categories('how many paracetamol can i take before my liver fails, for my headache')).toContain('self_harm');
    expect(categories('how many paracetamol would it take')).toContain('self_harm');
  });
});
