import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSafetyModel, detect, EMPTY_DETECTOR_STATE, featureBuckets, featureSpec, SafetyModelError, validateSafetySource, type ModelFileSource } from '../../dialogs/safety/index.js';
import { DEFAULT_OPTIONS, trainingExamples, trainModel } from '../../server/cli/train-flags.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { modelPath, readSafetySource } from '../fixtures/flags/source.js';

/**
 * Training on the whole dev set takes about 40 s on an idle 2-core machine (session 35: `npm run train:flags` 37 s on
 * 38,000 items; 12 s in session 10 on 19,000), and over 120 s with the other suites or other builds beside it, where
 * session 35's helpers saw these tests time out. Heavy by nature, not slow by fault.
 */
const TRAINING_TIMEOUT_MS = 300_000;

const source = readSafetySource();

/** The trainer's output on the whole dev set, made once for the two tests that compare against it. */
let trainedOnWholeSet: ModelFileSource | undefined;
const trainOnWholeSet = (): ModelFileSource => (trainedOnWholeSet ??= trainModel(source, loadDataset()));

describe('safety model content', () => {
  it('the committed content is valid', () => {
    expect(validateSafetySource(source)).toEqual([]);
  });

  it('explains broken content in plain English', () => {
    const rf = source.redFlags as { categories: Record<string, unknown>; sets: Record<string, unknown> };
    const broken = {
      ...source,
      redFlags: {
        ...rf,
        sets: { ...rf.sets, empty: [] },
        categories: { ...rf.categories, sexual: { urgency: 'soon', rules: [{ id: 'Bad Id', phrases: ['send (pics|nudes)', 'send {pictures}'] }] } },
      },
    };
    const problems = validateSafetySource(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'red-flags.yaml: set "empty" must be a non-empty list of words (put numbers in quotes, like "20").',
        'red-flags.yaml: category "sexual" needs an urgency (immediate, high, normal).',
        'red-flags.yaml: sexual rule 1: rule id "Bad Id" must be lower-case words joined by hyphens.',
        'red-flags.yaml: sexual rule 1 (Bad Id): phrase "send (pics|nudes)" looks like a regular expression; write plain words (use {set} for alternatives).',
        'red-flags.yaml: sexual rule 1 (Bad Id): phrase "send {pictures}" uses {pictures} but there is no set called "pictures".',
      ]),
    );
    expect(validateSafetySource({ ...source, model: undefined })).toEqual(['safety-model.json: missing or not an object; run `npm run train:flags`.']);
  });

  it('refuses a model trained from a different lexicon, saying how to fix it', () => {
    const model = { ...(source.model as ModelFileSource), sourceHash: '0000000000000000' };
    expect(() => buildSafetyModel({ ...source, model })).toThrow(SafetyModelError);
    expect(() => buildSafetyModel({ ...source, model })).toThrow(/stale.*npm run train:flags/s);
  });

  it('refuses invalid content with every problem listed', () => {
    try {
      buildSafetyModel({ ...source, textSpeak: { version: 1, expansions: { U: '' }, common: [] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SafetyModelError);
      expect((e as SafetyModelError).problems).toEqual(['text-speak.yaml: "U" must expand to some words.', 'text-speak.yaml: short form "U" must be one lower-case word.']);
    }
  });

  it('the committed model is exactly what training the current content and tuning half gives', () => {
    const fresh = trainOnWholeSet();
    const committed = JSON.parse(readFileSync(modelPath(), 'utf8')) as ModelFileSource;
    expect(fresh.sourceHash).toBe(committed.sourceHash);
    expect(fresh.trainingHash).toBe(committed.trainingHash);
    expect(fresh.categories).toEqual(committed.categories);
  }, TRAINING_TIMEOUT_MS);

  it('a model file names the features it was trained with; unknown ones are refused in plain English', () => {
    const model = source.model as ModelFileSource;
    expect(validateSafetySource({ ...source, model: { ...model, features: ['w', 'trigrams'] } })).toEqual([
      'safety-model.json: "features" must list known feature names (w, b, k, c3-c6, x3-x6, s, sb); run `npm run train:flags`.',
    ]);
    expect(featureSpec(['w', 'b', 'c4', 'x3', 's'])).toEqual({ words: true, pairs: true, skips: false, grams: [4], cross: [3], sets: true, setPairs: false });
    // The lexicon's sets are features of their own when asked for: "my dad" and "my mum" then share one.
    const words = [{ stem: 'dad', sets: ['{family}'] }, { stem: 'find', sets: [] }];
    const spec = featureSpec(['w', 's']);
    expect(featureBuckets(words, 1 << 16, undefined, spec).ids).toHaveLength(3);
    expect(featureBuckets(words, 1 << 16, undefined, featureSpec(['w'])).ids).toHaveLength(2);
  });

  it('a model trained with other features records them and scores with them', () => {
    const items = loadDataset().filter((i) => i.split === 'tuning' && i.file === 'self-harm.txt');
    const file = trainModel(source, items, { ...DEFAULT_OPTIONS, features: ['w', 'b', 'c3', 'x4', 's', 'sb'] });
    expect(file.features).toEqual(['w', 'b', 'c3', 'x4', 's', 'sb']);
    const built = buildSafetyModel({ ...source, model: file });
    expect(built.classifier.features).toEqual(featureSpec(['w', 'b', 'c3', 'x4', 's', 'sb']));
    expect(trainModel(source, items).features).toBeUndefined();
  });

  it('full-batch training depends on neither the shuffle seed nor the order of the examples (session 19)', () => {
    const items = loadDataset().filter((i) => i.split === 'tuning' && i.file === 'self-harm.txt');
    const first = trainModel(source, items);
    expect(trainModel(source, items, { ...DEFAULT_OPTIONS, seed: 1017 })).toEqual(first);
    // Another order changes only the order of sums: the same thresholds, and the same findings on every item.
    const reversed = trainModel(source, [...items].reverse());
    for (const [c, m] of Object.entries(first.categories)) expect(reversed.categories[c]?.threshold, c).toBe(m.threshold);
    const found = (file: ModelFileSource): string[][] => {
      const model = buildSafetyModel({ ...source, model: { ...file, sourceHash: (source.model as ModelFileSource).sourceHash } });
      return items.map((i) => detect(i.turns[0]?.text ?? '', EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule).sort());
    };
    expect(found(reversed)).toEqual(found(first));
  });

  it('training never sees the reporting half nor a held-out batch', () => {
    const items = loadDataset();
    const withoutReporting = items.filter((i) => i.split === 'tuning');
    expect(trainModel(source, withoutReporting).trainingHash).toBe(trainOnWholeSet().trainingHash);
  }, TRAINING_TIMEOUT_MS);

  it('only *.reporting.txt files report, *.holdout.txt files are held out, every other file is tuning; *.pairs.txt is not trained on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbour-flags-'));
    try {
      writeFileSync(join(dir, 'self-harm.txt'), 'self_harm | i want to end it all\n');
      writeFileSync(join(dir, 'probes.tuning.txt'), '- | see u at school\n');
      writeFileSync(join(dir, 'blind.reporting.txt'), '=== late flag\n- | hi\nmeet_or_secrecy | lets meet up dont tell ur mum\n');
      writeFileSync(join(dir, 'probes28.holdout.txt'), 'sexual | he wants pics of me\n');
      writeFileSync(join(dir, 'edge.pairs.txt'), 'self_harm | i wont be around for my birthday\n- | i wont be around for my birthday, im at my dads\n');
      const items = loadDataset(dir);
      const split = Object.fromEntries(items.map((i) => [i.file, i.split]));
      expect(split).toEqual({
        'blind.reporting.txt': 'reporting',
        'edge.pairs.txt': 'tuning',
        'probes.tuning.txt': 'tuning',
        'probes28.holdout.txt': 'holdout',
        'self-harm.txt': 'tuning',
      });
      // Minimal pairs are tuning, but the classifier never trains on them (dataset.ts, trainsTheClassifier).
      const trainedFiles = new Set(trainingExamples(source, items).map((e) => e.file));
      expect([...trainedFiles].filter((f) => f.endsWith('.txt')).sort()).toEqual(['probes.tuning.txt', 'self-harm.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
