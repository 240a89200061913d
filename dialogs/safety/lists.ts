/**
 * Session 36: the word lists the rules' code reads by name, from the `words:` section of red-flags.yaml.
 *
 * A list is compared with a token's exact normalised word (`CLAUSE_HEADS.has(tokens[k].word)`) or a span's
 * exact text, never with stems, typo corrections or `{set}` phrase matching, and it is no classifier feature
 * (the `sets:` are). Safeguarding staff edit them in the yaml, where content:check checks them; the code
 * names each list it reads in WORD_LIST_NAMES, so a name the yaml lacks stops the content check and the
 * server's start, and a list in the yaml that no code reads is reported too.
 *
 * How the code reads them: `const CLAUSE_HEADS = wordList('clause_heads')` at the top of detect.ts or
 * scope.ts is one Set for the life of the process, so a look-up stays one `Set.has`. Each entry point that
 * is given the model (detect, tokenise, scopedTokens, standsDown, analyseScope, isNegated) first calls
 * `bindWordLists(model.wordLists)`, which fills those Sets from the model's lists when the model is not
 * the one they already hold (once per process for the server; again only when a caller switches models).
 */

/** Every list the code reads, by file. A name here the yaml lacks is a content problem, and so is the reverse. */
export const WORD_LIST_NAMES = [
  // scope.ts
  'outcome', 'wished', 'reopened', 'condition_openers', 'child_acts', 'unstoppable', 'knowing_or_telling',
  'telling_words', 'untold_listeners', 'untold_clause_subjects', 'anyone', 'clause_heads', 'clause_pronouns',
  'clause_aux', 'main_clause_verbs', 'as_if_verbs', 'as_if_subjects', 'main_clause_subjects', 'told_subjects',
  'threat_modals', 'marker_ends', 'can_not', 'subject_negators', 'clause_subjects', 'first_person', 'condition_you',
  'refusals', 'condition_owners', 'wishes', 'asking_openers', 'someone_real', 'pronouns_real', 'fact_subjects',
  'ongoing', 'keep_subjects', 'who_facts', 'the_one', 'age_after', 'own_age_before',
  // detect.ts
  // NAMES:detect
] as const;

export type WordListName = (typeof WORD_LIST_NAMES)[number];

/** The model's lists, by name. */
export type WordLists = { readonly [K in WordListName]: ReadonlySet<string> };

/** A list's words: lower-case letters and digits; several words (one space apart) only for a list read against a span's text. */
const ENTRY = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Plain-English problems with red-flags.yaml's `words:` section (empty when all is well). */
export function validateWordLists(words: unknown): string[] {
  if (typeof words !== 'object' || words === null || Array.isArray(words)) return ['red-flags.yaml: "words" must be a map of list name → list of words.'];
  const problems: string[] = [];
  const lists = words as Record<string, unknown>;
  const known = new Set<string>(WORD_LIST_NAMES);
  for (const [name, list] of Object.entries(lists)) {
    if (!known.has(name)) problems.push(`red-flags.yaml: words.${name} is read by no code; delete it, or check its name against the code's (dialogs/safety/lists.ts).`);
    if (!Array.isArray(list) || list.length === 0) problems.push(`red-flags.yaml: words.${name} must be a non-empty list of words.`);
    else
      for (const w of list as unknown[])
        if (typeof w !== 'string' || !ENTRY.test(w)) problems.push(`red-flags.yaml: words.${name}: "${String(w)}" must be a lower-case word (letters and digits only; put numbers in quotes, like "20").`);
  }
  for (const name of WORD_LIST_NAMES) if (!(name in lists)) problems.push(`red-flags.yaml: words.${name} is missing; the detector's code reads it.`);
  return problems;
}

/** The model's lists from a validated `words:` section. */
export function buildWordLists(words: Readonly<Record<string, readonly string[]>>): WordLists {
  const lists: Partial<Record<WordListName, ReadonlySet<string>>> = {};
  for (const name of WORD_LIST_NAMES) lists[name] = new Set(words[name]);
  return Object.freeze(lists as WordLists);
}

/** The Sets the code holds, by name, and the lists they were last filled from. */
const live = new Map<WordListName, Set<string>>();
/** Sets worked out from other lists, refilled after them. */
const derived: { readonly set: Set<string>; readonly make: () => Iterable<string> }[] = [];
let bound: WordLists | undefined;

/** The code's Set for a list: empty until an entry point binds a model's lists (see the module comment). */
export function wordList(name: WordListName): ReadonlySet<string> {
  let set = live.get(name);
  if (set === undefined) {
    set = new Set();
    live.set(name, set);
  }
  return set;
}

/** A Set made from other lists (`[...FEMALE, ...MALE, 'parents']`), remade whenever the lists are bound. */
export function derivedWordList(make: () => Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  derived.push({ set, make });
  return set;
}

/** Fills the code's Sets from a model's lists, unless they already hold them. */
export function bindWordLists(lists: WordLists): void {
  if (lists === bound) return;
  // Nothing is emptied for a stand-in with no lists (testsFor's probes pass one): the Sets keep the lists they hold.
  if (typeof lists !== 'object' || lists === null) throw new TypeError('The red-flag detector was given a model without word lists.');
  bound = undefined;
  for (const [name, set] of live) {
    set.clear();
    for (const w of lists[name]) set.add(w);
  }
  for (const { set, make } of derived) {
    set.clear();
    for (const w of make()) set.add(w);
  }
  bound = lists;
}

/** The names the loaded code has asked for (for the test that WORD_LIST_NAMES holds no name nothing reads). */
export function namesRead(): ReadonlySet<string> {
  return new Set(live.keys());
}
