import { isEnglishWord, loadEnglishWords } from './natural.js';

/**
 * Session 23: Welsh read as English before matching. The facts live in content
 * (`content/cy-GB/welsh-words.yaml`, see {@link WelshSource}); this file only knows how Welsh
 * words change at their start (mutations) and how a message is judged to be Welsh.
 *
 * - Every word of `words` is also read in its mutated forms, generated here: soft (p→b, t→d, c→g,
 *   b→f, d→dd, g→∅, ll→l, m→f, rh→r), nasal (p→mh, t→nh, c→ngh, b→m, d→n, g→ng), aspirate (p→ph,
 *   t→th, c→ch) and h- before a vowel ("ei henw hi"). `fixed` words are read only as written.
 * - A form that is also English (natural's word list, the detector's own English vocabulary, or the
 *   file's `english` list) is read as Welsh only in a message that is clearly Welsh: one with a
 *   `markers` word, words no English message uses ("dwi", "mae", "ddim", "efo"). Other forms are
 *   read in every message: children mix languages whatever page they are on.
 * - A form two words share: the word written that way (a radical form, or a `fixed` word) wins over
 *   a mutated form of another word; two mutated forms of different words that mean different
 *   things cancel (the form is not read at all: {@link WelshReader.collisions}).
 * - `phrases` (two or more Welsh words → English words) are read first, longest first, and each of
 *   their words may be in any of its forms. A phrase whose words are all also English is read only
 *   in a clearly Welsh message. A phrase never crosses a sentence end or a quotation mark.
 * - In a clearly Welsh message, "'r" (the) written onto a word, apostrophe dropped ("prynu'r gêm":
 *   "prynur"), is read as the word and "the".
 */

/** content/cy-GB/welsh-words.yaml */
export interface WelshSource {
  readonly version: number;
  /** Words only Welsh uses; one of them in a message makes it clearly Welsh. */
  readonly markers: readonly string[];
  /** Radical form → English words; mutated forms are read too. `-`: read as nothing (a particle). */
  readonly words: Readonly<Record<string, string>>;
  /** Form → English words, read only as written (function words, pronouns, short forms). */
  readonly fixed: Readonly<Record<string, string>>;
  /** Several Welsh words → English words. */
  readonly phrases: Readonly<Record<string, string>>;
  /** Forms that are also English or English text-speak though natural's word list does not say so. */
  readonly english: readonly string[];
}

/** A Welsh problem and where it is in the file (a YAML path), for content:check's line numbers. */
export interface WelshProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const WORD = /^[a-z]+$/;

/** A Welsh word or phrase as the normaliser sees it: lower case, accents and apostrophes dropped, split at spaces and hyphens. */
export function foldWelsh(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’'`]/g, '')
    .split(/[\s-]+/)
    .filter(Boolean);
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'w', 'y']);
/** [radical start, soft, nasal, aspirate] (undefined: no such mutation). Longer starts first. */
const MUTATIONS: readonly (readonly [string, string | undefined, string | undefined, string | undefined])[] = [
  ['ll', 'l', undefined, undefined],
  ['rh', 'r', undefined, undefined],
  ['ch', undefined, undefined, undefined],
  ['ph', undefined, undefined, undefined],
  ['th', undefined, undefined, undefined],
  ['dd', undefined, undefined, undefined],
  ['ff', undefined, undefined, undefined],
  ['ng', undefined, undefined, undefined],
  ['p', 'b', 'mh', 'ph'],
  ['t', 'd', 'nh', 'th'],
  ['c', 'g', 'ngh', 'ch'],
  ['b', 'f', 'm', undefined],
  ['d', 'dd', 'n', undefined],
  ['g', '', 'ng', undefined],
  ['m', 'f', undefined, undefined],
];

/** The mutated forms of a radical Welsh word (not the word itself). */
export function mutationsOf(word: string): string[] {
  const out = new Set<string>();
  if (VOWELS.has(word[0] ?? '')) out.add(`h${word}`);
  for (const [start, ...forms] of MUTATIONS) {
    if (!word.startsWith(start)) continue;
    for (const f of forms) if (f !== undefined) out.add(f + word.slice(start.length));
    break;
  }
  out.delete(word);
  // "g" → nothing leaves a word of one letter or none only for words too short to matter.
  return [...out].filter((f) => f.length >= 2);
}

