/**
 * `npm run train:flags`: trains the detector's second signal, a one-vs-rest logistic regression
 * over hashed features, from the rule examples in red-flags.yaml and the TUNING half of the dev
 * set (never the reporting half nor a held-out batch), and writes content/<locale>/safety-model.json
 * tied to a fingerprint of the lexicon it was trained with. Deterministic; takes a few seconds.
 *
 * `npm run train:flags -- --lobo [batch,batch…]` writes nothing: leave-one-batch-out, the honest
 * estimate of the classifier on wording it was not trained on. For each batch (a tuning file's
 * name without `.tuning.txt`; default: probes20-39, every train28* file and later (train40a, …) and the r1-* files), it trains without that
 * file and scores detect() on it, then prints benign flagged and recall per category.
 *   --features w,b,c4   --l2 0.001   --epochs 10   --floor 0.95   --critical-floor 0.7   --danger-floor 0.85
 *   --fold-by-example   --no-model (lexicon alone)   --secondary 0.5   try other settings without changing the defaults.
 */
import { writeFileSync } from 'node:fs';
import {
  buildSafetyModel,
  canonicalJson,
  CATEGORIES,
  featureBuckets,
  featureSpec,
  fingerprint,
  sourceFingerprint,
  classifierWords,
  scopedTokens,
  type Category,
  type FeatureSpec,
  type ModelFileSource,
  type RedFlagsSource,
  type SafetySource,
} from '../../dialogs/safety/index.js';
import { loadDataset, type Item } from '../../tests/fixtures/flags/dataset.js';
import { evaluate, functionRunner } from '../../tests/fixtures/flags/evaluate.js';
import { modelPath, readSafetySource } from '../../tests/fixtures/flags/source.js';

export const BUCKETS = 1 << 16;

/** How the classifier is trained and how its thresholds are chosen. */
export interface TrainOptions {
  readonly features: readonly string[];
  readonly buckets: number;
  readonly epochs: number;
  readonly l2: number;
  /**
   * Share of benign out-of-fold examples the threshold may flag, and the lowest threshold. 1% since
   * session 5 (was 0.3%): with train30 in training the 0.3% cut rose to 0.995 for meet_or_secrecy
   * and personal_info; at 1% every cut is at the 0.95 floor, and leave-one-batch-out over 25
   * batches found 34 more items (meet +20, personal +6, sexual +4) for 4 more benign of 3102.
   */
  readonly maxBenign: number;
  readonly floor: number;
  /**
   * Missing a child in danger or at risk of self-harm is worse than a false alarm: for these two
   * categories the classifier alone may raise a finding at a lower score (more benign out-of-fold
   * examples allowed above it, and a lower floor): 0.7 for self_harm (was 0.9), 0.9 for
   * immediate_danger. Chosen by leave-one-batch-out in session 4 (docs/red-flags.md): self-harm
   * at 0.7 found 8 more of 173 items on batches train28a-29e for 4 more benign messages flagged of
   * 1088 (probes 20-27: 1 more of 123 for 2 more of 734); danger at 0.7 found 1 more item per 1-2
   * more benign, and its new false alarms were threats read as danger ("he will kill my dog").
   * Session 14: danger 0.9 -> 0.85, leave-one-batch-out over 79 batches found 6 more danger items
   * (in 6 batches) for 5 more benign messages flagged of 12,131 (docs/red-flags.md).
   */
  readonly criticalMaxBenign: number;
  readonly criticalFloor: number;
  /** A floor of its own for immediate_danger (else `criticalFloor`). */
  readonly dangerFloor?: number;
  /**
   * Cross-validation folds by file (each batch of wording out of fold as a whole) rather than by
   * example (neighbouring lines of one batch in both): out-of-fold scores then look like scores on
   * new wording, so the thresholds chosen from them hold on new wording.
   */
  readonly foldByFile: boolean;
  /** Threshold of a classifier finding in a message that raised another finding (model file `secondary`); 1 or more: none. */
  readonly secondary: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  features: ['w', 'b', 'c4'],
  buckets: BUCKETS,
  epochs: 10,
  l2: 1e-3,
  maxBenign: 0.01,
  floor: 0.95,
  criticalMaxBenign: 0.01,
  criticalFloor: 0.7,
  dangerFloor: 0.85,
  foldByFile: true,
  secondary: 0.5,
};

