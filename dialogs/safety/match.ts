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
  /** Session 24, optional: `keys` as term ids ({@link termIdsOf}), so matching reads no string Map. */
  readonly termIds?: TermIds;
}

/**
 * A word's keys as ids of the phrase indexes' terms (-1: a key no phrase uses), as of `generation`
 * of the term registry (ids worked out before a later index added terms are not used).
 */
export interface TermIds {
  readonly ids: Int32Array;
  readonly generation: number;
}

/** A phrase found in the message: token positions [first, last], inclusive. */
export interface PhraseMatch {
  readonly phrase: CompiledPhrase;
  readonly first: number;
  readonly last: number;
  readonly fuzzy: boolean;
}

/**
 * Every match key in the message, for {@link findPhrases}' quick filter. Session 24: the Set is
 * built only if something reads it as a Set; {@link findPhrases} reads the tokens' term ids instead.
 * The tokens' keys must not change afterwards (they do not: scopes only mask tokens).
 */
export function keysPresent(tokens: readonly Token[]): ReadonlySet<string> {
  return new MessageKeys(tokens);
}

class MessageKeys implements ReadonlySet<string> {
  private built: Set<string> | undefined;
  constructor(readonly tokens: readonly Token[]) {}
  private all(): Set<string> {
    if (this.built === undefined) {
      const present = new Set<string>();
      for (const t of this.tokens) for (const k of t.keys) present.add(k);
      this.built = present;
    }
    return this.built;
  }

  get size(): number {
    return this.all().size;
  }

  has(key: string): boolean {
    return this.all().has(key);
  }

  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const k of this.all()) fn.call(thisArg, k, k, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.all().entries();
  }

  keys(): IterableIterator<string> {
    return this.all().keys();
  }

  values(): IterableIterator<string> {
    return this.all().values();
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.all()[Symbol.iterator]();
  }
}

/** Every term of every compiled phrase index → its id (ids are shared by all indexes). */
const TERM_IDS = new Map<string, number>();
/** Changes whenever a term is added, so ids worked out before can be told apart. */
let generation = 0;

function internTerm(term: string): number {
  let id = TERM_IDS.get(term);
  if (id === undefined) {
    id = TERM_IDS.size;
    TERM_IDS.set(term, id);
    generation += 1;
  }
  return id;
}

/** The term registry's generation now (see {@link TermIds}). */
export function termGeneration(): number {
  return generation;
}

/** A word's keys as term ids, for {@link Token.termIds} (worked out once per word, with its keys). */
export function termIdsOf(keys: readonly string[]): TermIds {
  return { ids: Int32Array.from(keys, (k) => TERM_IDS.get(k) ?? -1), generation };
}

/** Lays an index out for matching now (the model does it when built, before any word's ids are worked out). */
export function prepareIndex(index: PhraseIndex): void {
  compiledOf(index);
}

/**
 * An index laid out for matching by number (session 24): every term of its phrases gets a small id,
 * phrases are listed by the id of their first term, and each phrase's terms are kept as ids, so the
 * quick filter (is every term somewhere in the message?) reads a stamp array instead of a string Set.
 */
interface CompiledIndex {
  /** By the id of a first term: its phrases in the index's order. */
  readonly byFirst: readonly (FirstTermPhrases | undefined)[];
}

/**
 * The phrases of one first term, side by side: phrase o's terms are `terms[start[o]]` to `terms[start[o + 1] - 1]`.
 */
interface FirstTermPhrases {
  readonly phrases: readonly CompiledPhrase[];
  readonly terms: Int32Array;
  readonly start: Int32Array;
  /**
   * Session 37: the phrases by their second term, so that the quick filter reads each second term once, not once a phrase
   * ("i" starts 109 phrases with 15 second terms): `seconds[g]` is group g's second term (-1: one-word phrases), its phrases
   * `members[groupStart[g]]` to `members[groupStart[g + 1] - 1]`, in the index's order.
   */
  readonly seconds: Int32Array;
  readonly groupStart: Int32Array;
  readonly members: Int32Array;
}

