import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 36 (lead, lexicon v116): a negator denies its own clause, not the next one. "i never met him BUT HE knows my
// school" was read as "never … knows my school" and raised nothing; so was "i dont no him but he knows my school", where
// "no" is how many children type "know". A conjunction with a new subject after it ends the negation's reach.

const model: SafetyModel = loadSafetyModel();
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 36 lead: a negation ends where a new clause with its own subject begins', () => {
  it('reads what he does after "but he" though the child denied something before it', () => {
    expect(rules('i never met him but he knows my school')).toContain('lex:personal_info.knows-details');
    expect(rules('i dont no him but he knows what school i go to')).toContain('lex:personal_info.knows-details');
    expect(rules('i didnt say yes but he is coming to my house tonight')).toContain('lex:meet_or_secrecy.meet-request');
  });

  it('still lets a negation deny its own clause', () => {
    expect(rules('he doesnt know my school')).not.toContain('lex:personal_info.knows-details');
    expect(rules('i didnt send anything and he never asked for pics')).toEqual([]);
  });
});