const SAFETY_CRITICAL: ReadonlySet<Category> = new Set(['immediate_danger', 'self_harm']);

interface Example { readonly text: string; readonly labels: readonly Category[]; readonly file: string }

/** Training examples: every turn of every tuning item, plus each rule's examples and the lexicon's harmless examples. */
export function trainingExamples(source: SafetySource, items: readonly Item[]): Example[] {
  const out: Example[] = [];
  for (const item of items) if (item.split === 'tuning') for (const t of item.turns) out.push({ text: t.text, labels: t.labels, file: item.file });
  const rf = source.redFlags as RedFlagsSource;
  for (const c of CATEGORIES) for (const r of rf.categories[c].rules) for (const e of r.examples ?? []) out.push({ text: e, labels: [c], file: 'red-flags.yaml' });
  for (const e of rf.harmlessExamples ?? []) out.push({ text: e, labels: [], file: 'red-flags.yaml' });
  return out;
}

/** Deterministic pseudo-random order (mulberry-style), so training is reproducible. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

function fit(rows: readonly { ids: number[]; y: number }[], o: TrainOptions): { bias: number; w: Float64Array } {
  const w = new Float64Array(o.buckets);
  let bias = 0;
  const pos = rows.filter((r) => r.y === 1).length;
  const posWeight = pos > 0 ? Math.min(3, (rows.length - pos) / pos) : 1;
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    const lr = 0.2 / (1 + epoch * 0.3);
    for (const r of shuffled(rows, 17 + epoch)) {
      let z = bias;
      for (const id of r.ids) z += w[id] ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - r.y) * (r.y === 1 ? posWeight : 1);
      bias -= lr * g;
      for (const id of r.ids) w[id] = (w[id] ?? 0) * (1 - lr * o.l2) - lr * g;
    }
  }
  return { bias, w };
}

const predict = (ids: readonly number[], m: { bias: number; w: Float64Array }): number => {
  let z = m.bias;
  for (const id of ids) z += m.w[id] ?? 0;
  return 1 / (1 + Math.exp(-z));
};

/** Folds of the cross-validation that chooses each category's threshold. */
const FOLDS = 5;

const specOf = (o: TrainOptions): FeatureSpec => {
  const spec = featureSpec(o.features);
  if (!spec) throw new Error(`unknown feature in ${o.features.join(',')} (known: w, b, k, c3-c6, x3-x6, s, sb)`);
  return spec;
};

/** Trains and returns the model file contents (does not write it). */
export function trainModel(source: SafetySource, items: readonly Item[], o: TrainOptions = DEFAULT_OPTIONS): ModelFileSource {
  const sourceHash = sourceFingerprint(source.redFlags, source.textSpeak);
  const lexical = buildSafetyModel({ ...source, model: { format: 1, sourceHash, trainingHash: 'untrained', buckets: o.buckets, categories: {} } });
  const spec = specOf(o);
  const examples = trainingExamples(source, items);
  const hashed = examples.map((e) => ({ text: e.text, labels: e.labels }));
  const rows = examples.map((e) => ({ ids: featureBuckets(classifierWords(scopedTokens(e.text, lexical)), o.buckets, undefined, spec).ids, labels: e.labels }));
  // Fold of each example: by its position, or by its file (files dealt round the folds in name order; rule examples by position).
  const files = [...new Set(examples.map((e) => e.file))].sort();
  const foldOf = examples.map((e, i) => (o.foldByFile && e.file !== 'red-flags.yaml' ? files.indexOf(e.file) : i) % FOLDS);
  const categories: Record<string, { bias: number; threshold: number; weights: [number, number][] }> = {};
  for (const c of CATEGORIES) {
    const data = rows.map((r) => ({ ids: r.ids, y: r.labels.includes(c) ? 1 : 0 }));
    // Out-of-fold scores: each example scored by a model that never saw it.
    const oof = new Float64Array(data.length);
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const m = fit(data.filter((_, i) => foldOf[i] !== fold), o);
      data.forEach((r, i) => { if (foldOf[i] === fold) oof[i] = predict(r.ids, m); });
    }
    // Threshold for a finding of the model alone: the lowest that keeps benign false alarms rare.
    const negScores = data.flatMap((r, i) => (r.y === 0 ? [oof[i] ?? 0] : [])).sort((a, b) => b - a);
    const critical = SAFETY_CRITICAL.has(c);
    const cut = negScores[Math.floor(negScores.length * (critical ? o.criticalMaxBenign : o.maxBenign))] ?? 0.5;
    const floor = c === 'immediate_danger' ? (o.dangerFloor ?? o.criticalFloor) : critical ? o.criticalFloor : o.floor;
    const threshold = Math.min(0.995, Math.max(floor, cut + 0.01));
    const m = fit(data, o);
    const weights: [number, number][] = [];
    m.w.forEach((v, i) => { if (Math.abs(v) >= 0.002) weights.push([i, Math.round(v * 10_000) / 10_000]); });
    categories[c] = { bias: Math.round(m.bias * 10_000) / 10_000, threshold: Math.round(threshold * 1000) / 1000, weights };
  }
  const sameAsFirst = canonicalJson(o.features) === canonicalJson(['w', 'b', 'c4']);
  return {
    format: 1,
    sourceHash,
    trainingHash: fingerprint(canonicalJson(hashed)),
    buckets: o.buckets,
    ...(sameAsFirst ? {} : { features: [...o.features] }),
    ...(o.secondary < 1 ? { secondary: o.secondary } : {}),
    categories,
  };
}

