import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 41, false-alarm helper faP: ordinary messages about buying and selling, location sharing and conversations
// that the personal_info and meet_or_secrecy rules read as red flags, in constructions that recur across s41train's
// blind writers, each beside twins that must keep what a counsellor needs to see. Sentences written for these tests,
// not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 41faP: a location shared in the family, and the pronoun that stands for the relative', () => {
  it('reads a location kept by or shared with a parent as no personal_info red flag', () => {
    expect(categories('my phone shares my location with my dad so he knows when im at training')).not.toContain('personal_info');
    expect(categories('i told my parents i dont want my location on all the time and they said we can talk about it')).not.toContain('personal_info');
    expect(categories('my nan can see my location, she likes knowing i got to school ok')).not.toContain('personal_info');
    expect(categories('i said my mum can keep my location but not read my chats, she agreed')).not.toContain('personal_info');
    expect(categories('the app says my location is shared with mum and my sister')).not.toContain('personal_info');
  });

  it('keeps a location asked for or known by someone else, or a pronoun that cannot be the relative', () => {
    expect(categories('my mum doesnt know but he wants my location')).toContain('personal_info');
    expect(categories('my dad shares my location and she keeps asking for my location too')).toContain('personal_info');
    expect(categories('a man on snap wants my location, my mum doesnt know')).toContain('personal_info');
    expect(categories('he says he knows my location and my mum is scared')).toContain('personal_info');
  });
});

describe('session 41faP: the child\'s own thing sold, not a present', () => {
  it('reads a buyer paying for what the child sold as no grooming gift', () => {
    expect(categories('a girl on depop bought my old trainers this morning')).not.toContain('meet_or_secrecy');
    expect(categories('finally sold my switch on ebay, he paid for my switch straight away')).not.toContain('meet_or_secrecy');
    expect(categories('the lady said she would buy from me again, vinted is great')).not.toContain('meet_or_secrecy');
    expect(categories('my sister sold my scooter by mistake so dad made her give me the money')).not.toContain('meet_or_secrecy');
  });

  it('keeps a present, a secret, flattery, a person bought for or a meeting beside the sale', () => {
    expect(categories('a man on vinted bought my daughter clothes and keeps messaging her')).toContain('meet_or_secrecy');
    expect(categories('the buyer bought my hoodie and said its our secret, dont tell ur mum')).toContain('meet_or_secrecy');
    expect(categories('the buyer paid for my hoodie and gave me extra because im so pretty')).toContain('meet_or_secrecy');
    expect(categories('a man who bought my lego on ebay keeps sending me vouchers for free')).toContain('meet_or_secrecy');
  });
});

describe('session 41faP: a number or a tracker of a thing, not of the child', () => {
  it('reads an order or tracking number, and an order tracked, as no personal_info', () => {
    expect(categories('the seller sent me his tracking number and a nice note')).not.toContain('personal_info');
    expect(categories('customer services asked for my order number and sorted the refund')).not.toContain('personal_info');
    expect(categories('i keep tracking my parcel, its been stuck in the depot for days')).not.toContain('personal_info');
    expect(categories('the app is good for tracking my steps and my sleep')).not.toContain('personal_info');
  });

  it('keeps a phone or house number, and the child or the location tracked', () => {
    expect(categories('a man on the game asked for my number')).toContain('personal_info');
    expect(categories('the man asked for my house number')).toContain('personal_info');
    expect(categories('he keeps tracking my location on snap map')).toContain('personal_info');
    expect(categories('someone asked for my order number and my home address')).toContain('personal_info');
  });
});

describe('session 41faP: a safety rule retold from a lesson', () => {
  it('reads a teacher\'s or the police\'s "never tell your address" as no personal_info', () => {
    expect(categories('sir said never tell anyone online what school you go to')).not.toContain('personal_info');
    expect(categories('the police officer told us never to give out your address on a game')).not.toContain('personal_info');
    expect(categories('in the assembly they said dont share your location with people you dont know')).not.toContain('personal_info');
  });

  it('keeps a stranger asking beside the rule, and the same words from a stranger', () => {
    expect(categories('miss said never tell people your address but he keeps asking where i live')).toContain('personal_info');
    expect(categories('he said never tell anyone what school you go to except him, then asked mine')).toContain('personal_info');
    expect(categories('the man said never tell anyone online what school you go to, only tell him')).toContain('personal_info');
    expect(categories('a man keeps asking what school i go to, my mum said never tell your school')).toContain('personal_info');
  });
});
