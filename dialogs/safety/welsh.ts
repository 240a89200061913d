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
 * - In a clearly Welsh message, "'r" (the) and "'n" (yn) written onto a word, apostrophe dropped
 *   ("prynu'r gêm": "prynur", "teimlo'n": "teimlon"), are read as the word and "the" or the word.
 * - Spoken plural endings: "-au" of `words` (not `verbs`: "casáu") is also read as "-a" (north) and
 *   "-e" (south): "llunie", "ffrindia".
 * - A form of three letters or fewer is read only in a clearly Welsh message, as if it were English:
 *   short words are too often another language's or a typo ("dau" in Romanian, "fel" for fell).
 * - A possessive before a word of `words` or `verbs`, with the pronoun that may close it: "fy ysgol
 *   i" is "my school", but around a verb it is the object: "fy lladd i" (kill me), "dy frifo di"
 *   (hurt you), "ei flocio fo" (block him), "ei X hi" (her), "ein X ni" (us), "eu X nhw" (them).
 * - "yn" before a possessive and a thing is "in" ("yn ei gar o": in his car); otherwise nothing.
 * - "a" before a word only Welsh has is "and" ("a dwi"), never before an English-looking one; "o"
 *   before a possessive or a word of `words` is "of" ("o dy lunie di"), otherwise "he".
 */

