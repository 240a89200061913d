import type { SafetyModel } from './model.js';
import { findPhrases, keysPresent, type PhraseMatch, type Token } from './match.js';
import { bindWordLists, wordList } from './lists.js';
import { clauseAt, namesChild } from './clause.js';

/**
 * Scopes that change what a phrase means: harmless idioms (masked before matching), negation
 * ("he doesn't know where I live"), hypotheticals and general questions ("what if someone…",
 * "what are the warning signs") and events that are clearly past and settled.
 */
export interface MessageScope {
  /** Per sentence: the token index from which a hypothetical starts (Infinity: none). */
  readonly hypotheticalFrom: ReadonlyMap<number, number>;
  readonly generalSentences: ReadonlySet<number>;
  /** Session 38 (clause): per general sentence, where its first general phrase starts. */
  readonly generalAt: ReadonlyMap<number, number>;
  /** Per sentence made general only by a question opener ("what is…"): where the opener starts. */
  readonly questionFrom: ReadonlyMap<number, number>;
  /** Session 30: where each hypothetical or question opener ends, by where it starts ("what do i do IF"). */
  readonly openerLast: ReadonlyMap<number, number>;
  readonly resolved: boolean;
  /**
   * Session 28: where the message's last outcome phrase starts ("…and he got banned, its all
   * sorted"), with something done about it said too (a second settled phrase), nothing that reopens
   * it after it and no wish before it (`closureAt`); -1 when there is none.
   */
  readonly closedFrom: number;
}

/** The scope of a message without any scope phrase (what the loop below makes of none). */
const NO_SCOPE: MessageScope = { hypotheticalFrom: new Map(), generalSentences: new Set(), generalAt: new Map(), questionFrom: new Map(), openerLast: new Map(), resolved: false, closedFrom: -1 };

/** Masks idiom words in place and works out hypothetical, general and resolved scopes. */
export function analyseScope(tokens: Token[], model: SafetyModel, present: ReadonlySet<string> = keysPresent(tokens)): MessageScope {
  bindWordLists(model.wordLists);
  const matches = findPhrases(tokens, model.scope.phrases, true, present);
  // Session 32: most messages have no scope phrase at all: one shared empty scope, not four collections each time.
  if (matches.length === 0) return NO_SCOPE;
  const hypotheticalFrom = new Map<number, number>();
  const generalSentences = new Set<number>();
  const generalAt = new Map<number, number>();
  const questionFrom = new Map<number, number>();
  const openerLast = new Map<number, number>();
  let past = false;
  let settled = false;
  const settledAt: PhraseMatch[] = [];
  for (const m of matches) {
    const s = tokens[m.first]?.sentence ?? 0;
    switch (m.phrase.rule.feature) {
      case 'idioms':
        if (!silencingElder(tokens, m) && !hurtBySomeoneElse(tokens, m) && !dreadsBeingSeen(tokens, m)) mask(tokens, m);
        break;
      case 'affirmations':
        if (!isDeniedIdiom(tokens, m, model)) mask(tokens, m);
        break;
      case 'hypothetical':
        if (isReportedCondition(tokens, m) || isBrokenDemand(tokens, m)) break;
        hypotheticalFrom.set(s, Math.min(hypotheticalFrom.get(s) ?? Infinity, m.first));
        openerLast.set(m.first, Math.max(openerLast.get(m.first) ?? -1, m.last));
        break;
      case 'general':
        generalSentences.add(s);
        generalAt.set(s, Math.min(generalAt.get(s) ?? Infinity, m.first));
        break;
      case 'questions': {
        const opensSentence = tokens.findIndex((t) => t.sentence === s) >= m.first - QUESTION_OPENING_WORDS;
        if (opensSentence && !tokens.some((t) => t.sentence === s && t.keys.includes('{specific}'))) {
          questionFrom.set(s, Math.min(questionFrom.get(s) ?? Infinity, m.first));
          openerLast.set(m.first, Math.max(openerLast.get(m.first) ?? -1, m.last));
        }
        break;
      }
      case 'past':
        past = true;
        break;
      case 'settled':
        // Session 9: "if i block her…", "unless i report it" is a condition the child is weighing,
        // not an event dealt with.
        if (!isCondition(tokens, m)) { settled = true; settledAt.push(m); }
        break;
    }
  }
  return { hypotheticalFrom, generalSentences, generalAt, questionFrom, openerLast, resolved: past && settled, closedFrom: closureAt(tokens, settledAt) };
}

const OUTCOME = wordList('outcome');
const WISHED = wordList('wished');
const REOPENED = wordList('reopened');

/**
 * Session 28: an event told with what was done and how it ended, without a word of when ("told my
 * parents about the guy who asked my age, they reported him and he got banned, its done"; "she told
 * her mum and blocked him and its all sorted"). The outcome must come after the flag's phrase (the
 * caller checks) and be the message's last word on it: nothing after it reopens it ("…got banned
 * but he made a new account"), and another settled phrase must be there too. "now" after the outcome
 * reopens only when it is not the outcome's own ("sorted now", "fine now").
 */
