/**
 * Turns a child's exact message into plain lower-case words while remembering, for every word,
 * where it came from in the original text (UTF-16 offsets), so evidence always quotes the child's
 * own words. Handles case, Unicode compatibility forms (NFKD + accents dropped, like NFKC for
 * matching), zero-width and look-alike characters, stretched letters, leetspeak, spaced-out
 * letters ("s e n d  p i c s") and text-speak ("u", "sum1", "2nite").
 */

import type { WordKeys } from './vocabulary.js';
import type { WelshEntry, WelshReader } from './welsh.js';

/** One normalised word. `start`/`end` index the ORIGINAL text. */
export interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Sentence number inside the message (split at . ! ? and new lines). */
  readonly sentence: number;
  /** Inside quotation marks: someone else's words reported by the child. */
  readonly quoted: boolean;
}

/** What the normaliser needs to know about the vocabulary. */
export interface Vocabulary {
  /** Text-speak short form → plain words. */
  readonly expansions: ReadonlyMap<string, readonly string[]>;
  /** Whether a word is one the lexicon, text-speak list or common-word list knows. */
  isKnown(word: string): boolean;
  /** Optional memo of {@link resolveWord} for this vocabulary (same result, faster). */
  resolve?(raw: string): readonly string[];
  /** Session 23: Welsh words and phrases read as English (content/cy-GB/welsh-words.yaml). */
  readonly welsh?: WelshReader;
  /**
   * Session 24, optional: everything about one raw piece in one memo read (its Welsh entry, its
   * plain words as {@link resolve} gives them, and their match keys), where each was a read of its own.
   */
  piece?(raw: string): PieceReading;
  /** The match keys of a plain word (needed with {@link readWords}' keys). */
  keysOf?(word: string): WordKeys;
}

/** One raw piece read once (see {@link Vocabulary.piece}). */
export interface PieceReading {
  readonly words: readonly string[];
  /** `keys[k]`: the match keys of `words[k]`. */
  readonly keys: readonly WordKeys[];
  /** The Welsh reader's entry for the piece as typed, if any. */
  readonly welsh: WelshEntry | undefined;
}

// Characters that look like Latin letters (Cyrillic, Greek and a few symbols) → the Latin letter.
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ς: 's',
  '€': ' euros ', '£': ' pounds ', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th',
};
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '8': 'b' };
const ASCII = /^[\x20-\x7e\t\n\r]*$/;
const QUOTES = new Set(['"', '“', '”', '„', '«', '»', '‘', '’', "'", '`', '‹', '›']);
const SENTENCE_END = new Set(['.', '!', '?', '\n', '\r', '…', ';']);
const SPACING_JOINERS = new Set([' ', '.', '-', '_', '*', '·', '/', '|', '+']);

interface Piece { text: string; start: number; end: number; gapBefore: string }

/**
 * Session 32: a few emoji children type in place of a word, read as that word (padded with spaces, so
 * it is a word of its own; evidence quotes the emoji). Only emoji whose meaning in a chat is steady:
 * "he sent a 🍆 and asked for a 📸 back", "whats ur 🏠 number", "he said 🤐 about the robux". Looked up
 * only for characters outside the Basic Multilingual Plane (every emoji here is one), so other text
 * pays nothing.
 */
const EMOJI_WORDS: ReadonlyMap<number, string> = new Map([
  [0x1f346, 'dick'], // 🍆
  [0x1f351, 'bum'], // 🍑
  [0x1f459, 'bikini'], // 👙
  [0x1f4f8, 'photo'], // 📸
  [0x1f4f7, 'photo'], // 📷
  [0x1f933, 'selfie'], // 🤳
  [0x1f3e0, 'house'], // 🏠
  [0x1f3e1, 'house'], // 🏡
  [0x1f4cd, 'location'], // 📍
  [0x1f92b, 'keep quiet'], // 🤫
  [0x1f910, 'keep quiet'], // 🤐
  [0x1f697, 'car'], // 🚗
  [0x1f51e, 'nsfw'], // 🔞
  [0x1f602, 'lol'], // 😂
  [0x1f923, 'lol'], // 🤣
]);

