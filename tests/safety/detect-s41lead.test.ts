import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../server/cli/train-flags.js';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 41 (lexicon v140), the lead: what the classifier trained on s41trainA-H, with floors of their own for sexual and
// personal_info, may and may not add. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 41: a handle asked for to move apps', () => {
  it('is the move, not personal details, when nothing else is asked', () => {
    expect(categories('theres this girl on tiktok who says shes 14 and she wants my snap')).toEqual(['meet_or_secrecy']);
  });

  it('keeps personal details asked beside it, and an app that shows where they are', () => {
    expect(categories('he wants my snap and my number')).toEqual(['meet_or_secrecy', 'personal_info']);
    expect(categories('he wants my snap and what school i go to')).toContain('personal_info');
    expect(categories('he wants me on snap map')).toContain('personal_info');
  });
});

describe('session 41: the classifier floors', () => {
  it('are 0.7 for sexual and personal_info, and the committed model was trained with them', () => {
    expect(DEFAULT_OPTIONS.floors).toEqual({ sexual: 0.7, personal_info: 0.7 });
    const cats = model.classifier.categories;
    for (const c of ['sexual', 'personal_info'] as const) {
      const threshold = model.classifier.thresholds[cats.indexOf(c)] ?? 1;
      expect(threshold, c).toBeGreaterThanOrEqual(0.7);
      expect(threshold, c).toBeLessThan(0.85);
    }
  });

  it('let the classifier find a sexual request in words no rule knows, and not a grandmother asking for a photo', () => {
    expect(categories('my nan asked me to put my hair on top for the photo')).toEqual([]);
    expect(categories('he keeps saying show me what ur wearing under ur school jumper')).toContain('sexual');
  });
});
