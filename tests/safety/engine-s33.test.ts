import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, tokenise, type SafetyModel } from '../../dialogs/safety/index.js';
import { STAND_DOWN_TESTS, standsDown } from '../../dialogs/safety/detect.js';
import { findPhrases, keysPresent } from '../../dialogs/safety/match.js';
import { analyseScope } from '../../dialogs/safety/scope.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

const model: SafetyModel = loadSafetyModel();

/** What a counsellor would see of one message read on its own: each finding's category and rule. */
const seen = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => `${f.category} ${f.rule}`);

/**
 * Session 33 (speed): `standsDown` asks each rule only the stand-down tests that can hold for it (worked out once
 * per rule by asking each test with stand-ins that note what it reads). Leaving a test out must never change why,
 * or whether, a phrase stands down.
 */
describe('the detector engine, session 33: stand-down tests asked by rule', () => {
  it('gives every phrase found in the tuning messages the same reading as asking every test', () => {
    const texts = loadDataset()
      .filter((item) => item.split === 'tuning')
      .flatMap((item) => item.turns.map((t) => t.text));
    let phrases = 0;
    const readings = new Set<string>();
    for (const text of texts) {
      const tokens = tokenise(text, model);
      const present = keysPresent(tokens);
      const scope = analyseScope(tokens, model, present);
      for (const m of findPhrases(tokens, model.rules, false, present)) {
        const all = standsDown(tokens, m, m.phrase.rule, scope, model, STAND_DOWN_TESTS);
        const asked = standsDown(tokens, m, m.phrase.rule, scope, model);
        if (asked !== all) expect({ text, rule: m.phrase.rule.id, asked }).toEqual({ text, rule: m.phrase.rule.id, asked: all });
        phrases += 1;
        readings.add(String(all));
      }
    }
    // The comparison covered many phrases and most kinds of stand-down, not a handful.
    expect(phrases).toBeGreaterThan(50_000);
    expect(readings.size).toBeGreaterThan(15);
  }, 600_000);

  it('still stands down by the rule-only tests, the scope and the words before a phrase', () => {
    // A rule-specific test (foodCut: a cut made cutting food), negation and a hypothetical, each in place.
    expect(seen('i cut my finger cutting an apple, it bled a lot but its fine now').filter((f) => f.startsWith('self_harm '))).toEqual([]);
    expect(seen('i dont want to kill myself').filter((f) => f.startsWith('self_harm lex:'))).toEqual([]);
    expect(seen('what would you do if someone asked for your address')).toEqual([]);
    // And the same phrases said plainly still raise their categories.
    expect(seen('i cut myself again last night').some((f) => f.startsWith('self_harm '))).toBe(true);
    expect(seen('a man on roblox asked for my address').some((f) => f.startsWith('personal_info '))).toBe(true);
  });
});
