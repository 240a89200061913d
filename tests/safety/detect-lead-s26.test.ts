import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 26, the lead: a "now" that moves the story on ("now he says…") is not when a meeting is.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();

describe('a "now" that opens a clause and turns to who acts next', () => {
  it('leaves a meeting demanded under threat a red flag, not danger now', () => {
    const turns = findingsByTurn(model, ['im 15', 'i sent him pics', 'now he says he will tell my parents im gay if i dont meet him']);
    const last = new Set((turns.at(-1) ?? []).map((f) => f.category));
    expect(last.has('meet_or_secrecy')).toBe(true);
    expect(last.has('threat_blackmail')).toBe(true);
    expect(last.has('immediate_danger')).toBe(false);
    expect(categories('and now she says meet her at the park or she posts it')).not.toContain('immediate_danger');
  });

  it('twins: a meeting now, someone outside now, and a time said for the meeting stay danger now', () => {
    for (const text of ['he wants to meet now', 'hes outside now and wants to meet', 'now hes outside my house', 'now he says meet him tonight', 'he said meet me now or else'])
      expect(categories(text), text).toContain('immediate_danger');
  });
});
