import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 25 (lexicon v61): misses and a false alarm a tester found, each written here in the tester's words
// and in others of the same family, with benign twins that must stay benign; then the tuning half's benign
// false alarms, by family. Lexicon rule ids are asserted where the rule is what reads the meaning, so that a
// retrain cannot hide a rule that stopped working.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 25 (v61): a family adult in contact with another child, told by the child', () => {
  it('reads an adult of the family messaging or keeping a child of an age, and pictures sent to her', () => {
    expect(rules('my dad is messaging a 13 year old girl online and sending her pics')).toEqual(expect.arrayContaining(['lex:meet_or_secrecy.kin-contacts-child', 'ctx:kin-child-pics']));
    expect(rules('my uncle has a 12yo on snap he calls his gf')).toContain('lex:meet_or_secrecy.kin-contacts-child');
    expect(rules('my stepdad keeps texting a 14 yr old girl from his work')).toContain('lex:meet_or_secrecy.kin-contacts-child');
    expect(rules('my mums boyfriend is talking to a 12 year old on tiktok')).toContain('lex:meet_or_secrecy.kin-contacts-child');
    expect(categories('my grandad has a 13 year old girlfriend he met online')).toContain('meet_or_secrecy');
  });

  it('leaves a relative messaging the family, and pictures of a pet sent to an aunt, benign', () => {
    for (const text of ['my dad messages my 13 year old cousin on whatsapp', 'my mum sends pics of the dog to my aunt', 'my uncle texts my 12 year old sister every birthday', 'my dad coaches a 13 year old girls team'])
      expect(categories(text)).toEqual([]);
  });
});

describe('session 25 (v61): a young child who sent pictures of themselves', () => {
  it('reads a child of 15 or under who sent pictures to someone, in one message or over turns', () => {
    const convo = turnCategories(['im 12', 'the guy from insta said hes 14', 'but i sent him pics first so its on me']);
    expect(convo[2]).toContain('sexual');
    expect(rules('im 13 and i sent a guy pics on snap')).toContain('ctx:minor-sent-pics');
    expect(turnCategories(['my daughter is 12', 'she sent him pictures and now she wont stop crying'])[1]).toContain('sexual');
  });

  it('leaves pictures of a cat, of a trip to a parent, and another child\'s year group benign', () => {
    expect(turnCategories(['im 12', 'i sent him pics of my cat'])[1]).toEqual([]);
    expect(turnCategories(['im 12', 'i sent my mum pics from the trip'])[1]).toEqual([]);
    expect(categories('i sent a pic of my drawing to a girl in year 10')).toEqual([]);
  });
});

describe('session 25 (v61): contact on an app told is no move to another app', () => {
  it('does not read someone messaging the child on an app as a move', () => {
    for (const text of ['this guy keeps messaging me at night on insta', 'he messages me on discord every day', 'his manager messages him his shifts on whatsapp', 'someone on insta dm\'d me hi', 'theres this one person who dms me a lot', 'a man messaged me on tiktok'])
      expect(rules(text)).not.toContain('lex:meet_or_secrecy.move-app');
  });

  it('still reads a move asked for, in the base form or after a word of wanting', () => {
    for (const text of ['he wants me to message him on snap instead', 'add me on whatsapp', 'he said message me on whatsapp', 'msg me on snap', 'he asked me to start messaging him on telegram', 'hes asking me to turn on disappearing messages'])
      expect(rules(text)).toContain('lex:meet_or_secrecy.move-app');
  });
});

describe('session 25 (v61): read by rules, not left to the classifier', () => {
  it('reads a self-harm question asked for the child, a phone taken into the bathroom, a child asked to come outside', () => {
    expect(rules('whats the most painless way. asking for me')).toContain('lex:self_harm.suicide-plan');
    expect(rules('he wants me to go to the bathroom with my phone and show him')).toContain('lex:sexual.image-request');
    expect(rules('hes at the gate and wants me to come outside before my mum gets back')).toContain('lex:meet_or_secrecy.meet-request');
    expect(categories('what is the most painless way to die? its for my psychology homework')).not.toContain('self_harm');
    expect(categories('my mum told me not to take my phone in the bathroom')).toEqual([]);
  });
});

