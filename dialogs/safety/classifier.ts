import type { Category } from './finding.js';
import { hashUpdate } from './hash.js';

/**
 * The second signal: a compact linear model (one-vs-rest logistic regression) over hashed features
 * of the normalised words (which features: {@link FeatureSpec}, recorded in the model file).
 * Trained offline by `npm run train:flags` (server/cli/train-flags.ts); scoring here costs a few
 * hash lookups.
 */

const FNV_OFFSET = 0x811c9dc5;
const SPACE = ' ';

/** One word as the classifier sees it: its stem and the lexicon's sets it belongs to (`{carer}`, `{kill}`…). */
export interface ClassifierWord {
  readonly stem: string;
  readonly sets: readonly string[];
}

/**
 * Which features a model uses (kept in safety-model.json as `features`; a file without it is the
 * first layout, `w b c4`):
 * - `w` the stem, `b` a pair of neighbouring stems, `k` a pair one word apart (skip-gram);
 * - `c3`…`c6` letter pieces of that length inside `<stem>`;
 * - `x3`…`x6` letter pieces of that length across a word boundary (`e me`, `ll me`);
 * - `s` each lexicon set a word belongs to, `sb` a pair of neighbours with each word replaced by
 *   its first set (`{kill} me`, `{carer} {find}`).
 */
export interface FeatureSpec {
  readonly words: boolean;
  readonly pairs: boolean;
  readonly skips: boolean;
  readonly grams: readonly number[];
  readonly cross: readonly number[];
  readonly sets: boolean;
  readonly setPairs: boolean;
}

export const FIRST_FEATURES: readonly string[] = ['w', 'b', 'c4'];

/** Parses a feature list (`['w', 'b', 'c4']`); undefined when a name is unknown. */
export function featureSpec(names: readonly string[]): FeatureSpec | undefined {
  const grams: number[] = [];
  const cross: number[] = [];
  let words = false;
  let pairs = false;
  let skips = false;
  let sets = false;
  let setPairs = false;
  for (const n of names) {
    const m = /^([cx])([3-6])$/.exec(n);
    if (m) (m[1] === 'c' ? grams : cross).push(Number(m[2]));
    else if (n === 'w') words = true;
    else if (n === 'b') pairs = true;
    else if (n === 'k') skips = true;
    else if (n === 's') sets = true;
    else if (n === 'sb') setPairs = true;
    else return undefined;
  }
  return { words, pairs, skips, grams, cross, sets, setPairs };
}

/** The hashes one stem contributes, whatever its neighbours: `w:stem`, the starts of `b:stem `/`k:stem `, and its letter pieces. */
export interface StemHashes {
  readonly word: number;
  readonly pair: number;
  readonly skip: number;
  readonly grams: readonly number[];
}

const W = hashUpdate(FNV_OFFSET, 'w:', 0, 2);
const B = hashUpdate(FNV_OFFSET, 'b:', 0, 2);
const K = hashUpdate(FNV_OFFSET, 'k:', 0, 2);
const S = hashUpdate(FNV_OFFSET, 's:', 0, 2);
const SB = hashUpdate(FNV_OFFSET, 'sb:', 0, 3);
/** `c:` for 4-letter pieces (the first layout's names), `c<n>:` for the other lengths; `x<n>:` across words. */
const gramSeed = (n: number): number => (n === 4 ? hashUpdate(FNV_OFFSET, 'c:', 0, 2) : hashUpdate(FNV_OFFSET, `c${n}:`, 0, 3));
const crossSeed = (n: number): number => hashUpdate(FNV_OFFSET, `x${n}:`, 0, 3);
/** Most stems a memo keeps before it starts again (bounded memory). */
const MEMO_LIMIT = 50_000;

function stemHashes(s: string, spec: FeatureSpec, memo: Map<string, StemHashes> | undefined): StemHashes {
  const hit = memo?.get(s);
  if (hit) return hit;
  const grams: number[] = [];
  const padded = `<${s}>`;
  for (const n of spec.grams) {
    // Pieces of "<stem>": the markers stand for the word's edges; only words of at least n letters.
    if (s.length < n) continue;
    const seed = gramSeed(n);
    for (let k = 0; k + n <= padded.length; k += 1) grams.push(hashUpdate(seed, padded, k, k + n));
  }
  const h = {
    word: hashUpdate(W, s, 0, s.length),
    pair: hashUpdate(hashUpdate(B, s, 0, s.length), SPACE, 0, 1),
    skip: hashUpdate(hashUpdate(K, s, 0, s.length), SPACE, 0, 1),
    grams,
  };
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, h);
  }
  return h;
}

