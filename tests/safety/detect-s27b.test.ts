import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 27, second detector owner (lexicon v73): ways of saying things the rules had not seen, found with fresh
// messages (train49b) written before reading the rule lists. Each family is tested in words its rule text does not
// literally hold, with benign twins that must stay benign. Rule ids are asserted where a rule reads the meaning.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 27b: someone else\'s suicide threat told in the third person', () => {
  it('reads a stranger\'s "he will kill himself if she blocks him" as pressure on her, not self-harm', () => {
    for (const text of ['he says he will kill himself if she blocks him', 'a man online told her he will kill himself if she blocks him', 'the guy told my sister hed end himself if she ignored him', 'my daughters online boyfriend said he would hurt himself if she stopped talking to him']) {
      expect(categories(text)).toContain('threat_blackmail');
      expect(categories(text)).not.toContain('self_harm');
    }
    expect(rules('she said she will kill herself if he leaves her')).toContain('lex:threat_blackmail.suicide-pressure-told');
  });

  it('keeps a son\'s, brother\'s or friend\'s own words self-harm', () => {
    for (const text of ['my son says he will kill himself if she leaves him', 'my brother says he will kill himself if she leaves him', 'my friend says he will kill himself if she dumps him', 'my son is 15 and his girlfriend dumped him and he says hell kill himself if she doesnt take him back']) {
      expect(categories(text)).toContain('self_harm');
      expect(rules(text)).not.toContain('lex:threat_blackmail.suicide-pressure-told');
    }
  });

  it('tells them apart across a parent\'s conversation', () => {
    const stranger = turnCategories(['my 14 year old daughter has been talking to an older boy online', 'she tried to stop talking to him', 'now he says he will kill himself if she blocks him and it will be her fault']);
    expect(stranger[2]).toContain('threat_blackmail');
    expect(stranger[2]).not.toContain('self_harm');
    const son = turnCategories(['my son is 15 and his girlfriend broke up with him', 'my son says he will kill himself if she leaves him']);
    expect(son[1]).toContain('self_harm');
  });
});

describe('session 27b: a child\'s details asked for in a parent\'s words', () => {
  it('reads where she or he lives, plays or goes, asked of someone else\'s child', () => {
    for (const text of ['a man keeps asking her where she lives', 'someone on roblox asked my son where he lives', 'a stranger keeps asking my daughter where she lives', 'a man asked my daughter which park she plays in'])
      expect(categories(text)).toContain('personal_info');
  });

  it('leaves a mum\'s question and the child\'s own one benign', () => {
    for (const text of ['my mum asked where she lives', 'i asked her where she lives']) expect(categories(text)).toEqual([]);
  });

  it('reads a stranger who can place the child from a picture', () => {
    expect(categories('he said he can spot a street sign behind me in my selfie')).toContain('personal_info');
    expect(categories('she said she could see my house number in the video')).toContain('personal_info');
    // (v130's classifier read personal_info here at 0.93; the classifier trained on s41trainA-H no longer does.)
    expect(categories('i can see the street sign from my window')).toEqual([]);
  });
});

describe('session 27b: the body and pictures, described rather than named', () => {
  it('reads questions about a child\'s growing body', () => {
    for (const text of ['he asked if ive got my period yet', 'he keeps asking whether ive hit puberty', 'he asked her what size bra she wears', 'a man on roblox asked if ive started my period'])
      expect(categories(text)).toContain('sexual');
    expect(rules('he keeps asking whether ive hit puberty')).toContain('lex:sexual.body-questions');
  });

  it('leaves a child\'s own period and a parent\'s question about puberty benign', () => {
    for (const text of ['i started my period at school and it was so embarrassing', 'my daughter started her period today', 'My 15-year-old asked me about puberty and wet dreams after a lesson at school. Are there any good books you\'d recommend?'])
      expect(categories(text)).toEqual([]);
  });

  it('reads a picture asked for without clothes, and "w/o"', () => {
    expect(rules('hes being kinda weird abt it, keeps saying send one w/o the hoodie')).toContain('lex:sexual.without-clothes');
    expect(categories('he said send a vid without ur top')).toContain('sexual');
  });

  it('reads a man telling the child he pictures them in bed or undressed', () => {
    for (const text of ['he said he keeps imagining me in the shower', 'he said he dreams about me in my pjs', 'he said he was thinkin about me in bed and it made me feel gross'])
      expect(categories(text)).toContain('sexual');
  });

  it('reads being told to lie on the bed and film it', () => {
    expect(categories('he told me to lie on my bed and film it for him')).toContain('sexual');
    expect(categories('my mum told me to lie on my bed and rest')).toEqual([]);
  });

  it('does not let "a real girlfriend" stand a request down as a trusted person', () => {
    for (const text of ['he said a real girlfriend would send him pics', 'he said a proper boyfriend would send pics', 'she said any good girlfriend would do it on cam'])
      expect(categories(text)).toContain('sexual');
    expect(categories('my real dad sent me a pic of his new car')).toEqual([]);
  });
});

