import { CATEGORIES, URGENCIES, type Category, type Urgency } from './finding.js';
import { featureSpec } from './classifier.js';
import { validateWelshSource } from './welsh.js';
import { validateWordLists } from './lists.js';

/**
 * The shapes of the detector's content files once parsed from YAML/JSON (the server reads the
 * files; the detector never touches the file system). See docs/red-flags.md for how to edit them.
 */

/** One rule: a named group of phrases that mean the same red flag. */
export interface RuleSource {
  readonly id: string;
  readonly urgency?: Urgency;
  /** Words in order; `{set}` stands for any word of a set; `...` allows up to 5 words at that point. No regexes. */
  readonly phrases: readonly string[];
  /** How many extra words may sit between two phrase words (default 2). */
  readonly gap?: number;
  /** Whether "not/never/doesn't …" just before the phrase cancels it (default true). */
  readonly negatable?: boolean;
  /** Negation that breakers cannot undo: for self-harm, "I don't want to die" is a denial, not a refusal (default false). */
  readonly strictNegation?: boolean;
  /** Whether "what if someone…" style questions cancel it (default true). */
  readonly hypothetical?: boolean;
  /** Whether a clearly past and settled event cancels it (default true). */
  readonly resolvable?: boolean;
  /** Names of sets that, anywhere in the same sentence, cancel the rule (e.g. `game`). */
  readonly unlessSentenceHas?: readonly string[];
  /** Names of sets of which a word must appear earlier in the same sentence (who asked: `person`, `speech`). */
  readonly needsBefore?: readonly string[];
  /** Names of sets that cancel the rule when one of their words is among the 6 words just before it (4 for the set `self`): who is acting, e.g. `friends`. */
  readonly unlessBefore?: readonly string[];
  /** Sentences a child might write; used to train the model and checked by the content check. */
  readonly examples?: readonly string[];
}

export interface CategorySource {
  readonly urgency: Urgency;
  readonly description?: string;
  readonly rules: readonly RuleSource[];
}

/** A flag that only emerges when signals from different messages come together. */
export interface ComboSource {
  readonly id: string;
  readonly category: Category;
  readonly urgency: Urgency;
  /** Feature names (`category.rule` or `signal.rule`); all must be seen within `within` turns. */
  readonly needs: readonly string[];
  readonly within?: number;
}

export interface ScopeSource {
  readonly negators: readonly string[];
  /** Words that undo a negator before the phrase ("didn't stop asking", "I don't want to send"). */
  readonly negationBreakers: readonly string[];
  /** Words that make the next person an object, not the one acting ("tell my mum", "from my class"). */
  readonly objectMarkers: readonly string[];
  /** Words after which a new speaker's words start ("he said …"): negation does not reach across. */
  readonly reporting: readonly string[];
  /** Phrases that open a hypothetical ("what if", "how do I know if"). */
  readonly hypothetical: readonly string[];
  /** Phrases that make a sentence a general question by themselves ("warning signs"). */
  readonly general: readonly string[];
  /**
   * Question openers ("what is", "how do i"): a sentence that starts with one and names no one
   * in particular (no word of the set `specific`: he, she, me…) is a general question.
   */
  readonly questions: readonly string[];
  /** Phrases that are harmless figures of speech; their words never count ("die of embarrassment"). */
  readonly idioms: readonly string[];
  /** Past-time phrases ("last year") and settled phrases ("sorted now") for resolved events. */
  readonly past: readonly string[];
  readonly settled: readonly string[];
  /**
   * Session 12: the positive form of a denial phrase ("i see myself being alive" beside "i cant see
   * myself being alive"): masked like an idiom, unless a negator sits up to two words before it.
   */
  readonly affirmations: readonly string[];
}

/** content/<locale>/red-flags.yaml */
export interface RedFlagsSource {
  readonly version: number;
  readonly sets: Readonly<Record<string, readonly string[]>>;
  readonly scope: ScopeSource;
  readonly categories: Readonly<Record<Category, CategorySource>>;
  /** Weak signals: never a finding alone, only inside combos. */
  readonly signals: readonly RuleSource[];
  readonly combos: readonly ComboSource[];
  /**
   * Everyday sentences the classifier learns as raising nothing (`npm run train:flags`), for
   * wording the tuning half has only in red flags: "my nan lives by herself".
   */
  readonly harmlessExamples?: readonly string[];
  /**
   * Session 36: exact word lists the rules' code reads by name (dialogs/safety/lists.ts): compared with a word as
   * written, not stemmed, and no classifier features, unlike `sets`.
   */
  readonly words: Readonly<Record<string, readonly string[]>>;
}

