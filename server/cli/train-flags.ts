/**
 * `npm run train:flags`: trains the detector's second signal, a one-vs-rest logistic regression
 * over hashed features, from the rule examples in red-flags.yaml and the TUNING half of the dev
 * set (never the reporting half nor a held-out batch), and writes content/<locale>/safety-model.json
 * tied to a fingerprint of the lexicon it was trained with. Deterministic and order-free; takes
 * about 20 s.
 *
 * Since session 19 each category is trained full-batch (`fitFull`: L-BFGS on the mean weighted log
 * loss plus an L2 penalty, from zero, every example at every step), not by shuffled SGD. SGD's
 * result depended on the shuffle: leave-one-batch-out at shuffle seeds 17 and 1017 differed by
 * 88 benign messages and 236 flags item by item, more than a round's rule changes, and any
 * retrain reshuffles. Full batch has no order or seed to depend on (0 between seeds, by
 * construction), and scored the same as SGD in leave-one-batch-out with floors of 0.85 (was 0.95),
 * 0.55 for self_harm (0.7) and 0.8 for immediate_danger (0.85): its scores are less extreme, so the
 * same floors let fewer through. Figures: docs/history/red-flags.md, "Session 19 round".
 *
 * `npm run train:flags -- --lobo [batch,batch…]` writes nothing: leave-one-batch-out, the honest
 * estimate of the classifier on wording it was not trained on. For each batch (a tuning file's
 * name without `.tuning.txt`; default: probes20-39, every train28* file and later (train40a, …) and the r1-* files), it trains without that
 * file and scores detect() on it, then prints benign flagged and recall per category;
 * `--items FILE` also writes what each item raised, turn by turn, to compare two runs item by item.
 *   --method full|sgd   --lambda 3e-5   --tolerance 1e-5   (full batch)
 *   --seed 17   --epochs 10   --l2 0.001   (SGD: shuffle seeds seed + epoch)
 *   --features w,b,c4   --floor 0.85   --critical-floor 0.65   --danger-floor 0.8   --floors sexual=0.7,personal_info=0.7
 *   --fold-by-example   --no-model (lexicon alone)   --secondary 0.4   --secondary-by personal_info=0.5,financial=0.5
 *   --positive-weight 3   try other settings without changing the defaults.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
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
import { loadDataset, trainsTheClassifier, type Item } from '../../tests/fixtures/flags/dataset.js';
import { evaluate, functionRunner } from '../../tests/fixtures/flags/evaluate.js';
import { modelPath, readSafetySource } from '../../tests/fixtures/flags/source.js';
import { runAsCommand } from './run-as-command.js';

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
   * immediate_danger. Chosen by leave-one-batch-out in session 4 (docs/history/red-flags.md): self-harm
   * at 0.7 found 8 more of 173 items on batches train28a-29e for 4 more benign messages flagged of
   * 1088 (probes 20-27: 1 more of 123 for 2 more of 734); danger at 0.7 found 1 more item per 1-2
   * more benign, and its new false alarms were threats read as danger ("he will kill my dog").
   * Session 14: danger 0.9 -> 0.85, leave-one-batch-out over 79 batches found 6 more danger items
   * (in 6 batches) for 5 more benign messages flagged of 12,131 (docs/history/red-flags.md).
   * Session 19, with full-batch training (less extreme scores): every floor lower, 0.95 -> 0.85,
   * self_harm 0.7 -> 0.55, danger 0.85 -> 0.8, chosen so that leave-one-batch-out recall matches
   * SGD's in every category (docs/history/red-flags.md, "Session 19 round").
   * Session 39, self_harm 0.55 -> 0.65: the 23 blind training batches s39trainA-W raised the share of
   * self-harm lines, and with it the self-harm score of short everyday messages ("goodbye" 0.37 -> 0.59,
   * "she taught herself guitar" 0.30 -> 0.56), past 0.55. At 0.65 the readable held-out half has 10
   * benign messages fewer flagged than at 0.55 for 4 self-harm items fewer; unread batches: misses 86
   * (84 at 0.55, 134 before the batches), s39evalA-D 43 (tests/fixtures/flags-pending/README.md).
   */
  readonly criticalMaxBenign: number;
  readonly criticalFloor: number;
  /** A floor of its own for immediate_danger (else `criticalFloor`). */
  readonly dangerFloor?: number;
  /**
   * Floors of their own for other categories (else `floor`). Session 41, sexual and personal_info 0.85 -> 0.7, chosen on
   * unread held-out batches by counts alone (the s37/s38 seven and s39evalA-D, 2,542 benign messages; thresholds swept
   * 0.3-0.95 on the model trained with s41trainA-H): 0.7 found 3 more sexual and 4 more personal_info items there for
   * no more benign message flagged (readable held-out: 6 and 0 more for 6 more of 7,794). 0.6 found 3 and 0 more again
   * for 1 more, but its new readings were a grandmother's photo ("my nan asked me to put my hair on top for the photo",
   * sexual 0.65) and a snap handle asked for as personal details ("she wants my snap", 0.67), whose advice ("if you
   * ever see them…") does not fit. Checked after the choice, not chosen on: s40evalA-D and s41evalA-D, see
   * docs/history/red-flags.md, "Session 41".
   */
  readonly floors?: Readonly<Partial<Record<Category, number>>>;
  /**
   * Cross-validation folds by file (each batch of wording out of fold as a whole) rather than by
   * example (neighbouring lines of one batch in both): out-of-fold scores then look like scores on
   * new wording, so the thresholds chosen from them hold on new wording.
   */
  readonly foldByFile: boolean;
  /** Threshold of a classifier finding in a message that raised another finding (model file `secondary`); 1 or more: none. */
  readonly secondary: number;
  /**
   * Session 44: some categories' own second-finding bar (else `secondary`), written into their entry of the model file.
   * 0.5 until session 44; at 0.4 the unread batches miss 15 fewer item-categories and no more benign messages are
   * flagged, but personal details and money gained least for what they added where they were not labelled, and added
   * them to the two sentences tests/safety keeps them off. See docs/history/red-flags.md, "Session 44".
   */
  readonly secondaryBy?: Readonly<Partial<Record<Category, number>>>;
  /** SGD's shuffle seeds are `seed + epoch` (17 until session 19). */
  readonly seed: number;
  /** `sgd` (shuffled passes, the first method) or `full` (full-batch L-BFGS to the optimum, `fitFull`). */
  readonly method: 'sgd' | 'full';
  /** Full batch: the L2 penalty on the weights, per example (the loss is a mean). */
  readonly lambda: number;
  /** Full batch: stop when no gradient entry is larger than this, or after `maxIterations`. */
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Full batch: the tolerance of the cross-validation models, which only place the thresholds. */
  readonly foldTolerance: number;
  /**
   * Largest weight of a positive example (positives get min(this, negatives / positives)); 3 when unset, as before
   * session 35. Out of fold (session 35, 5 folds by file, two splits), 6 found 30-40 and 19-31 more items than 3 at the
   * same benign count, but it moves every score up, so the floors and the veto would have to be chosen again with it.
   */
  readonly positiveWeight?: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  features: ['w', 'b', 'c4'],
  buckets: BUCKETS,
  epochs: 10,
  l2: 1e-3,
  maxBenign: 0.01,
  floor: 0.85,
  criticalMaxBenign: 0.01,
  criticalFloor: 0.65,
  dangerFloor: 0.8,
  floors: { sexual: 0.7, personal_info: 0.7 },
  foldByFile: true,
  secondary: 0.4,
  secondaryBy: { personal_info: 0.5, financial: 0.5 },
  seed: 17,
  method: 'full',
  lambda: 3e-5,
  tolerance: 1e-5,
  maxIterations: 500,
  foldTolerance: 1e-4,
};

