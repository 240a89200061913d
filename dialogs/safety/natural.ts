/**
 * The parts of `natural` the detector uses, through deep imports of single modules (natural's ESM
 * entry point crashes under Node, see shared research notes). Only the modules needed are loaded:
 * the `util` and `stemmers` index files pull in storage back-ends whose dotenv calls print banners
 * on start, and every language's stemmer. Stemming is memoised by the model, not here.
 */
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import levenshtein from 'natural/lib/natural/distance/levenshtein_distance.js';
import lexiconModule from 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js';
import stopwordsModule from 'natural/lib/natural/util/stopwords.js';

/** Porter stem of one lower-case word. */
export function porterStem(word: string): string {
  return porter.stem(word);
}

/** Damerau–Levenshtein edit distance (transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  return levenshtein.DamerauLevenshteinDistance(a, b);
}

let english: ReadonlySet<string> | undefined;

/**
 * Loads the word list {@link isEnglishWord} reads (about 40 ms), once. The detector's word index
 * calls it when the model is built, so that the first child message with a word the lexicon does
 * not know is not the one that waits for it.
 */
export function loadEnglishWords(): ReadonlySet<string> {
  if (!english) {
    const lexicon = new lexiconModule('EN', 'NN').lexicon;
    english = new Set(Object.keys(lexicon).filter((w) => /^[a-z]+$/.test(w)));
  }
  return english;
}

/**
 * Whether a lower-case word is an ordinary English word, from the word list behind natural's
 * Brill part-of-speech tagger (about 90,000 words). The fuzzy matcher never "corrects" such a word
 * ("setting" is not a misspelling of "sexting").
 */
export function isEnglishWord(word: string): boolean {
  return loadEnglishWords().has(word);
}

let stop: ReadonlySet<string> | undefined;

/** Whether a lower-case word is one of natural's English stop words ("he", "me", "the", "at"…). */
export function isStopWord(word: string): boolean {
  stop ??= new Set(stopwordsModule.words);
  return stop.has(word);
}
