import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 29, second detector owner (lexicon v83): meet_or_secrecy, threat_blackmail and financial in voices the set
// lacked (train51b: late-night paragraphs, a stranger's words told as notifications, money without the word money,
// a stranger's mates sent to fetch the child, a parent telling it). Each family is tested in words its rule text
// does not hold literally, beside benign twins that must stay benign.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 29b: a countdown in the stranger\'s message is a threat', () => {
  it('reads a deadline told as a notification, a dm or his words as threat_blackmail', () => {
    for (const text of [
      'a notification popped up saying two hours left',
      'the new dm says last chance then its everywhere',
      'she keeps texting me tick tock tick tock',
      'he said 30 minutes left and then he shares the lot',
      'he set a countdown in the group chat',
    ]) {
      expect(categories(text)).toContain('threat_blackmail');
    }
    expect(rules('the new dm says last chance then its everywhere')).toContain('lex:threat_blackmail.countdown');
  });

  it('leaves a sale, a test, a late morning and a friend\'s gig tickets alone', () => {
    for (const text of [
      'my friend texted me last chance to get tickets for the gig',
      'the notification says 2 hours left on the sale',
      'my mum said tick tock we are late for school',
      'my teacher put a countdown on the board for the test',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 29b: exposure said with "it", a feeling or a visit', () => {
  it('reads "or he shows my class", "when they see what you did" and "he could turn up" as threats', () => {
    for (const text of [
      'send the code or he shows my whole class',
      'they want robux or she will send them to my brother',
      'he said my dad would kick me out if he saw what i sent',
      'he told me everyone will laugh when they see what you did',
      'the guy said he knows where i live and he could turn up whenever',
    ]) {
      expect(categories(text)).toContain('threat_blackmail');
    }
    expect(rules('he told me everyone will laugh when they see what you did')).toContain('lex:threat_blackmail.when-they-see');
  });

  it('keeps a nan\'s feelings, a proud dad and a cousin at christmas benign', () => {
    for (const text of [
      'my nan would cry if she saw what i did to my room',
      'my dad would be proud when he sees what i did in my exams',
      'my dad will laugh when he sees what i did to the cake',
      'my cousin said she might show up at christmas',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 29b: his people sent to fetch the child', () => {
  it('reads his mate, his lads or a drive to his as meet_or_secrecy', () => {
    for (const text of [
      'his pal is coming to get me from the station',
      'his lads will pick me up outside the chippy',
      'he told me his brothers mate will collect me from the bus stop',
      'he said his uncle can drive me to his on sunday',
      'she says her friend will pick me up so my mum doesnt see her car',
    ]) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    expect(rules('his lads will pick me up outside the chippy')).toContain('lex:meet_or_secrecy.sent-to-fetch');
  });

  it('keeps a friend\'s mum or dad collecting the child benign', () => {
    for (const text of [
      'his mum is coming to get me from the station',
      'my friends dad will pick me up after the party',
      'his sister will pick me up from school, shes my friend',
      'my dad asked what time my football finishes so he can pick me up',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 29b: secrecy said differently', () => {
  it('reads the parents "wouldnt get it" in his words, hidden chats and a "link up" as meet_or_secrecy', () => {
    for (const text of [
      'he told me my mum wouldnt get it because shes old',
      'he says my dad just wouldnt get what we have',
      'he wants us to lock our chats with a code',
      'he made me set a password so nobody sees our messages',
      'he keeps asking to link up when my mum is at work',
      'the man says he wants to link up irl',
    ]) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
  });

  it('keeps a joke, the child\'s own password and friends meeting up benign', () => {
    for (const text of [
      'my parents wouldnt get the joke',
      'my sister said my mum wouldnt get it lol',
      'i put a password on my phone so my brother cant read my messages',
      'me and my mates are gonna link up after college',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 29b: going to see someone known online, as a parent or sibling tells it', () => {
  it('reads "off to see a guy from roblox" as meet_or_secrecy', () => {
    for (const text of ['my son is off to see a guy from roblox on saturday', 'my brother went to see a girl he met on snapchat', 'my daughter is visiting someone she only knows online']) {
      expect(rules(text)).toContain('lex:meet_or_secrecy.see-known-online');
    }
  });

  it('keeps a school friend and a work friend benign', () => {
    for (const text of ['im going to see my friend from school on saturday', 'my dad is visiting his friend from work']) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 29b: money passed on, crypto and parcels', () => {
  it('reads a transfer passed on, bitcoin asked and parcels posted on as financial', () => {
    for (const text of [
      'they put £400 in my account and i have to send it on to their mate',
      'she wants me to take a bank transfer for her and pass it on',
      'the email wants payment in btc',
      'he asked me to pay him in bitcoin',
      'he sent me boxes to my house and told me to post them on to an address in leeds',
      'they deliver parcels to me and i forward them to other addresses',
    ]) {
      expect(categories(text)).toContain('financial');
    }
  });

  it('keeps a parent\'s money, an aunt\'s parcel and a school project benign', () => {
    for (const text of [
      'my mum sends money to my account every week',
      'my aunt sent me a parcel to pass on to my cousin',
      'my dad said bitcoin is a scam',
      'im doing a project on crypto at school',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads a decimal point as part of a sum, not the end of a sentence ("pay 0.01 btc")', () => {
    expect(rules('the email says pay 0.01 btc or the video goes to all my contacts')).toContain('lex:financial.pass-through');
    expect(rules('the email says pay 0.01 btc or the video goes to all my contacts')).toContain('lex:threat_blackmail.share-images');
    // a full stop between words still ends a sentence: "pay" and "btc" are in different sentences here
    expect(rules('i had to pay. btc is something my brother talks about')).not.toContain('lex:financial.pass-through');
  });
});

describe('session 29b: a plan that is his, not the child\'s', () => {
  it('reads "the man said he planned it all and he will find me" as a threat, not a suicide plan', () => {
    const found = rules('the man said he planned it all and he will find me');
    expect(categories('the man said he planned it all and he will find me')).toContain('threat_blackmail');
    expect(found).not.toContain('lex:self_harm.suicide-plan');
  });

  it('still reads the child\'s own plan, or a son\'s plan told by a parent, as self_harm', () => {
    expect(rules('i planned it all')).toContain('lex:self_harm.suicide-plan');
    expect(rules('my son said he planned it all and wrote a note')).toContain('lex:self_harm.suicide-plan');
  });
});

describe('session 29b: a conversation where the gifts turn into a debt', () => {
  it('raises nothing on the small talk and meet_or_secrecy once the secret and the visit are asked', () => {
    const turns = findingsByTurn(model, ['this guy from roblox is so generous', 'he said its our secret so other people dont get jealous', 'now he says i owe him and i should come to his house to pay him back']).map((fs) => [...new Set(fs.map((f) => f.category))]);
    expect(turns[0]).toEqual([]);
    expect(turns[1]).toContain('meet_or_secrecy');
    expect(turns[2]).toContain('meet_or_secrecy');
  });
});
