import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 29, the lead, at the merge: questions about the child's body are a red flag when someone else asks
// them, not when the child asks their own or a mum asks ("my mum asked me about my body changing"); and a parent
// telling their child's own suicide plan is read as a plan.

const model: SafetyModel = loadSafetyModel();
const findings = (text: string) => detect(text, EMPTY_DETECTOR_STATE, model).findings;
const categories = (text: string): string[] => [...new Set(findings(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => findings(text).map((f) => f.rule);

describe('questions about the child\'s body', () => {
  it('are sexual when a man, a stranger or someone online asks them', () => {
    for (const text of [
      'a guy on snap keeps asking me questions about my body',
      'this man from the game is always asking me about my body',
      'he asked me which bits of my body have hair now',
      'he asked if ive got a bra yet',
      'some man asked how big my chest is',
    ]) expect(categories(text), text).toContain('sexual');
  });

  it('raise nothing when the child asks, or a mum, a nurse or a doctor does, or a hairstyle or a house is meant', () => {
    for (const text of [
      'my mum asked me about my body changing',
      'i asked my mum about my body',
      'i want to ask about parts of my body that hurt',
      'the school nurse asked me questions about my body',
      'she asked me how big my house is',
      'my nan asked me to put my hair on top for the photo',
    ]) expect(categories(text), text).not.toContain('sexual');
  });
});

describe('a suicide plan told by a parent', () => {
  it('is the child\'s plan: self_harm by the plan rule', () => {
    expect(rules('my son said he planned it all and wrote a note')).toContain('lex:self_harm.suicide-plan');
    expect(rules('my daughter told me she has it all planned')).toContain('lex:self_harm.suicide-plan');
  });

  it('a man who says he planned it is threatening, not planning to die', () => {
    expect(categories('the man said he planned it all and he will find me')).not.toContain('self_harm');
  });
});
