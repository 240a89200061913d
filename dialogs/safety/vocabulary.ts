import { editDistance, isEnglishWord, loadEnglishWords, porterStem } from './natural.js';
import { resolveWord, type PieceReading, type Vocabulary } from './normalise.js';
import { termGeneration, termIdsOf, type TermIds } from './match.js';
import { foldWelsh, WelshReader, type WelshSource } from './welsh.js';

/** A word's match keys (see {@link WordIndex.keysOf}). `sets`: the `{set}` keys among them, in the same order. */
export interface WordKeys {
  readonly keys: readonly string[];
  readonly fuzzy: boolean;
  readonly sets: readonly string[];
  /**
   * Session 24: the set members of several words that start with this word's stem (`multiWordSets`), if any;
   * session 30: by the stem of their second word, in `multiWordSets`' order (worked out once per stem, not per message).
   */
  readonly multi: ReadonlyMap<string, readonly MultiWordMember[]> | undefined;
  /**
   * Session 33: whether this word's stem is the second word of a several-word set member (so the word before it
   * may start one); most words' is not, and their neighbour's `multi` need not be read.
   */
  readonly secondOfMulti: boolean;
  /** Session 24: `keys` as the phrase indexes' term ids; read through {@link WordIndex.termIds}, which renews them when stale. */
  termIds: TermIds;
  /** Session 39: these keys with one set more, by the set (see {@link WordIndex.withSet}); made when first asked. */
  withSets: Map<string, KeysWithSet> | undefined;
}

/** Session 39: a word's keys with the set of a several-word member it is part of added last (see {@link WordIndex.withSet}). */
export interface KeysWithSet {
  readonly keys: readonly string[];
  readonly sets: readonly string[];
  termIds: TermIds;
}

/** A set member of several words ("dinner lady"): its words' stems in order, and its set. */
export interface MultiWordMember {
  readonly stems: readonly string[];
  readonly set: string;
}

/**
 * The detector's word knowledge, built once from content: text-speak, known words, stems
 * (memoised, since Porter stemming costs microseconds), the word sets and a deletion index for
 * misspellings, so a misspelt word is looked up in a few map reads instead of scanning the lexicon.
 */
export class WordIndex implements Vocabulary {
  readonly expansions: ReadonlyMap<string, readonly string[]>;
  private readonly known: ReadonlySet<string>;
  /** Stems of every word the lexicon uses (phrase words and set members). */
  private readonly lexiconStems = new Set<string>();
  /** stem → the `{set}` keys it belongs to. */
  private readonly setsByStem = new Map<string, string[]>();
  /**
   * Set members of several words ("dinner lady", "leisure centre", "surprise party"), by the stem
   * of their first word: the stems in order and the set. Before session 6 such members were stemmed
   * whole and could never equal a word's stem, so they never matched.
   */
  readonly multiWordSets = new Map<string, MultiWordMember[]>();
  /** `multiWordSets` by first stem, then by second stem (see {@link WordKeys.multi}). */
  private readonly multiBySecond = new Map<string, ReadonlyMap<string, readonly MultiWordMember[]>>();
  /** The stems of the second words of `multiWordSets` (see {@link WordKeys.secondOfMulti}). */
  private readonly multiSeconds = new Set<string>();
  /** deletion variant → lexicon words it came from (symmetric-delete index). */
  private readonly deletions = new Map<string, string[]>();
  private readonly stems = new Map<string, string>();
  private readonly keyCache = new Map<string, WordKeys>();
  private readonly resolved = new Map<string, readonly string[]>();
  private readonly pieces = new Map<string, PieceReading>();
  private static readonly CACHE_LIMIT = 50_000;
  /** Session 23: Welsh read as English (absent without content/cy-GB/welsh-words.yaml). */
  readonly welsh?: WelshReader;