/** Checks the parsed file; every problem with its place, in plain English. */
export function validateWelshSource(raw: unknown, englishVocabulary: (word: string) => boolean = () => false): WelshProblem[] {
  const problems: WelshProblem[] = [];
  const at = (path: (string | number)[], message: string): void => void problems.push({ path, message });
  if (!isRecord(raw)) return [{ path: [], message: 'The file must be a map with version, markers, words, fixed, phrases and english.' }];
  if (typeof raw['version'] !== 'number') at(['version'], '"version" must be a number (raise it when you change the file).');
  for (const k of Object.keys(raw)) if (!['version', 'markers', 'words', 'fixed', 'phrases', 'english'].includes(k)) at([k], `"${k}" is not a section of this file (version, markers, words, fixed, phrases, english).`);
  const list = (key: string): void => {
    const v = raw[key];
    if (!Array.isArray(v)) return at([key], `"${key}" must be a list of words.`);
    v.forEach((w, i) => {
      if (typeof w !== 'string' || !WORD.test(foldWelsh(w).join(' '))) at([key, i], `"${String(w)}" in ${key} must be one word of letters.`);
    });
  };
  list('markers');
  list('english');
  const english = new Set(Array.isArray(raw['english']) ? raw['english'].filter((w): w is string => typeof w === 'string').map((w) => foldWelsh(w).join('')) : []);
  if (Array.isArray(raw['markers']))
    raw['markers'].forEach((w, i) => {
      if (typeof w !== 'string') return;
      const f = foldWelsh(w).join('');
      if (isEnglishWord(f) || englishVocabulary(f) || english.has(f)) at(['markers', i], `The marker "${w}" is also an English word or text-speak, so it would make English messages read as Welsh. Take it out of markers.`);
    });
  const map = (key: string, minWords: number, maxWords: number): void => {
    const v = raw[key];
    if (!isRecord(v)) return at([key], `"${key}" must be a map of Welsh → English words.`);
    for (const [k, e] of Object.entries(v)) {
      const parts = foldWelsh(k);
      if (parts.length < minWords || parts.length > maxWords || !parts.every((p) => WORD.test(p)))
        at([key, k], maxWords === 1 ? `"${k}" in ${key} must be one Welsh word (put several words in phrases).` : `"${k}" in ${key} must be two or more Welsh words.`);
      if (typeof e !== 'string' || e.trim() === '') at([key, k], `"${k}" must be read as some English words (or "-" for nothing).`);
      else if (e.trim() !== '-' && !/^[a-z]+(?: [a-z]+)*$/.test(e.trim())) at([key, k], `"${k}" → "${e}": the English must be plain lower-case words.`);
    }
  };
  map('words', 1, 1);
  map('fixed', 1, 1);
  map('phrases', 2, 8);
  if (isRecord(raw['words']) && isRecord(raw['fixed']))
    for (const k of Object.keys(raw['fixed'])) if (k in raw['words']) at(['fixed', k], `"${k}" is in both words and fixed; keep one.`);
  return problems;
}

interface CompiledWelshPhrase {
  /** Forms each word after the first may take. */
  readonly rest: readonly ReadonlySet<string>[];
  readonly english: readonly string[];
  readonly onlyWhenWelsh: boolean;
}

/** What one form means: its English in any message, or only in a clearly Welsh one; phrases starting with it. */
export interface WelshEntry {
  readonly marker: boolean;
  readonly english?: readonly string[];
  readonly onlyWhenWelsh: boolean;
  readonly phrases?: readonly CompiledWelshPhrase[];
}

/** A piece of a message as the Welsh reader needs it. */
export interface WelshPiece {
  readonly text: string;
  readonly gapBefore: string;
}

