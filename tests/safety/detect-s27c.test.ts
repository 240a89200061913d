import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 27 (lexicon v74, third owner): the conversation tester's wrong readings (probe report problems 2, 3, 5, 8
// and 21), in the tester's words and in others of the same family, with twins that must keep their reading.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
/** The findings of the last message of a conversation. */
function last(messages: readonly string[]): Finding[] {
  let state: DetectorState = EMPTY_DETECTOR_STATE;
  let findings: readonly Finding[] = [];
  for (const m of messages) ({ findings, state } = detect(m, state, model));
  return [...findings];
}
const lastCategories = (messages: readonly string[]): string[] => [...new Set(last(messages).map((f) => f.category))].sort();

describe('session 27c: a young child\'s "come to the park" from a stranger is a meeting asked for', () => {
  it('reads the tester\'s words and other simple spellings as meet_or_secrecy', () => {
    for (const text of [
      'he sed come to park',
      'man on roblox sed come to the park to get robux',
      'a boy on fortnite sayd come to the shops on saturday',
      'the man in the game told me come to the playground after school',
      'he wants to come to my hows',
      'sum1 on minecraft keeps sayin come to the woods',
    ])
      expect(categories(text), text).toContain('meet_or_secrecy');
    expect(categories('he sed snd me a pic')).toContain('sexual');
  });

  it('stays quiet when a parent, a friend or the child says it', () => {
    for (const text of ['my mum said come to the park for tea', 'my friend said come to the park later', 'my nan sed come to the shops with her'])
      expect(run(text), text).toEqual([]);
  });
});

describe('session 27c: a deadline in blackmail is a threat, not danger now', () => {
  const threat = 'this girl added me on snap and we sent pics and now its a guy saying hell send them to my school unless i pay';
  it('reads "hes given me 1 hour", "i have till 9 to pay", "he said 24 hours" as threat_blackmail, not danger now', () => {
    for (const text of ['hes given me 1 hour', 'i have till 9 to pay', 'he said 24 hours', 'theyve given me 30 minutes']) {
      expect(lastCategories([threat, text]), text).toContain('threat_blackmail');
      expect(lastCategories([threat, text]), text).not.toContain('immediate_danger');
      expect(last([threat, text]).map((f) => f.rule), text).toContain('ctx:deadline-after-threat');
    }
  });

  it('keeps danger now when someone is near or coming, or after suicidal thoughts', () => {
    expect(lastCategories([threat, 'he gave me an hour and said hes coming to my house'])).toContain('immediate_danger');
    expect(lastCategories([threat, 'he says hes 5 mins away'])).toContain('immediate_danger');
    expect(lastCategories([threat, 'i want to end it honestly', 'he gave me till 11 tonight'])).toContain('immediate_danger');
    // Since v130 by the lexicon's combo, not the classifier's danger guess (which the v130 classifier no longer makes).
    expect(last([threat, 'i want to end it honestly', 'he gave me till 11 tonight']).map((f) => f.rule)).toContain('ctx:deadline-after-threat-and-self-harm');
    expect(last([threat, 'im so done with everything honestly', 'hes given me 1 hour']).map((f) => f.rule)).toContain('ctx:deadline-after-threat-and-self-harm');
  });

  it('raises nothing for a deadline of homework or chores', () => {
    for (const text of ['i have till friday to hand in my homework', 'my mum gave me 10 minutes to tidy my room']) expect(run(text), text).toEqual([]);
  });
});

describe('session 27c: a child on an adults-only dating app with an adult', () => {
  it('reads the parent\'s and the child\'s words as meet_or_secrecy', () => {
    expect(categories('my 15 yo is on grindr talking to a 30 yr old man')).toContain('meet_or_secrecy');
    expect(lastCategories(["I'm a parent or carer", 'i found out my son is gay from messages with an older man on grindr. hes 15'])).toContain('meet_or_secrecy');
    expect(categories('my daughter is 13 and shes been using bumble')).toContain('meet_or_secrecy');
  });

  it('reads a hook-up asked by an adult as sexual and a meeting', () => {
    const rules = last(['im 15 and on grindr talking to a 30 year old', 'he wants to hook up']).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['ctx:adult-hookup', 'ctx:adult-and-meet']));
    expect(lastCategories(['im 14', 'i made an account on tinder and a guy keeps messaging me', 'he keeps asking to hook up'])).toEqual(expect.arrayContaining(['meet_or_secrecy', 'sexual']));
  });

  it('stays quiet for talk about dating apps and a teen couple', () => {
    for (const text of ['is tinder safe', 'my big sister is 24 and she met her boyfriend on hinge', 'we were laughing about dating apps in form time', 'my bf is 16 and wants to hook up'])
      expect(run(text), text).toEqual([]);
  });
});

describe('session 27c: fears and huffs that are not threats', () => {
  it('raises nothing for a device question, a parent\'s anger, a friend\'s huff, a claimed age doubted', () => {
    for (const text of [
      'will it show up on my history',
      'will this chat show up in my search history',
      'my dad will go mad if he finds out',
      'im scared my mum will freak out if she finds out i failed',
      'my friend said if i tell anyone her secret she wont speak to me again',
      'chatting to someone who says hes 12 but i dont think he is',
    ])
      expect(run(text), text).toEqual([]);
  });

  it('keeps a stranger telling a parent, a cover story asked, and "he will find me" as what they are', () => {
    expect(categories('he said if i tell anyone he will tell my dad what i sent')).toContain('threat_blackmail');
    expect(categories('he told me to say hes my cousin')).toContain('meet_or_secrecy');
    expect(categories('he said he will find me')).toEqual(['threat_blackmail']);
  });
});