function closureAt(tokens: readonly Token[], settledAt: readonly PhraseMatch[]): number {
  if (settledAt.length < 2) return -1;
  let at = -1;
  for (const m of settledAt) {
    let outcome = false;
    for (let j = m.first; j <= m.last; j += 1) if (OUTCOME.has(tokens[j]?.word ?? '')) outcome = true;
    if (!outcome) continue;
    const s = tokens[m.first]?.sentence;
    let wished = false;
    for (let j = Math.max(0, m.first - 3); j < m.first; j += 1) if (tokens[j]?.sentence === s && WISHED.has(tokens[j]?.word ?? '')) wished = true;
    if (wished) continue;
    let reopened = false;
    for (let j = m.last + 1; j < tokens.length; j += 1) if (REOPENED.has(tokens[j]?.word ?? '') && !(tokens[j]?.word === 'now' && j === m.last + 1)) reopened = true;
    if (reopened) continue;
    const others = settledAt.some((o) => o.last < m.first || o.first > m.last);
    if (others) at = Math.max(at, m.first);
  }
  return at;
}

/** An idiom's words are hidden from the lexicon's phrases and the classifier. */
function mask(tokens: readonly Token[], m: PhraseMatch): void {
  for (let i = m.first; i <= m.last; i += 1) {
    const t = tokens[i];
    if (t) t.masked = true;
  }
}

/** How far before an idiom a negator denies it (the lexicon's default gap: "i DONT really see myself…"). */
const IDIOM_DENIAL_REACH = 2;

/**
 * Session 12: an affirmation (scope `affirmations`, the positive form of a denial phrase) denied by
 * a negator up to two words before it (same sentence and speaker) is the red flag, so it is not
 * masked and the lexicon's own denial phrase can match. "i see myself being alive" is masked (its
 * words no longer reach the classifier, which read `myself`, `alive` as self-harm); "i cant see
 * myself being alive" is not, and stays `suicidal-thoughts`. Only for this list: ordinary idioms
 * stay masked after a negator ("i never tell anyone my password").
 */
function isDeniedIdiom(tokens: readonly Token[], m: PhraseMatch, model: SafetyModel): boolean {
  const first = tokens[m.first];
  if (!first) return false;
  for (let j = m.first - 1; j >= Math.max(0, m.first - IDIOM_DENIAL_REACH); j -= 1) {
    const t = tokens[j];
    if (!t || t.sentence !== first.sentence || t.quoted !== first.quoted) return false;
    // A negator, or a word of the lexicon's `cannot` set ("cannot" is not a negator of its own).
    if (model.scope.negators.has(t.keys[0] ?? '') || t.keys.includes('{cannot}')) return true;
  }
  return false;
}

export const CONDITION_OPENERS = wordList('condition_openers');
const CONDITION_REACH = 2;

function isCondition(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let j = Math.max(0, m.first - CONDITION_REACH); j < m.first; j += 1) {
    const t = tokens[j];
    if (t !== undefined && t.sentence === s && CONDITION_OPENERS.has(t.word)) return true;
  }
  return false;
}

/**
 * Session 8: a family "will kill me" idiom said by an adult the child trusts (a parent, an aunt,
 * a coach; not a brother, sister, cousin or friend) in a sentence tied to the child keeping quiet
 * (set `hush`) is a threat, not an idiom: "my dad said he'll kill me if i tell anyone what he does"
 * ("my brother said he'd kill me if i told mum he dyed the cat's bowl" stays one); since session 14
 * also anywhere in a message that says the threat is meant (set `earnest`).
 */
function silencingElder(tokens: readonly Token[], m: PhraseMatch): boolean {
  const who = tokens[m.first];
  if (who === undefined || !who.keys.includes('{family}') && !who.keys.includes('{friends}')) return false;
  // Session 21: a friend of someone else's ("my BROTHERS mate", "HIS mate") is not the child's
  // friend teasing: the sibling-and-peer exception does not cover them.
  const before = tokens[m.first - 1];
  const next = tokens[m.first + 1];
  const othersFriend =
    (who.keys.includes('{peers}') && before !== undefined && (before.word === 'his' || before.word === 'her' || before.word === 'their' || (before.keys.includes('{family}') && before.word.endsWith('s')))) ||
    (who.keys.includes('{family}') && who.word.endsWith('s') && next !== undefined && next.keys.includes('{peers}'));
  if ((who.keys.includes('{sibling}') || who.keys.includes('{peers}')) && !othersFriend) return false;
  let kill = false;
  for (let i = m.first; i <= m.last; i += 1) if (tokens[i]?.keys.includes('{hyperkill}')) kill = true;
  // Session 14: also when the message says it is meant (set `earnest`: "and he means it", "not
  // joking", "he hits me"): "my dad said hes going to kill me when he gets home and he means it".
  if (!kill) return false;
  // Session 21: or when the same adult has just broken, smashed or thrown the child's things in
  // rage (set `rage`, the word within three after them): "my dad BROKE my phone and said hes going
  // to kill me when he gets back". The child breaking something ("i broke the tv, my dad is going to
  // kill me") stays an idiom: the one breaking is not the adult.
  for (let j = m.first + 1; j <= Math.min(m.last, m.first + 3); j += 1) if (tokens[j]?.sentence === who.sentence && tokens[j]?.keys.includes('{rage}')) return true;
  return tokens.some((t) => (t.sentence === who.sentence && t.keys.includes('{hush}')) || t.keys.includes('{earnest}'));
}

