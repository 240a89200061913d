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
 * An index's phrases for one key, grouped by their second key so that one look-up in the
 * message's keys rules out every phrase of the group (most candidates fail that quick filter).
 * `order` holds each group's positions in `phrases`, so matches keep the index's order.
 */
interface KeyGroups {
  readonly phrases: readonly CompiledPhrase[];
  /** `second` undefined: one-word phrases, which always pass the filter. */
  readonly groups: readonly { readonly second: string | undefined; readonly order: readonly number[] }[];
}

/** Groups worked out once per index (the model's indexes live as long as the model). */
const groupCache = new WeakMap<PhraseIndex, Map<string, KeyGroups>>();

function groupsOf(index: PhraseIndex): Map<string, KeyGroups> {
  let g = groupCache.get(index);
  if (g === undefined) {
    g = new Map();
    for (const [key, phrases] of index) {
      const bySecond = new Map<string | undefined, number[]>();
      phrases.forEach((p, i) => {
        const second = p.terms.length > 1 ? (p.terms[1] ?? '') : undefined;
        const list = bySecond.get(second) ?? [];
        list.push(i);
        bySecond.set(second, list);
      });
      g.set(key, { phrases, groups: [...bySecond].map(([second, order]) => ({ second, order })) });
    }
    groupCache.set(index, g);
  }
  return g;
}

/** Two ascending lists of positions as one ascending list. */
function mergeOrder(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    if (x < y) { out.push(x); i += 1; } else { out.push(y); j += 1; }
  }
  return out;
}

/**
 * Finds every phrase of an index in the tokens. Each token's keys are looked up in the index, so
 * the cost grows with the message, not the lexicon. Later words may sit up to `gap` words apart;
 * a phrase never crosses a sentence end and never uses masked words.
 */
export function findPhrases(tokens: readonly Token[], index: PhraseIndex, useMasked = false, present: ReadonlySet<string> = keysPresent(tokens)): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const byKey = groupsOf(index);
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (!t || (t.masked && !useMasked)) continue;
    for (const key of t.keys) {
      const entry = byKey.get(key);
      if (!entry) continue;
      // Cheap filter first: every key of the phrase must occur somewhere in the message (the
      // second key once per group here, the rest below).
      let order: readonly number[] | undefined;
      for (const g of entry.groups) {
        if (g.second !== undefined && !present.has(g.second)) continue;
        order = order === undefined ? g.order : mergeOrder(order, g.order);
      }
      if (order === undefined) continue;
      for (const o of order) {
        const phrase = entry.phrases[o];
        if (phrase === undefined) continue;
        let all = true;
        for (let k = 2; k < phrase.terms.length && all; k += 1) all = present.has(phrase.terms[k] ?? '');
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