/** The phrases of one first term grouped by their second term (see {@link FirstTermPhrases.seconds}). */
function groupBySecond(second: Int32Array): Pick<FirstTermPhrases, 'seconds' | 'groupStart' | 'members'> {
  const groups = new Map<number, number[]>();
  second.forEach((s, o) => {
    const group = groups.get(s);
    if (group === undefined) groups.set(s, [o]);
    else group.push(o);
  });
  const seconds = Int32Array.from(groups.keys());
  const groupStart = new Int32Array(seconds.length + 1);
  const members: number[] = [];
  let g = 0;
  for (const group of groups.values()) {
    groupStart[g] = members.length;
    members.push(...group);
    g += 1;
  }
  groupStart[g] = members.length;
  return { seconds, groupStart, members: Int32Array.from(members) };
}

/** `stamp[id] === mark`: term `id` is among the message's keys (a new mark per call, nothing to clear). */
let stamp = new Int32Array(1024);
let mark = 0;

/** Worked out once per index (the model's indexes live as long as the model). */
const compiledCache = new WeakMap<PhraseIndex, CompiledIndex>();

function compiledOf(index: PhraseIndex): CompiledIndex {
  let c = compiledCache.get(index);
  if (c === undefined) {
    const idOf = internTerm;
    const byFirst: FirstTermPhrases[] = [];
    for (const [key, phrases] of index) {
      const start = new Int32Array(phrases.length + 1);
      const terms: number[] = [];
      phrases.forEach((p, o) => {
        start[o] = terms.length;
        for (const t of p.terms) terms.push(idOf(t));
      });
      start[phrases.length] = terms.length;
      const second = Int32Array.from(phrases, (p, o) => (p.terms.length > 1 ? (terms[(start[o] ?? 0) + 1] ?? -1) : -1));
      byFirst[idOf(key)] = { phrases, terms: Int32Array.from(terms), start, ...groupBySecond(second) };
    }
    c = { byFirst: Array.from({ length: TERM_IDS.size }, (_, i) => byFirst[i]) };
    compiledCache.set(index, c);
  }
  return c;
}

/** Reused per call: each token's keys as ids of the index (-1: not a term of it), and where each token's run starts. */
let keyIds = new Int32Array(256);
let keyStart = new Int32Array(65);
/**
 * Session 30: the message ({@link keysPresent} of its tokens) whose keys `keyIds`, `keyStart` and the
 * stamps at `mark` hold now, and the term generation they were worked out at. The scope's phrases and
 * the rules are looked up in the same message one after the other: the second call reads the first's
 * layout instead of laying the same keys out again.
 */
let laidOut: MessageKeys | undefined;
let laidOutAt = -1;

/**
 * Finds every phrase of an index in the tokens. Each token's keys are looked up in the index, so
 * the cost grows with the message, not the lexicon. Later words may sit up to `gap` words apart;
 * a phrase never crosses a sentence end and never uses masked words.
 */
export function findPhrases(tokens: readonly Token[], index: PhraseIndex, useMasked = false, present: ReadonlySet<string> = keysPresent(tokens)): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const { byFirst } = compiledOf(index);
  const n = tokens.length;
  // The message's keys made from the same tokens (keysPresent): stamped with the tokens' ids below.
  const fromTokens = present instanceof MessageKeys && present.tokens === tokens;
  if (!fromTokens || laidOut !== present || laidOutAt !== generation) layOut(tokens, fromTokens ? undefined : present);
  laidOut = fromTokens ? (present as MessageKeys) : undefined;
  laidOutAt = generation;
  for (let i = 0; i < n; i += 1) {
    const t = tokens[i];
    if (!t || (t.masked && !useMasked)) continue;
    for (let q = keyStart[i] ?? 0, qEnd = keyStart[i + 1] ?? 0; q < qEnd; q += 1) {
      const first = keyIds[q] ?? -1;
      const entry = first >= 0 ? byFirst[first] : undefined;
      if (entry === undefined) continue;
      const { phrases, terms, start, seconds, groupStart, members } = entry;
      // This first term's matches, found group by group and then put in the index's order (`matchedAt[m]`: match m's phrase).
      const from = found.length;
      for (let g = 0; g < seconds.length; g += 1) {
        // Cheap filter first: every term of the phrase must occur somewhere in the message (the
        // second, read once for the phrases that share it, rules most out).
        const s = seconds[g] ?? -1;
        if (s >= 0 && stamp[s] !== mark) continue;
        for (let e = groupStart[g] ?? 0, eEnd = groupStart[g + 1] ?? 0; e < eEnd; e += 1) {
          const o = members[e] ?? 0;
          const phrase = phrases[o];
          if (phrase === undefined) continue;
          const a = start[o] ?? 0;
          const length = (start[o + 1] ?? 0) - a;
          let all = true;
          for (let k = 2; k < length && all; k += 1) all = stamp[terms[a + k] ?? 0] === mark;
          if (!all) continue;
          let pos = i;
          let fuzzy = t.fuzzy;
          let ok = true;
          for (let k = 1; k < length && ok; k += 1) {
            const term = terms[a + k] ?? -1;
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
          if (ok) {
            matchedAt[found.length - from] = o;
            found.push({ phrase, first: i, last: pos, fuzzy });
          }
        }
      }
      if (found.length - from > 1) inIndexOrder(found, from);
    }
  }
  return found;
}