export const CHILD_ACTS = wordList('child_acts');
/** How far before a "hurt my …" idiom its doer is looked for ("he really hurt my arm"). */
const HURTER_REACH = 3;

/**
 * Session 33: the sports idioms "hurt my arm", "hurt my knee" … are the child's own injury ("i hurt my arm
 * at football"). Said with someone else as the one who hurt ("he hurt my arm", "my stepdad hurt my arm
 * again"), they are someone hurting the child, and stay unmasked, unless the sentence says it was play or
 * an accident (set `harmless`: "we were play fighting and he hurt my arm by accident").
 */
function hurtBySomeoneElse(tokens: readonly Token[], m: PhraseMatch): boolean {
  const hurt = tokens[m.first];
  if (hurt === undefined || !hurt.word.startsWith('hurt')) return false;
  let other = false;
  for (let j = m.first - 1; j >= Math.max(0, m.first - HURTER_REACH); j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== hurt.sentence || CHILD_ACTS.has(t.word)) return false;
    if (t.keys.includes('{person}') || t.keys.includes('{family}') || t.keys.includes('{friends}')) { other = true; break; }
  }
  return other && !tokens.some((t) => t.sentence === hurt.sentence && t.keys.includes('{harmless}'));
}

/**
 * Session 38 (lead): "i would rather die than my mum see it", "id rather die than anyone find out". Said of being
 * seen, found out or known about, "rather die than" is not the clothes-and-dentist idiom ("id rather die than wear
 * that jumper"): it is the despair the low-mood signal reads, and after a threat about the child's pictures the
 * combo low-mood-after-threat (session 16) makes it self-harm. The idiom's mask hid it from that signal, so the
 * combo written for this sentence never fired. Unmasked when a word of list `exposure_words` follows within
 * EXPOSURE_REACH words in the same sentence, with a word between (who would see).
 */
const EXPOSURE_WORDS = wordList('exposure_words');
const EXPOSURE_REACH = 6;
function dreadsBeingSeen(tokens: readonly Token[], m: PhraseMatch): boolean {
  const first = tokens[m.first];
  const die = tokens[m.last - 1];
  if (first === undefined || die === undefined || !die.word.startsWith('die')) return false;
  // Someone else between "than" and the word ("than MY MUM see it", "than ANYONE find out"): "than see him again" is the
  // child's own seeing.
  for (let j = m.last + 2; j <= Math.min(tokens.length - 1, m.last + EXPOSURE_REACH); j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== first.sentence) return false;
    if (EXPOSURE_WORDS.has(t.word)) return true;
  }
  return false;
}

/**
 * Session 22: "if you not pay…", "if you no send…" (a demand in broken or machine-translated English,
 * with no "do" before the "not") is the condition of a sextortion demand, not a general "if you…":
 * English said generally has "if you don't…".
 */
function isBrokenDemand(tokens: readonly Token[], m: PhraseMatch): boolean {
  const you = tokens[m.last];
  const next = tokens[m.last + 1];
  if (tokens[m.first]?.word !== 'if' || you === undefined || (you.word !== 'you' && you.word !== 'u') || next === undefined || next.sentence !== you.sentence) return false;
  if (next.word === 'not' || next.word === 'no') return true;
  // Session 24 (train48): an order's condition, "if u dont do what i say i will…".
  const w = (k: number): string => (tokens[m.last + k]?.sentence === you.sentence ? (tokens[m.last + k]?.word ?? '') : '');
  return (next.word === 'dont' || (next.word === 'do' && w(2) === 'not')) && [w(2), w(3), w(4), w(5)].join(' ').replace(/^not /, '').startsWith('do what i say');
}

/**
 * Session 8: an "if {generic}" that is not a hypothetical but the condition of a threat or
 * demand: the generic word is not the subject right after "if" ("if i tell ANYONE he'll hurt my
 * sister": words between). (Also taking "HE SAYS if you…" as no hypothetical was tried: it found
 * nothing more and raised a teacher's "he said if someone asks for pics…".)
 */
function isReportedCondition(tokens: readonly Token[], m: PhraseMatch): boolean {
  return tokens[m.first]?.word === 'if' && m.last > m.first + 1;
}

const NEGATION_REACH = 5;
const CLAUSE_OPENERS = wordList('clause_openers');
const UNSTOPPABLE = wordList('unstoppable');
const KNOWING_OR_TELLING = wordList('knowing_or_telling');
/** A question opener counts when it starts within the first 3 words of its sentence ("hi, what is…"). */
const QUESTION_OPENING_WORDS = 3;