const SAFETY_CRITICAL: ReadonlySet<Category> = new Set(['immediate_danger', 'self_harm']);

interface Example { readonly text: string; readonly labels: readonly Category[]; readonly file: string }

/** Training examples: every turn of every tuning item (not `*.pairs.txt`: {@link trainsTheClassifier}), plus each rule's examples and the lexicon's harmless examples. */
export function trainingExamples(source: SafetySource, items: readonly Item[]): Example[] {
  const out: Example[] = [];
  for (const item of items) if (trainsTheClassifier(item.file)) for (const t of item.turns) out.push({ text: t.text, labels: t.labels, file: item.file });
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

/** SGD (the first method, `--method sgd`): `epochs` shuffled passes, in the order of seeds `seed + epoch`. */
function fitSgd(rows: readonly { ids: number[]; y: number }[], o: TrainOptions): { bias: number; w: Float64Array } {
  const w = new Float64Array(o.buckets);
  let bias = 0;
  const pos = rows.filter((r) => r.y === 1).length;
  const posWeight = pos > 0 ? Math.min(3, (rows.length - pos) / pos) : 1;
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    const lr = 0.2 / (1 + epoch * 0.3);
    for (const r of shuffled(rows, o.seed + epoch)) {
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

/**
 * Full-batch training to the optimum (session 19): minimises the mean weighted log loss plus
 * `lambda`/2 times the squared weights (the bias is not penalised) by L-BFGS from zero, until the
 * largest gradient entry is below `tolerance`. Every row is seen at every step, so no order or
 * seed enters: the same data gives the same model, and a few rows more or less move it a little.
 */
export function fitFull(rows: readonly { ids: number[]; y: number }[], o: TrainOptions, start?: { bias: number; w: Float64Array }): { bias: number; w: Float64Array } {
  const n = rows.length;
  const dim = o.buckets + 1; // the last entry is the bias
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < n; r += 1) offsets[r + 1] = (offsets[r] ?? 0) + (rows[r]?.ids.length ?? 0);
  const flat = new Int32Array(offsets[n] ?? 0);
  const ys = new Float64Array(n);
  const cs = new Float64Array(n);
  const pos = rows.filter((r) => r.y === 1).length;
  const posWeight = pos > 0 ? Math.min(o.positiveWeight ?? 3, (n - pos) / pos) : 1;
  rows.forEach((r, i) => {
    flat.set(r.ids, offsets[i] ?? 0);
    ys[i] = r.y;
    cs[i] = (r.y === 1 ? posWeight : 1) / n;
  });
  const bi = o.buckets;
  // Loss and gradient at x (gradient written into g).
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let f = 0;
    const b = x[bi] ?? 0;
    for (let r = 0; r < n; r += 1) {
      const from = offsets[r] ?? 0;
      const to = offsets[r + 1] ?? 0;
      let z = b;
      for (let k = from; k < to; k += 1) z += x[flat[k] ?? 0] ?? 0;
      const y = ys[r] ?? 0;
      const c = cs[r] ?? 0;
      // log(1 + e^z) - y z, computed without overflow
      f += c * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z);
      const d = c * (1 / (1 + Math.exp(-z)) - y);
      g[bi] = (g[bi] ?? 0) + d;
      for (let k = from; k < to; k += 1) {
        const id = flat[k] ?? 0;
        g[id] = (g[id] ?? 0) + d;
      }
    }
    for (let j = 0; j < bi; j += 1) {
      const v = x[j] ?? 0;
      f += 0.5 * o.lambda * v * v;
      g[j] = (g[j] ?? 0) + o.lambda * v;
    }
    return f;
  };
  const dot = (a: Float64Array, b: Float64Array): number => {
    let t = 0;
    for (let j = 0; j < dim; j += 1) t += (a[j] ?? 0) * (b[j] ?? 0);
    return t;
  };
  const memory = 7;
  const ss: Float64Array[] = [];
  const yy: Float64Array[] = [];
  const rho: number[] = [];
  let x = new Float64Array(dim);
  if (start) {
    x.set(start.w);
    x[bi] = start.bias;
  }
  let g = new Float64Array(dim);
  let f = evaluate(x, g);
  const d = new Float64Array(dim);
  const alpha = new Float64Array(memory);
  const spare = { x: new Float64Array(dim), g: new Float64Array(dim) };
  for (let it = 0; it < o.maxIterations; it += 1) {
    let gmax = 0;
    for (let j = 0; j < dim; j += 1) gmax = Math.max(gmax, Math.abs(g[j] ?? 0));
    if (gmax < o.tolerance) break;
    // Two-loop recursion: d = -H g.
    for (let j = 0; j < dim; j += 1) d[j] = -(g[j] ?? 0);
    for (let k = ss.length - 1; k >= 0; k -= 1) {
      const a = (rho[k] ?? 0) * dot(ss[k] as Float64Array, d);
      alpha[k] = a;
      const yk = yy[k] as Float64Array;
      for (let j = 0; j < dim; j += 1) d[j] = (d[j] ?? 0) - a * (yk[j] ?? 0);
    }
    const last = ss.length - 1;
    const gamma = last >= 0 ? dot(ss[last] as Float64Array, yy[last] as Float64Array) / dot(yy[last] as Float64Array, yy[last] as Float64Array) : 1 / Math.max(1, gmax);
    for (let j = 0; j < dim; j += 1) d[j] = (d[j] ?? 0) * gamma;
    for (let k = 0; k < ss.length; k += 1) {
      const beta = (rho[k] ?? 0) * dot(yy[k] as Float64Array, d);
      const sk = ss[k] as Float64Array;
      const a = alpha[k] ?? 0;
      for (let j = 0; j < dim; j += 1) d[j] = (d[j] ?? 0) + (a - beta) * (sk[j] ?? 0);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction: start the memory again from the gradient.
      ss.length = 0;
      yy.length = 0;
      rho.length = 0;
      for (let j = 0; j < dim; j += 1) d[j] = -(g[j] ?? 0) / Math.max(1, gmax);
      slope = dot(g, d);
    }
    // Backtracking line search (Armijo).
    let step = 1;
    const xn = spare.x;
    const gn = spare.g;
    let fn = 0;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let j = 0; j < dim; j += 1) xn[j] = (x[j] ?? 0) + step * (d[j] ?? 0);
      fn = evaluate(xn, gn);
      if (fn <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    // The oldest pair's arrays are reused once the memory is full.
    const full = ss.length === memory;
    const sNew = full ? (ss.shift() as Float64Array) : new Float64Array(dim);
    const yNew = full ? (yy.shift() as Float64Array) : new Float64Array(dim);
    if (full) rho.shift();
    for (let j = 0; j < dim; j += 1) {
      sNew[j] = (xn[j] ?? 0) - (x[j] ?? 0);
      yNew[j] = (gn[j] ?? 0) - (g[j] ?? 0);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      ss.push(sNew);
      yy.push(yNew);
      rho.push(1 / sy);
    }
    const done = f - fn < 1e-12 * Math.max(1, Math.abs(f));
    spare.x = x;
    spare.g = g;
    x = xn;
    g = gn;
    f = fn;
    if (done) break;
  }
  return { bias: x[bi] ?? 0, w: x.subarray(0, bi) };
}

