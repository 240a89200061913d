/**
 * Tolerant matching of a child's answers against phrase lists from content: case, Unicode
 * compatibility forms, zero-width characters, apostrophes, stretched letters ("byeeee") and one
 * typo in longer words are all forgiven. Pure; phrases are compiled once per machine.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const RUN_OF_THREE = /(.)\1{2,}/u;

/** Lower-cased, NFKC, apostrophes removed, everything that is not a letter or digit turned into a space. */
export function normalise(text: string): string {
  const ascii = asciiTokens(text);
  return ascii !== undefined ? ascii.join(' ') : normaliseUnicode(text);
}

function normaliseUnicode(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text, normalised. */
export function tokens(text: string): string[] {
  const ascii = asciiTokens(text);
  if (ascii !== undefined) return ascii;
  const n = normaliseUnicode(text);
  return n === '' ? [] : n.split(' ');
}

/**
 * {@link tokens} in one pass for plain ASCII text (most messages), or `undefined` at the first
 * other character. For ASCII, NFKC and the zero-width characters change nothing, the letters and
 * digits are [A-Za-z0-9] and the apostrophes ' and `, so the words are the same as the general path's.
 * Each character read by `String.prototype.charCodeAt.call`, not `text.charCodeAt`: the texts come as
 * strings of many representations inside V8 (sliced, joined, internalised), which made each method
 * look-up a megamorphic one; the function itself TurboFan knows and inlines for any string. Session 45:
 * ~2,900 instructions a turn fewer than session 44's regular expressions (`RegExpMatchFast` and the
 * global match's runtime part).
 */
function asciiTokens(text: string): string[] | undefined {
  const out: string[] = [];
  const lower = text.toLowerCase();
  let word = ''; // the current word's pieces before an apostrophe
  let start = -1; // where the current run of letters and digits began, or -1
  const length = lower.length;
  for (let i = 0; i < length; i++) {
    // Checked on the text itself: a few other characters lower-case to ASCII (the Kelvin sign).
    if (String.prototype.charCodeAt.call(text, i) > 0x7f) return undefined;
    const c = String.prototype.charCodeAt.call(lower, i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (start < 0) start = i;
    } else if (c === 0x27 || c === 0x60) {
      // An apostrophe is dropped: "I'd" is one word, "id".
      if (start >= 0) word += lower.slice(start, i);
      start = -1;
    } else {
      if (start >= 0) word += lower.slice(start, i);
      if (word !== '') out.push(word);
      word = '';
      start = -1;
    }
  }
  if (start >= 0) word += lower.slice(start);
  if (word !== '') out.push(word);
  return out;
}

function squeeze(word: string): string {
  return word.replace(/(.)\1+/gu, '$1');
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    edits++;
    if (edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Does a word the child typed stand for a word in a phrase? */
export function sameWord(typed: string, expected: string): boolean {
  if (typed === expected) return true;
  // Stretched letters only count when the child actually stretched a word ("byeee", "nooo").
  if (RUN_OF_THREE.test(typed) && squeeze(typed) === squeeze(expected)) return true;
  // One typo, only in longer words, where a slip cannot turn one common word into another.
  return expected.length >= 5 && typed.length >= 5 && withinOneEdit(typed, expected);
}

/** How many words a {@link Vocabulary} remembers having read. */
const MEMO_SIZE = 4096;

/** A compiled phrase list: each phrase as its words, indexed by first word. */
export interface PhraseList {
  readonly phrases: readonly (readonly string[])[];
  readonly byFirst: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** The list's number, in the order lists were compiled: where {@link FoundLists} keeps whether it was found. */
  readonly number: number;
}

/** How many lists have been compiled (each list's number is the count before it). */
let listsCompiled = 0;

/** Compile phrases once. Empty phrases are dropped. */
export function compile(phrases: readonly string[]): PhraseList {
  const list = phrases.map(tokens).filter((p) => p.length > 0);
  const byFirst = new Map<string, (readonly string[])[]>();
  for (const p of list) {
    const first = p[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), p]);
  }
  return { phrases: list, byFirst, number: listsCompiled++ };
}

/**
 * The lists of a {@link Vocabulary} found in a reading ({@link Vocabulary.found}): one bit a list, by the list's
 * number, so asking about a list is an array read (a message's reader asks about a couple of hundred lists).
 */
export class FoundLists {
  constructor(
    private readonly bits: readonly number[],
    /** The smallest number of the vocabulary's lists: bit 0. */
    private readonly first: number,
  ) {}

  /** Whether a phrase of the list was found (never, for a list the vocabulary does not hold). */
  has(list: PhraseList): boolean {
    const at = list.number - this.first;
    return at >= 0 && hasBit(this.bits, at);
  }

  /** The lists found here or in `other` (another reading's, by the same vocabulary): this one when they are the same. */
  or(other: FoundLists): FoundLists {
    if (other === this) return this;
    const bits: number[] = [];
    for (let i = 0; i < this.bits.length; i++) bits.push((this.bits[i] ?? 0) | (other.bits[i] ?? 0));
    return new FoundLists(bits, this.first);
  }
}

/** A phrase of a list, indexed by its first word, with the list's bit in the vocabulary's {@link FoundLists}. */
interface Start {
  readonly at: number;
  readonly phrase: readonly string[];
}

/** Set a list's bit. */
function setBit(bits: number[], at: number): void {
  bits[at >> 5] = (bits[at >> 5] ?? 0) | (1 << (at & 31));
}

/** Whether a list's bit is set (a bit past the end is unset). */
function hasBit(bits: readonly number[], at: number): boolean {
  return ((bits[at >> 5] ?? 0) & (1 << (at & 31))) !== 0;
}

/** For each word of a message, the phrase words it may stand for (itself included). */
export type Reading = readonly ReadonlySet<string>[];

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * Every word of every phrase list, indexed so that reading a message costs a few map lookups per
 * word instead of a comparison with every phrase: stretched forms by their squeezed spelling,
 * and typos through a one-deletion index (candidates are then confirmed with `sameWord`).
 */
export class Vocabulary {
  private readonly squeezed = new Map<string, string[]>();
  private readonly oneEdit = new Map<string, string[]>();
  /**
   * Every phrase of every list by its first word and then its second, so one pass over a message finds
   * them all and a word only tries the phrases whose second word also follows it ("i" starts hundreds
   * of phrases; "i sent" a few). One-word phrases match on their first word alone.
   */
  private readonly starts = new Map<string, { readonly single: Start[]; readonly bySecond: Map<string, Start[]> }>();
  /** Every word of every phrase: the only words worth remembering (see {@link readWord}). */
  private readonly phraseWords = new Set<string>();

  /** The smallest number of its lists (bit 0 of a {@link FoundLists}). */
  private readonly firstList: number;
  /** A zero for each 32-bit word that holds the lists' bits: what {@link found} copies to start from. */
  private readonly noHits: readonly number[];

  /**
   * `isWord`: whether a typed word is a word of the language in its own right (the English word
   * list, for example). Such a word, or a word of the phrases themselves, is taken as typed and never
   * as a typo of another ("nobody cares" is not "nobody carer", which named a parent).
   */
  constructor(lists: readonly PhraseList[], private readonly isWord: (word: string) => boolean = () => false) {
    // The lists of one analyser are compiled one after another, so their numbers are a short run.
    let first = Infinity;
    let last = -1;
    for (const list of lists) {
      first = Math.min(first, list.number);
      last = Math.max(last, list.number);
    }
    this.firstList = lists.length === 0 ? 0 : first;
    const bitWords = lists.length === 0 ? 0 : ((last - first) >> 5) + 1;
    const noHits: number[] = [];
    for (let i = 0; i < bitWords; i++) noHits.push(0);
    this.noHits = noHits;
    for (const list of lists) {
      const at = list.number - this.firstList;
      for (const phrase of list.phrases) {
        const first = phrase[0] ?? '';
        let entry = this.starts.get(first);
        if (entry === undefined) {
          entry = { single: [], bySecond: new Map() };
          this.starts.set(first, entry);
        }
        const second = phrase[1];
        if (second === undefined) entry.single.push({ at, phrase });
        else {
          const bucket = entry.bySecond.get(second);
          if (bucket) bucket.push({ at, phrase });
          else entry.bySecond.set(second, [{ at, phrase }]);
        }
        for (const word of phrase) {
          this.phraseWords.add(word);
          push(this.squeezed, squeeze(word), word);
          if (word.length >= 5) {
            push(this.oneEdit, word, word);
            for (const d of deletions(word)) push(this.oneEdit, d, word);
          }
        }
      }
    }
  }

  /** The lists with a phrase anywhere in this reading. */
  found(reading: Reading): FoundLists {
    // 32 lists a number; a plain array of them (a typed array costs more to make than a dozen numbers do).
    // A copy of a list of zeros of the right length: made at its size (pushes onto [] would make room for 16).
    const hits = this.noHits.slice();
    for (let at = 0; at < reading.length; at++) {
      const words = reading[at];
      if (words === undefined) continue;
      const next = reading[at + 1];
      for (const word of words) {
        const entry = this.starts.get(word);
        if (entry === undefined) continue;
        for (const start of entry.single) setBit(hits, start.at);
        if (next === undefined) continue;
        for (const second of next) {
          const bucket = entry.bySecond.get(second);
          if (bucket === undefined) continue;
          // (The phrase's first two words are `word` and `second`, here and next: only its later words are left to check.)
          for (const start of bucket) if (!hasBit(hits, start.at) && startsAt(reading, at, start.phrase, 2)) setBit(hits, start.at);
        }
      }
    }
    return new FoundLists(hits, this.firstList);
  }

  /** Read a message's words once; `containsAny` and friends then only look up sets. */
  read(words: readonly string[]): Reading {
    const out: ReadonlySet<string>[] = [];
    for (const typed of words) out.push(this.readWord(typed));
    return out;
  }

  /**
   * Words already read, with what they stand for: children reuse the same few hundred answer
   * words, and reading one costs a dozen look-ups. Only words of the vocabulary itself, or a
   * stretch or typo of one, are remembered: those are the content's words, not the child's. A
   * name, a place or anything else a child types is never kept beyond its own message (the memo
   * is shared by every conversation and outlives a deleted chat). Bounded; emptied when full.
   */
  private readonly memo = new Map<string, ReadonlySet<string>>();

  /** How many words are remembered (for tests). */
  get rememberedWords(): number {
    return this.memo.size;
  }

  /** The phrase words one typed word may stand for: itself, a stretched spelling, or one typo away. */
  private readWord(typed: string): ReadonlySet<string> {
    const known = this.memo.get(typed);
    if (known !== undefined) return known;
    const found = this.lookUp(typed);
    if (found.size > 1 || this.phraseWords.has(typed)) {
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      this.memo.set(typed, found);
    }
    return found;
  }

  private lookUp(typed: string): ReadonlySet<string> {
    const found = new Set<string>([typed]);
    if (RUN_OF_THREE.test(typed)) for (const w of this.squeezed.get(squeeze(typed)) ?? []) if (sameWord(typed, w)) found.add(w);
    if (typed.length >= 5 && !this.phraseWords.has(typed) && !this.isWord(typed)) {
      this.addOneEdit(typed, typed, found);
      for (let i = 0; i < typed.length; i++) this.addOneEdit(typed, typed.slice(0, i) + typed.slice(i + 1), found);
    }
    return found;
  }

  private addOneEdit(typed: string, key: string, found: Set<string>): void {
    const candidates = this.oneEdit.get(key);
    if (candidates === undefined) return;
    for (const w of candidates) if (sameWord(typed, w)) found.add(w);
  }
}

/** Whether the phrase is in the reading at `at`; its first `known` words are known to be there already. */
function startsAt(reading: Reading, at: number, phrase: readonly string[], known = 0): boolean {
  if (at + phrase.length > reading.length) return false;
  for (let k = known; k < phrase.length; k++) {
    const p = phrase[k];
    if (p === undefined || reading[at + k]?.has(p) !== true) return false;
  }
  return true;
}

/** True when the message begins with one of the phrases. */
export function startsWithAny(reading: Reading, list: PhraseList): boolean {
  const first = reading[0];
  if (first === undefined) return false;
  for (const word of first) {
    const phrases = list.byFirst.get(word);
    if (phrases === undefined) continue;
    for (const phrase of phrases) if (startsAt(reading, 0, phrase)) return true;
  }
  return false;
}

/** True when any phrase appears, word for word, anywhere in the message. */
export function containsAny(reading: Reading, list: PhraseList): boolean {
  for (let at = 0; at < reading.length; at++) {
    for (const word of reading[at] ?? []) {
      for (const phrase of list.byFirst.get(word) ?? []) if (startsAt(reading, at, phrase)) return true;
    }
  }
  return false;
}

/**
 * True when the whole message is one of the phrases, allowing filler words around it
 * ("ok bye thanks"). Used for "stop" and "bye", which only close a chat when said on their own.
 */
export function isWholeMessage(reading: Reading, list: PhraseList, fillers: PhraseList): boolean {
  return isWhole(withoutFillers(reading, fillers), list);
}

/** True when a reading with its fillers already taken off ({@link withoutFillers}) is exactly one of the phrases. */
export function isWhole(rest: Reading, list: PhraseList): boolean {
  const first = rest[0];
  if (first === undefined) return false;
  // Only the phrases that start with a word the first word may stand for (`byFirst`), not every phrase
  // of the list: a phrase that matches the whole reading starts there, so the answer is the same.
  for (const word of first) {
    const phrases = list.byFirst.get(word);
    if (phrases === undefined) continue;
    for (const p of phrases) if (p.length === rest.length && startsAt(rest, 0, p)) return true;
  }
  return false;
}

/** The reading without filler phrases at either end (never down to nothing), as {@link isWholeMessage} uses it. */
export function withoutFillers(reading: Reading, fillers: PhraseList): Reading {
  let rest = reading;
  let changed = true;
  let guard = 0;
  while (changed && rest.length > 0 && guard++ < 20) {
    changed = false;
    for (const f of fillers.phrases) {
      if (startsAt(rest, 0, f) && rest.length > f.length) {
        rest = rest.slice(f.length);
        changed = true;
      } else if (rest.length > f.length && startsAt(rest, rest.length - f.length, f)) {
        rest = rest.slice(0, rest.length - f.length);
        changed = true;
      }
    }
  }
  return rest;
}

/** The first id whose phrases appear in the message, in the order given. */
export function firstMatch<Id extends string>(
  reading: Reading,
  lists: readonly { readonly id: Id; readonly phrases: PhraseList }[],
): Id | undefined {
  for (const { id, phrases } of lists) if (containsAny(reading, phrases)) return id;
  return undefined;
}