/** Whether a negator shortly before the phrase (same sentence, same speaker) cancels it. */
export function isNegated(tokens: readonly Token[], m: PhraseMatch, model: SafetyModel, strict = false): boolean {
  bindWordLists(model.wordLists);
  const first = tokens[m.first];
  if (!first) return false;
  const { negators, breakers, reporting } = model.scope;
  let sawBreaker = false;
  for (let j = m.first - 1; j >= Math.max(0, m.first - NEGATION_REACH); j -= 1) {
    const t = tokens[j];
    if (!t || t.sentence !== first.sentence || t.quoted !== first.quoted) return false;
    // Session 36 (lead): a negator before "but", "and", "so"… and a new subject belongs to that earlier clause: "i never
    // met him BUT HE knows my school", "i didnt say yes BUT HE is coming to my house".
    if (CLAUSE_OPENERS.has(t.word) && CLAUSE_PRONOUNS.has(tokens[j + 1]?.word ?? '')) return false;
    const stem = t.keys[0] ?? '';
    // Under strict negation, not knowing or not telling does not deny what follows: "my mum
    // doesn't know I self harm", "I haven't told anyone I want to die" (fail towards help).
    if (strict && KNOWING_OR_TELLING.has(t.word)) return false;
    // Session 33b: "dont tell anyone WE sext": a clause of its own after the telling is what is kept quiet, not denied.
    if (TELLING_WORDS.has(t.word) && toldClauseAfter(tokens, j, m.first)) return false;
    // "he never said …" denies the saying; "he said 'don't …'" starts someone else's words.
    if (reporting.has(stem)) return negators.has(tokens[j - 1]?.keys[0] ?? '');
    // Under strict negation ("I don't want to die" is a denial) only "stop"/"quit" still undo it:
    // "I can't stop thinking about suicide" is not a denial.
    if (breakers.has(stem) && (!strict || UNSTOPPABLE.has(stem)) && !isDeniedKnowing(tokens, j, m.first) && !isAsIf(tokens, j) && !isPrivacyWish(tokens, j, m.first)) sawBreaker = true;
    if (negators.has(stem) && !isDiscourseMarker(tokens, j)) return !sawBreaker && !isConditionNegator(tokens, j, m.first) && !isRelativeNegator(tokens, j, m.first);
  }
  return false;
}

const TELLING_WORDS = wordList('telling_words');
const UNTOLD_LISTENERS = wordList('untold_listeners');
const UNTOLD_CLAUSE_SUBJECTS = wordList('untold_clause_subjects');

/**
 * Session 33b: the telling at `j` is followed by who is not told and a clause with its own subject before the phrase
 * at `first` ("he said dont tell anyone WE sext", "dont tell ur mum HE sent u pics"): a negator before the telling
 * keeps quiet about the clause, it does not deny it. "i didnt tell him my address" (no clause) is still a denial.
 */
function toldClauseAfter(tokens: readonly Token[], j: number, first: number): boolean {
  let k = j + 1;
  if (tokens[k]?.word === 'your' || tokens[k]?.word === 'ur' || tokens[k]?.word === 'my' || tokens[k]?.word === 'the') k += 1;
  if (!UNTOLD_LISTENERS.has(tokens[k]?.word ?? '')) return false;
  if (tokens[k + 1]?.word === 'that') k += 1;
  return k + 1 < first && UNTOLD_CLAUSE_SUBJECTS.has(tokens[k + 1]?.word ?? '');
}

const ANYONE = wordList('anyone');

/**
 * Session 30: "want" is no breaker when the phrase is what the child wishes nobody to do: "i dont want anyone to know
 * where i live", "i dont want people to see my location" (a wish for privacy, not pressure resisted). Only for
 * anyone at all right after "want" and "to" just before the phrase; "i dont want him to know where i live" and "i
 * dont want to send pics" keep "want" as a breaker.
 */
function isPrivacyWish(tokens: readonly Token[], j: number, first: number): boolean {
  return (tokens[j]?.word === 'want' || tokens[j]?.word === 'wanna') && ANYONE.has(tokens[j + 1]?.word ?? '') && tokens[j + 2]?.word === 'to' && first === j + 3;
}

const CLAUSE_HEADS = wordList('clause_heads');
const CLAUSE_PRONOUNS = wordList('clause_pronouns');
const CLAUSE_AUX = wordList('clause_aux');
const MAIN_CLAUSE_VERBS = wordList('main_clause_verbs');

/**
 * Session 26: a negator inside a relative clause denies that clause, not the main clause's verb:
 * "a lad i never met IS THREATENING to share my nudes", "a guy i have never met is threatening…",
 * "someone who doesnt even know me keeps asking for pics". The clause opens with a person word
 * ("lad", "guy", "someone"…) and "who"/"that" or a subject pronoun (with an auxiliary "have", "do"
 * at most) right before the negator; at least one word (the clause's own verb) sits between the
 * negator and the phrase, and a word that carries the main clause on ("is", "was", "keeps", "now",
 * "said"…) comes after that verb, or the phrase itself opens the main clause right after it with
 * a verb in -ed, -ing or -s ("a lad i never met threatened me"). "he never threatened me", "a man
 * never asked me for pics", "someone who never threatened me" (the phrase right after the negator)
 * stay denied.
 */
