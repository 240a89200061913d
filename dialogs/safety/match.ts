import type { Word } from './normalise.js';
import type { CompiledPhrase, PhraseIndex } from './model.js';

/** A normalised word with its match keys. */
export interface Token extends Word {
  readonly keys: readonly string[];
  readonly fuzzy: boolean;
  /** The `{set}` keys among `keys`, in the same order (what the classifier sees of the lexicon's sets). */
  readonly sets: readonly string[];
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
 * An index laid out for matching by number (session 24): every term of its phrases gets a small id,
 * phrases are listed by the id of their first term, and each phrase's terms are kept as ids, so the
 * quick filter (is every term somewhere in the message?) reads a stamp array instead of a string Set.
 */
interface CompiledIndex {
  /** term → id, for this index only. */
  readonly ids: ReadonlyMap<string, number>;
  /** By the id of a first term: its phrases in the index's order, and their terms as ids. */
  readonly byFirst: readonly (readonly { readonly phrase: CompiledPhrase; readonly terms: Int32Array }[] | undefined)[];
  /** `stamp[id] === mark`: the term is among the message's keys (a new mark per call, nothing to clear). */
  readonly stamp: Int32Array;
  mark: number;
}

/** Worked out once per index (the model's indexes live as long as the model). */
const compiledCache = new WeakMap<PhraseIndex, CompiledIndex>();

function compiledOf(index: PhraseIndex): CompiledIndex {
  let c = compiledCache.get(index);
  if (c === undefined) {
    const ids = new Map<string, number>();
    const idOf = (term: string): number => {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
      }
      return id;
    };
    const byFirst: { phrase: CompiledPhrase; terms: Int32Array }[][] = [];
    for (const [key, phrases] of index) {
      const first = idOf(key);
      const list = (byFirst[first] ??= []);
      for (const phrase of phrases) list.push({ phrase, terms: Int32Array.from(phrase.terms, (t) => idOf(t)) });
    }
    c = { ids, byFirst: Array.from({ length: ids.size }, (_, i) => byFirst[i]), stamp: new Int32Array(ids.size), mark: 0 };
    compiledCache.set(index, c);
  }
  return c;
}

/** Reused per call: each token's keys as ids of the index (-1: not a term of it), and where each token's run starts. */
let keyIds = new Int32Array(256);
let keyStart = new Int32Array(65);

/**
 * Finds every phrase of an index in the tokens. Each token's keys are looked up in the index, so
 * the cost grows with the message, not the lexicon. Later words may sit up to `gap` words apart;
 * a phrase never crosses a sentence end and never uses masked words.
 */
export function findPhrases(tokens: readonly Token[], index: PhraseIndex, useMasked = false, present: ReadonlySet<string> = keysPresent(tokens)): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const c = compiledOf(index);
  const { ids, byFirst, stamp } = c;
  if (c.mark >= 0x7fffffff) {
    stamp.fill(0);
    c.mark = 0;
  }
  const mark = (c.mark += 1);
  for (const k of present) {
    const id = ids.get(k);
    if (id !== undefined) stamp[id] = mark;
  }
  // Every token's keys as ids, once per call (a token's keys are read again for each later term).
  const n = tokens.length;
  if (keyStart.length < n + 1) keyStart = new Int32Array(2 * n + 1);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    keyStart[i] = total;
    const keys = tokens[i]?.keys;
    if (keys === undefined) continue;
    if (keyIds.length < total + keys.length) {
      const grown = new Int32Array(2 * (total + keys.length));
      grown.set(keyIds.subarray(0, total));
      keyIds = grown;
    }
    for (const k of keys) keyIds[total++] = ids.get(k) ?? -1;
  }
  keyStart[n] = total;
  for (let i = 0; i < n; i += 1) {
    const t = tokens[i];
    if (!t || (t.masked && !useMasked)) continue;
    for (let q = keyStart[i] ?? 0, qEnd = keyStart[i + 1] ?? 0; q < qEnd; q += 1) {
      const first = keyIds[q] ?? -1;
      const entry = first >= 0 ? byFirst[first] : undefined;
      if (entry === undefined) continue;
      for (const { phrase, terms } of entry) {
        // Cheap filter first: every term of the phrase must occur somewhere in the message.
        let all = true;
        for (let k = 1; k < terms.length && all; k += 1) all = stamp[terms[k] ?? 0] === mark;
        if (!all) continue;
        let pos = i;
        let fuzzy = t.fuzzy;
        let ok = true;
        for (let k = 1; k < terms.length && ok; k += 1) {
          const term = terms[k] ?? -1;
          ok = false;
          for (let j = pos + 1; j <= pos + 1 + (phrase.gaps[k] ?? 0) && j < n; j += 1) {
            const u = tokens[j];
            if (!u || u.sentence !== t.sentence) break;
            if (u.masked && !useMasked) continue;
            let has = false;
            for (let r = keyStart[j] ?? 0, rEnd = keyStart[j + 1] ?? 0; r < rEnd && !has; r += 1) has = keyIds[r] === term;
            if (has) {
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
