import type { Word } from './normalise.js';
import type { CompiledPhrase, PhraseIndex } from './model.js';

/** A normalised word with its match keys. */
export interface Token extends Word {
  readonly keys: readonly string[];
  readonly fuzzy: boolean;
  /** Part of a harmless figure of speech: never used by a rule. */
  masked: boolean;
}

/** A phrase found in the message: token positions [first, last], inclusive. */
export interface PhraseMatch {
  readonly phrase: CompiledPhrase;
  readonly first: number;
  readonly last: number;
  readonly fuzzy: boolean;
}

/** Every match key in the message, for {@link findPhrases}' quick filter. */
export function keysPresent(tokens: readonly Token[]): Set<string> {
  const present = new Set<string>();
  for (const t of tokens) for (const k of t.keys) present.add(k);
  return present;
}

/**
 * Finds every phrase of an index in the tokens. Each token's keys are looked up in the index, so
 * the cost grows with the message, not the lexicon. Later words may sit up to `gap` words apart;
 * a phrase never crosses a sentence end and never uses masked words.
 */
export function findPhrases(tokens: readonly Token[], index: PhraseIndex, useMasked = false, present: ReadonlySet<string> = keysPresent(tokens)): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (!t || (t.masked && !useMasked)) continue;
    for (const key of t.keys) {
      const candidates = index.get(key);
      if (!candidates) continue;
      for (const phrase of candidates) {
        // Cheap filter first: every key of the phrase must occur somewhere in the message.
        let all = true;
        for (let k = 1; k < phrase.terms.length && all; k += 1) all = present.has(phrase.terms[k] ?? '');
        if (!all) continue;
        let pos = i;
        let fuzzy = t.fuzzy;
        let ok = true;
        for (let k = 1; k < phrase.terms.length && ok; k += 1) {
          const term = phrase.terms[k] ?? '';
          ok = false;
          for (let j = pos + 1; j <= pos + 1 + (phrase.gaps[k] ?? 0) && j < tokens.length; j += 1) {
            const u = tokens[j];
            if (!u || u.sentence !== t.sentence) break;
            if (u.masked && !useMasked) continue;
            if (u.keys.includes(term)) {
              pos = j;
              fuzzy ||= u.fuzzy;
              ok = true;
              break;
            }
          }
        }
        if (ok) found.push({ phrase, first: i, last: pos, fuzzy });
      }
    }
  }
  return found;
}