/** content/cy-GB/welsh-words.yaml */
export interface WelshSource {
  readonly version: number;
  /** Words only Welsh uses; one of them in a message makes it clearly Welsh. */
  readonly markers: readonly string[];
  /** Radical form → English words; mutated forms are read too. `-`: read as nothing (a particle). */
  readonly words: Readonly<Record<string, string>>;
  /**
   * Verb → English verb: read like `words`, and with the object pronouns that wrap a Welsh verb
   * ("fy lladd i" = kill me, "dy frifo di" = hurt you, "ei flocio fo" = block him), made by the code.
   */
  readonly verbs?: Readonly<Record<string, string>>;
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

/**
 * Spoken plural endings: "-au" is said and texted "-a" in the north and "-e" in the south
 * (lluniau → llunia, llunie; ffrindiau → ffrindia, ffrindie).
 */
export function spokenEndingsOf(word: string): string[] {
  return word.endsWith('au') && word.length >= 5 ? [`${word.slice(0, -2)}a`, `${word.slice(0, -2)}e`] : [];
}

/** Every form of a radical word but itself: spoken endings, and the mutations of each. */
export function formsOf(word: string): string[] {
  const out = new Set<string>();
  for (const w of [word, ...spokenEndingsOf(word)]) {
    out.add(w);
    for (const m of mutationsOf(w)) out.add(m);
  }
  out.delete(word);
  return [...out];
}

/**
 * Welsh wraps a word in a possessive and, often, a pronoun after it: "fy ysgol i" (my school),
 * "dy lunie di" (your pictures), "ei gar o" (his car). Around a verb the same words are its object:
 * "fy lladd i" (kill me), "dy frifo di" (hurt you), "ei flocio fo" (block him).
 * Possessive → [my, me, the pronouns that may follow].
 */
const POSSESSIVES: ReadonlyMap<string, readonly (readonly [string, string, readonly string[]])[]> = new Map([
  ['fy', [['my', 'me', ['i', 'fi']]]],
  ['dy', [['your', 'you', ['di', 'ti']]]],
  ['ei', [['her', 'her', ['hi']], ['his', 'him', ['o', 'fo', 'e', 'fe', '']]]],
  ['ein', [['our', 'us', ['ni']]]],
  ['eich', [['your', 'you', ['chi']]]],
  ['eu', [['their', 'them', ['nhw']]]],
]);

/** Checks the parsed file; every problem with its place, in plain English. */
export function validateWelshSource(raw: unknown, englishVocabulary: (word: string) => boolean = () => false): WelshProblem[] {
  const problems: WelshProblem[] = [];
  const at = (path: (string | number)[], message: string): void => void problems.push({ path, message });
  if (!isRecord(raw)) return [{ path: [], message: 'The file must be a map with version, markers, words, fixed, phrases and english.' }];
  if (typeof raw['version'] !== 'number') at(['version'], '"version" must be a number (raise it when you change the file).');
  for (const k of Object.keys(raw)) if (!['version', 'markers', 'words', 'verbs', 'fixed', 'phrases', 'english'].includes(k)) at([k], `"${k}" is not a section of this file (version, markers, words, verbs, fixed, phrases, english).`);
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
  if (raw['verbs'] !== undefined) map('verbs', 1, 1);
  map('fixed', 1, 1);
  map('phrases', 2, 8);
  const sections = ['words', 'verbs', 'fixed'].map((k) => [k, isRecord(raw[k]) ? raw[k] : {}] as const);
  for (const [i, [a, ma]] of sections.entries())
    for (const [b, mb] of sections.slice(i + 1)) for (const k of Object.keys(mb)) if (k in ma) at([b, k], `"${k}" is in both ${a} and ${b}; keep one.`);
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
  /** Not English-looking: read, or part of a phrase read, in a message that is not clearly Welsh too. */
  readonly open: boolean;
  /** A verb of `verbs`: after a possessive, it takes the pronoun as its object. */
  readonly verb?: boolean;
  /** A word of `words` or `verbs` (not `fixed`): one a possessive can go with. */
  readonly content?: boolean;
  /** Only a mutated form of such a word (session 26: "i mi OFYN", for me to ask). */
  readonly mutated?: boolean;
  readonly phrases?: readonly CompiledWelshPhrase[];
}

/** A piece of a message as the Welsh reader needs it. */
export interface WelshPiece {
  readonly text: string;
  readonly gapBefore: string;
}

/** Session 26: "i fi", "i mi"… before a verb-noun: for whom (see `WelshReader.read`). */
const FOR_WHOM: ReadonlyMap<string, string> = new Map([['fi', 'me'], ['mi', 'me'], ['ti', 'you'], ['ni', 'us']]);

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
   * The English is used as written, never through text-speak ("ill" is ill, not "i will").
   */
  constructor(source: WelshSource, isEnglish: (word: string) => boolean) {
    loadEnglishWords();
    this.version = source.version;
    const alsoEnglish = new Set(source.english.map((w) => foldWelsh(w).join('')));
    // Words of three letters or fewer are too often another language's or a typo ("dau", "fel").
    const ambiguous = (f: string): boolean => f.length <= 3 || alsoEnglish.has(f) || isEnglishWord(f) || isEnglish(f);
    const toEnglish = (e: string): string[] => (e.trim() === '-' ? [] : e.trim().split(/\s+/));
    const words = new Map<string, { english: string[]; radical: boolean; from: string[] }>();
    const put = (form: string, english: string[], radical: boolean, from: string): void => {
      const had = words.get(form);
      if (!had) return void words.set(form, { english, radical, from: [from] });
      if (had.radical && !radical) return;
      if (radical && !had.radical) return void words.set(form, { english, radical, from: [from] });
      if (had.english.join(' ') !== english.join(' ')) had.from.push(from);
    };
    const verbs = source.verbs ?? {};
    const mutable = { ...source.words, ...verbs };
    for (const [k, e] of Object.entries(source.fixed)) put(foldWelsh(k).join(''), toEnglish(e), true, k);
    for (const [k, e] of Object.entries(mutable)) put(foldWelsh(k).join(''), toEnglish(e), true, k);
    for (const [k, e] of Object.entries(source.words)) for (const f of formsOf(foldWelsh(k).join(''))) put(f, toEnglish(e), false, k);
    // A verb's "-au" is no plural ("casáu"): verbs only mutate.
    for (const [k, e] of Object.entries(verbs)) for (const f of mutationsOf(foldWelsh(k).join(''))) put(f, toEnglish(e), false, k);
    // A marker in any of its forms ("gofyn", "ofyn"), unless that form is also English.
    const markers = new Set<string>();
    for (const m of source.markers) {
      const w = foldWelsh(m).join('');
      markers.add(w);
      for (const f of formsOf(w)) if (!ambiguous(f) && !words.has(f)) markers.add(f);
    }
    const allForms = (w: string): Set<string> => new Set(w in source.fixed ? [w] : [w, ...formsOf(w)]);
    const phrasesByFirst = new Map<string, CompiledWelshPhrase[]>();
    const addPhrase = (parts: readonly string[], english: string[]): void => {
      const [first, ...rest] = parts;
      if (first === undefined) return;
      const phrase: CompiledWelshPhrase = { rest: rest.map(allForms), english, onlyWhenWelsh: parts.every(ambiguous) };
      for (const f of allForms(first)) {
        const list = phrasesByFirst.get(f) ?? [];
        list.push(phrase);
        phrasesByFirst.set(f, list);
      }
    };
    for (const [k, e] of Object.entries(source.phrases)) addPhrase(foldWelsh(k), toEnglish(e));
    for (const list of phrasesByFirst.values()) list.sort((a, b) => b.rest.length - a.rest.length);
    // Every form a phrase may use is an entry too, so that a message with none of them is passed over.
    const phraseForms = new Set<string>();
    for (const list of phrasesByFirst.values()) for (const p of list) for (const set of p.rest) for (const f of set) phraseForms.add(f);
    const forms = new Set([...words.keys(), ...markers, ...phrasesByFirst.keys(), ...phraseForms]);
    for (const f of forms) {
      const w = words.get(f);
      let english: string[] | undefined = w?.english;
      if (w && w.from.length > 1) {
        this.collisions.push({ form: f, words: w.from });
        english = undefined;
      }
      const phrases = phrasesByFirst.get(f);
      const from = w?.from[0] ?? '';
      const onlyWhenWelsh = ambiguous(f);
      this.entries.set(f, {
        // A phrase read outside Welsh has a word that is not English, and that word is open itself.
        open: !onlyWhenWelsh,
        marker: markers.has(f),
        ...(english !== undefined && from in verbs ? { verb: true } : {}),
        ...(english !== undefined && (from in verbs || from in source.words) ? { content: true } : {}),
        ...(english !== undefined && w !== undefined && !w.radical ? { mutated: true } : {}),
        ...(english === undefined ? {} : { english }),
        onlyWhenWelsh,
        ...(phrases === undefined ? {} : { phrases }),
      });
    }
  }

