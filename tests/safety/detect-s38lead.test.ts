import { describe, expect, it } from 'vitest';
import type { SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { categoriesByTurn } from '../helpers/detector.js';

// Session 38, lead (lexicon v129): "rather die than" said of someone else seeing or finding out is despair, not the
// clothes-and-dentist idiom. The idiom's mask hid it from the low-mood signal, so the combo low-mood-after-threat
// (session 16), written for sextortion, never fired. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => categoriesByTurn(model, [text])[0] ?? [];
const lastTurn = (turns: readonly string[]): string[] => categoriesByTurn(model, turns).at(-1) ?? [];

describe('session 38 lead: "rather die than" someone seeing, after a threat about the child\'s pictures', () => {
  it('raises self-harm with the threat in the same message', () => {
    const found = categories('he keeps saying hell post my pics on my story and id rather die than my nan sees them');
    expect(found).toContain('self_harm');
    expect(found).toContain('threat_blackmail');
  });

  it('raises self-harm a turn after the threat', () => {
    expect(lastTurn(['this account says it will send my nudes to my dad unless i pay', 'honestly i would rather die than anyone at school finds out'])).toContain('self_harm');
  });

  it('keeps the idiom quiet when it is about clothes, a film or the child seeing someone', () => {
    expect(categories('id rather die than wear my brothers old football shirt')).toEqual([]);
    expect(categories('i would rather die than watch that cartoon again lol')).toEqual([]);
    expect(categories('id rather die than see my ex at the party tbh')).toEqual([]);
  });
});