/** Lower-case, decompose, drop accents / zero-width characters, map look-alikes; keep an offset map (none: one to one). */
function foldCharacters(text: string): { folded: string; from: number[] | undefined; to: number[] | undefined } {
  // Fast path: plain ASCII folds to itself, one character each (no offset map needed: i → [i, i+1)).
  if (ASCII.test(text)) return { folded: text.toLowerCase(), from: undefined, to: undefined };
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + len);
    let out: string;
    if (cp < 0x80) out = ch.toLowerCase();
    else if (/\p{Cf}/u.test(ch) || cp === 0x00ad) out = ''; // zero-width joiners, soft hyphens, bidi marks
    else if (len === 2 && EMOJI_WORDS.has(cp)) out = ` ${EMOJI_WORDS.get(cp) ?? ''} `;
    else {
      const lower = ch.toLowerCase();
      out = CONFUSABLES[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      let mapped = '';
      for (const c of out) mapped += CONFUSABLES[c] ?? c;
      out = mapped;
    }
    for (let k = 0; k < out.length; k += 1) {
      folded += out[k];
      from.push(i);
      to.push(i + len);
    }
    i += len;
  }
  return { folded, from, to };
}

const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
/** The same by UTF-16 code. */
const isLetterCode = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isAlnumCode = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const AT = 0x40;
const DOLLAR = 0x24;
const BANG = 0x21;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

/** Contractions that become their own word; "n't" and "'s" stay joined ("dont", "hes") for text-speak. */
const CONTRACTIONS: Readonly<Record<string, string>> = { re: 'are', ll: 'will', ve: 'have', m: 'am', d: 'would' };

/** The letters from `i` to the end of the word. */
function suffixAt(folded: string, i: number): string {
  let j = i;
  while (isLetter(folded[j])) j += 1;
  return folded.slice(i, j);
}

/** Where folded character `i` came from (`map` undefined: one to one, as in plain ASCII). */
function offsetAt(map: number[] | undefined, i: number, n: number, plus: number): number | undefined {
  return map === undefined ? (i < n ? i + plus : undefined) : map[i];
}

/**
 * Split folded text into raw pieces (letters, digits, and @ $ ! inside words); apostrophes inside words vanish.
 * Session 24: while a piece's characters are one run of `folded` (no apostrophe dropped), only where
 * the run starts and ends is kept (`runFrom`, `runTo`) and the piece is sliced once at its end,
 * instead of a new string per character; `cur` holds it from the first dropped apostrophe on. No
 * closures: tsx (the bench, the tests) wraps every named one in a name-setting call. Session 32: characters
 * compared by code (`charCodeAt`), not as one-letter strings; the character itself is read only for a gap.
 */