  /** The longest phrase starting at piece `i` (whose entry is `e`), or undefined. */
  private phraseAt(pieces: readonly WelshPiece[], i: number, e: WelshEntry, welsh: boolean): { readonly english: readonly string[]; readonly length: number } | undefined {
    for (const p of e.phrases ?? []) {
      // Session 27: a phrase of words that are also English is read outside a clearly Welsh message only when its
      // first word was typed in a form no English reader would write ("mae fy NGHARIAD i'n 20 oed": nasal mutation).
      if (p.onlyWhenWelsh && !welsh && !e.open) continue;
      let ok = i + p.rest.length < pieces.length;
      for (let k = 0; ok && k < p.rest.length; k += 1) {
        const q = pieces[i + 1 + k];
        ok = q !== undefined && !BREAKS.test(q.gapBefore) && (p.rest[k]?.has(q.text) ?? false);
      }
      if (ok) return { english: p.english, length: p.rest.length + 1 };
    }
    return undefined;
  }

  /**
   * Reads a message's pieces: for each piece, undefined (not Welsh here: read it as English) or
   * the English words and how many pieces they stand for. `clearlyWelsh`: whether a marker opened the gate.
   */
  read(pieces: readonly WelshPiece[], known?: readonly { readonly welsh: WelshEntry | undefined }[]): { readonly clearlyWelsh: boolean; readonly at: readonly ({ readonly english: readonly string[]; readonly length: number } | undefined)[] } | undefined {
    let entries: (WelshEntry | undefined)[] | undefined;
    let welsh = false;
    let open = false;
    for (let i = 0; i < pieces.length; i += 1) {
      // `known[i].welsh`: the same entry, already read with the rest of the piece (session 24).
      const e = known !== undefined ? known[i]?.welsh : this.entries.get(pieces[i]?.text ?? '');
      if (e === undefined) continue;
      entries ??= new Array<WelshEntry | undefined>(pieces.length);
      entries[i] = e;
      if (e.marker) welsh = true;
      if (e.open) open = true;
    }
    // Most English messages stop here: their Welsh-looking words ("i", "on", "hi") are read only in Welsh.
    if (entries === undefined || (!welsh && !open)) return undefined;
    const at = new Array<{ english: readonly string[]; length: number } | undefined>(pieces.length);
    for (let i = 0; i < pieces.length; i += 1) {
      const e = entries[i];
      const text = pieces[i]?.text ?? '';
      // Session 26: "i" and an object pronoun before a mutated verb-noun is "for me to" ("ydy hi'n ddiogel
      // i mi ofyn…": is it safe for me to ask); otherwise the phrase reads it "to me" ("rhoi robux i fi").
      const pronoun = welsh && text === 'i' ? FOR_WHOM.get(pieces[i + 1]?.text ?? '') : undefined;
      if (pronoun !== undefined && entries[i + 2]?.mutated === true && !BREAKS.test(pieces[i + 1]?.gapBefore ?? '') && !BREAKS.test(pieces[i + 2]?.gapBefore ?? '')) {
        at[i] = { english: ['for', pronoun, 'to'], length: 2 };
        i += 1;
        continue;
      }
      const phrase = e === undefined ? undefined : this.phraseAt(pieces, i, e, welsh);
      if (phrase !== undefined) {
        at[i] = phrase;
        i += phrase.length - 1;
        continue;
      }
      // "a" (and) before a word only Welsh has: "a dwi", "a deud" (never "a man", "a pic").
      const following = entries[i + 1];
      if (welsh && text === 'a' && following !== undefined && !following.onlyWhenWelsh) {
        at[i] = { english: ['and'], length: 1 };
        continue;
      }
      if (e?.english === undefined) {
        // "'r" (the) or "'n" (yn) written onto a word, its apostrophe dropped: "prynu'r gêm" →
        // "prynur" (buy the), "teimlo'n sâl" → "teimlon" (feel).
        const end = text[text.length - 1];
        const stem = welsh && text.length >= 4 && (end === 'r' || end === 'n') ? this.entries.get(text.slice(0, -1))?.english : undefined;
        if (stem !== undefined) {
          at[i] = { english: end === 'r' ? [...stem, 'the'] : stem, length: 1 };
          continue;
        }
        // A possessive has English of its own ("fy" → my); other words without it are read as typed.
        if (e === undefined) continue;
      }
      const owner = POSSESSIVES.get(text);
      const next = entries[i + 1];
      if (owner !== undefined && next !== undefined && (welsh || !next.onlyWhenWelsh) && !BREAKS.test(pieces[i + 1]?.gapBefore ?? '')) {
        // "fy ysgol i" → my school; "fy lladd i" → kill me; "fy nillad isaf i" → my underwear.
        // The pronoun after it is part of it.
        const inner = this.phraseAt(pieces, i + 1, next, welsh);
        const word = inner ?? (next.content === true && next.english !== undefined ? { english: next.english, length: 1 } : undefined);
        if (word !== undefined) {
          const after = pieces[i + 1 + word.length];
          const fits = (o: readonly [string, string, readonly string[]]): boolean => after !== undefined && !BREAKS.test(after.gapBefore) && o[2].includes(after.text);
          const o = owner.find(fits) ?? owner[owner.length - 1];
          if (o !== undefined) {
            const length = 1 + word.length + (fits(o) ? 1 : 0);
            const verb = inner === undefined && next.verb === true;
            // "yn" before a possessive and a thing is "in" ("yn ei gar o"), before a verb nothing ("yn fy lladd i").
            const inside = !verb && i > 0 && pieces[i - 1]?.text === 'yn' && (at[i - 1]?.english.length ?? 0) === 0;
            at[i] = { english: verb ? [...word.english, o[1]] : [...(inside ? ['in'] : []), o[0], ...word.english], length };
            i += length - 1;
            continue;
          }
        }
      }
      // Session 26: "am" before a thing is "for, about" ("gofyn am fanylion": ask for details), not English "am".
      if (welsh && text === 'am' && next?.content === true && next.verb !== true && !BREAKS.test(pieces[i + 1]?.gapBefore ?? '')) {
        at[i] = { english: ['for'], length: 1 };
        continue;
      }
      // "o" is "he" after a verb ("nath o", "ydi o") but "of, from" before a thing ("o luniau", "o dy lunie").
      const nextText = pieces[i + 1]?.text ?? '';
      if (welsh && text === 'o' && (POSSESSIVES.has(nextText) || (next?.content === true && next.verb !== true))) {
        at[i] = { english: ['of'], length: 1 };
        continue;
      }
      if (e.english !== undefined && (welsh || !e.onlyWhenWelsh)) at[i] = { english: e.english, length: 1 };
    }
    return { clearlyWelsh: welsh, at };
  }
}