function isRelativeNegator(tokens: readonly Token[], j: number, first: number): boolean {
  const s = tokens[j]?.sentence;
  const w = (k: number): string => (k >= 0 && tokens[k]?.sentence === s ? (tokens[k]?.word ?? '') : '');
  if (first - j < 2) return false;
  let k = j - 1;
  // "do not", "have never", "i have literally never"
  for (let n = 0; n < 2 && CLAUSE_AUX.has(w(k)); n += 1) k -= 1;
  let opens = false;
  if (w(k) === 'who' || w(k) === 'that') opens = CLAUSE_HEADS.has(w(k - 1)) || (w(k) === 'who' && w(k - 1) !== '');
  else if (CLAUSE_PRONOUNS.has(w(k))) opens = CLAUSE_HEADS.has(w(k - 1)) || ((w(k - 1) === 'who' || w(k - 1) === 'that') && CLAUSE_HEADS.has(w(k - 2)));
  if (!opens) return false;
  // The clause's own verb (and its object, two words at most), then the main clause.
  for (let q = j + 2; q < first && q <= j + 4; q += 1) if (MAIN_CLAUSE_VERBS.has(w(q))) return true;
  if (first - j > 3) return false;
  const verb = w(first);
  return verb.length > 3 && (verb.endsWith('ed') || verb.endsWith('ing') || verb.endsWith('s'));
}

const AS_IF_VERBS = wordList('as_if_verbs');
const AS_IF_SUBJECTS = wordList('as_if_subjects');

/**
 * Session 26b: "like" meaning "as if" is no breaker: "its not like anyones threatening me", "i dont feel like
 * anyone hurts me" deny what follows, as "i dont like him sending me pics" (the verb "like") does not. Only after
 * feel, seem, look or sound, or "it is not like", and with a subject right after it.
 */
function isAsIf(tokens: readonly Token[], j: number): boolean {
  if (tokens[j]?.word !== 'like' || !AS_IF_SUBJECTS.has(tokens[j + 1]?.word ?? '')) return false;
  const before = tokens[j - 1]?.word ?? '';
  if (AS_IF_VERBS.has(before)) return true;
  const it = tokens[j - 2]?.word ?? '';
  return before === 'not' && (it === 'is' || it === 'its' || it === 'was');
}

const MAIN_CLAUSE_SUBJECTS = wordList('main_clause_subjects');

/**
 * Session 22: a negator inside a condition ("if" or "unless" at most three words before it) denies the
 * condition, not a phrase in the main clause after it, when a subject opens that clause in between:
 * "if you not pay I share you photo to everybody", "if you dont reply he will post them". The phrase
 * right after the negator ("if i dont send pics…") is still the negated one. Session 32: the same when
 * the condition is a refusal put to "you" and the phrase is its main clause ({@link refusalCondition}:
 * "if you dont pay me your photos go to everyone"). Session 34ds: the same when the main clause is a request that opens
 * on a word of set `askopener` with the condition's verb between ("if i dont wake up TELL my mum i love her"); "if i
 * dont tell my mum…" (the request right after the negator) is still the negated one.
 */
