/**
 * The parts of `natural` the detector uses, through deep imports (natural's ESM entry point
 * crashes under Node, see shared research notes). Stemming is memoised by the model, not here.
 */
import * as stemmers from 'natural/lib/natural/stemmers/index.js';
import * as distance from 'natural/lib/natural/distance/index.js';

/** Porter stem of one lower-case word. */
export function porterStem(word: string): string {
  return stemmers.PorterStemmer.stem(word);
}

/** Damerau–Levenshtein edit distance (transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b);
}
