/**
 * Session 25: a message Harbour cannot read. Its answer lists and red-flag detector read English (and
 * Welsh, through the detector's Welsh reader and the Welsh page's lists). A child who writes in Polish,
 * Urdu or Arabic used to get "That sounds hard. Which app was it on?" as if they had been understood,
 * and a child in danger was never told to call 999. The dialog now says it cannot read the message and
 * gives 999 and Childline (`shared.other-language`).
 *
 * A message is in another language when
 * - most of its words are written in another alphabet (Arabic, Urdu, Cyrillic, Bengali, Chinese…): at
 *   least half of the words that hold a letter have no Latin letter; or
 * - two or more different words of one language's `markers` (content/other-languages.yaml) make up at
 *   least two in five of its words, or three or more make up one in four. Markers are checked by content:check never to be English words,
 *   English text-speak, Welsh or words the answer lists listen for, so an English message with a
 *   borrowed word or two ("wallah", "habibi", "mama") stays English.
 * A message with four English words is read as English all the same: children mix languages, and the
 * English part can be answered ("chce sie ze mna spotkac, he wants to meet" is Polish by the markers;
 * "nie wiem what to get tata for his birthday any ideas" is English).
 * Accents are dropped before the markers are read ("zdjęcia" is "zdjecia", "não" is "nao"), since
 * children type them or not.
 */

import { isEnglishWord } from './safety/natural.js';

/** content/other-languages.yaml */
export interface OtherLanguagesSource {
  readonly version: number;
  /** Language id (a BCP 47 code, e.g. "pl") → its name and its marker words. */
  readonly languages: Readonly<Record<string, { readonly name: string; readonly markers: readonly string[] }>>;
}

/** Marker word (accents dropped, lower case) → language id. */
export type OtherLanguageMarkers = ReadonlyMap<string, string>;

/** The id {@link otherLanguageOf} gives a message mostly in another alphabet. */
export const OTHER_SCRIPT = 'other-script';

const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const MARKS = /\p{M}/gu;
/** Latin letters NFD does not split into a letter and an accent. */
const FOLD: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', ħ: 'h', ŀ: 'l' };
const UNFOLDED = /[łøđıßæœħŀ]/g;

/** A word as markers are written: lower case, accents dropped. */
export function foldAccents(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').replace(UNFOLDED, (c) => FOLD[c] ?? c);
}

/** Whether a word is all ASCII (most words of most messages: no alphabet or accent to look at). */
function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The language a message is written in, when Harbour cannot read it: a language id of `markers`, or
 * {@link OTHER_SCRIPT}; `undefined` for English, Welsh, or a message too mixed or too short to tell.
 * `words` are the message's words as `tokens` gives them (lower case, accents kept).
 */
export function otherLanguageOf(words: readonly string[], markers: OtherLanguageMarkers): string | undefined {
  let counted = 0;
  let otherScript = 0;
  // Few languages ever score in one message: a short list beats a Map.
  const found: { lang: string; words: string[] }[] = [];
  for (const raw of words) {
    let word = raw;
    if (!isAscii(word)) {
      if (!LETTER.test(word)) continue;
      if (!LATIN.test(word)) {
        counted++;
        otherScript++;
        continue;
      }
      word = foldAccents(word);
    } else if (!hasAsciiLetter(word)) continue;
    counted++;
    const lang = markers.get(word);
    if (lang === undefined) continue;
    let entry = found.find((f) => f.lang === lang);
    if (entry === undefined) found.push((entry = { lang, words: [] }));
    if (!entry.words.includes(word)) entry.words.push(word);
  }
  if (counted === 0) return undefined;
  if (otherScript * 2 >= counted) return OTHER_SCRIPT;
  let best: { lang: string; words: string[] } | undefined;
  for (const f of found) if (best === undefined || f.words.length > best.words.length) best = f;
  if (best === undefined || best.words.length < 2) return undefined;
  // Repeats count towards the share: "nie nie nie" is as Polish as it looks, once two markers are there.
  let share = 0;
  for (const raw of words) if (best.words.includes(isAscii(raw) ? raw : foldAccents(raw))) share++;
  // Two markers in two words of five; or three in one word of four, for languages whose small words are
  // also English and so cannot be markers ("un hombre en instagram me pide fotos y dice que va a venir").
  const enough = best.words.length >= 3 ? share * 4 >= counted : share * 5 >= counted * 2;
  return enough && englishWords(words) < ENGLISH_CLAUSE ? best.lang : undefined;
}

/**
 * Four English words make a message readable, whatever else is in it ("nie wiem what to get tata for his
 * birthday any ideas", "mera online dost keh raha hai, he says dont tell my family"): it is read as English.
 */
const ENGLISH_CLAUSE = 4;
/** Short English words the marker languages do not use as their own (Polish "i", "u", "to", "on", "do" and Urdu "me", "main" are left out). */
const SHORT_ENGLISH = new Set(['he', 'she', 'they', 'im', 'my', 'you', 'ur', 'your', 'the', 'and', 'is', 'was', 'his', 'her', 'wants', 'want', 'said', 'says', 'dont', 'cant', 'what', 'for', 'with', 'it', 'of']);
function englishWords(words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (SHORT_ENGLISH.has(w) || (w.length >= 4 && isAscii(w) && isEnglishWord(w))) n++;
  return n;
}

function hasAsciiLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return false;
}

/** The markers of a validated source, as {@link otherLanguageOf} reads them. */
export function otherLanguageMarkers(source: OtherLanguagesSource): OtherLanguageMarkers {
  const out = new Map<string, string>();
  for (const [lang, l] of Object.entries(source.languages)) for (const m of l.markers) out.set(foldAccents(m.toLowerCase()), lang);
  return out;
}
