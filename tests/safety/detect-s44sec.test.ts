import { describe, expect, it } from 'vitest';
import { buildSafetyModel, detect, EMPTY_DETECTOR_STATE, validateSafetySource, type ModelFileSource, type SafetyModel } from '../../dialogs/safety/index.js';
import { readSafetySource } from '../fixtures/flags/source.js';

// Session 44: the classifier's bar for a second category in a message that already raised a finding can be set per
// category in the model file (a category's own `secondary`, else the file's). Sentences written for these tests.

const source = readSafetySource();
const file = source.model as ModelFileSource;
const categories = (m: SafetyModel, text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, m).findings.map((f) => f.category))].sort();
/** The shipped weights with the file's bar `secondary` and some categories' own bars (none kept from the file). */
const withBars = (secondary: number, own: Partial<Record<string, number>> = {}): SafetyModel =>
  buildSafetyModel({
    ...source,
    model: { ...file, secondary, categories: Object.fromEntries(Object.entries(file.categories).map(([c, m]) => [c, { bias: m.bias, threshold: m.threshold, weights: m.weights, ...(own[c] === undefined ? {} : { secondary: own[c] }) }])) },
  });

describe("session 44: a category's own second-finding bar", () => {
  const text = 'this man online says he loves me and wants me to run away with him';

  it('names a second category at the file-wide bar, and not when that category has a higher bar of its own', () => {
    expect(categories(withBars(0.05), text)).toEqual(['meet_or_secrecy', 'sexual']);
    expect(categories(withBars(0.05, { sexual: 1 }), text)).toEqual(['meet_or_secrecy']);
    // A lower bar of its own counts where the file's is higher.
    expect(categories(withBars(1, { sexual: 0.05 }), text)).toEqual(['meet_or_secrecy', 'sexual']);
    expect(categories(withBars(1), text)).toEqual(['meet_or_secrecy']);
  });

  it('still raises nothing in a message that raised nothing at the categories own thresholds', () => {
    expect(categories(withBars(0.05, { sexual: 0.05, meet_or_secrecy: 0.05 }), 'my cat sleeps in the washing basket and snores')).toEqual([]);
  });

  it("refuses a category's bar outside (0, 1] with the category named", () => {
    const bad = { ...file, categories: { ...file.categories, sexual: { ...file.categories['sexual']!, secondary: 1.5 } } };
    expect(validateSafetySource({ ...source, model: bad })).toEqual(['safety-model.json: sexual\'s "secondary" must be a number above 0 and at most 1; run `npm run train:flags`.']);
  });
});