/** One category's model: full batch (the default) or SGD. */
function fit(rows: readonly { ids: number[]; y: number }[], o: TrainOptions, start?: { bias: number; w: Float64Array }): { bias: number; w: Float64Array } {
  return o.method === 'full' ? fitFull(rows, o, start) : fitSgd(rows, o);
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
  const sourceHash = sourceFingerprint(source.redFlags, source.textSpeak, source.welsh);
  const lexical = buildSafetyModel({ ...source, model: { format: 1, sourceHash, trainingHash: 'untrained', buckets: o.buckets, categories: {} } });
  const spec = specOf(o);
  const examples = trainingExamples(source, items);
  const hashed = examples.map((e) => ({ text: e.text, labels: e.labels }));
  const rows = examples.map((e) => ({ ids: featureBuckets(classifierWords(scopedTokens(e.text, lexical)), o.buckets, undefined, spec).ids, labels: e.labels }));
  // Fold of each example: by its position, or by its file (files dealt round the folds in name order; rule examples by position).
  const files = [...new Set(examples.map((e) => e.file))].sort();
  const foldOf = examples.map((e, i) => (o.foldByFile && e.file !== 'red-flags.yaml' ? files.indexOf(e.file) : i) % FOLDS);
  const categories: Record<string, { bias: number; threshold: number; secondary?: number; weights: [number, number][] }> = {};
  for (const c of CATEGORIES) {
    const data = rows.map((r) => ({ ids: r.ids, y: r.labels.includes(c) ? 1 : 0 }));
    // Out-of-fold scores: each example scored by a model that never saw it.
    // The model on every example first: full-batch training starts each fold's from it (the same
    // optimum is reached from anywhere, only sooner); SGD does not use it.
    const m = fit(data, o);
    const oof = new Float64Array(data.length);
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const mf = fit(data.filter((_, i) => foldOf[i] !== fold), { ...o, tolerance: Math.max(o.tolerance, o.foldTolerance) }, m);
      data.forEach((r, i) => { if (foldOf[i] === fold) oof[i] = predict(r.ids, mf); });
    }
    // Threshold for a finding of the model alone: the lowest that keeps benign false alarms rare.
    const negScores = data.flatMap((r, i) => (r.y === 0 ? [oof[i] ?? 0] : [])).sort((a, b) => b - a);
    const critical = SAFETY_CRITICAL.has(c);
    const cut = negScores[Math.floor(negScores.length * (critical ? o.criticalMaxBenign : o.maxBenign))] ?? 0.5;
    const floor = c === 'immediate_danger' ? (o.dangerFloor ?? o.criticalFloor) : (o.floors?.[c] ?? (critical ? o.criticalFloor : o.floor));
    const threshold = Math.min(0.995, Math.max(floor, cut + 0.01));
    const weights: [number, number][] = [];
    m.w.forEach((v, i) => { if (Math.abs(v) >= 0.002) weights.push([i, Math.round(v * 10_000) / 10_000]); });
    const own = o.secondaryBy?.[c];
    categories[c] = { bias: Math.round(m.bias * 10_000) / 10_000, threshold: Math.round(threshold * 1000) / 1000, ...(own !== undefined && own !== o.secondary ? { secondary: own } : {}), weights };
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
const batchOf = (file: string): string => file.replace(/\.(?:tuning|pairs)\.txt$/, '').replace(/\.txt$/, '');

/** Leave-one-batch-out: train without each batch, score detect() on it; prints and returns the totals. */
export async function leaveOneBatchOut(source: SafetySource, items: readonly Item[], batches: readonly string[], o: TrainOptions, noModel = false, itemsPath?: string): Promise<string> {
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
    const run = functionRunner(buildSafetyModel({ ...source, model }));
    const seen: Category[][][] = [];
    const r = await evaluate(held, async (turns) => {
      const out = await run(turns);
      seen.push(out);
      return out;
    });
    // Item by item, for comparing two runs (`--items FILE`): what each turn raised.
    if (itemsPath) appendFileSync(itemsPath, held.map((i, k) => `${JSON.stringify({ id: i.id, expected: i.expected, labelled: i.turns.map((t) => t.labels.length > 0), raised: seen[k] ?? [] })}\n`).join(''));
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

/** `--floors sexual=0.7,personal_info=0.7`: floors of their own for those categories (`TrainOptions.floors`). */
function floorsFrom(arg: string | undefined, flag = '--floors'): Partial<Record<Category, number>> | undefined {
  if (arg === undefined) return undefined;
  const out: Partial<Record<Category, number>> = {};
  for (const pair of arg.split(',')) {
    const [c, v] = pair.split('=');
    const n = Number(v);
    if (!CATEGORIES.includes(c as Category) || !Number.isFinite(n)) throw new Error(`${flag} needs category=number pairs, like sexual=0.7 (got "${pair}")`);
    out[c as Category] = n;
  }
  return out;
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
    floors: floorsFrom(val('--floors')) ?? DEFAULT_OPTIONS.floors,
    foldByFile: args.includes('--fold-by-example') ? false : DEFAULT_OPTIONS.foldByFile,
    secondary: num('--secondary', DEFAULT_OPTIONS.secondary),
    // --secondary N alone gives every category N; --secondary-by personal_info=0.5,... some their own.
    secondaryBy: floorsFrom(val('--secondary-by'), '--secondary-by') ?? (args.includes('--secondary') ? undefined : DEFAULT_OPTIONS.secondaryBy),
    seed: num('--seed', DEFAULT_OPTIONS.seed),
    method: val('--method') === 'full' ? 'full' : val('--method') === 'sgd' ? 'sgd' : DEFAULT_OPTIONS.method,
    lambda: num('--lambda', DEFAULT_OPTIONS.lambda),
    tolerance: num('--tolerance', DEFAULT_OPTIONS.tolerance),
    maxIterations: num('--max-iterations', DEFAULT_OPTIONS.maxIterations),
    foldTolerance: num('--fold-tolerance', DEFAULT_OPTIONS.foldTolerance),
    positiveWeight: num('--positive-weight', 3),
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
    const itemsPath = args.includes('--items') ? args[args.indexOf('--items') + 1] : undefined;
    if (itemsPath) writeFileSync(itemsPath, '');
    const method = o.method === 'full' ? `full batch, lambda ${o.lambda}, tolerance ${o.tolerance}` : `sgd, l2 ${o.l2}, epochs ${o.epochs}, seed ${o.seed}`;
    console.log(`leave-one-batch-out, features ${o.features.join(',')}, ${method}, floors ${o.floor}/${o.criticalFloor}/${o.dangerFloor ?? o.criticalFloor}${Object.entries(o.floors ?? {}).map(([c, f]) => `, ${c} ${f}`).join('')}${o.foldByFile ? ', folds by file' : ''}${args.includes('--no-model') ? ', lexicon alone' : ''}`);
    console.log(await leaveOneBatchOut(source, items, batches, o, args.includes('--no-model'), itemsPath));
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

if (runAsCommand(import.meta.url)) await main();
