import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 26 (lexicon v65–): misses and false alarms a conversation tester found (report problems 4, 5, 6, 14,
// 15), each in the tester's words and in others of the same family, with twins that must keep their reading;
// then the tuning half's benign false alarms, by family. Rule ids are asserted where the rule reads the meaning.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 26 (v65): someone else\'s suicide threat used as pressure on the child', () => {
  it('reads it as a threat (and keeping the child in contact or quiet), not the child\'s self-harm', () => {
    for (const text of [
      'my online bf is 20 and he says if i block him hell kill himself',
      'this is what he sent me: "ur so pretty, i want to see more of u. delete our chat after ok. ill kill myself if u tell anyone about us"',
      'he says if i tell my mum he will kill himself and i dont know what to do because i do like him but im scared',
      'he keeps threatening to kill himself if i block him',
      'he said ill kill myself if u block me',
      'my boyfriend says hell hurt himself if i break up with him',
    ]) {
      expect(rules(text), text).toContain('lex:threat_blackmail.suicide-pressure');
      expect(categories(text), text).toContain('meet_or_secrecy');
      expect(categories(text), text).not.toContain('self_harm');
    }
    expect(rules('my boyfriend keeps saying hell hurt himself if i dont reply fast enough')).toContain('lex:threat_blackmail.suicide-pressure');
    expect(categories('my boyfriend keeps saying hell hurt himself if i dont reply fast enough')).not.toContain('self_harm');
  });

  it('keeps the child\'s own self-harm, a friend or brother at risk, and means named, as self-harm', () => {
    for (const text of [
      'ill kill myself if he posts it',
      'i want to die',
      'my friend says she wants to kill herself',
      'my friend says she will kill herself if i tell anyone',
      'my brother said he will kill himself if i tell mum he is cutting',
      'please dont tell my mum, ill kill myself if you tell her',
      'if i tell anyone ill kill myself',
      'my bf said if i break up with him he\'ll kill himself and he sent a pic of a rope',
    ])
      expect(categories(text), text).toContain('self_harm');
    expect(rules('ill kill myself if he posts it')).not.toContain('lex:threat_blackmail.suicide-pressure');
  });
});

