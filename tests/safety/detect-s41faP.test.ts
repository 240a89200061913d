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