function isConditionNegator(tokens: readonly Token[], j: number, first: number): boolean {
  const s = tokens[j]?.sentence;
  let opens = false;
  for (let k = j - 1; k >= Math.max(0, j - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (t.word === 'if' || t.word === 'unless') { opens = true; break; }
  }
  if (!opens) return false;
  for (let k = j + 2; k < first; k += 1) if (MAIN_CLAUSE_SUBJECTS.has(tokens[k]?.word ?? '')) return true;
  if (first - j >= 3 && tokens[first]?.sets.includes('{askopener}') === true) return true;
  if (refusalCondition(tokens, first) || refusalThenVow(tokens, first)) return true;
  return demandTold(tokens, j);
}

const TOLD_SUBJECTS = wordList('told_subjects');
const THREAT_MODALS = wordList('threat_modals');

/**
 * Session 24 (train48): a demand told by a parent, "he'll make her cry in front of her class if she
 * doesn't send a picture in the shower", "if he doesn't hand over the realm login he'll burn ur house
 * down": "if/unless he, she or they" right before the negator, and a threat's "he will", "they would"
 * elsewhere in the sentence. What follows the negator is what is demanded, not denied. The child's own
 * "if i dont send pics…" is left as it was.
 */
function demandTold(tokens: readonly Token[], j: number): boolean {
  const s = tokens[j]?.sentence;
  const w = (k: number): string => (tokens[k]?.sentence === s ? (tokens[k]?.word ?? '') : '');
  if (!TOLD_SUBJECTS.has(w(j - 1)) || (w(j - 2) !== 'if' && w(j - 2) !== 'unless')) return false;
  for (let k = 0; k < tokens.length - 1; k += 1) {
    if (k >= j - 2 && k <= j + 1) continue;
    if (tokens[k]?.sentence === s && MAIN_CLAUSE_SUBJECTS.has(w(k)) && THREAT_MODALS.has(w(k + 1))) return true;
  }
  return false;
}

const MARKER_ENDS = wordList('marker_ends');

/**
 * Session 8: "not going to lie" ("ngl"), "not gonna lie", "no lie", "no cap" say the speaker is
 * being honest; they deny nothing that follows ("ngl i think about dying like every day now" was
 * read as a denial under strict negation).
 */
function isDiscourseMarker(tokens: readonly Token[], j: number): boolean {
  const s = tokens[j]?.sentence;
  if (isEagerness(tokens, j)) return true;
  for (let k = j + 1; k <= j + 3 && k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (MARKER_ENDS.has(t.word)) return true;
    if (t.word !== 'going' && t.word !== 'gonna' && t.word !== 'to') return false;
  }
  return false;
}

const CAN_NOT = wordList('can_not');

/**
 * Session 29: "can't wait" is eagerness, not a denial: "lol cant wait to not exist anymore", "i cant wait to die"
 * were read as denied under strict negation (and "he cant wait to meet me alone" lost its meeting). Only the negator
 * right before "wait" ("i cant just wait" and "dont wait" still deny).
 */
function isEagerness(tokens: readonly Token[], j: number): boolean {
  const next = tokens[j + 1];
  return CAN_NOT.has(tokens[j]?.word ?? '') && next !== undefined && next.sentence === tokens[j]?.sentence && next.word === 'wait';
}

const SUBJECT_NEGATORS = wordList('subject_negators');
const CLAUSE_SUBJECTS = wordList('clause_subjects');

/**
 * Whether "know" at `j` is itself denied by a subject negator and what follows is what is known:
 * "nobody knows my address" denies the knowing, while "nobody knows he has my pics" (a new clause)
 * and "I don't know where he lives" keep "know" as a breaker.
 */
function isDeniedKnowing(tokens: readonly Token[], j: number, first: number): boolean {
  if (tokens[j]?.keys[0] !== 'know') return false;
  const before = tokens[j - 1]?.word ?? '';
  const subject = SUBJECT_NEGATORS.has(before) || (before === 'one' && tokens[j - 2]?.word === 'no');
  if (!subject) return false;
  for (let k = j + 1; k < first; k += 1) if (CLAUSE_SUBJECTS.has(tokens[k]?.word ?? '')) return false;
  return !CLAUSE_SUBJECTS.has(tokens[first]?.word ?? '');
}

/**
 * Session 38 (clause): whether token `i` is inside its sentence's general scope (a lesson, the news, a film: set
 * `general`). The scope covers the sentence, except a later clause, after the general phrase's own, where someone else
 * acts on the child ("in pshe we watched a video about people asking for nudes AND A MAN ONLINE KEEPS ASKING ME for nude
 * pics"): that clause is the child's own disclosure, not the lesson's topic.
 */
function generalHere(tokens: readonly Token[], i: number, scope: MessageScope): boolean {
  const s = tokens[i]?.sentence ?? 0;
  if (!scope.generalSentences.has(s)) return false;
  const at = scope.generalAt.get(s) ?? 0;
  const own = clauseAt(tokens, i);
  return own === undefined || own.first <= at || own.agent !== 'other' || own.reality !== 'real' || !namesChild(tokens, own);
}

/** Whether every sentence of the message is a hypothetical or a general question. */
export function isWhollyGeneral(tokens: readonly Token[], scope: MessageScope): boolean {
  if (tokens.length === 0) return false;
  // Session 30: a question the child says is asked for themselves or a friend is not general (see askedForSelf).
  return tokens.every((t, i) => generalHere(tokens, i, scope) || scope.questionFrom.has(t.sentence) || (scope.hypotheticalFrom.get(t.sentence) ?? Infinity) <= i || t.masked) && !askedForSelf(tokens);
}

const FIRST_PERSON = wordList('first_person');

/**
 * Whether the phrase sits inside a hypothetical or general question. A question whose opener is
 * part of the phrase is the red flag itself, not a general question about it ("what is the point
 * in living"). With `firstPerson` (self-harm), a phrase about the child themselves is not made
 * hypothetical by an "if" or a question: "if they post it I'm going to kill myself" is a
 * conditional intent, "what should I do if I want to kill myself" a plea; a lesson, the news or a
 * question about someone else ("…if my friend wants to kill herself") still is general.
 */
export function isHypothetical(tokens: readonly Token[], m: PhraseMatch, scope: MessageScope, firstPerson = false): boolean {
  const s = tokens[m.first]?.sentence ?? 0;
  if (generalHere(tokens, m.first, scope)) return true;
  if (askedForSelf(tokens)) return false;
  const question = (scope.questionFrom.get(s) ?? Infinity) < m.first;
  if (!question && (scope.hypotheticalFrom.get(s) ?? Infinity) > m.first) return false;
  // Session 38 (clause): a lesson or film's frame that is also a hypothetical opener ("in pshe…") ends where the child's
  // own disclosure starts, as the general scope does (see generalHere).
  if (!question && scope.generalSentences.has(s) && !generalHere(tokens, m.first, scope)) return false;
  if (!question && (refusalCondition(tokens, m.first) || refusalThenVow(tokens, m.first))) return false;
  if (!firstPerson) return !toldSideways(tokens, m, scope, question ? (scope.questionFrom.get(s) ?? 0) : (scope.hypotheticalFrom.get(s) ?? 0));
  for (let i = Math.max(0, m.first - 1); i <= m.last; i += 1) if (FIRST_PERSON.has(tokens[i]?.word ?? '')) return false;
  return !ownPlea(tokens, m);
}

/** Session 45 (msX): how far before a self-harm phrase {@link ownPlea} looks for the child as its subject. */
const PLEA_REACH = 4;
/** Session 45 (msX): people a question may be about instead of the child (with the sets `generic`, `peers`, `offspring`). */
const PLEA_OTHERS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'his', 'you', 'u', 'my', 'character', 'characters', 'oc', 'someone', 'somebody', 'anyone']);