/** A tuning file's batch name: `probes20.tuning.txt` → `probes20`. */
const batchOf = (file: string): string => file.replace(/\.tuning\.txt$/, '').replace(/\.txt$/, '');

/** Leave-one-batch-out: train without each batch, score detect() on it; prints and returns the totals. */
export async function leaveOneBatchOut(source: SafetySource, items: readonly Item[], batches: readonly string[], o: TrainOptions, noModel = false): Promise<string> {
  const tuning = items.filter((i) => i.split === 'tuning');
  // Totals over all batches, and per group: probes28-29 (held out in session 4, the lexicon never
  // fitted to them), the train28-29 batches, the train30 ones, probes30-31 (held out in session 5)
  // train31 (blind, session 6), probes32-33 (held out in session 6), train32 (blind, session 7)
  // probes34-35 (held out in session 7), train33 (blind, session 8), train34 (blind, session 8,
  // second round), probes36-37 (held out in session 8), train35 (blind, session 9), probes38-39
  // (held out in session 9) and r1-* (the first reporting half, tuning data since session 10).
  const groups = [
    { name: 'TOTAL', has: (_b: string): boolean => true },
    { name: 'probes28-29', has: (b: string): boolean => b === 'probes28' || b === 'probes29' },
    { name: 'train28-29', has: (b: string): boolean => /^train2[89]/.test(b) },
    { name: 'train30*', has: (b: string): boolean => b.startsWith('train30') },
    { name: 'probes30-31', has: (b: string): boolean => b === 'probes30' || b === 'probes31' },
    { name: 'train31*', has: (b: string): boolean => b.startsWith('train31') },
    { name: 'probes32-33', has: (b: string): boolean => b === 'probes32' || b === 'probes33' },
    { name: 'train32*', has: (b: string): boolean => b.startsWith('train32') },
    { name: 'probes34-35', has: (b: string): boolean => b === 'probes34' || b === 'probes35' },
    { name: 'train33*', has: (b: string): boolean => b.startsWith('train33') },
    { name: 'train34*', has: (b: string): boolean => b.startsWith('train34') },
    { name: 'probes36-37', has: (b: string): boolean => b === 'probes36' || b === 'probes37' },
    { name: 'train35*', has: (b: string): boolean => b.startsWith('train35') },
    { name: 'probes38-39', has: (b: string): boolean => b === 'probes38' || b === 'probes39' },
    { name: 'r1-*', has: (b: string): boolean => b.startsWith('r1-') },
  ].map((g) => ({ ...g, found: new Map<Category, { tp: number; n: number }>(CATEGORIES.map((c) => [c, { tp: 0, n: 0 }])), benign: 0, flagged: 0, extras: 0 }));
  const lines: string[] = [];
  const short: Record<Category, string> = { immediate_danger: 'danger', self_harm: 'self', threat_blackmail: 'threat', sexual: 'sexual', meet_or_secrecy: 'meet', personal_info: 'personal', financial: 'financial' };
  for (const b of batches) {
    const held = tuning.filter((i) => batchOf(i.file) === b);
    if (held.length === 0) throw new Error(`no tuning file for batch ${b}`);
    const file = trainModel(source, tuning.filter((i) => batchOf(i.file) !== b), o);
    const model = noModel ? { ...file, secondary: undefined, categories: Object.fromEntries(Object.entries(file.categories).map(([c, m]) => [c, { ...m, threshold: 2 }])) } : file;
    const r = await evaluate(held, functionRunner(buildSafetyModel({ ...source, model })));
    const cells = r.scores.filter((s) => s.tp + s.fn > 0).map((s) => `${short[s.category]} ${s.tp}/${s.tp + s.fn}`);
    for (const g of groups) {
      if (!g.has(b)) continue;
      g.benign += r.benignMessages;
      g.flagged += r.benignFlagged;
      g.extras += r.extras.length;
      for (const s of r.scores) {
        const f = g.found.get(s.category);
        if (f) { f.tp += s.tp; f.n += s.tp + s.fn; }
      }
    }
    lines.push(`${b.padEnd(10)} benign ${r.benignFlagged}/${r.benignMessages}  ${cells.join('  ')}`);
  }
  for (const g of groups) {
    if (g.benign === 0) continue;
    const total = CATEGORIES.map((c) => `${short[c]} ${g.found.get(c)?.tp ?? 0}/${g.found.get(c)?.n ?? 0}`).join('  ');
    lines.push(`${g.name.padEnd(10)} benign ${g.flagged}/${g.benign} (${((100 * g.flagged) / g.benign).toFixed(1)}%)  ${total}  (extra categories on flagged items ${g.extras})`);
  }
  return lines.join('\n');
}

