/**
 * Tolerant matching of a child's answers against phrase lists from content: case, Unicode
 * compatibility forms, zero-width characters, apostrophes, stretched letters ("byeeee") and one
 * typo in longer words are all forgiven. Pure; phrases are compiled once per machine.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const RUN_OF_THREE = /(.)\1{2,}/u;

/** Lower-cased, NFKC, apostrophes removed, everything that is not a letter or digit turned into a space. */
export function normalise(text: string): string {
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
  const n = normalise(text);
  return n === '' ? [] : n.split(' ');
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

/** A compiled phrase list: each phrase as its words. */
export type PhraseList = readonly (readonly string[])[];

/** Compile phrases once. Empty phrases are dropped. */
export function compile(phrases: readonly string[]): PhraseList {
  return phrases.map(tokens).filter((p) => p.length > 0);
}

function startsAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const w = words[at + k];
    const p = phrase[k];
    if (w === undefined || p === undefined || !sameWord(w, p)) return false;
  }
  return true;
}

/** True when any phrase appears, word for word, anywhere in the message. */
export function containsAny(words: readonly string[], phrases: PhraseList): boolean {
  for (const phrase of phrases) {
    for (let at = 0; at + phrase.length <= words.length; at++) {
      if (startsAt(words, at, phrase)) return true;
    }
  }
  return false;
}

/**
 * True when the whole message is one of the phrases, allowing filler words around it
 * ("ok bye thanks"). Used for "stop" and "bye", which only close a chat when said on their own.
 */
export function isWholeMessage(words: readonly string[], phrases: PhraseList, fillers: PhraseList): boolean {
  const rest = stripFillers(words, fillers);
  if (rest.length === 0) return false;
  return phrases.some((p) => p.length === rest.length && startsAt(rest, 0, p));
}

function stripFillers(words: readonly string[], fillers: PhraseList): readonly string[] {
  let rest = [...words];
  let changed = true;
  let guard = 0;
  while (changed && rest.length > 0 && guard++ < 20) {
    changed = false;
    for (const f of fillers) {
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
  words: readonly string[],
  lists: readonly { readonly id: Id; readonly phrases: PhraseList }[],
): Id | undefined {
  for (const { id, phrases } of lists) if (containsAny(words, phrases)) return id;
  return undefined;
}