/** Per first term in {@link findPhrases}: the index (within its first term's phrases) of each match found, in finding order. */
const matchedAt: number[] = [];

/**
 * Puts `found[from…]`, one first term's matches found group by group, back in the order of their phrases in the index
 * (`matchedAt`), as a walk of the phrases one by one finds them. Few messages match more than one phrase of a first term.
 */
function inIndexOrder(found: PhraseMatch[], from: number): void {
  // Session 39: an insertion sort in place, `matchedAt` moved with the matches (no index array, closure or copy; a first
  // term's phrases are each found once, so no two keys are equal and the order is the one a sort gave).
  const count = found.length - from;
  for (let m = 1; m < count; m += 1) {
    const match = found[from + m] as PhraseMatch;
    const at = matchedAt[m] ?? 0;
    let j = m - 1;
    for (; j >= 0 && (matchedAt[j] ?? 0) > at; j -= 1) {
      found[from + j + 1] = found[from + j] as PhraseMatch;
      matchedAt[j + 1] = matchedAt[j] ?? 0;
    }
    found[from + j + 1] = match;
    matchedAt[j + 1] = at;
  }
}

/**
 * Lays a message's keys out for {@link findPhrases}: a new stamp mark, each key present stamped (from
 * `present` when given, else from the tokens' own ids), and every token's keys as ids in `keyIds`
 * (a token's keys are read again for each later term of a phrase).
 */
function layOut(tokens: readonly Token[], present: ReadonlySet<string> | undefined): void {
  if (stamp.length < TERM_IDS.size) stamp = new Int32Array(2 * TERM_IDS.size);
  if (mark >= 0x7fffffff) {
    stamp.fill(0);
    mark = 0;
  }
  mark += 1;
  if (present !== undefined)
    for (const k of present) {
      const id = TERM_IDS.get(k);
      if (id !== undefined) stamp[id] = mark;
    }
  const n = tokens.length;
  if (keyStart.length < n + 1) keyStart = new Int32Array(2 * n + 1);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    keyStart[i] = total;
    const t = tokens[i];
    if (t === undefined) continue;
    const keys = t.keys;
    if (keyIds.length < total + keys.length) {
      const grown = new Int32Array(2 * (total + keys.length));
      grown.set(keyIds.subarray(0, total));
      keyIds = grown;
    }
    const known = t.termIds;
    if (known !== undefined && known.generation === generation && known.ids.length === keys.length) {
      // (A loop: TypedArray.set costs more than a word's few keys.)
      const from = known.ids;
      for (let q = 0; q < from.length; q += 1) keyIds[total++] = from[q] ?? -1;
    } else for (const k of keys) keyIds[total++] = TERM_IDS.get(k) ?? -1;
    if (present === undefined)
      for (let q = keyStart[i] ?? 0; q < total; q += 1) {
        const id = keyIds[q] ?? -1;
        if (id >= 0) stamp[id] = mark;
      }
  }
  keyStart[n] = total;
}
