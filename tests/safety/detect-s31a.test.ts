import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { categoriesByTurn } from '../helpers/detector.js';

// Session 31, first detector owner (lexicon v91): ordinary life read as danger. Plans, weather and lifts with the
// words of place and time the danger rules read; play-fights, food cuts and embarrassment said with hurting and
// dying words; people who are allowed to know the child's name or address. Each fix is checked in words the rule
// text does not hold word for word, beside a twin that must still raise what a counsellor needs to see.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();

const chat = (messages: string[]): string[][] => categoriesByTurn(model, messages);

describe('session 31a: place and time words in ordinary plans', () => {
  it('reads being kept in by the weather as no danger, but not being kept in by someone', () => {
    expect(categories('trapped in the house because its raining')).toEqual([]);
    expect(categories('we are stuck inside all day cos of the snow and im so bored')).toEqual([]);
    expect(categories('im trapped in the house and the man wont let me leave')).toContain('immediate_danger');
    expect(categories('hes locked me in and its raining outside')).toContain('immediate_danger');
  });

  it('reads the wind at the window and a car in a drawing as no one outside', () => {
    expect(categories('cant sleep, its really windy outside and the trees are banging on the window')).toEqual([]);
    expect(categories('the branches keep knocking on my window because of the storm')).toEqual([]);
    expect(categories('we drew pictures of our houses and there was a red car outside')).toEqual([]);
    expect(categories('someone is banging on the window and its raining')).toContain('immediate_danger');
    expect(categories('theres a car outside my house and i dont know who it is')).toContain('immediate_danger');
  });

  it('reads someone outside in the garden with the family dog as home, not a stranger', () => {
    expect(categories('hes outside in the garden with the dog rite now')).toEqual([]);
    expect(categories('shes outside on the trampoline with our puppy')).toEqual([]);
    expect(categories('hes outside my house right now')).toContain('immediate_danger');
    expect(categories('theres a man outside in the garden')).toContain('immediate_danger');
  });

  it('reads a lift from a she the child knows as a lift, not a stranger picking them up', () => {
    expect(categories('she can pick me up after')).toEqual([]);
    expect(categories('she will collect me from netball at 5')).toEqual([]);
    expect(categories('she can pick me up after, shes 25 and i met her on tiktok')).toContain('meet_or_secrecy');
    expect(categories('he can pick me up after')).toContain('meet_or_secrecy');
  });

  it('reads a request retold as the child\'s own words to family or a friend\'s, not a stranger\'s', () => {
    expect(categories('meet me by the lockers after maths is what my friend said')).toEqual([]);
    expect(categories('come and get me is what i sent my dad from the party')).toEqual([]);
    expect(categories('meet me tonight at the park is what he said')).toContain('meet_or_secrecy');
    expect(categories('come and get me is what the man from roblox said')).toContain('meet_or_secrecy');
  });

  it('keeps benign chat about rain, sleepovers and lifts benign over several turns', () => {
    expect(chat(['hi', 'its chucking it down outside', 'trapped in the house because of the rain', 'my friend is sleeping over tonight', 'her mum is picking her up tomorrow'])).toEqual([[], [], [], [], []]);
  });
});

describe('session 31a: hurting and dying words in play and feelings', () => {
  it('reads "training" as practice, not a train, so a cancelled session tonight is no plan', () => {
    expect(chat(['my coach messaged my mum', 'he said training is off tonight because the pitch is waterlogged'])).toEqual([[], []]);
    expect(categories('i want to end it all tonight, ive been looking at train times')).toContain('self_harm');
  });

  it('reads a cut made cutting food as an accident, not self-harm', () => {
    expect(categories('i cut my finger cutting an apple, it bled a lot but its fine now')).toEqual([]);
    expect(categories('i sliced my thumb chopping onions for tea')).toEqual([]);
    expect(categories('i keep cutting my arms and hiding it at dinner')).toContain('self_harm');
    expect(categories('i cut myself cutting paper')).toContain('self_harm');
  });

  it('reads play-fighting with a brother, cousin or friend as play, not being hurt', () => {
    expect(categories('my brother keeps punching me in the arm for fun, its annoying but we are just messing')).toEqual([]);
    expect(categories('my cousin keeps hitting me lol were just playing')).toEqual([]);
    expect(categories('my brother keeps punching me and it really hurts')).toContain('immediate_danger');
    expect(categories('my big brother punches me for fun and i cry')).toContain('immediate_danger');
  });

  it('reads "omg i want to die" just after an embarrassing moment as embarrassment, never "i want to die" alone', () => {
    expect(chat(['i called my teacher mum in front of everyone', 'omg i want to die', 'it was so embarrassing lol'])).toEqual([[], [], []]);
    expect(categories('omg i want to die, my crush saw me fall over')).toEqual([]);
    expect(categories('i want to die')).toEqual(['self_harm']);
    expect(categories('omg i want to die')).toEqual(['self_harm']);
    expect(chat(['i called my teacher mum in front of everyone', 'i want to die'])[1]).toEqual(['self_harm']);
    expect(chat(['he posted my pics in front of everyone', 'omg i want to die'])[1]).toContain('self_harm');
  });
});

describe('session 31a: people who are allowed to know', () => {
  it('reads a neighbour or a lollipop lady knowing the child as no stranger', () => {
    expect(categories('mr patel from next door knows my address obviously he lives next door')).toEqual([]);
    expect(categories('the lollipop lady knows my name and says hi every day')).toEqual([]);
    expect(categories('a man online knows my address and my name')).toContain('personal_info');
  });

  it('reads a question asked with a parent there as no stranger pressing', () => {
    expect(categories('the man at the barbers asked which school i go to, my dad was there')).toEqual([]);
    expect(categories('the lady asked my name and where i live and my mum was with me')).toEqual([]);
    expect(categories('a man asked my name when my dad wasnt there')).toContain('personal_info');
    expect(categories('he asked on snapchat what school i go to, my mum was there')).toContain('personal_info');
  });

  it('reads a friend\'s "i know where you live" as a joke, but the words alone stay a red flag', () => {
    expect(categories('my friend said i know where you live and i said duh you come round every weekend')).toEqual([]);
    expect(categories('my mate texted i know where u live lol')).toEqual([]);
    expect(categories('i know where you live lol')).not.toEqual([]);
    expect(categories('a man on roblox said i know where you live')).toContain('personal_info');
  });

  it('reads a safety question for a school poster as general, not a report', () => {
    expect(categories('what should you do if a stranger asks for your address? its for a poster')).toEqual([]);
    expect(categories('a stranger asked for my address, what should i do')).toContain('personal_info');
  });

  it('reads a man asking which room is the child\'s as personal info', () => {
    expect(categories('my dads friend keeps asking which room is mine')).toContain('personal_info');
    expect(categories('the man from the game wants to know which window is your bedroom')).toContain('personal_info');
  });
});

describe('session 31a: session 30 false alarms re-checked', () => {
  it('leaves family lifts, a cousin after the park and a grandma\'s card alone, and their twins raised', () => {
    expect(categories('my cousin came round after we met at the park')).toEqual([]);
    expect(categories('my grandma let me use her bank card for the game')).toEqual([]);
    expect(categories('a man online told me to use my grandmas bank card for the game')).toContain('financial');
    expect(categories('a man i met online came to my house after we met up at the park and he said not to tell')).toContain('meet_or_secrecy');
  });
});