function splitPieces(folded: string, fromMap: number[] | undefined, toMap: number[] | undefined): Piece[] {
  const n = folded.length;
  const pieces: Piece[] = [];
  let gap = '';
  let cur = '';
  let runFrom = -1;
  let runTo = -1;
  let curStart = -1;
  let curEnd = -1;
  for (let i = 0; i <= n; i += 1) {
    const empty = runFrom < 0 && cur === '';
    if (i < n) {
      // (Never read past either end: -1 is no letter.)
      const c = folded.charCodeAt(i);
      const prev = i > 0 ? folded.charCodeAt(i - 1) : -1;
      const next = i + 1 < n ? folded.charCodeAt(i + 1) : -1;
      const inWordSymbol = (c === AT || c === DOLLAR || c === BANG) && !empty && isLetterCode(next);
      const leadingSymbol = (c === AT || c === DOLLAR) && empty && isLetterCode(next) && i + 2 < n && isLetterCode(folded.charCodeAt(i + 2));
      const apostrophe = (c === APOSTROPHE || c === RIGHT_QUOTE) && isLetterCode(prev) && isLetterCode(next) && !empty;
      const contraction = apostrophe ? CONTRACTIONS[suffixAt(folded, i + 1)] : undefined;
      if (contraction !== undefined) {
        // "we're" → "we" + "are": the second word points at the apostrophe and its letters.
        const suffix = suffixAt(folded, i + 1);
        if (!empty) {
          pieces.push({ text: runFrom >= 0 ? folded.slice(runFrom, runTo) : cur, start: curStart, end: curEnd, gapBefore: gap });
          gap = '';
        }
        cur = '';
        runFrom = -1;
        pieces.push({ text: contraction, start: offsetAt(fromMap, i, n, 0) ?? 0, end: offsetAt(toMap, i + suffix.length, n, 1) ?? 0, gapBefore: '' });
        i += suffix.length;
        continue;
      }
      if (isAlnumCode(c) || inWordSymbol || leadingSymbol) {
        if (empty) curStart = offsetAt(fromMap, i, n, 0) ?? 0;
        if (runFrom >= 0 && runTo === i) runTo = i + 1;
        else if (empty) {
          runFrom = i;
          runTo = i + 1;
        } else {
          cur = (runFrom >= 0 ? folded.slice(runFrom, runTo) : cur) + folded.charAt(i);
          runFrom = -1;
        }
        curEnd = offsetAt(toMap, i, n, 1) ?? 0;
        continue;
      }
      if (apostrophe) {
        curEnd = offsetAt(toMap, i, n, 1) ?? curEnd;
        continue;
      }
    }
    // The piece ends here (a gap character, or the end of the text).
    if (!empty) {
      pieces.push({ text: runFrom >= 0 ? folded.slice(runFrom, runTo) : cur, start: curStart, end: curEnd, gapBefore: gap });
      gap = '';
    }
    cur = '';
    runFrom = -1;
    if (i < n) gap += folded.charAt(i);
  }
  return pieces;
}

const TIME_OR_NUMBER = /^\d+(?:am|pm|th|st|nd|rd|yo|yrs?|k|p|s)?$/;
/**
 * Session 34: a name with a number after it ("life360", "xbox360", "fifa23", "iphone15"): three letters or more, then two
 * digits or more, is a product or a year, not leetspeak (was read "lifee6o", and the phrase life360 never matched).
 */
const NAME_AND_NUMBER = /^[a-z]{3,}\d{2,}$/;

function collapseRuns(word: string, keep: number): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < word.length; i += 1) {
    run = word[i] === word[i - 1] ? run + 1 : 1;
    if (run <= keep) out += word[i];
  }
  return out;
}

/** Plain word(s) for one raw piece: text-speak, leetspeak and stretched letters resolved. */
export function resolveWord(raw: string, vocab: Vocabulary): readonly string[] {
  const direct = vocab.expansions.get(raw);
  if (direct) return direct;
  let w = raw;
  if (/[0-9@$!]/.test(w) && /[a-z]/.test(w) && !TIME_OR_NUMBER.test(w) && !NAME_AND_NUMBER.test(w)) {
    let leet = '';
    for (const c of w) leet += LEET[c] ?? c;
    w = leet.replace(/[^a-z0-9]/g, '');
    const ex = vocab.expansions.get(w);
    if (ex) return ex;
  }
  if (/(.)\1\1/.test(w)) {
    const two = collapseRuns(w, 2);
    const one = collapseRuns(w, 1);
    w = vocab.isKnown(two) ? two : vocab.isKnown(one) || vocab.expansions.has(one) ? one : two;
    const ex = vocab.expansions.get(w);
    if (ex) return ex;
  }
  return [w];
}

/** Best split of a run of spaced-out letters into known words, or undefined. */
function segment(letters: string, vocab: Vocabulary): string[] | undefined {
  const n = letters.length;
  const best: (string[] | undefined)[] = new Array<string[] | undefined>(n + 1).fill(undefined);
  best[0] = [];
  for (let i = 1; i <= n; i += 1) {
    for (let j = Math.max(0, i - 14); j < i; j += 1) {
      const prev = best[j];
      const piece = letters.slice(j, i);
      if (prev === undefined) continue;
      if (!(vocab.isKnown(piece) || vocab.expansions.has(piece))) continue;
      const cand = [...prev, piece];
      const cur = best[i];
      if (cur === undefined || cand.length < cur.length) best[i] = cand;
    }
  }
  return best[n];
}