function optionsFrom(args: readonly string[]): TrainOptions {
  const val = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const num = (name: string, d: number): number => {
    const v = val(name);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${name} needs a number`);
    return n;
  };
  const features = val('--features')?.split(',') ?? DEFAULT_OPTIONS.features;
  return {
    features,
    buckets: 2 ** Math.round(Math.log2(num('--buckets', DEFAULT_OPTIONS.buckets))),
    epochs: num('--epochs', DEFAULT_OPTIONS.epochs),
    l2: num('--l2', DEFAULT_OPTIONS.l2),
    maxBenign: num('--max-benign', DEFAULT_OPTIONS.maxBenign),
    floor: num('--floor', DEFAULT_OPTIONS.floor),
    criticalMaxBenign: num('--critical-max-benign', DEFAULT_OPTIONS.criticalMaxBenign),
    criticalFloor: num('--critical-floor', DEFAULT_OPTIONS.criticalFloor),
    dangerFloor: num('--danger-floor', DEFAULT_OPTIONS.dangerFloor ?? DEFAULT_OPTIONS.criticalFloor),
    foldByFile: args.includes('--fold-by-example') ? false : DEFAULT_OPTIONS.foldByFile,
    secondary: num('--secondary', DEFAULT_OPTIONS.secondary),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const started = performance.now();
  const source = readSafetySource('en-GB', {});
  const items = loadDataset();
  const o = optionsFrom(args);
  if (args.includes('--lobo')) {
    const named = args[args.indexOf('--lobo') + 1];
    const present = [...new Set(items.filter((i) => i.split === 'tuning').map((i) => batchOf(i.file)))];
    const batches = named && !named.startsWith('--') ? named.split(',') : present.filter((b) => /^probes(2\d|3\d)$/.test(b) || /^train(2[89]|[3-9]\d)/.test(b) || b.startsWith('r1-')).sort();
    console.log(`leave-one-batch-out, features ${o.features.join(',')}, l2 ${o.l2}, epochs ${o.epochs}, floors ${o.floor}/${o.criticalFloor}${o.foldByFile ? ', folds by file' : ''}${args.includes('--no-model') ? ', lexicon alone' : ''}`);
    console.log(await leaveOneBatchOut(source, items, batches, o, args.includes('--no-model')));
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    return;
  }
  const file = trainModel(source, items, o);
  writeFileSync(modelPath('en-GB'), `${JSON.stringify(file)}\n`);
  const n = trainingExamples(source, items).length;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`trained on ${n} examples (tuning half + rule examples) in ${secs} s → ${modelPath('en-GB')}`);
  for (const [c, m] of Object.entries(file.categories)) console.log(`  ${c.padEnd(17)} threshold ${m.threshold.toFixed(3)}  weights ${m.weights.length}`);
  console.log(`lexicon ${file.sourceHash}, training data ${file.trainingHash}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) await main();
