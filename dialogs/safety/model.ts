import { CATEGORIES, type Category, type Urgency } from './finding.js';
import { buildClassifier, featureSpec, FIRST_FEATURES, type Classifier } from './classifier.js';
import { canonicalJson, fingerprint } from './hash.js';
import type { ModelFileSource, RedFlagsSource, RuleSource, SafetySource, TextSpeakSource } from './source.js';
import { validateSafetySource } from './source.js';
import { WordIndex } from './vocabulary.js';
import { prepareIndex } from './match.js';
import type { WelshSource } from './welsh.js';
import { buildWordLists, type WordLists } from './lists.js';

/** A compiled rule: what fires, how urgent, and which scopes may cancel it. */
export interface CompiledRule {
  /** `category.rule` or `signal.rule`: the cross-turn feature name. */
  readonly feature: string;
  /** Stable public id, e.g. `lex:sexual.image-request`. */
  readonly id: string;
  readonly category: Category | undefined;
  readonly urgency: Urgency;
  readonly negatable: boolean;
  readonly strictNegation: boolean;
  readonly hypothetical: boolean;
  readonly resolvable: boolean;
  readonly unlessSentenceHas: readonly string[];
  readonly unlessBefore: readonly string[];
  readonly needsBefore: readonly string[];
}

/** One phrase as a list of match keys (stems or `{set}`); `gaps[k]` is how many words may sit before term k. */
export interface CompiledPhrase {
  readonly terms: readonly string[];
  readonly gaps: readonly number[];
  readonly rule: CompiledRule;
}

/** A phrase index: first key → phrases starting with it. */
export type PhraseIndex = ReadonlyMap<string, readonly CompiledPhrase[]>;

export interface CompiledCombo {
  readonly id: string;
  readonly category: Category;
  readonly urgency: Urgency;
  readonly needs: readonly string[];
  readonly within: number;
}

/** Everything `detect` needs, built once at boot from content and frozen. */
export interface SafetyModel {
  /** `lex-<version>-<source fingerprint>`: recorded on every finding. */
  readonly detectorVersion: string;
  readonly sourceHash: string;
  readonly words: WordIndex;
  readonly rules: PhraseIndex;
  readonly scope: {
    readonly negators: ReadonlySet<string>;
    readonly breakers: ReadonlySet<string>;
    readonly reporting: ReadonlySet<string>;
    readonly objectMarkers: ReadonlySet<string>;
    /** Every scope phrase in one index; each phrase's `rule.feature` says which scope it opens. */
    readonly phrases: PhraseIndex;
  };
  readonly combos: readonly CompiledCombo[];
  readonly categoryUrgency: Readonly<Record<Category, Urgency>>;
  readonly classifier: Classifier;
  /** Session 36: red-flags.yaml's `words:`, the exact word lists the rules' code reads by name (lists.ts). */
  readonly wordLists: WordLists;
}