/** content/<locale>/text-speak.yaml */
export interface TextSpeakSource {
  readonly version: number;
  /** Short form → plain words ("u" → "you", "kms" → "kill myself"). */
  readonly expansions: Readonly<Record<string, string>>;
  /** Common words: help split "s e n d p i c s" and are never "corrected" by the fuzzy matcher. */
  readonly common: readonly string[];
}

/** content/<locale>/safety-model.json, written by `npm run train:flags`. */
export interface ModelFileSource {
  readonly format: 1;
  /** Fingerprint of the red-flags + text-speak sources it was trained with. */
  readonly sourceHash: string;
  /** Fingerprint of the training examples (the tuning half of the dev set plus rule examples). */
  readonly trainingHash: string;
  readonly buckets: number;
  /** The classifier's features (classifier.ts `featureSpec`); absent in files of the first layout (`w b c4`). */
  readonly features?: readonly string[];
  /**
   * Threshold of a classifier finding in a message that already raised another one (a second
   * category for a chat handed over anyway); absent: none (session 5).
   */
  readonly secondary?: number;
  readonly categories: Readonly<
    Record<string, { readonly bias: number; readonly threshold: number; readonly secondary?: number; readonly weights: readonly (readonly [number, number])[] }>
  >;
}

/** Everything `buildSafetyModel` needs, already parsed. */
export interface SafetySource {
  readonly redFlags: unknown;
  readonly textSpeak: unknown;
  readonly model: unknown;
  /** Session 23: content/cy-GB/welsh-words.yaml (optional: without it no Welsh is read). */
  readonly welsh?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Session 23: whether a word is English text-speak or one of text-speak.yaml's common words, for the
 * Welsh file's check (a marker must be neither). text-speak.yaml's own Welsh words ("isio", "nain")
 * do not count when the Welsh file lists them too.
 */
export function welshTextSpeak(textSpeak: unknown, welsh: unknown): (word: string) => boolean {
  const english = new Set<string>();
  if (isRecord(textSpeak)) {
    if (isRecord(textSpeak['expansions'])) for (const k of Object.keys(textSpeak['expansions'])) english.add(k);
    if (isStringArray(textSpeak['common'])) for (const w of textSpeak['common']) english.add(w);
  }
  const cy = isRecord(welsh) ? welsh : {};
  for (const key of ['words', 'verbs', 'fixed']) {
    const m = cy[key];
    if (isRecord(m)) for (const k of Object.keys(m)) english.delete(k);
  }
  return (word) => english.has(word);
}

/**
 * Checks the parsed content and returns every problem in plain English (empty when all is well),
 * so a safeguarding editor can fix the files without reading code.
 */
export function validateSafetySource(raw: SafetySource): string[] {
  const problems: string[] = [];
  const rf = raw.redFlags;
  if (!isRecord(rf)) return ['red-flags.yaml: the file must be a map with version, sets, scope, categories, signals, combos and words.'];
  if (typeof rf['version'] !== 'number') problems.push('red-flags.yaml: "version" must be a number (raise it when you change the lexicon).');
  const sets = rf['sets'];
  const setNames = new Set<string>();
  if (!isRecord(sets)) problems.push('red-flags.yaml: "sets" must be a map of set name → list of words.');
  else
    for (const [name, words] of Object.entries(sets)) {
      setNames.add(name);
      if (!isStringArray(words) || words.length === 0) problems.push(`red-flags.yaml: set "${name}" must be a non-empty list of words (put numbers in quotes, like "20").`);
    }
  if (rf['harmlessExamples'] !== undefined && !isStringArray(rf['harmlessExamples'])) problems.push('red-flags.yaml: "harmlessExamples" must be a list of sentences.');
  problems.push(...validateWordLists(rf['words']));
  const scope = rf['scope'];
  const scopeKeys = ['negators', 'negationBreakers', 'objectMarkers', 'reporting', 'hypothetical', 'general', 'questions', 'idioms', 'affirmations', 'past', 'settled'];
  if (!isRecord(scope)) problems.push(`red-flags.yaml: "scope" must be a map with ${scopeKeys.join(', ')}.`);
  else for (const k of scopeKeys) if (!isStringArray(scope[k])) problems.push(`red-flags.yaml: scope.${k} must be a list of words or phrases.`);

  const checkPhrase = (where: string, p: string): void => {
    for (const m of p.matchAll(/\{([^}]*)\}/g)) {
      if (!setNames.has(m[1] ?? '') && m[1] !== 'number') problems.push(`red-flags.yaml: ${where}: phrase "${p}" uses {${m[1]}} but there is no set called "${m[1]}".`);
    }
    if (/^\s*\.\.\.|\.\.\.\s*$/.test(p)) problems.push(`red-flags.yaml: ${where}: phrase "${p}" cannot start or end with "...".`);
    if (/[\\^$|()[\]+?*]/.test(p)) problems.push(`red-flags.yaml: ${where}: phrase "${p}" looks like a regular expression; write plain words (use {set} for alternatives).`);
  };
  if (!setNames.has('specific')) problems.push('red-flags.yaml: sets.specific is missing (the words that make a question about someone in particular: he, she, me…).');
  const features = new Set<string>();
  const checkRule = (where: string, r: unknown, prefix: string): void => {
    if (!isRecord(r)) return void problems.push(`red-flags.yaml: ${where}: each rule must be a map with id and phrases.`);
    const id = r['id'];
    if (typeof id !== 'string' || !ID.test(id)) problems.push(`red-flags.yaml: ${where}: rule id "${String(id)}" must be lower-case words joined by hyphens.`);
    else if (features.has(`${prefix}.${id}`)) problems.push(`red-flags.yaml: ${where}: rule id "${id}" is used twice.`);
    else features.add(`${prefix}.${id}`);
    if (!isStringArray(r['phrases']) || r['phrases'].length === 0) problems.push(`red-flags.yaml: ${where} (${String(id)}): "phrases" must be a non-empty list.`);
    else for (const p of r['phrases']) checkPhrase(`${where} (${String(id)})`, p);
    if (r['urgency'] !== undefined && !URGENCIES.includes(r['urgency'] as Urgency)) problems.push(`red-flags.yaml: ${where} (${String(id)}): urgency must be one of ${URGENCIES.join(', ')}.`);
    if (r['gap'] !== undefined && (typeof r['gap'] !== 'number' || r['gap'] < 0 || r['gap'] > 6)) problems.push(`red-flags.yaml: ${where} (${String(id)}): gap must be a whole number from 0 to 6.`);
    for (const flag of ['negatable', 'strictNegation', 'hypothetical', 'resolvable']) if (r[flag] !== undefined && typeof r[flag] !== 'boolean') problems.push(`red-flags.yaml: ${where} (${String(id)}): ${flag} must be true or false.`);
    if (r['examples'] !== undefined && !isStringArray(r['examples'])) problems.push(`red-flags.yaml: ${where} (${String(id)}): examples must be a list of sentences.`);
    for (const key of ['unlessSentenceHas', 'unlessBefore', 'needsBefore']) {
      const unless = r[key];
      if (unless !== undefined && (!isStringArray(unless) || unless.some((s) => !setNames.has(s)))) problems.push(`red-flags.yaml: ${where} (${String(id)}): ${key} must list set names.`);
    }
  };
  const cats = rf['categories'];
  if (!isRecord(cats)) problems.push(`red-flags.yaml: "categories" must be a map with ${CATEGORIES.join(', ')}.`);
  else {
    for (const c of CATEGORIES) {
      const cat = cats[c];
      if (!isRecord(cat)) { problems.push(`red-flags.yaml: category "${c}" is missing.`); continue; }
      if (!URGENCIES.includes(cat['urgency'] as Urgency)) problems.push(`red-flags.yaml: category "${c}" needs an urgency (${URGENCIES.join(', ')}).`);
      if (!Array.isArray(cat['rules']) || cat['rules'].length === 0) problems.push(`red-flags.yaml: category "${c}" needs at least one rule.`);
      else cat['rules'].forEach((r, i) => checkRule(`${c} rule ${i + 1}`, r, c));
    }
    for (const k of Object.keys(cats)) if (!CATEGORIES.includes(k as Category)) problems.push(`red-flags.yaml: "${k}" is not a category; use one of ${CATEGORIES.join(', ')}.`);
  }
  const signals = rf['signals'];
  if (!Array.isArray(signals)) problems.push('red-flags.yaml: "signals" must be a list of rules.');
  else signals.forEach((r, i) => checkRule(`signal ${i + 1}`, r, 'signal'));
  const combos = rf['combos'];
  if (!Array.isArray(combos)) problems.push('red-flags.yaml: "combos" must be a list.');
  else
    combos.forEach((c, i) => {
      if (!isRecord(c) || typeof c['id'] !== 'string' || !ID.test(c['id'])) return void problems.push(`red-flags.yaml: combo ${i + 1} needs an id of lower-case words joined by hyphens.`);
      if (!CATEGORIES.includes(c['category'] as Category)) problems.push(`red-flags.yaml: combo "${c['id']}": category must be one of ${CATEGORIES.join(', ')}.`);
      if (!URGENCIES.includes(c['urgency'] as Urgency)) problems.push(`red-flags.yaml: combo "${c['id']}": urgency must be one of ${URGENCIES.join(', ')}.`);
      if (!isStringArray(c['needs']) || c['needs'].length < 2) problems.push(`red-flags.yaml: combo "${c['id']}": needs must list at least two features.`);
      else for (const f of c['needs']) if (!features.has(f) && !f.startsWith('any.')) problems.push(`red-flags.yaml: combo "${c['id']}": "${f}" is not a rule (write category.rule-id or signal.rule-id).`);
      if (c['within'] !== undefined && (typeof c['within'] !== 'number' || c['within'] < 1 || c['within'] > 12)) problems.push(`red-flags.yaml: combo "${c['id']}": within must be 1 to 12 turns.`);
    });