/**
 * Session 45 (msX): a plea about the child's own thoughts, asked as a question, with a word between the child and the
 * phrase: "how do I STOP wanting to die", "how can I QUIT wanting to hurt myself", "is it normal that I KEEP thinking
 * about dying". The nearest person before the phrase, within {@link PLEA_REACH} words of its sentence, is "i". Someone
 * else nearer stays a question about them ("how do i help SOMEONE wanting to die", "how do i write a CHARACTER wanting
 * to die", "what should i do if MY friend wants to kill herself").
 */
function ownPlea(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= Math.max(0, m.first - PLEA_REACH); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'i') return true;
    if (PLEA_OTHERS.has(t.word) || t.sets.includes('{generic}') || t.sets.includes('{peers}') || t.sets.includes('{offspring}')) return false;
  }
  return false;
}

const CONDITION_YOU = wordList('condition_you');
const REFUSALS = wordList('refusals');
const OWNERS = wordList('condition_owners');
const WISHES = wordList('wishes');

/**
 * Session 32: a threat put as a condition is no hypothetical: "if you dont pay me your photos go to everyone",
 * "if u dont send more ur nudes go to all ur followers". The phrase opens on the child's things ("your", "ur"); before
 * it "if" or "unless", "you", a refusal (at most one word after "you": "do not"), then at least the condition's verb,
 * all in the phrase's sentence, and no asking
 * opener before it (a question stays one). Not a wish or a thought refused ("if you dont want your pics to go to
 * everyone, dont send them" is advice). "if you pay me your photos go to everyone" (no refusal) stays as it was.
 */
function refusalCondition(tokens: readonly Token[], first: number): boolean {
  if (!OWNERS.has(tokens[first]?.word ?? '')) return false;
  const refusal = conditionRefusal(tokens, first);
  return refusal >= 0 && first - refusal >= 2;
}

/**
 * Where the refusal of a condition put to the child stands, before `first` in its sentence, or -1: the nearest "if" or
 * "unless", then "you", then a refusal (at most one word after "you") that is not of a wish ("if you dont want to").
 * Shared by {@link refusalCondition} and {@link refusalThenVow}.
 */
function conditionRefusal(tokens: readonly Token[], first: number): number {
  const s = tokens[first]?.sentence;
  for (let i = first - 3; i >= 0 && tokens[i]?.sentence === s; i -= 1) {
    const word = tokens[i]?.word;
    if (word !== 'if' && word !== 'unless') continue;
    if (!CONDITION_YOU.has(tokens[i + 1]?.word ?? '')) return -1;
    const refusal = REFUSALS.has(tokens[i + 2]?.word ?? '') ? i + 2 : REFUSALS.has(tokens[i + 3]?.word ?? '') ? i + 3 : -1;
    return refusal < 0 || WISHES.has(tokens[refusal + 1]?.word ?? '') ? -1 : refusal;
  }
  return -1;
}

/**
 * Session 45 (msX): a threat's condition put to the child, then its main clause opening on its own subject, with the
 * phrase in that clause ("u r dead if u dont reply I no ur skool", "if you dont answer I know where you live", "if u
 * dont come tonight ILL come find u"): "if" or "unless", "you", a refusal (at most one word after "you"), the
 * condition's verb, then a word of `main_clause_subjects` at or before the phrase's first word. Neither the refusal
 * nor the "if" reaches past that subject ({@link refusalCondition} is the same for a clause opening on "your"). Not a
 * wish refused ("if you dont want to, i get it"), nor a question.
 */
function refusalThenVow(tokens: readonly Token[], first: number): boolean {
  const refusal = conditionRefusal(tokens, first);
  if (refusal < 0) return false;
  for (let k = refusal + 2; k <= first; k += 1) if (MAIN_CLAUSE_SUBJECTS.has(tokens[k]?.word ?? '')) return true;
  return false;
}

const ASKING_OPENERS = wordList('asking_openers');
const SOMEONE_REAL = wordList('someone_real');
const PRONOUNS_REAL = wordList('pronouns_real');
const FACT_SUBJECTS = wordList('fact_subjects');
const ONGOING = wordList('ongoing');
const KEEP_SUBJECTS = wordList('keep_subjects');
const WHO_FACTS = wordList('who_facts');
const THE_ONE = wordList('the_one');

/**
 * Session 30: a disclosure told sideways, as a question or a hypothetical ("what do i do if HE says hell ruin my
 * life", "what should i do if a MAN from online wants to pick me up", "what do i do if the MAN is knocking on my door
 * right now", "is it bad THAT I told someone on roblox what school i go to"). Between the asking opener and the end of the phrase the child names one particular he or she, a
 * man rather than "someone", what someone keeps doing, or states it as a fact ("that i…"): the
 * question is about something happening, not a general one. The everyday safety questions stay general: "what if
 * someone asks me for pics", "what should i do if a stranger asks where i live", "how do i know if my son is being
 * groomed", "is it safe to put my school in my bio". Not when the opener itself names someone ("what if MY friend…")
 * nor for a bare "if someone…", "in case", a film, a lesson or the news (no asking opener). Self-harm keeps its own
 * reading (`firstPerson`). A message that says elsewhere it is a general question, a lesson or a project ("…? asking
 * for a pshe project", "just wondering") stays general, and a he or she after a parent's son or daughter is that child.
 * ("says" was tried as a word of something happening: "what if a person online says theyre 14 but…", "what happens if
 * sum1 says theyll share a pic of u? asking for a pshe project" are questions.)
 */
