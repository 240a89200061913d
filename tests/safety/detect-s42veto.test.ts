import { describe, expect, it } from 'vitest';
import { buildSafetyModel, CATEGORIES, detect, EMPTY_DETECTOR_STATE, type Finding, type ModelFileSource, type SafetyModel } from '../../dialogs/safety/index.js';
import { readSafetySource } from '../fixtures/flags/source.js';

// Session 42 (lexicon v150): the quiet veto's bar is 0.05 (was 0.005), and it holds back for a message that names an
// online place or app, a stranger, a secret or a hushing, and for the present rule. The real lexicon with a classifier
// that reads every message the same makes the bar the only thing that moves. Every sentence here is new wording.

const source = readSafetySource();
const flat = (bias: number): SafetyModel =>
  buildSafetyModel({
    ...source,
    model: { ...(source.model as ModelFileSource), categories: Object.fromEntries(CATEGORIES.map((c) => [c, { bias, threshold: 0.85, weights: [] }])) },
  });
/** Every score about 0.007: quiet under session 42's bar, not under session 36's. */
const hushed = flat(-5);
/** Every score about 0.12: above the bar, so nothing is vetoed. */
const murmur = flat(-2);
const categoriesOf = (text: string, m: SafetyModel): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, m).findings.map((f: Finding) => f.category))].sort();

describe('session 42: the quiet veto at 0.05', () => {
  it('stands a lone request down in a long everyday message the classifier reads as nothing', () => {
    for (const text of [
      'the dog walker asked my nan for money because she forgot to pay her for two whole weeks',
      'the girl from netball asked me for money for the team trip because she forgot hers at home',
    ]) {
      expect(categoriesOf(text, murmur), text).toContain('financial');
      expect(categoriesOf(text, hushed), text).toEqual([]);
    }
  });

  it('holds back when the message names an app, an online place, a stranger, a secret or a hushing', () => {
    for (const text of [
      'the dog walker on snap asked my nan for money because she forgot to pay her for two whole weeks',
      'the dog walker asked my nan for money because she forgot to pay her for two weeks and a man laughed',
      'some guy in the roblox chat asked me for money for the new costumes before the show next month',
      'a random asked me for money for the new costumes before the show next month and said its our secret',
    ]) {
      expect(categoriesOf(text, hushed), text).toContain('financial');
    }
  });

  it('leaves a present to its own rule, and never touches danger now or self-harm', () => {
    expect(categoriesOf('my mum says a boy in year 11 keeps wanting to buy me trainers and stuff for no reason at all', hushed)).toContain('meet_or_secrecy');
    expect(categoriesOf('theres a man trying to get in through my window and im on my own', hushed)).toContain('immediate_danger');
    expect(categoriesOf('i want to kill myself tonight', hushed)).toContain('self_harm');
  });
});
