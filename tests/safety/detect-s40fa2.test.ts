import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 40, second false-alarm helper (lexicon v131): ordinary messages that the danger, self-harm and threat rules
// read as red flags, in constructions that recur across s39train's blind writers, each beside twins that must keep what
// a counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 40fa2: a bridge or a roof gone onto for what is there', () => {
  it('reads ducks, boats, a ball, a roof terrace or a shed roof as an outing', () => {
    expect(categories('me and my mate are on the bridge throwing bread to the ducks')).toEqual([]);
    expect(categories('we stood on the bridge by the canal watching the barges go past')).toEqual([]);
    expect(categories('had to climb on the roof of the garage to get our football back')).toEqual([]);
    expect(categories('having breakfast on the roof terrace of our apartment in spain')).toEqual([]);
  });

  it('keeps the place with a word of jumping, distress or a goodbye, or a photo alone', () => {
    expect(categories('im on the bridge watching the boats and i cant do this anymore')).toContain('self_harm');
    expect(categories('on the roof terrace, i want to jump')).toContain('immediate_danger');
    expect(categories('she is on the bridge and just sent me a photo of the river')).toContain('self_harm');
    expect(categories('im on the roof, the view is the last thing i want to see')).toContain('immediate_danger');
  });
});