/** How many of pieces[i, j) are neither a known word nor text-speak. */
function countMeaningless(pieces: readonly Piece[], i: number, j: number, vocab: Vocabulary): number {
  let n = 0;
  for (let k = i; k < j; k += 1) {
    const p = pieces[k];
    if (p && !vocab.isKnown(p.text) && !vocab.expansions.has(p.text)) n += 1;
  }
  return n;
}

/** Two letters with a slash between that stand for a word: "w/o" (without). */
const SLASH_WORDS: Readonly<Record<string, string>> = { wo: 'without' };

/** Join runs of single letters ("s e n d  p i c s", "n.u.d.e.s") back into words. */
function joinSpacedLetters(pieces: Piece[], vocab: Vocabulary): Piece[] {
  // Session 32: without two single letters side by side there is nothing to join (most messages).
  let pairs = false;
  for (let i = 1; i < pieces.length && !pairs; i += 1) pairs = pieces[i]?.text.length === 1 && pieces[i - 1]?.text.length === 1;
  if (!pairs) return pieces;
  const out: Piece[] = [];
  let i = 0;
  while (i < pieces.length) {
    let j = i;
    while (
      j < pieces.length &&
      (pieces[j]?.text.length ?? 0) === 1 &&
      (j === i || ((pieces[j]?.gapBefore.length ?? 9) <= 2 && [...(pieces[j]?.gapBefore ?? '')].every((c) => SPACING_JOINERS.has(c))))
    )
      j += 1;
    // Session 27: two letters joined by a slash that children write for a word ("send one w/o the hoodie").
    const slashed = j - i === 2 && pieces[i + 1]?.gapBefore === '/' ? SLASH_WORDS[`${pieces[i]?.text ?? ''}${pieces[i + 1]?.text ?? ''}`] : undefined;
    const a = pieces[i];
    const b = pieces[i + 1];
    if (slashed !== undefined && a && b) {
      out.push({ text: slashed, start: a.start, end: b.end, gapBefore: a.gapBefore });
      i = j;
      continue;
    }
    // Only a run of mostly meaningless single letters is a spaced-out word ("s e n d", not "u r a").
    // (Counted only for runs of three or more: most pieces are whole words, runs of none.)
    if (j - i >= 3 && countMeaningless(pieces, i, j, vocab) * 2 >= j - i) {
      // Split the run where the gap is wider than the others (double space), then segment each part.
      const run = pieces.slice(i, j);
      const groups: Piece[][] = [[]];
      for (const [k, p] of run.entries()) {
        if (k > 0 && p.gapBefore.length >= 2 && p.gapBefore.trim() === '') groups.push([]);
        groups[groups.length - 1]?.push(p);
      }
      for (const g of groups) {
        const letters = g.map((p) => p.text).join('');
        const first = g[0];
        const last = g[g.length - 1];
        if (!first || !last) continue;
        const words = vocab.isKnown(letters) ? [letters] : segment(letters, vocab);
        if (words === undefined || g.length < 3) {
          // Not a spaced-out word after all ("u r a"): keep the letters as they were.
          out.push(...g);
          continue;
        }
        let k = 0;
        for (const [wi, w] of words.entries()) {
          const a = g[k];
          const b = g[k + w.length - 1];
          if (a && b) out.push({ text: w, start: a.start, end: b.end, gapBefore: wi === 0 ? first.gapBefore : ' ' });
          k += w.length;
        }
      }
      i = j;
    } else {
      const p = pieces[i];
      if (p) out.push(p);
      i += 1;
    }
  }
  return out;
}

/**
 * In a clearly Welsh message, an apostrophe left out as a space ("mae o n gwybod", "mae r") leaves
 * "n" or "r" on its own: it is joined back to the word before it, as "o'n" and "mae'r" would be.
 */
