import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 26 (lexicon v65–): misses and false alarms a conversation tester found (report problems 4, 5, 6, 14,
// 15), each in the tester's words and in others of the same family, with twins that must keep their reading;
// then the tuning half's benign false alarms, by family. Rule ids are asserted where the rule reads the meaning.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 26 (v65): someone else\'s suicide threat used as pressure on the child', () => {
  it('reads it as a threat (and keeping the child in contact or quiet), not the child\'s self-harm', () => {
    for (const text of [
      'my online bf is 20 and he says if i block him hell kill himself',
      'this is what he sent me: "ur so pretty, i want to see more of u. delete our chat after ok. ill kill myself if u tell anyone about us"',
      'he says if i tell my mum he will kill himself and i dont know what to do because i do like him but im scared',
      'he keeps threatening to kill himself if i block him',
      'he said ill kill myself if u block me',
      'my boyfriend says hell hurt himself if i break up with him',
    ]) {
      expect(rules(text), text).toContain('lex:threat_blackmail.suicide-pressure');
      expect(categories(text), text).toContain('meet_or_secrecy');
      expect(categories(text), text).not.toContain('self_harm');
    }
    expect(rules('my boyfriend keeps saying hell hurt himself if i dont reply fast enough')).toContain('lex:threat_blackmail.suicide-pressure');
    expect(categories('my boyfriend keeps saying hell hurt himself if i dont reply fast enough')).not.toContain('self_harm');
  });

  it('keeps the child\'s own self-harm, a friend or brother at risk, and means named, as self-harm', () => {
    for (const text of [
      'ill kill myself if he posts it',
      'i want to die',
      'my friend says she wants to kill herself',
      'my friend says she will kill herself if i tell anyone',
      'my brother said he will kill himself if i tell mum he is cutting',
      'please dont tell my mum, ill kill myself if you tell her',
      'if i tell anyone ill kill myself',
      'my bf said if i break up with him he\'ll kill himself and he sent a pic of a rope',
    ])
      expect(categories(text), text).toContain('self_harm');
    expect(rules('ill kill myself if he posts it')).not.toContain('lex:threat_blackmail.suicide-pressure');
  });
});
