import { hash32 } from './hash.js';

/**
 * The second signal: a compact linear model (one-vs-rest logistic regression) over hashed word,
 * word-pair and character n-gram features of the normalised words. Trained offline by
 * `npm run train:flags` (server/cli/train-flags.ts); scoring here costs a few hash lookups.
 */

/** Hashed, de-duplicated feature buckets for one message; `owner[i]` is the word index behind bucket i (-1: several). */
export function featureBuckets(stems: readonly string[], buckets: number): { ids: number[]; owner: number[] } {
  const mask = buckets - 1;
  const seen = new Map<number, number>();
  const add = (f: string, owner: number): void => {
    const b = hash32(f) & mask;
    const prev = seen.get(b);
    seen.set(b, prev === undefined || prev === owner ? owner : -1);
  };
  for (let i = 0; i < stems.length; i += 1) {
    const s = stems[i] ?? '';
    add(`w:${s}`, i);
    if (i + 1 < stems.length) add(`b:${s} ${stems[i + 1] ?? ''}`, i);
    if (s.length >= 4) {
      const padded = `<${s}>`;
      for (let k = 0; k + 4 <= padded.length; k += 1) add(`c:${padded.slice(k, k + 4)}`, i);
    }
  }
  return { ids: [...seen.keys()], owner: [...seen.values()] };
}

/** A trained category: dense weights for speed, plus its decision threshold. */
export interface CategoryWeights {
  readonly bias: number;
  readonly threshold: number;
  readonly weights: Float32Array;
}

/** Logistic score of one category. */
export function score(ids: readonly number[], w: CategoryWeights): number {
  let z = w.bias;
  for (const id of ids) z += w.weights[id] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