describe('session 26 (v65): Welsh presents and game money given to the child', () => {
  it('reads a man giving robux, presents to a friend, and a picture wanted, as the English does', () => {
    expect(rules('mae dyn ar roblox yn rhoi robux i fi ac eisiau llun')).toEqual(expect.arrayContaining(['lex:meet_or_secrecy.gifts-grooming', 'lex:sexual.image-request']));
    for (const text of [
      'mae dyn yn rhoi robux i fi',
      "mae fy ffrind yn siarad gyda dyn hŷn ar tiktok ac mae e'n rhoi anrhegion iddi hi",
      'mae hogyn hŷn yn rhoi vbucks i fi',
      'nath o roi robux i fi',
      "mae o'n anfon anrhegion i fi",
      'a man gives robux to me',
      'he is giving presents to her',
    ])
      expect(rules(text), text).toContain('lex:meet_or_secrecy.gifts-grooming');
  });

  it('leaves a present from nain, robux from mam, and "for me to ask" benign', () => {
    for (const text of [
      'mae nain yn rhoi anrheg i fi',
      'mae mam yn rhoi robux i fi',
      'mae fy nain yn rhoi pres i fi bob wythnos',
      'mae mam yn anfon anrheg i fi',
      "Ydy hi'n ddiogel i mi ofyn i'w mam am fanylion ei chyfrif banc hi?",
      'my nan gives robux to me',
      'i sent her robux for her birthday',
    ])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 26 (v65): which way a gift or a payment goes', () => {
  it('reads gift cards sent to a blackmailer as a payment, not a grooming present', () => {
    const text = 'hes 16, hes being sextorted and he sent them 2 gift cards already';
    expect(rules(text)).toContain('lex:financial.paid-out');
    expect(rules(text)).not.toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(rules('i already sent him £50 in gift cards and hes still threatening me')).toContain('lex:financial.paid-out');
    expect(rules('if i send £20 to him he will double it')).not.toContain('lex:meet_or_secrecy.gifts-grooming');
  });

  it('keeps presents sent to the child as grooming, and money paid back as nothing', () => {
    expect(rules('a man online sent her a gift card')).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(rules('someone has been sending them gift cards')).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(rules('someone online has been buying my 14 year old clothes and trainers and now says she owes him')).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(categories('i paid them back for the tickets')).toEqual([]);
    expect(categories('my mum is buying my school clothes')).toEqual([]);
  });

  it('reads a child paid for acts or pictures on camera as sexual exploitation', () => {
    for (const text of [
      'im a youth worker. one of our lads (14) is getting vbucks from an older guy in fortnite for doing stuff on camera',
      'she gets robux off a man on discord for doing things on facetime',
      'my son has been getting robux from a man for videos of himself',
      'he gives me robux for pics',
    ])
      expect(rules(text), text).toContain('lex:sexual.paid-for-acts');
    expect(categories('he gets robux from his uncle for doing chores')).toEqual([]);
    expect(categories('my mum gave me money for my school photos')).toEqual([]);
  });
});

describe('session 26 (v65): pictures made with AI', () => {
  it('reads a deepfake of the child or their child as sexual, and keeps fake nudes flagged', () => {
    for (const text of ['there is a deepfake of me going round', 'someone made a deepfake of me', 'theres a deepfake video of my daughter on snap'])
      expect(rules(text), text).toContain('lex:sexual.ai-fake');
    for (const text of ['someone made a fake nude of me with ai', 'they put my face on a naked body', 'they used an ai app to undress my photo', 'an app made a fake nude of me', 'a man on the app asked me for nudes'])
      expect(categories(text), text).toContain('sexual');
  });

  it('leaves a general worry about what AI apps can do, and the word asked about, benign', () => {
    for (const text of [
      'i keep seeing ads for ai apps that make fake nudes. could someone do that with my insta pics?',
      'can ai apps make fake nudes from normal pics?',
      'what is a deepfake',
      'we watched a deepfake of the prime minister in class',
    ])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 26 (v65): a trusted person of either gender', () => {
  it('follows "she" back to a cousin or friend', () => {
    expect(categories('my cousin is sending me her old clothes, she needed my address so mum gave it her')).toEqual([]);
    expect(rules('he needed my address for that so i gave it')).toContain('lex:personal_info.asks-details');
    expect(categories('a supply teacher took my phone in maths and read my dms and said hell show my mum unless i stay behind alone with him after skl')).toContain('threat_blackmail');
  });
});

describe('session 26 (v66): Polish "się" is "myself" only beside a verb of harm', () => {
  it('leaves "I\'m scared", "my name is" and other reflexive verbs benign', () => {
    for (const text of ['nie wiem co robic, boje sie', 'nie wiem co robić, boję się', 'nazywam sie ola', 'ucze sie angielskiego', 'czuje sie zle'])
      expect(categories(text), text).toEqual([]);
  });

  it('still reads killing or cutting oneself in Polish, and the English inside a mixed message', () => {
    for (const text of ['chce sie zabic', 'chcę się zabić', 'zabije sie', 'tne sie', 'pocielam sie', 'nie wiem co robic, boje sie, i want to kill myself'])
      expect(categories(text), text).toContain('self_harm');
    expect(categories('boje sie, he is outside my house now')).toContain('immediate_danger');
    expect(categories('boje sie, he says he knows where i live')).toContain('personal_info');
  });
});

describe('session 26 (v66): benign families of the tuning half', () => {
  it('leaves a detail asked for paperwork (a trip form, the school records, a rota) or at a desk benign', () => {
    for (const text of [
      'miss asked for my addres on the trip form',
      'My 15 year old has a part time job and her boss asked for her phone number for the rota. That seems fine?',
      'they asked my name and date of birth and address at the desk',
      'need my student id number for the library account and i cant find it',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('still reads a school email or an address asked online, and a stranger asking for paperwork\'s sake on an app', () => {
    expect(categories('he asked for my school email and what form im in')).toContain('personal_info');
    expect(categories('a man on snap asked for my address for the trip form')).toContain('personal_info');
    expect(categories('he asked what school i go to')).toContain('personal_info');
  });

  it('leaves a conditional threat laughed off benign, and keeps one about pictures, money or fear', () => {
    for (const text of ['he\'s a youtuber and he said "smash that like button or else" lol', 'i told my sister "give me back my hoodie or else" lol she did', 'sum1 in my cod lobby said hes gonna find me and end me lol its just trash talk'])
      expect(rules(text), text).not.toContain('lex:threat_blackmail.conditional-threat');
    for (const text of ['he said send more pics or else lol', 'he said pay me £50 or else lol', 'he said do it or else lol im scared', 'he said hes gonna find me lol he knows my school'])
      expect(categories(text), text).toContain('threat_blackmail');
  });

  it('leaves a trend of AI pictures told of in general benign', () => {
    expect(categories('theres a weird trend where people make ai pics of others')).toEqual([]);
    expect(categories('theres a trend where a man makes ai pics of me')).toContain('sexual');
  });
});
