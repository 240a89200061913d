import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 37 (det-rc, lexicon v119): structures the lexicon missed on new wording. A threat with no harm word, hung on the
// child blocking, reporting or telling, whichever clause comes first. Every sentence is new wording, beside a twin that must
// not raise the category.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 37rc: a threat hung on the child cutting contact, reporting or telling', () => {
  it('raises threat_blackmail when what he will do follows the child blocking, reporting or telling', () => {
    for (const text of [
      'this lad says hell wreck everything for me if i report him',
      'if u unfriend me ill just find u on another app',
      'he says if i tell anyone hes got ways of making me sorry',
      'the man told my son he will go after his little sister if he blocks him',
    ]) {
      expect(categories(text), text).toContain('threat_blackmail');
      expect(rules(text), text).toContain('lex:threat_blackmail.cutoff-threat');
    }
  });

  it('keeps such a threat when a game is named in the sentence: no game asks a player to stop blocking', () => {
    const text = 'a boy from the minecraft server says he will hurt my hamster if i ignore him';
    expect(categories(text)).toContain('threat_blackmail');
  });

  it('reads "report" after a subject as the verb, not a school report', () => {
    expect(categories('some guy said he will make my life awful if i report him')).toContain('threat_blackmail');
    expect(categories('my teacher said she will post my school report home on friday')).toEqual([]);
  });

  it('leaves a parent, a friend, a game or a joke alone', () => {
    for (const text of [
      'my mum said if i stop doing my reading she will take the ipad',
      'my friend said if i leave the group chat she will be so annoyed lol',
      'i will lose my streak if i quit the game now',
      'if i unfollow him he will probably just sulk lol',
      'my bestie says she would be so sad if i left the chat',
      'if you quit the squad ill get you a place in my clan instead',
    ]) {
      expect(categories(text), text).not.toContain('threat_blackmail');
    }
  });
});

describe('session 37rc: a present that reached the child from someone online', () => {
  it('raises meet_or_secrecy for a present sent, given or delivered, with a giver from a game or an app', () => {
    for (const text of [
      'my 12 year old has been sent a new headset by a man from roblox',
      'my son got sent a laptop from a friend he plays minecraft with',
      'presents keep being delivered for my daughter from someone on snapchat',
    ]) {
      expect(categories(text), text).toContain('meet_or_secrecy');
      expect(rules(text), text).toContain('ctx:gift-from-online');
    }
  });

  it('raises it when the game comes a turn before the parcel', () => {
    let state = EMPTY_DETECTOR_STATE;
    state = detect('my son chats to a lad on fortnite every night', state, model).state;
    const r = detect('today a parcel turned up addressed to him with airpods in, from the lad', state, model);
    expect(r.findings.map((f) => f.rule)).toContain('ctx:gift-from-online');
  });

  it('leaves a present from family, one the child ordered online, or one for a game alone', () => {
    for (const text of [
      'my son was sent a headset by his uncle, they play fortnite together',
      'a parcel arrived today with the trainers i ordered online',
      'i have been given a new phone for my birthday so i can play roblox',
    ]) {
      expect(categories(text), text).not.toContain('meet_or_secrecy');
    }
  });
});

describe('session 37rc: money demanded by someone holding the child\'s pictures, a recording or the account, or under a threat', () => {
  it('raises threat_blackmail when the one who holds the material asks for money, with no threat said', () => {
    for (const text of [
      'some account says they have my nudes and wants 80 quid',
      'a hacker got into my account and wants £40 in vouchers before i get it back',
    ]) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['financial', 'threat_blackmail']));
      expect(rules(text), text).toContain('ctx:money-for-material');
    }
  });

  it('raises financial for a sum or a payment app asked for beside a threat', () => {
    for (const text of ['he says pay 60 euros or my mum gets the pictures', 'she wants it on paysafecard by tonight or she posts the video']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['financial', 'threat_blackmail']));
    }
  });

  it('leaves a relative who keeps a photo, or money owed at home, alone', () => {
    for (const text of ['my gran has my baby photos and wants 10 pounds for the frames', 'my brother says i have to pay him 5 quid back for the pizza']) {
      expect(categories(text), text).not.toContain('threat_blackmail');
    }
  });
});
