import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 32, the lead: a threat put as a condition to the child ("if you dont pay me your photos go to everyone") was
// read as a hypothetical and its refusal as a denial, so it raised nothing. Advice in the same shape stays quiet.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 32: a threat put as "if you dont…"', () => {
  it('raises a threat when the condition is a refusal put to the child and the threat follows it', () => {
    for (const text of [
      'if you dont pay me your photos go to everyone',
      'he said if u dont send more ur nudes go to all ur followers',
      'if you do not pay me 50 pounds your photos go to your school',
      'if you dont pay me, your pics will go to everyone',
      'he keeps saying if you wont pay your pics get sent to your family',
    ]) expect(categories(text), text).toContain('threat_blackmail');
  });

  it('leaves advice, a wish and a condition with no refusal as they were', () => {
    for (const text of [
      'if you dont want your photos to go to everyone dont send them',
      'if you dont post your pics online nobody can share them',
      'if you dont send your pics to strangers you will be fine',
      'if you dont like your photo you can delete it and take another',
    ]) expect(categories(text), text).toEqual([]);
  });
});
