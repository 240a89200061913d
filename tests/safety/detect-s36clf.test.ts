import { describe, expect, it } from 'vitest';
import { buildSafetyModel, CATEGORIES, detect, EMPTY_DETECTOR_STATE, type Finding, type ModelFileSource, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel, readSafetySource } from '../fixtures/flags/source.js';

// Session 36 (det-clf, lexicon v111): the quiet classifier's veto. A lexicon finding outside danger now and self-harm
// stands down when the classifier reads nothing (every score below 0.005), neither in the whole message nor in the words
// around the phrase, and eight or more words lie beside it. In a long run-on message the whole message can read quiet while the words around
// the cue do not, so the cue stands. Every sentence here is new wording.

const source = readSafetySource();
const model: SafetyModel = loadSafetyModel();
const categoriesOf = (text: string, m: SafetyModel = model): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, m).findings.map((f: Finding) => f.category))].sort();

/** The real lexicon with a classifier that reads every message the same: every score `p`, never enough to raise a category. */
const flat = (bias: number): SafetyModel =>
  buildSafetyModel({
    ...source,
    model: { ...(source.model as ModelFileSource), categories: Object.fromEntries(CATEGORIES.map((c) => [c, { bias, threshold: 0.85, weights: [] }])) },
  });
/** Every score about 2e-9: quiet. */
const quiet = flat(-20);
/** Every score about 0.12: not quiet (session 42's bar is 0.05; session 36's was 0.005), but below any threshold. */
const murmur = flat(-2);

describe('session 36 clf: the quiet classifier vetoes a lone lexicon finding', () => {
  it('stands a money request or a question for details down when nothing else in the message reads as one', () => {
    for (const text of [
      'the window cleaner asked my mum for money because she forgot to pay him last month',
      'some girl at the bus stop asked for my number so we could swap bus times lol',
    ]) {
      expect(categoriesOf(text, murmur), text).not.toEqual([]);
      expect(categoriesOf(text, quiet), text).toEqual([]);
    }
  });

  it('never vetoes danger now or self-harm, nor a phrase with fewer than eight words beside it', () => {
    expect(categoriesOf('theres a man trying to get in through my window and im on my own', quiet)).toContain('immediate_danger');
    expect(categoriesOf('i want to kill myself tonight', quiet)).toContain('self_harm');
    expect(categoriesOf('send me ur address', quiet)).toContain('personal_info');
  });
});

describe('session 36 clf: a cue buried in a long run-on message still stands', () => {
  it('keeps the red flag among everyday talk, where the whole message reads quiet in every category', () => {
    // Each of these read below 0.005 in all seven categories as a whole message (v111's model): the everyday words
    // outweigh the one cue. The words around the cue, read on their own, are loud, so the veto does not speak.
    const day = 'we had a spelling test and i got most right and i forgot my pe kit again and miss was annoyed and at lunch we played football and i scored, and then later';
    const rest = 'anyway i need to tidy my room before tea and then we are watching a film';
    const cases: [string, string][] = [
      [`${day} a guy from the game said hes going to show my dad all our messages, ${rest}`, 'threat_blackmail'],
      [`${day} the girl from tiktok asked for my address and my full name, ${rest}`, 'personal_info'],
      [`${day} some man online asked me to send him some money on paypal, ${rest}`, 'financial'],
      [`${day} a boy from discord said we should meet at the park on sunday and keep it secret, ${rest}`, 'meet_or_secrecy'],
    ];
    for (const [text, category] of cases) expect(categoriesOf(text), text).toContain(category);
  });

  it('leaves a long everyday run-on alone', () => {
    for (const text of [
      'so today we had a spelling test and i got 19 which is my best ever and then at lunch my friend told a joke and milk came out of her nose and then after school my dad took me to get new football boots and they are bright orange',
      'my nan came round and we made a jigsaw of a lighthouse with a thousand pieces and it took all afternoon and the dog kept sitting on the box and then we had fish fingers and watched a quiz show',
    ])
      expect(categoriesOf(text), text).toEqual([]);
  });
});
