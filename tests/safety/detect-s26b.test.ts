import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 26, second detector owner (lexicon v70): misses and false alarms a conversation tester found
// (probe report problems 12, 4, 7, 8, 5, 6, 1), in the tester's words and others of the same family, with
// benign twins that must stay benign. Rule ids are asserted where a rule reads the meaning.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 26b: a negator inside a relative clause does not reach the main verb', () => {
  it('reads the threat of someone the child never met', () => {
    for (const text of ['a lad i never met is threatening to share my nudes', 'a guy i have never met is threatening to share my nudes', 'a guy i never met threatened to post my pics', 'shes 15 and sent nudes to a lad shes never met, now hes threatening to share them'])
      expect(categories(text)).toContain('threat_blackmail');
    expect(categories('someone who doesnt even know me keeps asking for pics')).toContain('sexual');
  });

  it('keeps a denied threat or request denied', () => {
    for (const text of ['he never threatened me', 'a man never asked me for pics', 'a guy who never threatened me']) expect(categories(text)).toEqual([]);
  });
});

describe('session 26b: a child got to flash, strip or twerk on camera', () => {
  it('reads dares and live gifts for it as sexual, and the gifts as grooming', () => {
    expect(rules('on omegle a guy dared me to flash and i did')).toContain('lex:sexual.perform-on-dare');
    expect(rules('on my tiktok live a man said he would send a galaxy if i did a twerk')).toEqual(expect.arrayContaining(['lex:sexual.perform-on-dare', 'lex:meet_or_secrecy.gifts-grooming']));
    expect(rules('some guy on monkey keeps daring me to strip')).toContain('lex:sexual.perform-on-dare');
    expect(categories('a man took his clothes off and told me to do the same')).toContain('sexual');
    expect(categories('he keeps daring me to take my top off and sending gifts')).toContain('sexual');
  });

  it('leaves a dance challenge and a friend\'s dare benign', () => {
    for (const text of ['we did a dance challenge on my live', 'my friend dared me to eat a chilli on facetime']) expect(categories(text)).toEqual([]);
  });
});

describe('session 26b: Welsh older partner, a ticket, a visit, running away', () => {
  it('reads them as the English does', () => {
    expect(categories("mae fy nghariad i'n 20 oed, gwnes i gwrdd ag e ar ap")).toContain('meet_or_secrecy');
    expect(rules("mae e'n prynu tocyn trên i fi")).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(categories("dw i'n mynd i'w weld e yfory")).toContain('meet_or_secrecy');
    expect(categories("dw i'n mynd i redeg i ffwrdd ato fe heno")).toEqual(['immediate_danger', 'meet_or_secrecy']);
  });

  it('leaves school, a nan, a parent\'s ticket and a boyfriend of 15 benign', () => {
    for (const text of ["dw i'n mynd i'r ysgol yfory", 'mae mam yn prynu tocyn trên i fi', "dw i'n mynd i weld fy nain yfory", "mae fy nghariad i'n 15 oed"]) expect(categories(text)).toEqual([]);
  });
});

describe('session 26b: false self-harm and danger', () => {
  it('does not read the point of the bot, love as pressure, a train ticket or being kicked out as self-harm or danger', () => {
    expect(categories('whats the point of u')).toEqual([]);
    expect(categories('whats the point in talking to you')).toEqual([]);
    expect(categories('he says everyone does it and if i loved him i would')).not.toContain('self_harm');
    expect(categories('my dad would kick me out')).toEqual([]);
    const c = categories('shes going to run away to his tonight hes bought her a train ticket');
    expect(c).not.toContain('self_harm');
    expect(c).toEqual(expect.arrayContaining(['immediate_danger', 'meet_or_secrecy']));
  });

  it('reads love as pressure beside a request for nudes as sexual', () => {
    expect(turnCategories(['my boyfriend keeps asking for nudes', 'he says everyone does it and if i loved him i would'])[1]).toContain('sexual');
  });

  it('keeps self-harm said of the child', () => {
    for (const text of ['whats the point of living', 'whats the point in anything anymore', 'i want to run away and never come back and end it', 'whats the point of me', 'im going to jump in front of a train tonight'])
      expect(categories(text)).toContain('self_harm');
  });
});

describe('session 26b: running away to a boyfriend or a man', () => {
  it('reads it as grooming, and tonight as danger now', () => {
    expect(rules('im going to run away to my bfs house hes 19')).toContain('lex:meet_or_secrecy.run-to-partner');
    expect(rules('shes going to run away to his tonight')).toEqual(expect.arrayContaining(['lex:meet_or_secrecy.run-to-partner', 'ctx:run-away-soon']));
  });

  it('leaves running away from homework or a dog benign', () => {
    for (const text of ['i want to run away from homework lol', 'we ran away from the dog']) expect(categories(text)).toEqual([]);
  });
});

describe('session 26b: tuning benign families', () => {
  it('reads "like" meaning "as if" after a negator as a denial; the verb "like" is no denial', () => {
    expect(categories('its not like anyones threatening me i just wanted to know how blocking works')).toEqual([]);
    expect(categories("i don't feel like anyone hurts me, i'm just lonely")).toEqual([]);
    expect(categories('i dont like it when he threatens me')).toContain('threat_blackmail');
  });

  it('does not read a family member\'s card used or put in by them as card details pressed for', () => {
    for (const text of ['mum put her card in for my robux, she said its an early christmas present', 'i accidentally bought a skin with mums card and she was cross but she got a refund', 'dad put his card on my switch for the new mario game and checked the price first'])
      expect(rules(text)).not.toContain('lex:financial.card-details');
  });

  it('still reads a parent\'s card asked for or used for someone', () => {
    for (const text of ['he told me to buy robux with my mums card', 'a man on roblox said use my mums card', 'i used my mums card to buy him vbucks', 'i bought skins with my mums card for a guy on roblox', 'someone in the game wants my mums card details'])
      expect(rules(text)).toContain('lex:financial.card-details');
  });

  it('does not read money a relative gives for an occasion as money asked for; a stranger\'s "for my birthday" still is', () => {
    expect(categories('auntie sara sent me a £25 google play card for my birthday')).toEqual([]);
    expect(rules('he said send me £20 for my birthday')).toContain('lex:financial.money-request');
    expect(rules('a man on roblox asked me for robux for his birthday')).toContain('lex:financial.money-request');
  });
});
