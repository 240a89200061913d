/**
 * Flesch–Kincaid grade level, for checking that the bot's words suit a 9-year-old. Names in the
 * exempt list (Childline, CEOP, app names…) and numbers are left out of the score: a child
 * reads "Childline" as one known name, not as a hard word.
 */

const VOWEL_GROUPS = /[aeiouy]+/g;

/** Syllables in one English word, by vowel groups with the usual silent-e and -le rules. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  let stem = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (m) => m[0] ?? '');
  stem = stem.replace(/^y/, '');
  let count = (stem.match(VOWEL_GROUPS) ?? []).length;
  if (/[^aeiouy]le$/.test(w)) count += 1;
  return Math.max(1, count);
}

/** Sentences of a text: split after . ! ? (and a colon that ends a lead-in). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?:])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Words of a sentence, apostrophes kept inside words ("don't"). */
export function words(sentence: string): string[] {
  return sentence.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((w) => w.length > 0);
}

export interface Score {
  readonly grade: number;
  readonly words: number;
  readonly sentences: number;
  readonly syllables: number;
}

/** Flesch–Kincaid grade of some texts taken together, leaving out exempt names and numbers. */
export function fleschKincaid(texts: readonly string[], exempt: ReadonlySet<string>): Score {
  let wordCount = 0;
  let sentenceCount = 0;
  let syllableCount = 0;
  for (const text of texts) {
    for (const s of sentences(text)) {
      const scored = words(s).filter((w) => !exempt.has(w.toLowerCase()) && !/\d/.test(w));
      if (scored.length === 0) continue;
      sentenceCount += 1;
      wordCount += scored.length;
      syllableCount += scored.reduce((n, w) => n + syllables(w), 0);
    }
  }
  if (wordCount === 0) return { grade: 0, words: 0, sentences: 0, syllables: 0 };
  const grade = 0.39 * (wordCount / sentenceCount) + 11.8 * (syllableCount / wordCount) - 15.59;
  return { grade, words: wordCount, sentences: sentenceCount, syllables: syllableCount };
}
