import { describe, expect, it } from 'vitest';
import {
  buildSafetyModel,
  detect,
  EMPTY_DETECTOR_STATE,
  SafetyModelError,
  sourceFingerprint,
  validateSafetySource,
  type ModelFileSource,
  type SafetyModel,
  type SafetySource,
} from '../../dialogs/safety/index.js';
import { bindWordLists, namesRead, WORD_LIST_NAMES, type WordLists } from '../../dialogs/safety/lists.js';
import { readSafetySource } from '../fixtures/flags/source.js';

/**
 * Session 36 (det-yaml): the rules' word lists moved out of detect.ts and scope.ts into red-flags.yaml's `words:`
 * section (dialogs/safety/lists.ts). The lists are read from the content, checked by content:check, and a model's
 * lists are the ones its messages are read with, whichever model was used before.
 */
const source = readSafetySource();
type RedFlags = { words: Record<string, unknown>; [key: string]: unknown };
const redFlags = source.redFlags as RedFlags;

/** The shipped content with `words:` changed; the model file's hash follows, as `npm run train:flags` would. */
function withWords(words: Record<string, unknown>): SafetySource {
  const rf = { ...redFlags, words };
  return { ...source, redFlags: rf, model: { ...(source.model as ModelFileSource), sourceHash: sourceFingerprint(rf, source.textSpeak, source.welsh) } };
}
const shipped: SafetyModel = buildSafetyModel(source);
const categories = (text: string, model: SafetyModel): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

/** A report the child says is over: the asking and what was done about it, and the outcome last. */
const SETTLED = 'a lad on fortnite asked what school i go to but i told my dad, he reported him and the account got banned, all sorted now';

describe('word lists (session 36)', () => {
  it('the code reads every list the content check asks for, and no other', () => {
    expect([...namesRead()].sort()).toEqual([...WORD_LIST_NAMES].sort());
    expect(WORD_LIST_NAMES.length).toBeGreaterThan(250);
    expect(Object.keys(redFlags.words).sort()).toEqual([...WORD_LIST_NAMES].sort());
  });

  it('explains a missing, unread, empty or badly written list in plain English, and the model does not start', () => {
    const { outcome: _gone, ...rest } = redFlags.words;
    const broken = withWords({ ...rest, outcomes: ['sorted'], wished: [], reopened: ['But', 'back'], anyone: ['anyone', 20], the_one: 'the' });
    expect(validateSafetySource(broken)).toEqual([
      'red-flags.yaml: words.wished must be a non-empty list of words.',
      'red-flags.yaml: words.reopened: "But" must be a lower-case word (letters and digits only; put numbers in quotes, like "20").',
      'red-flags.yaml: words.anyone: "20" must be a lower-case word (letters and digits only; put numbers in quotes, like "20").',
      'red-flags.yaml: words.the_one must be a non-empty list of words.',
      'red-flags.yaml: words.outcomes is read by no code; delete it, or check its name against the code\'s (dialogs/safety/lists.ts).',
      'red-flags.yaml: words.outcome is missing; the detector\'s code reads it.',
    ]);
    expect(() => buildSafetyModel(broken)).toThrow(SafetyModelError);
    expect(validateSafetySource(withWords({ ...redFlags.words, clause_heads: ['lad', 'man', 'right now'] }))).toEqual([]);
    const noWords = { ...source, redFlags: { ...redFlags, words: undefined } };
    expect(validateSafetySource(noWords)).toContain('red-flags.yaml: "words" must be a map of list name → list of words.');
  });

  it('reads a message with the lists of the model it is given, switching back and forth', () => {
    // Without "banned" and "sorted" as outcomes, the report is no longer settled and the asking counts again.
    const edited = buildSafetyModel(withWords({ ...redFlags.words, outcome: ['arrested'] }));
    expect(categories(SETTLED, shipped)).toEqual([]);
    expect(categories(SETTLED, edited)).toEqual(['personal_info']);
    expect(categories(SETTLED, shipped)).toEqual([]);
    expect(categories(SETTLED, edited)).toEqual(['personal_info']);
    expect(categories('some guy in a game asked for my address, i told my mum and he got banned so its over', shipped)).toEqual([]);
  });

  it('a stand-in without lists changes nothing the next message is read with', () => {
    expect(categories(SETTLED, shipped)).toEqual([]);
    expect(() => bindWordLists(undefined as unknown as WordLists)).toThrow(TypeError);
    expect(categories(SETTLED, shipped)).toEqual([]);
    expect(categories('a man on roblox asked where i live', shipped)).toEqual(['personal_info']);
  });
});