function joinWelshEndings(pieces: Piece[], welsh: WelshReader): Piece[] {
  // (Session 32: a loop, not a closure per message, for the first test, which most messages fail.)
  let ending = false;
  for (let i = 0; i < pieces.length && !ending; i += 1) ending = pieces[i]?.text === 'n' || pieces[i]?.text === 'r';
  if (!ending || !pieces.some((p) => welsh.entries.get(p.text)?.marker === true)) return pieces;
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (p.text === 'n' || p.text === 'r') && p.gapBefore === ' ' && welsh.entries.has(prev.text + p.text))
      out[out.length - 1] = { ...prev, text: prev.text + p.text, end: p.end };
    else out.push(p);
  }
  return out;
}

/** Who or what "sept" hands over to when it stands for send or sent: "sept me a pic", "he sept her one". */
const SEPT_OBJECTS = new Set(['me', 'u', 'you', 'ya', 'him', 'her', 'us', 'them', 'em', 'a', 'an', 'one', 'some', 'sum', 'pics', 'pic', 'pix', 'nudes', 'photos', 'my', 'ur', 'your', 'it', 'this', 'that', 'more']);
/** Words after which "sept" is the month: "in sept a man…", "since sept", "5 sept". */
const SEPT_MONTH_BEFORE = new Set(['in', 'of', 'since', 'until', 'till', 'til', 'from', 'by', 'last', 'next', 'early', 'late', 'mid', 'this', 'end', 'before', 'after', 'on', 'during', 'jan', 'feb', 'aug', 'oct', 'nov', 'dec', 'and', 'or', 'to']);
/** Words before "sept" that make it a past "sent" ("he sept me"); otherwise the request "send" ("sept me a pic"). */
const SEPT_SUBJECTS = new Set(['he', 'she', 'they', 'i', 'we', 'someone', 'somebody', 'sum1', 'man', 'guy', 'boy', 'girl', 'who', 'already', 'just', 'hes', 'shes', 'had', 'has', 'have']);

/**
 * Session 29: "sept" is a month and is never respelt as a word on its own, but with someone or a picture handed
 * over just after it ("sept me a pic", "he sept her nudes") and no word before it that makes it a date ("in sept",
 * "5 sept"), a child typed send or sent. Returns the word read, or undefined for the month.
 */
function septAsSend(before: string | undefined, after: string | undefined): string | undefined {
  if (after === undefined || !SEPT_OBJECTS.has(after)) return undefined;
  if (before !== undefined && (SEPT_MONTH_BEFORE.has(before) || /^[0-9]/.test(before))) return undefined;
  return before !== undefined && SEPT_SUBJECTS.has(before) ? 'sent' : 'send';
}

/**
 * Session 45 (msX): a contraction typed without its apostrophe that is also a noun ("shed") or a noun typed by ear
 * ("hed": head), read as the noun right after a word that owns or points at a thing ("locked in THE shed", "banged MY
 * hed"); anywhere else it is the contraction, as text-speak says ("shed kill me", "hed find out").
 */
const NOUN_NOT_CONTRACTION: Readonly<Record<string, string>> = { shed: 'shed', hed: 'head' };
/** Only words that cannot end a clause before a new one: not "her" ("if i loved HER id send…"), "that" ("said THAT hed…"). */
const NOUN_POINTERS = new Set(['the', 'a', 'my', 'ma', 'mi', 'your', 'ur', 'yr', 'his', 'our', 'their', 'this', 'garden']);
/** Session 45 (msX): "are" typed by ear for "our" between a word of place and a part of the home ("a man in ARE garden"). */
const PLACE_BEFORE_OUR = new Set(['in', 'at', 'outside', 'near', 'by', 'to', 'round', 'into', 'on', 'from']);
const HOME_AFTER_OUR = new Set(['garden', 'house', 'door', 'front', 'back', 'window', 'windows', 'flat', 'drive', 'driveway', 'street', 'road', 'hallway', 'kitchen', 'hall', 'gate', 'porch', 'shed']);
function nounNotContraction(text: string, before: string | undefined, after: string | undefined): string | undefined {
  if (text === 'are') return before !== undefined && after !== undefined && PLACE_BEFORE_OUR.has(before) && HOME_AFTER_OUR.has(after) ? 'our' : undefined;
  const noun = NOUN_NOT_CONTRACTION[text];
  return noun !== undefined && before !== undefined && NOUN_POINTERS.has(before) ? noun : undefined;
}