/** Characters that end a phrase's reach (sentence ends and quotation marks). */
const BREAKS = /[.!?\n\r…;"“”„«»‘’'`‹›]/;

export class WelshReader {
  readonly entries = new Map<string, WelshEntry>();
  /** Mutated forms of two words that mean different things: not read (content:check lists them). */
  readonly collisions: { readonly form: string; readonly words: readonly string[] }[] = [];
  readonly version: number;

  /**
   * @param isEnglish whether a form is English to the detector (natural's list, text-speak, the
   *   lexicon's words); such forms are read only in a clearly Welsh message.
   * @param plain the detector's reading of an English word (text-speak expanded).
   */
  constructor(source: WelshSource, isEnglish: (word: string) => boolean, plain: (word: string) => readonly string[] = (w) => [w]) {
    loadEnglishWords();
    this.version = source.version;
    const alsoEnglish = new Set(source.english.map((w) => foldWelsh(w).join('')));
    const ambiguous = (f: string): boolean => alsoEnglish.has(f) || isEnglishWord(f) || isEnglish(f);
    const toEnglish = (e: string): string[] => (e.trim() === '-' ? [] : e.trim().split(/\s+/).flatMap((w) => [...plain(w)]));
    const words = new Map<string, { english: string[]; radical: boolean; from: string[] }>();
    const put = (form: string, english: string[], radical: boolean, from: string): void => {
      const had = words.get(form);
      if (!had) return void words.set(form, { english, radical, from: [from] });
      if (had.radical && !radical) return;
      if (radical && !had.radical) return void words.set(form, { english, radical, from: [from] });
      if (had.english.join(' ') !== english.join(' ')) had.from.push(from);
    };
    for (const [k, e] of Object.entries(source.fixed)) put(foldWelsh(k).join(''), toEnglish(e), true, k);
    for (const [k, e] of Object.entries(source.words)) put(foldWelsh(k).join(''), toEnglish(e), true, k);
    for (const [k, e] of Object.entries(source.words)) for (const f of mutationsOf(foldWelsh(k).join(''))) put(f, toEnglish(e), false, k);
    const markers = new Set(source.markers.map((w) => foldWelsh(w).join('')));
    const formsOf = (w: string): Set<string> => new Set(w in source.fixed ? [w] : [w, ...mutationsOf(w)]);
    const phrasesByFirst = new Map<string, CompiledWelshPhrase[]>();
    for (const [k, e] of Object.entries(source.phrases)) {
      const parts = foldWelsh(k);
      const [first, ...rest] = parts;
      if (first === undefined) continue;
      const phrase: CompiledWelshPhrase = { rest: rest.map(formsOf), english: toEnglish(e), onlyWhenWelsh: parts.every(ambiguous) };
      for (const f of formsOf(first)) {
        const list = phrasesByFirst.get(f) ?? [];
        list.push(phrase);
        phrasesByFirst.set(f, list);
      }
    }
    for (const list of phrasesByFirst.values()) list.sort((a, b) => b.rest.length - a.rest.length);
    const forms = new Set([...words.keys(), ...markers, ...phrasesByFirst.keys()]);
    for (const f of forms) {
      const w = words.get(f);
      let english: string[] | undefined = w?.english;
      if (w && w.from.length > 1) {
        this.collisions.push({ form: f, words: w.from });
        english = undefined;
      }
      const phrases = phrasesByFirst.get(f);
      this.entries.set(f, {
        marker: markers.has(f),
        ...(english === undefined ? {} : { english }),
        onlyWhenWelsh: ambiguous(f),
        ...(phrases === undefined ? {} : { phrases }),
      });
    }
  }

  /**
   * Reads a message's pieces: for each piece, undefined (not Welsh here: read it as English) or
   * the English words and how many pieces they stand for. `clearlyWelsh`: whether a marker opened the gate.
   */
  read(pieces: readonly WelshPiece[]): { readonly clearlyWelsh: boolean; readonly at: readonly ({ readonly english: readonly string[]; readonly length: number } | undefined)[] } | undefined {
    let entries: (WelshEntry | undefined)[] | undefined;
    let welsh = false;
    for (let i = 0; i < pieces.length; i += 1) {
      const e = this.entries.get(pieces[i]?.text ?? '');
      if (e === undefined) continue;
      entries ??= new Array<WelshEntry | undefined>(pieces.length);
      entries[i] = e;
      if (e.marker) welsh = true;
    }
    if (entries === undefined) return undefined;
    const at = new Array<{ english: readonly string[]; length: number } | undefined>(pieces.length);
    for (let i = 0; i < pieces.length; i += 1) {
      const e = entries[i];
      if (e === undefined) {
        // "'r" (the) written onto a word, its apostrophe dropped: "prynu'r gêm" → "prynur".
        const text = pieces[i]?.text ?? '';
        const stem = welsh && text.length >= 4 && text.endsWith('r') ? this.entries.get(text.slice(0, -1))?.english : undefined;
        if (stem !== undefined) at[i] = { english: [...stem, 'the'], length: 1 };
        continue;
      }
      let done = false;
      for (const p of e.phrases ?? []) {
        if (p.onlyWhenWelsh && !welsh) continue;
        let ok = i + p.rest.length < pieces.length;
        for (let k = 0; ok && k < p.rest.length; k += 1) {
          const q = pieces[i + 1 + k];
          ok = q !== undefined && !BREAKS.test(q.gapBefore) && (p.rest[k]?.has(q.text) ?? false);
        }
        if (!ok) continue;
        at[i] = { english: p.english, length: p.rest.length + 1 };
        i += p.rest.length;
        done = true;
        break;
      }
      if (done) continue;
      if (e.english !== undefined && (welsh || !e.onlyWhenWelsh)) at[i] = { english: e.english, length: 1 };
    }
    return { clearlyWelsh: welsh, at };
  }
}
