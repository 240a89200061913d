import type { Category } from './finding.js';
import { hashUpdate } from './hash.js';

/**
 * The second signal: a compact linear model (one-vs-rest logistic regression) over hashed word,
 * word-pair and character n-gram features of the normalised words. Trained offline by
 * `npm run train:flags` (server/cli/train-flags.ts); scoring here costs a few hash lookups.
 */

const FNV_OFFSET = 0x811c9dc5;
const SPACE = ' ';

/**
 * Hashed, de-duplicated feature buckets for one message; `owner[i]` is the word index behind
 * bucket i (-1: several). Features: `w:stem`, `b:stem stem` (word pairs) and `c:` 4-letter pieces
 * of `<stem>`, hashed as if those strings were built (same FNV-1a as `hash32`), without building them.
 */
export function featureBuckets(stems: readonly string[], buckets: number, memo?: Map<string, StemHashes>): { ids: number[]; owner: number[] } {
  const mask = buckets - 1;
  const seen = new Map<number, number>();
  const add = (h: number, owner: number): void => {
    const b = (h >>> 0) & mask;
    const prev = seen.get(b);
    seen.set(b, prev === undefined || prev === owner ? owner : -1);
  };
  for (let i = 0; i < stems.length; i += 1) {
    const h = stemHashes(stems[i] ?? '', memo);
    add(h.word, i);
    const next = stems[i + 1];
    if (next !== undefined) add(hashUpdate(h.pair, next, 0, next.length), i);
    for (const g of h.grams) add(g, i);
  }
  return { ids: [...seen.keys()], owner: [...seen.values()] };
}

/** The hashes one stem contributes, whatever its neighbours: `w:stem`, the start of `b:stem `, and its 4-letter pieces. */
export interface StemHashes {
  readonly word: number;
  readonly pair: number;
  readonly grams: readonly number[];
}

const W = hashUpdate(FNV_OFFSET, 'w:', 0, 2);
const B = hashUpdate(FNV_OFFSET, 'b:', 0, 2);
const C = hashUpdate(FNV_OFFSET, 'c:', 0, 2);
/** Most stems a memo keeps before it starts again (bounded memory). */
const MEMO_LIMIT = 50_000;

function stemHashes(s: string, memo: Map<string, StemHashes> | undefined): StemHashes {
  const hit = memo?.get(s);
  if (hit) return hit;
  const grams: number[] = [];
  if (s.length >= 4) {
    // 4-letter pieces of "<stem>": the markers stand for the word's edges.
    const padded = `<${s}>`;
    for (let k = 0; k + 4 <= padded.length; k += 1) grams.push(hashUpdate(C, padded, k, k + 4));
  }
  const h = { word: hashUpdate(W, s, 0, s.length), pair: hashUpdate(hashUpdate(B, s, 0, s.length), SPACE, 0, 1), grams };
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, h);
  }
  return h;
}

/**
 * The trained classifier, laid out for speed: the weights of all categories for one bucket sit
 * side by side (`weights[bucket * k + c]`), so each feature costs one memory read, not k.
 */
export interface Classifier {
  readonly buckets: number;
  readonly categories: readonly Category[];
  readonly bias: Float64Array;
  readonly thresholds: Float64Array;
  readonly weights: Float32Array;
  /** Per-stem feature hashes already worked out (a cache: same features, fewer hash loops). */
  readonly memo: Map<string, StemHashes>;
}

/** Builds the interleaved layout from per-category sparse weights. */
export function buildClassifier(buckets: number, perCategory: ReadonlyMap<Category, { bias: number; threshold: number; weights: readonly (readonly [number, number])[] }>): Classifier {
  const categories = [...perCategory.keys()];
  const k = categories.length;
  const bias = new Float64Array(k);
  const thresholds = new Float64Array(k);
  const weights = new Float32Array(buckets * k);
  categories.forEach((c, ci) => {
    const m = perCategory.get(c);
    if (!m) return;
    bias[ci] = m.bias;
    thresholds[ci] = m.threshold;
    for (const [i, w] of m.weights) if (i >= 0 && i < buckets) weights[i * k + ci] = w;
  });
  return { buckets, categories, bias, thresholds, weights, memo: new Map() };
}

/** Logistic scores of every category, in `classifier.categories` order. */
export function scoreAll(ids: readonly number[], classifier: Classifier): Float64Array {
  const k = classifier.categories.length;
  const z = Float64Array.from(classifier.bias);
  const w = classifier.weights;
  for (const id of ids) {
    const base = id * k;
    for (let c = 0; c < k; c += 1) z[c] = (z[c] ?? 0) + (w[base + c] ?? 0);
  }
  for (let c = 0; c < k; c += 1) z[c] = 1 / (1 + Math.exp(-(z[c] ?? 0)));
  return z;
}

/** The weight of one bucket for one category (index into `classifier.categories`). */
export function weightOf(classifier: Classifier, id: number, c: number): number {
  return classifier.weights[id * classifier.categories.length + c] ?? 0;
}