describe('session 25 (v62): benign false alarms by family', () => {
  it('reads a present for an occasion as a present, and the birthday as a day, not a detail', () => {
    for (const text of ['he sent me some vbucks for my birthday last week', 'my cousin sent me 500 robux for eid', 'my nan sends me robux when i do well at school', 'she said shell post it on my birthday lol'])
      expect(categories(text)).toEqual([]);
    // No reason given, a secret, a picture or a man's condition: still grooming or worse.
    expect(rules('this guy on roblox gave me 400 robux for no reason')).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(categories('he sent me vbucks for my birthday and said dont tell my mum')).toContain('meet_or_secrecy');
    expect(rules('a man on roblox said hed send me robux for my birthday if i send a pic')).toContain('lex:meet_or_secrecy.gifts-grooming');
    expect(rules('he knows my birthday and my school')).toContain('lex:personal_info.knows-details');
  });

  it('reads the child sending their own picture of a thing to a friend or a relative as no picture request', () => {
    for (const text of ['made pancakes sending pic to nan', 'we got a new kitten!! sending u a pic of her asleep on my bag'])
      expect(categories(text)).toEqual([]);
    expect(rules('sending u a pic of me in bed')).toContain('lex:sexual.image-request');
    expect(rules('he said sending u a pic tonight')).toContain('lex:sexual.image-request');
  });

  it('reads a lift from the family as no meeting', () => {
    for (const text of ['can u pick me up from skl mum its raining', 'my sister rang from a party asking me to pick her up', 'should i ask my mum to pick me up, its dark'])
      expect(categories(text)).toEqual([]);
    // (the classifier reads "he knows where" as personal_info at 0.85: another family, left)
    expect(categories('i sent my dad a pic of the gate so he knows where to pick me up')).not.toContain('meet_or_secrecy');
    expect(rules('a man from snap said he would pick me up from school, dont tell my mum')).toContain('lex:meet_or_secrecy.meet-request');
    expect(rules('he wants to pick me up from school, my mum is at work')).toContain('lex:meet_or_secrecy.meet-request');
  });
});

describe('session 25 (v63): benign false alarms by family, second part', () => {
  it('reads a location shared with the family or friends, an app\'s map named, as no detail asked', () => {
    for (const text of ['my cousin turned on snap map so we can find each other at the festival', 'sharing live location with the girls cos were walking home from the gig'])
      expect(categories(text)).toEqual([]);
    expect(rules('my friend from snap wants me to turn on snap map')).toContain('lex:personal_info.asks-details');
    expect(rules('a friend on snapchat asked me to share my location')).toContain('lex:personal_info.asks-details');
  });

  it('reads a video call with the family or friends as no picture request', () => {
    for (const text of ['my 11 year old is on a video call with his grandparents every sunday', 'laughing so much with my cousins on video call'])
      expect(categories(text)).toEqual([]);
    expect(rules('a man wants me on video call with my friend')).toContain('lex:sexual.image-request');
    expect(rules('my online friend wants me to go on camera')).toContain('lex:sexual.image-request');
  });

  it('reads a relative posting a video to the family chat as no threat to share images', () => {
    for (const text of ['bro said hes gonna post the vid of me falling off the trampoline on the family group chat', 'grandad took a video of me doing a cartwheel and put it on the family group'])
      expect(categories(text)).toEqual([]);
    // A stranger's threat to send it to the family is the sextortion itself.
    expect(rules('he said hell post the video of me crying on my family group chat')).toContain('lex:threat_blackmail.share-images');
    expect(categories('he said hell post my nudes on the family group chat')).toContain('threat_blackmail');
  });
});

describe('session 25 (v64): a parent\'s own children asking them for money', () => {
  it('reads children named by age, in plural, or with their own account as the family asking', () => {
    for (const text of ['my kids keep asking for in-game money. how do other parents handle pocket money for games?', 'my daughter wants money for robux again, can i set up a monthly allowance on her account?'])
      expect(categories(text)).not.toContain('financial');
    // The rule stands down for a child named by age; the pressure-for-money combo still reads it (left: "a 25 year
    // old keeps asking" must stay pressure).
    expect(rules('my 10 year old keeps asking me for robux, is £5 a month enough')).not.toContain('lex:financial.money-request');
    expect(rules('my son keeps asking for robux, he says a man in the game needs them')).toContain('lex:financial.money-request');
    expect(categories('my 10 year old keeps asking me for gift cards for someone she met on roblox')).toContain('financial');
  });
});