/**
 * One feature's bucket, recorded for word `owner` (new to the message: added to `ids`). A function of
 * its own, not a closure per message (tsx, which runs the bench and the tests, wraps each in a name-setting call).
 */
function addBucket(seen: BucketsSeen, mark: number, mask: number, ids: number[], h: number, owner: number): void {
  const b = (h >>> 0) & mask;
  if (seen.use(b, owner, mark)) ids.push(b);
}

/**
 * Hashed, de-duplicated feature buckets for one message; `owner[i]` is the word index behind
 * bucket i (-1: several). Features are hashed as if their strings (`w:stem`, `b:stem stem`…) were
 * built (same FNV-1a as `hash32`), mostly without building them.
 */
export function featureBuckets(
  words: readonly ClassifierWord[],
  buckets: number,
  memo?: Map<string, StemHashes>,
  spec: FeatureSpec = FIRST_SPEC,
): { ids: number[]; owner: number[] } {
  const mask = buckets - 1;
  const seen = scratchFor(buckets);
  const mark = seen.next();
  const ids: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    if (word === undefined) continue;
    const s = word.stem;
    const h = stemHashes(s, spec, memo);
    if (spec.words) addBucket(seen, mark, mask, ids, h.word, i);
    const next = words[i + 1]?.stem;
    if (spec.pairs && next !== undefined) addBucket(seen, mark, mask, ids, hashUpdate(h.pair, next, 0, next.length), i);
    const after = words[i + 2]?.stem;
    if (spec.skips && after !== undefined) addBucket(seen, mark, mask, ids, hashUpdate(h.skip, after, 0, after.length), i);
    for (const g of h.grams) addBucket(seen, mark, mask, ids, g, i);
    if (next !== undefined && spec.cross.length > 0) {
      // Pieces that straddle the space between this word and the next: "<a b>" around the gap.
      const joined = `${s} ${next}`;
      for (const n of spec.cross) {
        const seed = crossSeed(n);
        for (let k = Math.max(0, s.length - n + 1); k <= s.length && k + n <= joined.length; k += 1) addBucket(seen, mark, mask, ids, hashUpdate(seed, joined, k, k + n), i);
      }
    }
    if (spec.sets) for (const set of word.sets) addBucket(seen, mark, mask, ids, hashUpdate(S, set, 0, set.length), i);
    if (spec.setPairs && next !== undefined) {
      const a = word.sets[0] ?? s;
      const nw = words[i + 1];
      const b = nw?.sets[0] ?? next;
      // Only when a set stands in for at least one side; two plain stems are `b` already.
      if (a !== s || b !== next) addBucket(seen, mark, mask, ids, hashUpdate(hashUpdate(hashUpdate(SB, a, 0, a.length), SPACE, 0, 1), b, 0, b.length), i);
    }
  }
  return { ids, owner: ids.map((b) => seen.ownerOf(b)) };
}

/** The buckets one message has used so far and the word behind each (-1: several). */
interface BucketsSeen {
  /** A new mark for the next message. */
  next(): number;
  /** Records bucket `b` for word `owner`; true when the message had not used it yet. */
  use(b: number, owner: number, mark: number): boolean;
  ownerOf(b: number): number;
}

/**
 * Buckets seen, without a Map per message: a bucket is used when its stamp equals the message's
 * mark (a new mark per message, so nothing needs clearing).
 */
class BucketScratch implements BucketsSeen {
  /** Per bucket b: its stamp at `2b` and its word at `2b + 1`, side by side (one memory read, session 24). */
  private readonly slots: Int32Array;
  private mark = 0;
  constructor(buckets: number) {
    this.slots = new Int32Array(2 * buckets);
  }

  next(): number {
    if (this.mark >= 0x7fffffff) {
      this.slots.fill(0);
      this.mark = 0;
    }
    this.mark += 1;
    return this.mark;
  }