/** Raised when the content or model file cannot be used; the message is plain English. */
export class SafetyModelError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The red-flag detector cannot start:\n- ${problems.join('\n- ')}`);
    this.name = 'SafetyModelError';
  }
}

/** Fingerprint of the lexicon sources a model must have been trained with. */
export function sourceFingerprint(redFlags: unknown, textSpeak: unknown, welsh?: unknown): string {
  // Without Welsh words the fingerprint is the one of before session 23.
  return fingerprint(canonicalJson({ redFlags, textSpeak, welsh }));
}

/** A `...` in a phrase: this many words may sit there. */
export const WIDE_GAP = 5;

/** Content words of a phrase → match keys, through the same text-speak and stemming as messages. */
function compileTerms(phrase: string, gap: number, words: WordIndex): { terms: string[]; gaps: number[] } {
  const terms: string[] = [];
  const gaps: number[] = [];
  let wide = false;
  for (const part of phrase.toLowerCase().split(/\s+/).filter(Boolean)) {
    if (part === '...') { wide = true; continue; }
    const keys = part.startsWith('{') && part.endsWith('}') ? [part] : words.plain(part.replace(/[^a-z0-9'’{}]/g, '')).filter((w) => w !== '').map((w) => words.stem(w));
    for (const k of keys) {
      terms.push(k);
      gaps.push(wide ? WIDE_GAP : gap);
      wide = false;
    }
  }
  return { terms, gaps };
}

function indexPhrases(entries: Iterable<{ phrase: string; gap: number; rule: CompiledRule }>, words: WordIndex): PhraseIndex {
  const index = new Map<string, CompiledPhrase[]>();
  for (const { phrase, gap, rule } of entries) {
    const { terms, gaps } = compileTerms(phrase, gap, words);
    const first = terms[0];
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    list.push({ terms, gaps, rule });
    index.set(first, list);
  }
  return index;
}

/** The scopes a scope phrase can open (see scope.ts). */
export type ScopeKind = 'hypothetical' | 'general' | 'questions' | 'idioms' | 'affirmations' | 'past' | 'settled';

const SCOPE_RULE: CompiledRule = {
  feature: 'scope',
  id: 'scope',
  category: undefined,
  urgency: 'normal',
  negatable: false,
  strictNegation: false,
  hypothetical: false,
  resolvable: false,
  unlessSentenceHas: [],
  unlessBefore: [],
  needsBefore: [],
};

/**
 * Builds the detector's model from already-parsed content (red-flags.yaml, text-speak.yaml) and the
 * trained model file. Pure. Throws {@link SafetyModelError} with plain-English problems when the
 * content is invalid or the model file was trained from different content (stale).
 */
export function buildSafetyModel(source: SafetySource): SafetyModel {
  const problems = validateSafetySource(source);
  if (problems.length > 0) throw new SafetyModelError(problems);
  const rf = source.redFlags as RedFlagsSource;
  const ts = source.textSpeak as TextSpeakSource;
  const file = source.model as ModelFileSource;
  const sourceHash = sourceFingerprint(rf, ts, source.welsh);
  if (file.sourceHash !== sourceHash)
    throw new SafetyModelError([
      `safety-model.json is stale: it was trained from lexicon ${file.sourceHash} but the content is now ${sourceHash}. Run \`npm run train:flags\` and commit the new model.`,
    ]);

  const allRules: { rule: RuleSource; prefix: string; category: Category | undefined; urgency: Urgency }[] = [];
  for (const c of CATEGORIES) for (const r of rf.categories[c].rules) allRules.push({ rule: r, prefix: c, category: c, urgency: r.urgency ?? rf.categories[c].urgency });
  for (const r of rf.signals) allRules.push({ rule: r, prefix: 'signal', category: undefined, urgency: 'normal' });

  const lexiconWords = new Set<string>();
  const collect = (p: string): void => {
    for (const w of p.toLowerCase().split(/\s+/)) if (!w.startsWith('{') && w !== '') lexiconWords.add(w.replace(/[’']/g, ''));
  };
  for (const { rule } of allRules) rule.phrases.forEach(collect);
  const sc = rf.scope;
  const known = [...ts.common, ...Object.keys(ts.expansions), ...sc.negators, ...sc.negationBreakers, ...sc.reporting, ...sc.objectMarkers];
  for (const list of [sc.hypothetical, sc.general, sc.questions, sc.idioms, sc.affirmations, sc.past, sc.settled]) for (const p of list) for (const w of p.toLowerCase().split(/\s+/)) if (!w.startsWith('{')) known.push(w);
  const words = new WordIndex(ts.expansions, known, rf.sets, lexiconWords, source.welsh as WelshSource | undefined);

  const phraseEntries: { phrase: string; gap: number; rule: CompiledRule }[] = [];
  for (const { rule, prefix, category, urgency } of allRules) {
    const compiled: CompiledRule = {
      feature: `${prefix}.${rule.id}`,
      id: `${category ? 'lex' : 'sig'}:${prefix}.${rule.id}`,
      category,
      urgency,
      negatable: rule.negatable ?? true,
      strictNegation: rule.strictNegation ?? false,
      hypothetical: rule.hypothetical ?? true,
      resolvable: rule.resolvable ?? true,
      unlessSentenceHas: (rule.unlessSentenceHas ?? []).map((s) => `{${s}}`),
      unlessBefore: (rule.unlessBefore ?? []).map((s) => `{${s}}`),
      needsBefore: (rule.needsBefore ?? []).map((s) => `{${s}}`),
    };
    for (const phrase of rule.phrases) phraseEntries.push({ phrase, gap: rule.gap ?? 2, rule: compiled });
  }
  const scopeEntries = (kind: ScopeKind, list: readonly string[], gap: number): { phrase: string; gap: number; rule: CompiledRule }[] =>
    list.map((phrase) => ({ phrase, gap, rule: { ...SCOPE_RULE, feature: kind, id: `scope:${kind}` } }));
  const stems = (list: readonly string[]): Set<string> => new Set(list.flatMap((w) => words.plain(w)).map((w) => words.stem(w)));

  const perCategory = new Map<Category, { bias: number; threshold: number; secondary?: number; weights: readonly (readonly [number, number])[] }>();
  for (const c of CATEGORIES) {
    const m = file.categories[c];
    if (m) perCategory.set(c, m);
  }
  const rules = indexPhrases(phraseEntries, words);
  const scopePhrases = indexPhrases(
    [
      ...scopeEntries('hypothetical', sc.hypothetical, 2),
      ...scopeEntries('general', sc.general, 1),
      ...scopeEntries('questions', sc.questions, 0),
      ...scopeEntries('idioms', sc.idioms, 1),
      ...scopeEntries('affirmations', sc.affirmations, 1),
      ...scopeEntries('past', sc.past, 1),
      ...scopeEntries('settled', sc.settled, 2),
    ],
    words,
  );
  // Session 24: laid out for matching by term id now, before any message's words are read.
  prepareIndex(rules);
  prepareIndex(scopePhrases);
  const categoryUrgency = Object.fromEntries(CATEGORIES.map((c) => [c, rf.categories[c].urgency])) as Record<Category, Urgency>;
  return Object.freeze({
    detectorVersion: `lex-${rf.version}-${sourceHash.slice(0, 8)}+model-${file.trainingHash.slice(0, 8)}`,
    sourceHash,
    words,
    rules,
    scope: {
      negators: stems(sc.negators),
      breakers: stems(sc.negationBreakers),
      reporting: stems(sc.reporting),
      objectMarkers: stems(sc.objectMarkers),
      phrases: scopePhrases,
    },
    combos: rf.combos.map((c) => ({ id: c.id, category: c.category, urgency: c.urgency, needs: c.needs, within: c.within ?? 6 })),
    categoryUrgency,
    classifier: buildClassifier(file.buckets, perCategory, featureSpec(file.features ?? FIRST_FEATURES), file.secondary ?? 2),
    wordLists: buildWordLists(rf.words),
  });
}
