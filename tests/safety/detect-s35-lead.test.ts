import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 35, the lead (lexicon v108): a secret kept "between them", told by a parent or a friend. At v104 only the
// classifier caught "my sons football coach keeps buying him stuff and says its just between them", at 0.850, its
// floor, and the merge's retrain moved it just below.

const model: SafetyModel = loadSafetyModel();
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 35, lead: a secret kept between the adult and the child, told by someone else', () => {
  it('raises secrecy when the adult says it stays between them', () => {
    for (const text of [
      'my daughters swim coach gives her presents and told her its just between them',
      'her tutor said it has to stay between them and not to tell me',
      'the man at her gym says what they talk about should stay between them',
    ]) {
      expect(rules(text), text).toContain('lex:meet_or_secrecy.secrecy-asked');
    }
  });

  it('leaves family and friends keeping something between themselves alone', () => {
    for (const text of ['my mum said the row with my dad is just between them', 'my friend said the gossip was just between them']) {
      expect(rules(text), text).toEqual([]);
    }
  });
});