describe('session 27b: coming for the child, being walked in on, parents who need never know', () => {
  it('reads a stranger coming to get the child or driving to their home', () => {
    for (const text of ['he said ill come get u after school', 'he said he\'d come fetch me from school in his car', 'he said he can drive over to yours on saturday', 'he says hell drive up to see me'])
      expect(categories(text)).toContain('meet_or_secrecy');
    expect(rules('he says he can drive to mine when my mum is at work')).toContain('lex:meet_or_secrecy.fetch-child');
  });

  it('leaves a parent or aunt collecting the child benign', () => {
    for (const text of ['my dad will come and get me at 5', 'my auntie said she can come collect me', 'my mum is driving to my school', 'my nan will come get me from school on friday'])
      expect(categories(text)).toEqual([]);
  });

  it('reads a known adult\'s coming for the child tied to keeping quiet', () => {
    expect(categories('my uncle told me ghosts will come get me if i ever tell about our touching games')).toContain('meet_or_secrecy');
  });

  it('reads someone asking if the child can be walked in on', () => {
    for (const text of ['he asked if anyone ever walks in on me when im in my room', 'he asked if my room has a lock on it'])
      expect(categories(text)).toContain('meet_or_secrecy');
    expect(categories('my mum asked if i locked the front door')).toEqual([]);
    expect(categories('is it normal for a 13 year old to want a lock on her bedroom door? she says her brothers keep barging in')).toEqual([]);
  });

  it('reads parents who "never need to know" in someone else\'s words', () => {
    for (const text of ['he said ur mum and dad dont ever need to know', 'he says his flat is somewhere i can be myself and my parents never need to find out', 'he gave me his address and said come round any time no one has to know'])
      expect(categories(text)).toContain('meet_or_secrecy');
    expect(categories('nobody has to know i ate the last biscuit lol')).toEqual([]);
  });

  it('reads a present paid for by a man, though a relative opens the sentence', () => {
    expect(rules('My foster daughter has been getting taxis paid for by a man she won\'t name.')).toContain('lex:meet_or_secrecy.gifts-grooming');
  });
});

describe('session 27b: threats said sideways, and parcels for money', () => {
  it('reads a threat to out the child', () => {
    for (const text of ['he said he would out me to the whole school', 'he said hell out me to my dad']) expect(categories(text)).toContain('threat_blackmail');
    for (const text of ['my mum took me out to the cinema', 'my sister is gonna kill me when she finds out i borrowed her hoodie', 'i feel left out when my friends go out without me', 'my daughter threw her phone across the room shouting \'im going to kill him\'. turns out her brother changed her wallpaper'])
      expect(categories(text)).not.toContain('threat_blackmail');
  });

  it('reads a detail held and a hint it will be used', () => {
    expect(rules('he said hes got my address and hes not scared to use it')).toContain('lex:threat_blackmail.veiled-threat');
    expect(categories('hes got my nudes and says hes not afraid to use them')).toContain('threat_blackmail');
  });

  it('reads being paid to post or carry a parcel', () => {
    for (const text of ['someone offered me 20 quid to drop off a bag for him', 'a man said hed pay me to carry parcels to his mate', 'he said he\'d give me 50 quid to post a package'])
      expect(categories(text)).toContain('financial');
    expect(categories('i got 5 quid for posting my grans parcel')).toEqual([]);
  });
});

describe('session 27b: Welsh "my boyfriend is 20" without a marker word', () => {
  it('reads the nasal-mutated "nghariad i\'n" as the English does', () => {
    expect(categories('my boyfriend is 20')).toEqual(categories('mae fy nghariad i\'n 20 oed'));
    expect(categories('mae fy nghariad i\'n 20 oed')).not.toEqual([]);
    expect(categories('mae fy nghariad i\'n 14 oed')).toEqual([]);
  });
});