  use(b: number, owner: number, mark: number): boolean {
    const at = 2 * b;
    if (this.slots[at] !== mark) {
      this.slots[at] = mark;
      this.slots[at + 1] = owner;
      return true;
    }
    if (this.slots[at + 1] !== owner) this.slots[at + 1] = -1;
    return false;
  }

  ownerOf(b: number): number {
    return this.slots[2 * b + 1] ?? -1;
  }
}

/** The same with a Map, for a bucket count no model has (not a power of two from 1 to 2^24). */
class BucketMap implements BucketsSeen {
  private readonly seen = new Map<number, number>();
  next(): number {
    return 0;
  }

  use(b: number, owner: number): boolean {
    const prev = this.seen.get(b);
    this.seen.set(b, prev === undefined || prev === owner ? owner : -1);
    return prev === undefined;
  }

  ownerOf(b: number): number {
    return this.seen.get(b) ?? -1;
  }
}

/** Largest bucket count given a reusable scratch (2 × 4 bytes a bucket). */
const MAX_SCRATCH = 1 << 24;
/** One scratch per bucket count (the model's, and the trainer's if it differs). */
const scratches = new Map<number, BucketScratch>();

function scratchFor(buckets: number): BucketsSeen {
  if (!(Number.isInteger(buckets) && buckets >= 1 && buckets <= MAX_SCRATCH && (buckets & (buckets - 1)) === 0)) return new BucketMap();
  let s = scratches.get(buckets);
  if (s === undefined) {
    s = new BucketScratch(buckets);
    scratches.set(buckets, s);
  }
  return s;
}

const FIRST_SPEC: FeatureSpec = featureSpec(FIRST_FEATURES) as FeatureSpec;

/**
 * The trained classifier, laid out for speed: the weights of all categories for one bucket sit
 * side by side (`weights[bucket * k + c]`), so each feature costs one memory read, not k.
 */
export interface Classifier {
  readonly buckets: number;
  readonly features: FeatureSpec;
  readonly categories: readonly Category[];
  readonly bias: Float64Array;
  readonly thresholds: Float64Array;
  /**
   * Threshold for a category of the classifier alone in a message that already raised another
   * finding (so the chat is handed to a counsellor anyway and the benign rate cannot rise): above 1
   * when the model file sets none.
   */
  readonly secondary: number;
  /**
   * Session 44: each category's bar in such a message: its own `secondary` in the model file where it has one, else
   * the file's `secondary` ({@link Classifier.secondary}).
   */
  readonly secondaries: Float64Array;
  readonly weights: Float32Array;
  /** Per-stem feature hashes already worked out (a cache: same features, fewer hash loops). */
  readonly memo: Map<string, StemHashes>;
}

/** Builds the interleaved layout from per-category sparse weights. */
export function buildClassifier(
  buckets: number,
  perCategory: ReadonlyMap<Category, { bias: number; threshold: number; secondary?: number; weights: readonly (readonly [number, number])[] }>,
  features: FeatureSpec = FIRST_SPEC,
  secondary = 2,
): Classifier {
  const categories = [...perCategory.keys()];
  const k = categories.length;
  const bias = new Float64Array(k);
  const thresholds = new Float64Array(k);
  const secondaries = new Float64Array(k).fill(secondary);
  const weights = new Float32Array(buckets * k);
  categories.forEach((c, ci) => {
    const m = perCategory.get(c);
    if (!m) return;
    bias[ci] = m.bias;
    thresholds[ci] = m.threshold;
    if (m.secondary !== undefined) secondaries[ci] = m.secondary;
    for (const [i, w] of m.weights) if (i >= 0 && i < buckets) weights[i * k + ci] = w;
  });
  return { buckets, features, categories, bias, thresholds, secondary, secondaries, weights, memo: new Map() };
}

/**
 * Logistic scores of every category, in `classifier.categories` order. (Session 37: a plain array of numbers, not a copy
 * of the Float64Array of biases: the same sums in the same order, and about 100 B a message where a typed array of six
 * took about 260.)
 */
export function scoreAll(ids: readonly number[], classifier: Classifier): number[] {
  const k = classifier.categories.length;
  const bias = classifier.bias;
  const z: number[] = [];
  for (let c = 0; c < k; c += 1) z.push(bias[c] ?? 0);
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
