import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, tokenise, type SafetyModel } from '../../dialogs/safety/index.js';
import { findPhrases, keysPresent } from '../../dialogs/safety/match.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

const model: SafetyModel = loadSafetyModel();

/** The rules whose phrases a message's tokens match, in order. */
const rulesOf = (matches: ReturnType<typeof findPhrases>): string[] => matches.map((m) => m.phrase.rule.id);

/**
 * Session 30: findPhrases lays a message's keys out once and the second index looked up in the same
 * message reads that layout. Another message looked up in between must not leak its keys into it.
 */
describe('phrase lookup across messages (session 30)', () => {
  const asking = 'he keeps asking me to send pics of myself';
  const meeting = 'a man online wants to meet me at the park tomorrow';

  it('finds the same phrases whether or not another message was looked up in between', () => {
    const a = tokenise(asking, model);
    const b = tokenise(meeting, model);
    const alone = rulesOf(findPhrases(a, model.rules, false, keysPresent(a)));
    expect(alone).toContain('lex:sexual.image-request');
    expect(alone).not.toContain('lex:meet_or_secrecy.meet-request');

    const presentA = keysPresent(a);
    const presentB = keysPresent(b);
    findPhrases(a, model.scope.phrases, true, presentA);
    const meetRules = rulesOf(findPhrases(b, model.rules, false, presentB));
    expect(meetRules).toContain('lex:meet_or_secrecy.meet-request');
    // Back to the first message after the second's lookup: its own keys again, none of the meeting's.
    expect(rulesOf(findPhrases(a, model.rules, false, presentA))).toEqual(alone);
    // A key set that is not the tokens' own (read as a Set) is stamped afresh.
    expect(rulesOf(findPhrases(a, model.rules, false, new Set(presentA)))).toEqual(alone);
  });

  it('gives each message of a chat its own findings when messages alternate', () => {
    const first = detect(asking, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category);
    const second = detect(meeting, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category);
    expect(first).toContain('sexual');
    expect(second).toContain('meet_or_secrecy');
    for (let round = 0; round < 3; round += 1) {
      expect(detect(asking, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category)).toEqual(first);
      expect(detect(meeting, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category)).toEqual(second);
    }
  });
});

/**
 * Session 37: findPhrases reads a first term's phrases group by group, by their second term, and puts what one first term
 * matched back in the index's order, so the findings' evidence keeps its order. Over every tuning message: the matches at
 * one token of one first term come in the order of their phrases in the index.
 */
describe('phrase matches in the index order (session 37)', () => {
  it('lists the matches of one first term at one token in the order the index lists their phrases', () => {
    let several = 0;
    for (const item of loadDataset()) {
      if (item.split !== 'tuning') continue;
      for (const turn of item.turns) {
        const tokens = tokenise(turn.text, model);
        const matches = findPhrases(tokens, model.rules, false, keysPresent(tokens));
        for (let k = 1; k < matches.length; k += 1) {
          const a = matches[k - 1]!;
          const b = matches[k]!;
          const key = a.phrase.terms[0]!;
          if (a.first !== b.first || b.phrase.terms[0] !== key) continue;
          const phrases = model.rules.get(key) ?? [];
          if (a.phrase.terms[1] !== b.phrase.terms[1]) several += 1;
          expect(phrases.indexOf(a.phrase)).toBeLessThan(phrases.indexOf(b.phrase));
        }
      }
    }
    // Matches of one first term with different second terms at one token, the case the grouping has to put back in order.
    expect(several).toBeGreaterThan(50);
  });
});