  const ts = raw.textSpeak;
  if (!isRecord(ts)) problems.push('text-speak.yaml: the file must be a map with version, expansions and common.');
  else {
    if (typeof ts['version'] !== 'number') problems.push('text-speak.yaml: "version" must be a number.');
    const ex = ts['expansions'];
    if (!isRecord(ex)) problems.push('text-speak.yaml: "expansions" must be a map of short form → plain words.');
    else for (const [k, v] of Object.entries(ex)) {
      if (typeof v !== 'string' || v.trim() === '') problems.push(`text-speak.yaml: "${k}" must expand to some words.`);
      if (k !== k.toLowerCase() || /\s/.test(k)) problems.push(`text-speak.yaml: short form "${k}" must be one lower-case word.`);
    }
    if (!isStringArray(ts['common'])) problems.push('text-speak.yaml: "common" must be a list of words.');
  }

  if (raw.welsh !== undefined)
    for (const p of validateWelshSource(raw.welsh, welshTextSpeak(raw.textSpeak, raw.welsh))) problems.push(`welsh-words.yaml${p.path.length > 0 ? ` (${p.path.join('.')})` : ''}: ${p.message}`);

  const m = raw.model;
  if (!isRecord(m)) problems.push('safety-model.json: missing or not an object; run `npm run train:flags`.');
  else {
    if (m['format'] !== 1) problems.push('safety-model.json: unknown format; run `npm run train:flags`.');
    if (typeof m['sourceHash'] !== 'string' || typeof m['trainingHash'] !== 'string') problems.push('safety-model.json: sourceHash and trainingHash are missing; run `npm run train:flags`.');
    if (typeof m['buckets'] !== 'number' || !Number.isInteger(Math.log2(m['buckets']))) problems.push('safety-model.json: buckets must be a power of two.');
    if (!isRecord(m['categories'])) problems.push('safety-model.json: categories are missing; run `npm run train:flags`.');
    const sec = m['secondary'];
    if (sec !== undefined && !(typeof sec === 'number' && sec > 0 && sec <= 1)) problems.push('safety-model.json: "secondary" must be a number above 0 and at most 1; run `npm run train:flags`.');
    const cats = m['categories'];
    if (isRecord(cats))
      for (const [c, v] of Object.entries(cats)) {
        const own = isRecord(v) ? v['secondary'] : undefined;
        if (own !== undefined && !(typeof own === 'number' && own > 0 && own <= 1)) problems.push(`safety-model.json: ${c}'s "secondary" must be a number above 0 and at most 1; run \`npm run train:flags\`.`);
      }
    const f = m['features'];
    if (f !== undefined && !(isStringArray(f) && featureSpec(f))) problems.push('safety-model.json: "features" must list known feature names (w, b, k, c3-c6, x3-x6, s, sb); run `npm run train:flags`.');
  }
  return problems;
}
