/**
 * Types for the single `natural` modules the detector imports directly (natural ships types only
 * for its index files). Only what natural.ts uses is declared.
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porter: { stem(word: string): string };
  export default porter;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: { DamerauLevenshteinDistance(a: string, b: string): number };
  export default distances;
}
declare module 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js' {
  class Lexicon {
    constructor(language: string, defaultCategory: string);
    readonly lexicon: Record<string, readonly string[]>;
  }
  export default Lexicon;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const stopwords: { readonly words: readonly string[] };
  export default stopwords;
}