  constructor(expansions: Record<string, string>, known: Iterable<string>, sets: Record<string, readonly string[]>, lexiconWords: Iterable<string>, welsh?: WelshSource) {
    loadEnglishWords();
    const ex = new Map<string, readonly string[]>();
    for (const [k, v] of Object.entries(expansions)) ex.set(k, v.toLowerCase().split(/\s+/).filter(Boolean));
    this.expansions = ex;
    const knownSet = new Set<string>(known);
    for (const v of ex.values()) for (const w of v) knownSet.add(w);
    // A set word that text-speak would turn into several words ("hes") stays as typed.
    const setWord = (w: string): string => {
      const parts = this.plain(w);
      return parts.length === 1 && parts[0] !== undefined ? parts[0] : w.toLowerCase();
    };
    for (const [name, words] of Object.entries(sets))
      for (const w of words) {
        const parts = w.toLowerCase().replace(/[’']/g, '').split(/\s+/).filter(Boolean);
        if (parts.length > 1) {
          const stems = parts.map((x) => this.stem(x));
          for (const x of parts) this.addLexiconWord(x);
          const list = this.multiWordSets.get(stems[0] ?? '') ?? [];
          list.push({ stems, set: `{${name}}` });
          this.multiWordSets.set(stems[0] ?? '', list);
          this.multiSeconds.add(stems[1] ?? '');
        }
        for (const part of [setWord(w)]) {
          const s = this.stem(part);
          const list = this.setsByStem.get(s) ?? [];
          if (!list.includes(`{${name}}`)) list.push(`{${name}}`);
          this.setsByStem.set(s, list);
          this.addLexiconWord(part);
          knownSet.add(part);
        }
      }
    for (const w of lexiconWords) {
      this.addLexiconWord(w);
      knownSet.add(w);
    }
    if (welsh !== undefined) {
      // A Welsh form the English vocabulary knows (text-speak, common words, the lexicon's words) is
      // read as Welsh only in a clearly Welsh message. Checked before the Welsh words' English joins it.
      // text-speak.yaml's own Welsh words (nain, isio, lluniau) are Welsh, not English, when the Welsh file lists them too.
      const radicals = new Set([...Object.keys(welsh.words), ...Object.keys(welsh.verbs ?? {}), ...Object.keys(welsh.fixed)].map((k) => foldWelsh(k).join('')));
      this.welsh = new WelshReader(welsh, (w) => !(radicals.has(w) && ex.has(w)) && (knownSet.has(w) || ex.has(w)));
      for (const e of this.welsh.entries.values()) for (const w of e.english ?? []) knownSet.add(w);
    }
    this.known = knownSet;
  }

  /** Lower-case words of a content phrase word, expanding text-speak. */
  plain(word: string): readonly string[] {
    const w = word.toLowerCase().replace(/[’']/g, '');
    return this.expansions.get(w) ?? [w];
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** Memoised {@link resolveWord}: a raw piece of a message → its plain word(s). */
  resolve(raw: string): readonly string[] {
    let r = this.resolved.get(raw);
    if (r === undefined) {
      r = resolveWord(raw, this);
      if (this.resolved.size >= WordIndex.CACHE_LIMIT) this.resolved.clear();
      this.resolved.set(raw, r);
    }
    return r;
  }

  /**
   * Everything about one raw piece of a message in one memo read (session 24): its Welsh entry, its
   * plain words ({@link resolve}) and their match keys ({@link keysOf}).
   */
  piece(raw: string): PieceReading {
    let r = this.pieces.get(raw);
    if (r === undefined) {
      const words = this.resolve(raw);
      r = { words, keys: words.map((w) => this.keysOf(w)), welsh: this.welsh?.entries.get(raw) };
      if (this.pieces.size >= WordIndex.CACHE_LIMIT) this.pieces.clear();
      this.pieces.set(raw, r);
    }
    return r;
  }

  /** A word's keys (or a {@link withSet} entry's) as term ids (see {@link WordKeys.termIds}), renewed if a phrase index added terms since. */
  termIds(k: { readonly keys: readonly string[]; termIds: TermIds }): TermIds {
    if (k.termIds.generation !== termGeneration()) k.termIds = termIdsOf(k.keys);
    return k.termIds;
  }

  /**
   * Session 39: `k`'s keys and sets with `set` added last, and their term ids, made once per word and set (a word of a
   * several-word set member, "best friend", "at school", gets the set in every message: it was two new arrays a word and
   * its ids looked up again by string when the message was laid out for matching).
   */
  withSet(k: WordKeys, set: string): KeysWithSet {
    let e = k.withSets?.get(set);
    if (e === undefined) {
      const keys = [...k.keys, set];
      e = { keys, sets: [...k.sets, set], termIds: termIdsOf(keys) };
      (k.withSets ??= new Map()).set(set, e);
    } else this.termIds(e);
    return e;
  }

  /** Memoised Porter stem. */
  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = word.length <= 2 ? word : porterStem(word);
      if (this.stems.size >= WordIndex.CACHE_LIMIT) this.stems.clear();
      this.stems.set(word, s);
    }
    return s;
  }

  private addLexiconWord(word: string): void {
    this.lexiconStems.add(this.stem(word));
    if (word.length < 4 || /\d/.test(word)) return;
    for (const d of deletionsOf(word, word.length >= 10 ? 2 : 1)) {
      const list = this.deletions.get(d) ?? [];
      if (!list.includes(word)) list.push(word);
      this.deletions.set(d, list);
    }
  }

  /**
   * Lexicon words within edit distance 1 (2 for words of 10+ letters) of a word that is neither
   * known to the lexicon nor ordinary English, with the same first letter.
   */
  private fuzzy(word: string): string[] {
    if (word.length < 4 || this.known.has(word) || /\d/.test(word) || isEnglishWord(word)) return [];
    const max = word.length >= 10 ? 2 : 1;
    const found = new Map<string, number>();
    for (const d of deletionsOf(word, max))
      for (const cand of this.deletions.get(d) ?? []) {
        if (found.has(cand) || cand[0] !== word[0] || Math.abs(cand.length - word.length) > max) continue;
        const dist = editDistance(cand, word);
        // Same letters in another order (a swap, "sned" for send) before a changed letter ("shed").
        if (dist <= max) found.set(cand, dist * 2 + (sameLetters(cand, word) ? 0 : 1));
      }
    // Nearest first: the first is the correction the classifier reads (`classifierWords`).
    return [...found].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  }

  /**
   * The several-word set members starting with `stem`, by their second word's stem (session 30; was a
   * WeakMap read and a Map read per token in `tokenise`, session 27). Every member has two words or more.
   */
  private multiStartingWith(stem: string): ReadonlyMap<string, readonly MultiWordMember[]> | undefined {
    const all = this.multiWordSets.get(stem);
    if (all === undefined) return undefined;
    let bySecond = this.multiBySecond.get(stem);
    if (bySecond === undefined) {
      const index = new Map<string, MultiWordMember[]>();
      for (const c of all) {
        const second = c.stems[1];
        if (second === undefined) throw new Error(`a several-word set member of one word: ${c.stems.join(' ')}`);
        index.set(second, [...(index.get(second) ?? []), c]);
      }
      bySecond = index;
      this.multiBySecond.set(stem, bySecond);
    }
    return bySecond;
  }

  /**
   * The match keys of a word: its stem, the stems of lexicon words it is a likely misspelling of,
   * and the `{set}` names those stems belong to. `fuzzy` says a misspelling was assumed.
   */
  keysOf(word: string): WordKeys {
    const hit = this.keyCache.get(word);
    if (hit) return hit;
    const stem = this.stem(word);
    const keys = new Set<string>([stem]);
    let fuzzy = false;
    if (!this.lexiconStems.has(stem))
      for (const cand of this.fuzzy(word)) {
        // A correction that is text-speak is read as what it stands for ("piccs" → pics → pictures).
        const plain = this.plain(cand);
        keys.add(this.stem(plain.length === 1 && plain[0] !== undefined ? plain[0] : cand));
        fuzzy = true;
      }
    for (const k of [...keys]) for (const s of this.setsByStem.get(k) ?? []) keys.add(s);
    // Any number is also `{number}` ("took 16 paracetamol").
    if (/^\d+$/.test(word)) keys.add('{number}');
    const all = [...keys];
    const result: WordKeys = { keys: all, fuzzy, sets: all.filter((k) => k.startsWith('{')), multi: this.multiStartingWith(stem), secondOfMulti: this.multiSeconds.has(stem), termIds: termIdsOf(all), withSets: undefined };
    if (this.keyCache.size >= WordIndex.CACHE_LIMIT) this.keyCache.clear();
    this.keyCache.set(word, result);
    return result;
  }
}

/** Whether two words are made of the same letters. */
function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/** Every string made by deleting up to `max` characters (including the word itself). */
function deletionsOf(word: string, max: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < max; d += 1) {
    const next: string[] = [];
    for (const w of frontier)
      for (let i = 0; i < w.length; i += 1) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    frontier = next;
  }
  return out;
}
