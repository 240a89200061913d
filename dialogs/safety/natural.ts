/**
 * The parts of `natural` the detector uses, through deep imports (natural's ESM entry point
 * crashes under Node, see shared research notes). Stemming is memoised by the model, not here.
 */
import * as stemmers from 'natural/lib/natural/stemmers/index.js';
import * as distance from 'natural/lib/natural/distance/index.js';
import * as brill from 'natural/lib/natural/brill_pos_tagger/index.js';
import * as util from 'natural/lib/natural/util/index.js';

/** Porter stem of one lower-case word. */
export function porterStem(word: string): string {
  return stemmers.PorterStemmer.stem(word);
}

/** Damerau–Levenshtein edit distance (transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b);
}

let english: ReadonlySet<string> | undefined;

/**
 * Whether a lower-case word is an ordinary English word, from the word list behind natural's
 * Brill part-of-speech tagger (about 90,000 words). The fuzzy matcher never "corrects" such a word
 * ("setting" is not a misspelling of "sexting"). Loaded once, on first use.
 */
export function isEnglishWord(word: string): boolean {
  if (!english) {
    const lexicon = new brill.Lexicon('EN', 'NN').lexicon;
    english = new Set(Object.keys(lexicon).filter((w) => /^[a-z]+$/.test(w)));
  }
  return english.has(word);
}

let stop: ReadonlySet<string> | undefined;

/** Whether a lower-case word is one of natural's English stop words ("he", "me", "the", "at"…). */
export function isStopWord(word: string): boolean {
  stop ??= new Set(util.stopwords);
  return stop.has(word);
}