function toldSideways(tokens: readonly Token[], m: PhraseMatch, scope: MessageScope, from: number): boolean {
  const last = scope.openerLast.get(from);
  if (last === undefined || scope.generalSentences.size > 0 || !ASKING_OPENERS.has(tokens[from]?.word ?? '')) return false;
  for (let k = from; k <= last; k += 1) if (tokens[k]?.word === 'my') return false;
  const s = tokens[m.first]?.sentence;
  let child = false;
  for (let k = 0; k <= m.last; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) continue;
    if (t.sets.includes('{offspring}')) child = true;
    if (k <= last) continue;
    if (SOMEONE_REAL.has(t.word) && !(child && PRONOUNS_REAL.has(t.word))) return true;
    if (t.word === 'that' && k <= last + 2 && FACT_SUBJECTS.has(tokens[k + 1]?.word ?? '')) return true;
    // Session 31b: something already going on with one person, said with only "someone", "they" and "you" ("how do
    // you get someone to delete your pics if they KEEP threatening you", "what happens if u dont pay the person WHO
    // HAS ur pics", "what if you ALREADY met someone…", "…and THE PERSON says theyll show ur school"). ("actually"
    // was tried: "what if a person online says theyre 14 but theyre ACTUALLY way older" is a general question.)
    if (ONGOING.has(t.word)) return true;
    if (t.word === 'keep' && KEEP_SUBJECTS.has(tokens[k - 1]?.word ?? '')) return true;
    if (t.word === 'who' && WHO_FACTS.has(tokens[k + 1]?.word ?? '')) return true;
    if (t.word === 'person' && THE_ONE.has(tokens[k - 1]?.word ?? '')) return true;
  }
  // Two ages named, or the child's own, anywhere in the sentence: "is it illegal for a 20 year old to ask a 13 year old
  // for pics", "what happens if you send a naked pic to someone and your 12". One age alone is a parent's question
  // ("is it normal for a 13 year old to want their own bank card", "if both kids are 15").
  let ages = 0;
  for (let k = last + 1; k < tokens.length && tokens[k]?.sentence === s; k += 1) {
    const age = ageAt(tokens, k);
    if (age === 'own') return true;
    if (age === 'age') ages += 1;
  }
  return ages >= 2;
}

const AGE_AFTER = wordList('age_after');
const OWN_AGE_BEFORE = wordList('own_age_before');

function ageAt(tokens: readonly Token[], k: number): 'own' | 'age' | undefined {
  if (!/^\d{1,2}$/.test(tokens[k]?.word ?? '')) return undefined;
  if (OWN_AGE_BEFORE.has(tokens[k - 1]?.word ?? '')) return 'own';
  return AGE_AFTER.has(tokens[k + 1]?.word ?? '') ? 'age' : undefined;
}

/** Session 25: what a question is asked for, said after it: the child, "for real", or the "friend" of the old joke. */
const ASKED_FOR = [['for', 'me'], ['for', 'myself'], ['for', 'real'], ['for', 'a', 'friend'], ['for', 'my', 'friend'], ['for', 'my', 'mate'], ['for', 'my', 'self'], ['because', 'i', 'feel'], ['because', 'i', 'want']];

/**
 * Session 25: a self-harm question the child says is asked for themselves ("whats the most painless way. asking
 * for me", "what happens if u take 30 ibuprofen, asking for real", "…asking for a friend") is not a general
 * question nor a hypothetical: "asking" or "askin" then "for me", "for myself", "for real" or "for a friend"
 * anywhere in the message. For self-harm phrases only (`firstPerson`); a lesson or the news stays general.
 * Session 30: for every category ("asking for a friend, her online bf wants her to come to his flat", "is it illegal
 * for a 20 year old to ask a 13 year old for pics, asking for a friend"); and the reason said as the child's own feeling
 * ("what happens if you take too many tablets, asking cos i feel like doing it").
 */
function askedForSelf(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    const w = tokens[i]?.word ?? '';
    if (w !== 'asking' && w !== 'askin' && w !== 'ask' && w !== 'asks') continue;
    if (askedForRunAt(tokens, i + 1)) return true;
  }
  return false;
}

/**
 * Session 39: whether one of ASKED_FOR's runs of words starts at token `from` (loops: the closure that read the tokens
 * captured the loop's index, so every word of every message asked cost a new context, ~2 KB a message).
 */
function askedForRunAt(tokens: readonly Token[], from: number): boolean {
  for (const run of ASKED_FOR) {
    let all = true;
    for (let k = 0; k < run.length && all; k += 1) all = tokens[from + k]?.word === run[k];
    if (all) return true;
  }
  return false;
}