/** Normalise a message into words with offsets into the original text. Pure. */
export function normalise(text: string, vocab: Vocabulary): Word[] {
  return readWords(text, vocab, plainWord, false);
}

/** Makes one word of the output of {@link readWords}; `keys`: its match keys, when asked for. */
export type WordMaker<T> = (word: string, start: number, end: number, sentence: number, quoted: boolean, keys: WordKeys | undefined) => T;

const plainWord: WordMaker<Word> = (word, start, end, sentence, quoted) => ({ word, start, end, sentence, quoted });

/**
 * {@link normalise}, each word made by `make`, with its match keys when `withKeys` (read with the
 * word when the vocabulary has {@link Vocabulary.piece}: session 24, the tokeniser's way, which
 * makes its tokens here without a {@link Word} in between).
 */
export function readWords<T>(text: string, vocab: Vocabulary, make: WordMaker<T>, withKeys: boolean): T[] {
  const { folded, from, to } = foldCharacters(text);
  let pieces = joinSpacedLetters(splitPieces(folded, from, to), vocab);
  const welsh = vocab.welsh;
  if (welsh !== undefined) pieces = joinWelshEndings(pieces, welsh);
  let readings: PieceReading[] | undefined;
  if (vocab.piece !== undefined) {
    readings = new Array<PieceReading>(pieces.length);
    for (let i = 0; i < pieces.length; i += 1) readings[i] = vocab.piece(pieces[i]?.text ?? '');
  }
  const reading = welsh?.read(pieces, readings);
  const words: T[] = [];
  let sentence = 0;
  let quoted = false;
  for (let i = 0; i < pieces.length; i += 1) {
    const p = pieces[i];
    if (p === undefined) continue;
    // By UTF-16 unit: every sentence end and quotation mark is a single unit. A decimal point between
    // digits ("pay 0.01 btc", "£1.99", "at 6.30") ends no sentence.
    const decimal = p.gapBefore === '.' && /\d$/.test(pieces[i - 1]?.text ?? '') && /^\d/.test(p.text);
    // (Session 32: a single space, most gaps, neither ends a sentence nor quotes.)
    if (p.gapBefore !== ' ')
      for (let k = 0; k < p.gapBefore.length; k += 1) {
        const c = p.gapBefore[k] ?? '';
        if (SENTENCE_END.has(c) && !decimal) sentence += 1;
        if (QUOTES.has(c)) quoted = !quoted;
      }
    const cy = reading?.at[i];
    if (cy !== undefined) {
      // Welsh read as English: every English word quotes the child's Welsh words it stands for.
      const end = pieces[i + cy.length - 1]?.end ?? p.end;
      for (const w of cy.english) words.push(make(w, p.start, end, sentence, quoted, withKeys ? keysOf(vocab, w) : undefined));
      i += cy.length - 1;
      continue;
    }
    const sept = p.text === 'sept' ? septAsSend(pieces[i - 1]?.text, pieces[i + 1]?.text) : nounNotContraction(p.text, pieces[i - 1]?.text, pieces[i + 1]?.text);
    if (sept !== undefined) {
      words.push(make(sept, p.start, p.end, sentence, quoted, withKeys ? keysOf(vocab, sept) : undefined));
      continue;
    }
    const r = readings?.[i];
    const list = r !== undefined ? r.words : vocab.resolve ? vocab.resolve(p.text) : resolveWord(p.text, vocab);
    for (let k = 0; k < list.length; k += 1) {
      const w = list[k] ?? '';
      if (w !== '') words.push(make(w, p.start, p.end, sentence, quoted, withKeys ? (r?.keys[k] ?? keysOf(vocab, w)) : undefined));
    }
  }
  return words;
}

function keysOf(vocab: Vocabulary, word: string): WordKeys {
  if (vocab.keysOf === undefined) throw new Error('readWords: this vocabulary has no keysOf');
  return vocab.keysOf(word);
}
