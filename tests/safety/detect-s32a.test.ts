import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { categoriesByTurn } from '../helpers/detector.js';

// Session 32, first detector owner (lexicon v94): benign false alarms, one rule family at a time. Each fix is checked
// in words the rule and stand-down text do not hold word for word, beside a twin that must still raise what a
// counsellor needs to see.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
const chat = (messages: string[]): string[][] => categoriesByTurn(model, messages);

describe('session 32a: a card told of in family life', () => {
  it('reads a parent paying, a card declined or saved, and a parent asking the child to read it out as no request', () => {
    expect(categories('my stepmum paid for my school trip on the school website with her card number')).toEqual([]);
    expect(categories('grandads card got declined in the chippy and he went bright red haha')).toEqual([]);
    expect(categories('can i keep dads card saved on the laptop if he says its fine')).toEqual([]);
    expect(categories('my nan asked me to read her the card number cos she couldnt find her glasses')).toEqual([]);
    expect(categories('my dad pays for my swimming lessons online with his card')).toEqual([]);
  });

  it('keeps a card asked for by anyone outside the family, or sent with no one named', () => {
    expect(categories('a boy on roblox said to get my dads card and tell him the numbers')).toContain('financial');
    expect(categories('she wants my mums card number and says she is my friend')).toContain('financial');
    expect(categories('he wants me to take a photo of my nans bank card')).toContain('financial');
    expect(categories('i sent my mums card details')).toContain('financial');
    expect(categories('this girl in my game chat keeps asking for my mums card number')).toContain('financial');
  });
});

describe('session 32a: self-harm and danger words in ordinary life', () => {
  it('reads a sleep wish about a day of the week with a laugh as no self-harm, but not one with waking or distress', () => {
    expect(categories('i want to sleep forever on sundays lol')).toEqual([]);
    expect(categories('saturdays i just wanna sleep forever haha')).toEqual([]);
    expect(categories('i want to sleep forever and never wake up on sundays lol')).toContain('self_harm');
    expect(categories('i want to sleep forever, nobody would even notice lol')).toContain('self_harm');
    expect(categories('i want to sleep forever')).toContain('self_harm');
  });

  it('reads "end … its" as a new clause, not "end it"', () => {
    expect(categories('cant wait for term to end already its been so long')).toEqual([]);
    expect(categories('i just want to end it')).toContain('self_harm');
  });

  it('reads a bridge visited with a grown-up of the family as an outing, not a plan', () => {
    expect(categories('im on the bridge feeding the ducks with my nan')).toEqual([]);
    expect(categories('me and my mum are on the bridge watching the boats')).toEqual([]);
    expect(categories('im on the bridge')).toContain('self_harm');
    expect(categories('im on the bridge, tell my mum im sorry')).toContain('self_harm');
    expect(categories('im on the bridge with my friend and she wants to jump')).toContain('self_harm');
    expect(categories('im on the bridge with my dad and i want to jump')).toContain('self_harm');
  });

  it('reads "hurt her knee" after a fall as her own knee, but not when someone else did it', () => {
    expect(categories('my friend fell off her bike and hurt her knee but shes fine now')).toEqual([]);
    expect(categories('my sister slipped on the ice and hurt her wrist')).toEqual([]);
    expect(categories('he pushed her off her bike and hurt her knee')).toContain('immediate_danger');
    expect(categories('she fell over and he hurt her arm')).toContain('immediate_danger');
  });

  it('reads a family grown-up\'s dramatic line on a trivial condition as drama, not a plan', () => {
    expect(categories('dad said if spurs lose again hes going to jump off a cliff, hes so dramatic')).toEqual([]);
    expect(categories('my mum says shell jump off the roof if i dont tidy my room haha')).toEqual([]);
    expect(categories('my dad said hes going to jump off a cliff')).toContain('self_harm');
    expect(categories('my dad said if mum leaves hes going to jump off a cliff')).toContain('self_harm');
    expect(categories('dad said if i tell anyone hes going to jump off the bridge lol')).toContain('self_harm');
  });
});

describe('session 32a: details asked by people the child knows', () => {
  it('reads what a school is like, asked by a pen pal or a cousin, as no request for details', () => {
    expect(categories('my pen pal from spain asked what my school is like')).toEqual([]);
    expect(categories('my auntie asked what my new school was like')).toEqual([]);
    expect(categories('a man on roblox asked what my school is like')).toContain('personal_info');
    expect(categories('he asked what my school is called')).toContain('personal_info');
  });

  it('reads details asked when joining a club in person as the club\'s form', () => {
    expect(categories('when i joined the choir they asked my name and my age and my school')).toEqual([]);
    expect(categories('when i joined a discord server they asked my name, age and school')).toContain('personal_info');
  });
});

describe('session 32a: meeting words a friend said', () => {
  it('reads a meeting asked in words the child then says were a friend\'s as the friend\'s', () => {
    expect(categories('can we meet by the swings at lunch? my classmate asked')).toEqual([]);
    expect(categories('meet me at the gates after school, my best friend texted lol')).toEqual([]);
    expect(categories('lets meet up at the park, he texted')).toContain('meet_or_secrecy');
    expect(categories('meet me at the park, my friend said a man from roblox wants to')).toContain('meet_or_secrecy');
  });
});

describe('session 32a: the brief\'s four messages and "kidding"', () => {
  it('reads "i know where you live lol" from a friend in the same message as a joke; alone it stays raised', () => {
    expect(categories('my bestie texted me i know where you live lol cos she saw me at the shop on her road')).toEqual([]);
    expect(categories('my mate goes i know where you live haha and i was like yeah u came to my party')).toEqual([]);
    // Sessions 30 and 31 kept the lone line: no one is named as saying it, and a stranger's message pasted with "lol" reads the same.
    expect(categories('i know where you live lol')).toContain('personal_info');
  });

  it('reads a lazy Sunday and ducks with nan as nothing', () => {
    expect(chat(['hi', 'i want to sleep forever on sundays lol', 'im on the bridge feeding the ducks with my nan'])).toEqual([[], [], []]);
  });

  it('keeps a babysitter\'s "our little secret" raised: an adult\'s secret with the child is a grooming sign whatever it is about', () => {
    expect(categories('my babysitter said its our little secret that we had ice cream')).toEqual(['meet_or_secrecy']);
  });

  it('does not read a parent\'s "my kids" as "kidding"', () => {
    expect(categories('a man on fortnite told my kids he will find them')).toContain('threat_blackmail');
    expect(categories('a man on roblox told my kids hes going to find them')).toContain('threat_blackmail');
    expect(categories('my brother said he will find me lol just kidding')).toEqual([]);
  });
});
