import { CATEGORIES, URGENCY_RANK, type Category, type EvidenceSpan, type Finding, type Urgency } from './finding.js';
import { featureBuckets, scoreAll, weightOf, type ClassifierWord } from './classifier.js';
import type { CompiledRule, SafetyModel } from './model.js';
import { isStopWord } from './natural.js';
import { readWords } from './normalise.js';
import type { WordKeys } from './vocabulary.js';
import { findPhrases, keysPresent, type PhraseMatch, type Token } from './match.js';
import { analyseScope, CHILD_ACTS, CONDITION_OPENERS, isHypothetical, isNegated, isWhollyGeneral, type MessageScope } from './scope.js';
import type { DetectResult, DetectorSignal, DetectorState } from './types.js';
import { bindWordLists, derivedWordList, wordList } from './lists.js';
import { clauseAt, FIRST_PERSON, GAME_AGENTS, mayBeFramed, namesChild, WORK_FRAMES, type Reality } from './clause.js';

/** Longest stretch of a message kept in the cross-turn state as evidence. */
const MAX_SIGNAL_TEXT = 120;
/** How many recent signals the state keeps, and for how many turns. */
const MAX_SIGNALS = 16;
const MAX_SIGNAL_AGE = 12;
/** Confidence of a lexicon finding (exact words / a misspelling assumed) and of a cross-turn combo. */
const LEX_CONFIDENCE = 0.9;
const FUZZY_CONFIDENCE = 0.75;
const COMBO_CONFIDENCE = 0.8;
/** How far back `unlessBefore` looks for who is acting: 6 words, but only 4 for the `self` set (the child). */
const UNLESS_BEFORE_WORDS = 6;
const SELF_BEFORE_WORDS = 4;
/**
 * Below this score a finding of the classifier alone (danger and self-harm may fire from 0.7)
 * defers to the lexicon's reading of scope: when a phrase of its category matched and was stood
 * down (negated, hypothetical, a joke, someone trusted acting…), the middling score does not
 * overrule it ("i don't want to die"). At or above it, only games and jokes stand it down, as before.
 */
const SURE_SCORE = 0.9;
/**
 * Session 34fa: lexicon rules whose findings the classifier may veto, each with its score. For these rules alone, a
 * finding stands down when the classifier's score for its category is below the rule's figure: the words matched, but
 * nothing else in the message looks like the red flag ("we all moved to discord because the game chat is rubbish", "i
 * told my twin my phone passcode in case i lose it"). Chosen by cross-validation on the tuning half by file (the
 * classifier trained without a fold's files, scored on them; two different splits, 5 and 4 folds): only rules where
 * the veto cleared about ten benign messages for each true finding it cost in both splits. The asking-if-alone rule at a
 * lower score (at 0.03 it cost a true finding for every three). Never danger now or self-harm, whose misses cost most.
 * The rule's pieces still count for combos.
 */
const VETO_BELOW: ReadonlyMap<string, number> = new Map([
  ['lex:meet_or_secrecy.move-app', 0.03],
  ['lex:financial.logins', 0.03],
  ['lex:meet_or_secrecy.alone-check', 0.01],
]);
/**
 * Session 34fa: the fewest words outside a vetoed phrase for the veto to speak: with nothing else in the message ("msg
 * me on snap", "add me on whatsapp"), the classifier has only the rule's own words to judge by, and the rule stands.
 */
const VETO_CONTEXT = 4;

/**
 * Session 36: a quiet classifier's veto. A lexicon finding outside danger now and self-harm stands down when every one of
 * the classifier's seven scores is below this, both for the whole message and for the words around the finding
 * ({@link QUIET_REACH} either side), and {@link QUIET_CONTEXT} words or more lie beside it: the phrase matched, but
 * nothing in the message, near the phrase or in all of it, reads like any red flag. Chosen out of fold (5 folds by
 * file, two splits; the classifier trained without a fold's files, scored on them): benign messages flagged 838 → 823
 * and 837 → 822, no true item-category lost in either split. Session 35's first form read the whole message alone and
 * vetoed true cues in long run-ons, where the everyday words' small negative weights add up to nothing in every category
 * ("…the man on snap said hes going to send my mum all our chats, anyway i need to finish my homework" read 0.0000
 * everywhere): the words around the phrase, read on their own, are loud there. Looser settings cleared more out of fold
 * (0.01 and 4 words beside: 838 → 798 for 4 items lost) but vetoed five old tests' true cues in short messages that the
 * classifier reads below 0.01 everywhere ("send me a pic of the dress you got", "a man on snap asked for my address for
 * the trip form"): quiet is weak evidence, so the veto asks for very quiet and a long message.
 * Session 42, 0.005 -> 0.05, with {@link quietVetoHeld}: a bar of 0.05 alone cleared 23 more benign messages of 3,399
 * on unread batches (counts only) but vetoed true flags that tests pin, each naming someone from online, a stranger or
 * a secret ("a man on snap asked for my address for the trip form", "i think my little brother got sextorted on snap",
 * an aunt's present for keeping quiet) or a present from outside the family ("a girl in year 10 wants to buy me stuff").
 * With the veto held for those, 0.05 cleared 13 of 190 there (s37/s38 seven, s39evalA-D, s40evalA-D), 19 of 378 on
 * the readable held-out half and 61 of 1,079 in the tuning half, and lost no item anywhere; 0.1 cleared more on the
 * choice set but lost 4 readable items (both measured with a hand-written stranger list, one benign message apart from
 * the `outsider` set now read). docs/history/red-flags.md, "Session 42", has the whole table.
 */
const QUIET_BELOW = 0.05;
/** Session 36: words either side of a finding's span that the quiet veto reads with it ({@link QUIET_BELOW}). */
const QUIET_REACH = 6;
/** Session 36: the fewest words beside a finding's span for the quiet veto to speak (see {@link QUIET_BELOW}). */
const QUIET_CONTEXT = 8;

/** Session 42: a present from anyone is the grooming rule's to judge (its own stand-downs read who gives it), not the veto's. */
const QUIET_NEVER_RULES: ReadonlySet<string> = new Set(['lex:meet_or_secrecy.gifts-grooming']);

/**
 * Session 42: the quiet veto holds back for the whole message when it names an online place or app, someone outside the
 * child's own people (the lexicon's `outsider` set: a man, a stranger, someone, an account…), a secret or a hushing: a
 * quiet classifier there means only that it has not seen the words, and these are the messages where a missed flag
 * costs most.
 */
function quietVetoHeld(tokens: readonly Token[]): boolean {
  for (const t of tokens) {
    if (t.masked) continue;
    if (ONLINE_PLACE.has(t.word) || t.sets.includes('{outsider}') || t.sets.includes('{app}') || t.sets.includes('{hush}') || t.sets.includes('{secret}')) return true;
  }
  return false;
}

/** Session 36: the classifier's loudest score (any category) for the words around kept words [first, last]. */
function loudestAround(words: readonly ClassifierWord[], first: number, last: number, classifier: SafetyModel['classifier']): number {
  const { ids } = featureBuckets(words.slice(Math.max(0, first - QUIET_REACH), Math.min(words.length, last + 1 + QUIET_REACH)), classifier.buckets, classifier.memo, classifier.features);
  let top = 0;
  for (const p of scoreAll(ids, classifier)) top = Math.max(top, p);
  return top;
}

/** Session 34fa: how many words of the message lie outside a span (for the veto, {@link VETO_CONTEXT}). */
function wordsBeside(tokens: readonly Token[], span: EvidenceSpan): number {
  let n = 0;
  for (const t of tokens) if (!t.masked && (t.end <= span.start || t.start >= span.end)) n += 1;
  return n;
}

/** How far down the classifier's top pushers a word that is not a stop word may sit (see detect). */
const CONTENT_REACH = 5;
/**
 * Session 8 (second round): stand-downs the classifier defers to at any score (outside danger and
 * self-harm): a settled past event ('resolved': "…but my school dealt with it") and someone asking
 * as part of their job or a child of the speaker ('role': the `services` and `offspring` sets, "the
 * doctor asked if…"). Deferring to every kind lost 97 items (docs/red-flags.md); these lost none.
 * Session 9 checked both again (53 batches, and the blind train35): each stands down one benign
 * message and loses nothing, once a settled phrase after "if" no longer reads as settled (scope.ts).
 * Session 17: an errand given for a known adult in the room ('errand', `roomErrand`): "my uncle keeps
 * coming in my room to ask if i want tea" read 0.95 sexual by the classifier alone.
 * (Session 37hard's 'quoted', a line of a song, film or book, is gone: session 38's 'fiction' stands those lines down,
 * and the classifier does not raise a category from words said inside a frame; see toldInFiction.)
 */
const DEFER_ALWAYS: ReadonlySet<StandDown> = new Set<StandDown>(['resolved', 'role', 'advice', 'errand']);

/** Session 34: the rule of someone outside or near the child now. */
const SOMEONE_OUTSIDE = 'lex:immediate_danger.someone-outside';

/** Session 30: each category's `any.` feature, made once (was a new string per hit, hashed again as a key of `current` and in `combosWith`). */
const ANY_FEATURE = Object.fromEntries(CATEGORIES.map((c) => [c, `any.${c}`])) as Readonly<Record<Category, string>>;

interface Hit {
  readonly feature: string;
  readonly rule: CompiledRule | undefined;
  readonly span: EvidenceSpan;
  readonly confidence: number;
}

/** Normalised tokens with their match keys. */
export function tokenise(text: string, model: SafetyModel): Token[] {
  bindWordLists(model.wordLists);
  // Each word's keys are read with the word and its token made at once (session 24: one memo read
  // per piece, `WordIndex.piece`, and no `Word` in between).
  const words = model.words;
  const wordKeys: WordKeys[] = [];
  const tokens: Token[] = readWords(
    text,
    words,
    (word, start, end, sentence, quoted, keys): Token => {
      const k = keys ?? words.keysOf(word);
      wordKeys.push(k);
      return { word, start, end, sentence, quoted, keys: k.keys, fuzzy: k.fuzzy, sets: k.sets, masked: false, termIds: words.termIds(k) };
    },
    true,
  );
  // Set members of several words ("dinner lady", "surprise party"): every word of the run in one
  // sentence gets the set, so rules and the classifier see it as they see a one-word member.
  // (`multi`: the members starting with the word's stem, `keys[0]`, by their second word's stem, worked out with its keys;
  // session 33: read only when the next word's stem is the second word of some member, `secondOfMulti`.)
  if (model.words.multiWordSets.size > 0)
    for (let i = 0; i < tokens.length; i += 1) {
      const cands = wordKeys[i + 1]?.secondOfMulti === true ? wordKeys[i]?.multi?.get(tokens[i + 1]?.keys[0] ?? '') : undefined;
      if (cands === undefined) continue;
      for (const c of cands) {
        const n = c.stems.length;
        let ok = i + n <= tokens.length;
        // From the second word: the first is this token, whose stem `multi` was looked up by.
        for (let k = 1; ok && k < n; k += 1) {
          const t = tokens[i + k];
          ok = t !== undefined && t.keys[0] === c.stems[k] && t.sentence === tokens[i]?.sentence;
        }
        if (!ok) continue;
        for (let k = 0; k < n; k += 1) {
          const t = tokens[i + k];
          if (t === undefined || t.keys.includes(c.set)) continue;
          // Session 39: a word with its own keys still (most) gets them with the set from the word's memo, term ids too.
          const own = wordKeys[i + k];
          if (own !== undefined && own.keys === t.keys) {
            const e = words.withSet(own, c.set);
            tokens[i + k] = { ...t, keys: e.keys, sets: e.sets, termIds: e.termIds };
          } else tokens[i + k] = { ...t, keys: [...t.keys, c.set], sets: [...t.sets, c.set] };
        }
      }
    }
  polishReflexive(text, tokens);
  return tokens;
}

/**
 * Session 26: Polish "się" (text-speak reads it "myself") is the reflexive every other Polish verb
 * takes: "boję się" (I'm scared), "nazywam się" (my name is), "uczę się" (I'm learning). It is
 * "myself" only beside a verb of harm (set `harmself`): after it ("zabiję się", "tnę się") as read,
 * before it ("chcę się zabić": I want to kill myself) read in English order, the two words' readings
 * swapped, each keeping its span. Anywhere else it is masked: no rule and not the classifier reads it
 * ("nie wiem co robić, boję się" had read 0.74 self-harm on "myself"). English "myself" is never touched.
 */
function polishReflexive(text: string, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.word !== 'myself') continue;
    const typed = text.slice(t.start, t.end).toLowerCase();
    if (typed !== 'sie' && typed !== 'się') continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before !== undefined && before.sentence === t.sentence && before.sets.includes('{harmself}')) continue;
    if (after !== undefined && after.sentence === t.sentence && after.sets.includes('{harmself}')) {
      tokens[i] = { ...after, start: t.start, end: t.end };
      tokens[i + 1] = { ...t, start: after.start, end: after.end };
      i += 1;
      continue;
    }
    tokens[i] = { ...t, masked: true };
  }
}

/**
 * The words the classifier sees: stems and the lexicon sets they belong to, without idiom words.
 * A word the fuzzy index took for a misspelling is read as its nearest correction ("sned" as
 * send, "piccs" as pic), as the lexicon reads it (session 11). Shared with the trainer.
 */
export function classifierWords(tokens: readonly Token[]): ClassifierWord[] {
  const words: ClassifierWord[] = [];
  for (const t of tokens) if (!t.masked) words.push({ stem: (t.fuzzy ? correctionOf(t.keys) : undefined) ?? t.keys[0] ?? t.word, sets: t.sets });
  return words;
}

/** The fuzzy index's nearest correction among a word's keys: the first stem after its own. */
function correctionOf(keys: readonly string[]): string | undefined {
  for (let i = 1; i < keys.length; i += 1) {
    const k = keys[i];
    if (k !== undefined && !k.startsWith('{') && k !== keys[0]) return k;
  }
  return undefined;
}

/** Tokens with scopes applied (idioms masked), as `detect` sees them. For the trainer. */
export function scopedTokens(text: string, model: SafetyModel): Token[] {
  bindWordLists(model.wordLists);
  const tokens = tokenise(text, model);
  analyseScope(tokens, model);
  return tokens;
}

const NEW_PEERS = wordList('new_peers');
const POSSESSIVES = wordList('possessives');

const OBJECT_FILLERS = wordList('object_fillers');

const BUDDY = wordList('buddy');

/**
 * Session 30: a relative's online friend ("my BROTHERS gaming friend wants to meet him"): the relative is whose friend it
 * is, not the one acting. The trusted word is followed by an online word and then a friend word.
 */
function ownersOnlineFriend(tokens: readonly Token[], j: number): boolean {
  return isOnlineWord(tokens[j + 1]) && BUDDY.has(tokens[j + 2]?.word ?? '');
}

const PEERS = wordList('class_peers');
const AFFILIATION = wordList('affiliation');

/**
 * Whether the person at `j` is an object ("tell my mum", "a guy from my class"), not the one acting.
 * A peer described by where they belong ("a boy IN MY CLASS asked…") is the one acting.
 */
function isObject(tokens: readonly Token[], j: number, model: SafetyModel, set = ''): boolean {
  let k = j - 1;
  // Session 30: "whole" or "entire" between ("send it to his WHOLE school").
  if (OBJECT_FILLERS.has(tokens[k]?.word ?? '') && POSSESSIVES.has(tokens[k - 1]?.word ?? '')) k -= 1;
  if (POSSESSIVES.has(tokens[k]?.word ?? '')) k -= 1;
  const before = tokens[k];
  if (before === undefined || !model.scope.objectMarkers.has(before.keys[0] ?? '')) return false;
  const who = tokens[k - 1]?.word ?? '';
  // Staff named by where they work ("the lady AT THE LIBRARY asked my name") are the ones acting.
  if (set === '{services}' && AFFILIATION.has(before.word) && (PEERS.has(who) || OTHER_PERSON.has(who))) return false;
  return !(AFFILIATION.has(before.word) && PEERS.has(who));
}

const SENDING = wordList('sending');
const THING_SENT = wordList('thing_sent');

/**
 * Session 9: a trusted person the child sends a picture or a message to ("i sent my nan a photo of
 * my school uniform", "sent my mum a pic of my school gate so she knows where to pick me up"). For
 * personal_info only: the details go to someone the child trusts, not to a stranger; for a picture
 * request the receiver may be the abuser ("made me send my stepdad a pic"), so no other rule uses it.
 */
function isTrustedReceiver(tokens: readonly Token[], j: number): boolean {
  let k = j - 1;
  if (POSSESSIVES.has(tokens[k]?.word ?? '')) k -= 1;
  const before = tokens[k];
  const after = tokens[j + 1];
  return before !== undefined && SENDING.has(before.word) && after !== undefined && (THING_SENT.has(after.word) || after.sets.includes('{image}'));
}

const OTHER_PERSON = wordList('other_person');
const HE = wordList('he');
const SHE = wordList('she');
const CHILD_SUBJECTS = wordList('child_subjects');
const FEMALE = wordList('female');
const MALE = wordList('male');

/**
 * Whether someone else is named between the trusted person (or the child's "I") at `j` and the
 * phrase at `first`, so that the trusted person is not the one acting: "my mum doesn't know but HE
 * wants to meet me tonight", "i think SOMEONE is outside", "my daughter says A MAN wants her on
 * whatsapp". A pronoun only counts when it cannot be the trusted person (a "he" after "my mum"); a
 * pronoun after a friend, cousin or teacher may be them, and after "I" "he", "she" or "they" is
 * someone else.
 */
function someoneElseBetween(tokens: readonly Token[], j: number, first: number): boolean {
  const who = tokens[j]?.word ?? '';
  const self = who === 'i' || who === 'we' || who === 'us' || who === 'myself';
  for (let k = j + 1; k < first; k += 1) {
    const w = tokens[k]?.word ?? '';
    // Right after the trusted word it is the same person: "a delivery MAN", "my dad's FRIEND".
    if (OTHER_PERSON.has(w) && k > j + 1) return true;
    if (self ? CHILD_SUBJECTS.has(w) : (FEMALE.has(who) && HE.has(w)) || (MALE.has(who) && SHE.has(w))) return true;
    // Session 33b: a "he" or "she" that was already acting before the trusted person goes on with that one ("HE'LL
    // hurt my little brother, HE knows what school…"; see pronounBefore).
    if (!self && (SUBJECT_HE.has(w) || SUBJECT_SHE.has(w)) && pronounBefore(tokens, j, w)) return true;
  }
  // Session 7: the phrase names its own actor, a stranger ("my friend says THE MAN is outside her
  // school right now"): the trusted person is only telling of him.
  return first > j + 1 && OTHER_PERSON.has(tokens[first]?.word ?? '');
}

/** Sets of people the child trusts, whose acting stands a phrase down (not the child, staff or places). */
const TRUSTED_SETS = new Set(['{friends}', '{family}', '{peers}']);
const ONLINE_PLACE = wordList('online_place');
const MET = wordList('met');
const LIST_WORDS = wordList('list_words');

/** Whether a token says "online": the word itself, an app, or a game (not a club's team or match). */
function isOnlineWord(t: Token | undefined): boolean {
  if (t === undefined) return false;
  return ONLINE_PLACE.has(t.word) || t.sets.includes('{app}') || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word));
}

/**
 * Session 7: a friend or "boyfriend" met online is not a trusted person ("my friend's ONLINE
 * friend asked…", "my brother's GAMING friend wants to meet him", "a friend FROM ROBLOX", "her
 * boyfriend she MET ON tiktok"): the word before is an online place, or one of the next three
 * words is "from"/"on"/"met" followed by one.
 */
const ONLINE_BUSINESSES = wordList('online_businesses');
const BUSINESS_DETERMINERS = new Set(['the', 'an', 'our', 'my', 'this', 'that', 'their', 'her', 'his']);
const BUSINESS_OTHERS = new Set(['he', 'she', 'they', 'him', 'boy', 'girl']);

/**
 * Session 45faX: staff of a place that serves online ("THE online pharmacy asked for my date of birth", "our online
 * doctor", "the online shop needs my address"): "online" right before a word of `online_businesses`, with a determiner
 * before it, is the business's own site, not someone met online, for personal_info rules (staff asking details as their
 * job). Not a business in quotation marks (the online "doctor"), nor one named after someone else or an online place in
 * the sentence ("a man on insta said he runs an online shop"), and never for money: a fee asked online is the scam.
 */
function onlineBusiness(tokens: readonly Token[], j: number): boolean {
  // A business in scare quotes (the online "doctor") is one only claimed.
  if (!ONLINE_BUSINESSES.has(tokens[j]?.word ?? '') || tokens[j]?.quoted === true) return false;
  if (tokens[j - 1]?.word !== 'online' || !BUSINESS_DETERMINERS.has(tokens[j - 2]?.word ?? '')) return false;
  // Not when someone else or an online place is named before it in the sentence: "a man on insta said he runs an online shop".
  const s = tokens[j]?.sentence;
  for (let k = j - 3; k >= 0 && tokens[k]?.sentence === s; k -= 1) {
    const t = tokens[k];
    if (t !== undefined && (isOnlineWord(t) || OTHER_PERSON.has(t.word) || BUSINESS_OTHERS.has(t.word))) return false;
  }
  return true;
}

function metOnline(tokens: readonly Token[], j: number): boolean {
  const s = tokens[j]?.sentence;
  if (LIST_WORDS.has(tokens[j + 1]?.word ?? '')) return false;
  const prev = tokens[j - 1];
  if (prev !== undefined && prev.sentence === s && isOnlineWord(prev)) return true;
  for (let k = j + 1; k <= j + 3 && k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (t.word === 'online') return true;
    if (MET.has(t.word) && (isOnlineWord(tokens[k + 1]) || isOnlineWord(tokens[k + 2]))) return true;
  }
  return false;
}

/**
 * Session 7: a trusted person the child tells of is dealing with a stranger online later in the
 * sentence ("my friend told A MAN ONLINE her real name", "my sister gave her address to A BOY ON
 * FORTNITE", "my cousin told A GUY ON ROBLOX her address"): the red flag is the stranger's, so the
 * trusted person does not stand the phrase down. A person word (man, guy, stranger, someone…)
 * after the trusted one, with an online word within three words of it.
 */
function strangerOnline(tokens: readonly Token[], s: number | undefined, j: number): boolean {
  for (let k = j + 1; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) continue;
    if (!OTHER_PERSON.has(t.word) && t.word !== 'boy' && t.word !== 'girl') continue;
    for (let q = k + 1; q <= k + 3 && q < tokens.length; q += 1) if (tokens[q]?.sentence === s && isOnlineWord(tokens[q])) return true;
  }
  return false;
}

const EITHER_GENDER = wordList('either_gender');
const SUBJECT_HE = wordList('subject_he');
const SUBJECT_SHE = wordList('subject_she');
const TRUSTED_PLURAL = wordList('trusted_plural');

const LINKING = wordList('linking');

/**
 * Session 7: the one acting is "he" or "she" just before the phrase, and the nearest person named
 * before it in the sentence is a trusted one of that gender ("babcia says i'm growing too fast,
 * SHE had to buy me new shoes", "tata said if i get a 7 in maths HE'LL buy me new trainers"):
 * beyond the usual six words. A person word in between that is not the same pronoun, a stranger,
 * or a trusted word that is an object, ends the search.
 */
function pronounOfTrusted(tokens: readonly Token[], m: PhraseMatch, set: string): boolean {
  const s = tokens[m.first]?.sentence;
  let p = -1;
  // The pronoun is the subject of the phrase: at most three words before it ("she HAD TO buy me"), or (session 33b) its
  // second word after a linking word ("so SHE can send me": my pen pal asked for my address so she can send me a letter).
  const start = LINKING.has(tokens[m.first]?.word ?? '') && m.first < m.last ? m.first + 1 : m.first;
  for (let k = start; k >= Math.max(0, m.first - 3); k -= 1) {
    const w = tokens[k]?.word ?? '';
    if (tokens[k]?.sentence === s && (SUBJECT_HE.has(w) || SUBJECT_SHE.has(w) || w === 'they')) { p = k; break; }
  }
  if (p < 0 || tokens[m.first]?.quoted) return false;
  const she = SUBJECT_SHE.has(tokens[p]?.word ?? '');
  const they = tokens[p]?.word === 'they';
  for (let k = p - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    const w = t.word;
    if (w === tokens[p]?.word) continue;
    if (OTHER_PERSON.has(w) || CHILD_SUBJECTS.has(w) || w === 'boy' || w === 'girl') return false;
    if (they) {
      if (TRUSTED_PLURAL.has(w) && t.keys.includes(set)) return !metOnline(tokens, k);
      if (t.keys.includes(set) || w === 'boys' || w === 'girls' || w === 'people') return false;
      continue;
    }
    // Session 33b: a place the one acting belongs to ("my pen pal AT SCHOOL … so she can") is no person.
    if (t.keys.includes(set) && (AFFILIATION.has(tokens[k - 1]?.word ?? '') || (POSSESSIVES.has(tokens[k - 1]?.word ?? '') && AFFILIATION.has(tokens[k - 2]?.word ?? ''))) && !FEMALE.has(w) && !MALE.has(w) && !EITHER_GENDER.has(w)) continue;
    if (t.keys.includes(set)) return (she ? FEMALE.has(w) : MALE.has(w)) || EITHER_GENDER.has(w) ? !metOnline(tokens, k) && !pronounBefore(tokens, k, tokens[p]?.word ?? '') : false;
  }
  return false;
}

/**
 * Session 33b: the same "he" or "she" already acting before the trusted person ("he said if i block him HE'LL hurt my
 * little BROTHER, HE knows what school hes at"): the trusted person is the one acted on, and the later pronoun goes on
 * with the earlier one, so it is not the trusted person. "my dad said he'll buy me trainers" (no pronoun before
 * "dad") is unchanged.
 */
function pronounBefore(tokens: readonly Token[], k: number, pronoun: string): boolean {
  const s = tokens[k]?.sentence;
  for (let i = k - 1; i >= 0 && tokens[i]?.sentence === s; i -= 1) if (tokens[i]?.word === pronoun) return true;
  return false;
}

/**
 * Whether sentence `s` speaks of nudity ({nudestrong}: nudes, naked, underwear…). A threat in such
 * a sentence is abuse, never a sibling's or cousin's teasing ("my brother said he will share my
 * nudes if i dont give him money", "my cousin said he'll post my nudes"): no trusted person stands
 * it down. (Places such as "shower" were tried and left out: "my little sister keeps blackmailing
 * me with a video of me singing in the shower" is teasing.)
 */
function undressedIn(tokens: readonly Token[], s: number | undefined): boolean {
  return tokens.some((t) => t.sentence === s && t.keys.includes('{nudestrong}'));
}

/**
 * Session 8: whether the first trusted person acting in sentence `s` (not an object: "tell MY MUM")
 * is an adult in the child's life, not a brother, sister, cousin or friend (sets `sibling`,
 * `peers`; nor a boyfriend's or girlfriend's say, who is no elder but is no sibling teasing either).
 */
function elderActs(tokens: readonly Token[], s: number | undefined, model: SafetyModel): boolean {
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s || !t.sets.some((x) => TRUSTED_SETS.has(x)) || isObject(tokens, j, model)) continue;
    return !t.sets.includes('{sibling}') && !t.sets.includes('{peers}');
  }
  return false;
}

/**
 * Session 8: what a trusted person does is abuse, not family idiom or teasing, in three cases, so
 * no trusted person stands the phrase down:
 * - a threat (threat_blackmail, or being hurt), a present (gifts-grooming) or a coming for the child
 *   (fetch-child, session 27: "my uncle told me ghosts will come get me if i ever tell") in a sentence tied to
 *   the child keeping quiet (set `hush`: "if i tell anyone", "keep quiet about", "our secret"),
 *   when the one acting is an adult ("my dad said he'll kill me if i tell anyone what he does",
 *   "my aunt said she will buy me a phone if i keep quiet about what uncle does"); a brother's
 *   "he'll hide my phone if i tell mum he ate the cake" stays teasing;
 * - a request for pictures (sexual) in a sentence naming a part of the body (set `bodypart`), by
 *   anyone ("my coach said i should send him pics of my legs to check my muscles");
 * - a threat in a sentence about nude images (see undressedIn), by anyone.
 */
function abuseByTrusted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, model: SafetyModel): boolean {
  const s = tokens[m.first]?.sentence;
  const c = rule.category;
  if (c === 'threat_blackmail' && undressedIn(tokens, s)) return true;
  if (c === 'sexual' || rule.feature === 'signal.image') return tokens.some((t) => t.sentence === s && t.keys.includes('{bodypart}')) || (c === 'sexual' && staffAsksPrivately(tokens, s));
  // Session 33: a parent's card or login asked for by a trusted adult who says to keep it from them ("my uncle wants my
  // mums card number and says not to tell her") is not stood down by that adult either.
  const silencing = c === 'threat_blackmail' || rule.id === 'lex:immediate_danger.being-hurt' || rule.id === 'lex:meet_or_secrecy.gifts-grooming' || rule.id === 'lex:meet_or_secrecy.fetch-child' || rule.id === 'lex:financial.card-details' || rule.id === 'lex:financial.logins';
  return silencing && tokens.some((t) => t.sentence === s && t.keys.includes('{hush}')) && elderActs(tokens, s, model);
}

/**
 * Session 43msV: a grown-up of the family who wants the child on camera in a private place (film-private: "video call him
 * in the bath", "film me in bed") and says to keep it from a parent (set `hush`: "dont tell my mam"), in one sentence:
 * "my uncle in australia wants me to video call him in the bath and says dont tell my mam". No trusted person stands it
 * down then, as a secret asked by a known adult is not (see knownAdultSecret); without the secret it stays stood down.
 */
function hushedPrivateFilming(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, model: SafetyModel): boolean {
  if (rule.id !== 'lex:sexual.film-private') return false;
  const s = tokens[m.first]?.sentence;
  const untold = (i: number): boolean => tokens[i]?.word === 'tell' && model.scope.negators.has(tokens[i - 1]?.keys[0] ?? '') && [1, 2].some((k) => tokens[i + k]?.sets.includes('{homefolk}') === true);
  return tokens.some((t, i) => t.sentence === s && (t.keys.includes('{hush}') || untold(i))) && elderActs(tokens, s, model);
}

const PICTURED_PERSON = wordList('pictured_person');

/**
 * Session 35rc: an adult who teaches, coaches or minds the child (set `staffadult`: a tutor, a piano teacher, a coach, a
 * babysitter), not family, asking in private (set `privately`: a DM, an app, late at night, on camera, "for his
 * collection") for pictures of the child herself or for the child to undress: "my tutor keeps asking me for pics of myself
 * in my uniform for his collection", "my piano teacher asked me to take my top off during our online lesson". Such an
 * adult is no trusted person for it. A class photo, a team photo or a picture of a thing ("my teacher asked us to bring
 * in a photo of us as babies") is neither of the child alone nor private, and stays stood down.
 */
function staffAsksPrivately(tokens: readonly Token[], s: number | undefined): boolean {
  let staff = false;
  let privately = false;
  let child = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s) continue;
    if (t.sets.includes('{staffadult}')) staff = true;
    if (t.sets.includes('{privately}')) privately = true;
    if (t.sets.includes('{undress}') || t.sets.includes('{nudestrong}') || (t.sets.includes('{clothes}') && tokens[i + 1]?.word === 'off')) child = true;
    if (t.sets.includes('{image}') && tokens[i + 1]?.sentence === s) {
      const next = tokens[i + 1]?.word;
      if ((next === 'of' && PICTURED_PERSON.has(tokens[i + 2]?.word ?? '')) || (next === 'in' && (tokens[i + 2]?.word === 'my' || tokens[i + 2]?.word === 'her' || tokens[i + 2]?.word === 'your'))) child = true;
    }
  }
  return staff && privately && child;
}

const THREATENING = wordList('threatening');
const PARTNERS = wordList('partners');

/**
 * Session 7: a sister, mum, dad or brother is the one speaking in the sentence ("my sister SAID
 * she'll tell everyone i still sleep with my teddy IF I DONT do her chores"): the trusted person
 * named right before a reporting word ("said", "says", "keeps", "threatened") stands the phrase
 * down however far it comes after, unless someone else is named in between: a stranger, a boy or
 * girl, "they", or "he"/"she" of the other gender ("her"/"him" may be the one the secret is kept
 * from: "dad said dont tell her anything"); the child's "i" asked to do something is fine.
 * Only for gendered kin (a friend's "he" may be anyone; not a boyfriend or girlfriend), never for
 * someone met online.
 */
function reportedByTrusted(tokens: readonly Token[], m: PhraseMatch, set: string, model: SafetyModel): boolean {
  const s = tokens[m.first]?.sentence;
  if (tokens[m.first]?.quoted) return false;
  for (let j = 0; j < m.first; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s || !t.keys.includes(set) || !(FEMALE.has(t.word) || MALE.has(t.word)) || PARTNERS.has(t.word)) continue;
    const next = tokens[j + 1];
    const speaks = next !== undefined && (model.scope.reporting.has(next.keys[0] ?? '') || THREATENING.has(next.word));
    if (!speaks || isObject(tokens, j, model, set) || metOnline(tokens, j)) continue;
    const she = FEMALE.has(t.word);
    let other = false;
    for (let k = j + 2; k <= m.last && !other; k += 1) {
      const w = tokens[k]?.word ?? '';
      other = OTHER_PERSON.has(w) || w === 'boy' || w === 'girl' || w === 'they' || (she ? SUBJECT_HE.has(w) : SUBJECT_SHE.has(w));
    }
    if (!other) return true;
  }
  return false;
}

const GIVEN_FROM = wordList('given_from');
const KIN = wordList('kin');

/**
 * Session 7 (gifts only): the present came FROM a trusted person named after it ("a gift card
 * for her birthday FROM HER AUNT", "a £50 voucher OFF HIS NAN"): within six words after the
 * phrase, "from"/"off"/"by", at most a possessive, then a trusted word not met online.
 */
function givenByTrusted(tokens: readonly Token[], m: PhraseMatch, set: string): boolean {
  const s = tokens[m.first]?.sentence;
  for (let k = m.last + 1; k <= m.last + 6 && k < tokens.length; k += 1) {
    if (tokens[k]?.sentence !== s || !GIVEN_FROM.has(tokens[k]?.word ?? '')) continue;
    let q = k + 1;
    if (POSSESSIVES.has(tokens[q]?.word ?? '')) q += 1;
    const t = tokens[q];
    if (t !== undefined && t.sentence === s && t.keys.includes(set) && (FEMALE.has(t.word) || MALE.has(t.word) || KIN.has(t.word)) && !metOnline(tokens, q) && !strangerOnline(tokens, s, q)) return true;
  }
  return false;
}

const VOUCHER_WORDS = wordList('voucher_words');

/**
 * Session 12: a money-request phrase that names a gift card or voucher ("a £25 google play card
 * FROM MY AUNTY", "an amazon voucher OFF HIS NAN") is a present, like gifts-grooming's (see
 * givenByTrusted), unless someone asked for it earlier in the sentence; other money-request
 * phrases ("send him money from my mums account") are not stood down this way.
 */
function namesVoucher(tokens: readonly Token[], m: PhraseMatch): boolean {
  // Not when the card is asked for ("he asked me to get him a steam card from my dad").
  const s = tokens[m.first]?.sentence;
  for (let k = 0; k < m.first; k += 1) if (tokens[k]?.sentence === s && tokens[k]?.keys.includes('{request}')) return false;
  for (let k = m.first; k <= m.last; k += 1) if (VOUCHER_WORDS.has(tokens[k]?.word ?? '')) return true;
  return false;
}

const SECOND_PERSON = wordList('second_person');

const CONDITIONS = wordList('conditions');

/**
 * Whether the child's "I" at `j` is doing what someone else demands or reports: "if I send",
 * "he said I can't tell anyone". Then the child is not the one acting of their own accord.
 */
function isDemandedOfChild(tokens: readonly Token[], j: number, first: number, model: SafetyModel): boolean {
  if (CONDITIONS.has(tokens[j - 1]?.word ?? '')) return true;
  for (let k = Math.max(0, j - 3); k < first; k += 1) if (model.scope.reporting.has(tokens[k]?.keys[0] ?? '')) return true;
  return false;
}

/** Words within this many places after a negator are negated ("not joking", "no joke"). */
const NEGATED_WORD_REACH = 2;

const FILM_VERB_BEFORE = wordList('film_verb_before');

/**
 * Session 21: "film" said as filming ("everyone is gonna film it") and "story" as an app's story
 * ("what he put on my story") are not the harmless film or story of a cinema trip or a book, which
 * had stood violence down ("a boy … said hes gonna batter me after skl tmrw and everyone is gonna
 * film it").
 */
function filmedOrPosted(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  if (w === 'film' || w === 'filming' || w === 'filmed') return w !== 'film' || FILM_VERB_BEFORE.has(tokens[i - 1]?.word ?? '');
  if (w === 'story' || w === 'stories') return tokens[i - 2]?.word === 'on' && ['my', 'his', 'her', 'their', 'your'].includes(tokens[i - 1]?.word ?? '');
  return false;
}

const STOPPING = wordList('stopping');
const OWNERS = wordList('owners');

/**
 * Session 24 (train48): in a threat, a harmless word that is not harmless play: pretending to be
 * someone ("he'd get her excluded by emailing the school PRETENDING TO BE her"), play the child
 * would stop as the threat's condition ("if he STOPPED PLAYING with him he would find out where the
 * dog lives"), or the people a video is sent to ("threatening to send a video of him TO HIS FOOTBALL
 * team"). Only for the word's `harmless` membership (the caller keeps any other set it is in): a
 * game word is not touched, "he said he'll kill me in fortnite" still stands down.
 */
function harmlessNotPlay(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  const w = t.word;
  if (w.startsWith('pretend') && tokens[i + 1]?.word === 'to' && tokens[i + 2]?.word === 'be') return true;
  if (STOPPING.has(tokens[i - 1]?.word ?? '') && tokens[i - 1]?.sentence === t.sentence) return true;
  return tokens[i - 1]?.sentence === t.sentence && OWNERS.has(tokens[i - 1]?.word ?? '') && tokens[i - 2]?.word === 'to';
}

const COMMAND_SPEECH = wordList('command_speech');
const DEED_LINKS = wordList('deed_links');

/**
 * Session 44msW: a negator that only opens a command someone said ("he said DONT scream and put his hand over my mouth",
 * "she told me DONT move then grabbed my arm") does not deny a deed told after "and" or "then": the nearest negator before
 * the phrase (within five words) follows a word of speaking (`command_speech`, "me", "us", "her" or "him" may stand
 * between), and a link (`deed_links`: and, then) lies between the command's verb and the phrase with no negator after it.
 * "he said he didnt hurt me", "he said dont worry, he wont hurt me" (a nearer negator) and "i didnt scream and he didnt
 * grab me" are still denied.
 */
function commandThenDeed(tokens: readonly Token[], m: PhraseMatch, model: SafetyModel): boolean {
  const s = tokens[m.first]?.sentence;
  const { negators } = model.scope;
  for (let j = m.first - 1; j >= Math.max(0, m.first - 5); j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) return false;
    if (!negators.has(t.keys[0] ?? '')) continue;
    const k = OBJECT_PRONOUNS.has(tokens[j - 1]?.word ?? '') ? j - 2 : j - 1;
    if (tokens[k]?.sentence !== s || !COMMAND_SPEECH.has(tokens[k]?.word ?? '')) return false;
    for (let i = j + 2; i < m.first; i += 1) if (DEED_LINKS.has(tokens[i]?.word ?? '')) return true;
    return false;
  }
  return false;
}
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['me', 'us', 'her', 'him', 'them']);

const OWNING_TURNS = wordList('owning_turns');

/**
 * Session 44msW: a self-harm line told of a story, a roleplay or a character that the child then takes as their own after
 * a turn (`owning_turns`: but, tbh, honestly, irl): "in the rp my character wants to die BUT tbh THATS JUST ME", "my oc
 * cuts when shes sad BUT honestly SO DO I". After the turn, a word of distress that is not an everyday one
 * (`common_distress`) keeps the line, whatever the frame reads of the clause it lies in (toldInFiction reads the child's
 * words only outside the framed clause). "my character wants to die but then she finds her family" is still the story's.
 */
function fictionOwnedAfter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm') return false;
  let turned = false;
  for (let i = m.last + 1; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (t.quoted) continue;
    if (OWNING_TURNS.has(t.word)) turned = true;
    else if (turned && t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word)) return true;
  }
  return false;
}

/**
 * Session 45 (msX): words that say a framed line is real or the child's own, wherever they stand in the message (see
 * {@link realBesideFrame}).
 */
const REAL_MARKERS: readonly (readonly string[])[] = [
  ['the', 'real', 'one'], ['really', 'happened'], ['actually', 'happened'], ['it', 'really', 'did'], ['he', 'really', 'did'], ['she', 'really', 'did'],
  ['not', 'a', 'game'], ['not', 'just', 'a', 'game'], ['not', 'a', 'story'], ['not', 'just', 'a', 'story'], ['not', 'pretend'], ['not', 'made', 'up'], ['not', 'roleplay'], ['not', 'a', 'roleplay'],
  ['so', 'do', 'i'], ['doing', 'it', 'myself'], ['do', 'it', 'myself'], ['want', 'that', 'to', 'be', 'me'], ['its', 'actually', 'me'], ['that', 'is', 'actually', 'me'],
];
/**
 * Session 45 (msX): a story, a game, a roleplay or a hypothetical frame that swallows a real disclosure in the same
 * message: "the horror game im making has a level where you jump off a bridge and i think about DOING IT MYSELF", "im
 * standing on the bridge from my horror game, THE REAL ONE near me", "its like a story but it REALLY HAPPENED", "its
 * NOT A GAME, he really did…". For danger now and self-harm only, where a miss costs most, a marker of `REAL_MARKERS`
 * anywhere in the message (not in quotation marks) keeps the phrase from standing down as fiction or a hypothetical.
 * (Not "irl" or "in real life": "what if someone wanted to kill themselves irl" is a general question; nor for the other
 * categories.)
 */
function realBesideFrame(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' && rule.category !== 'immediate_danger') return false;
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i]?.quoted) continue;
    for (const marker of REAL_MARKERS) {
      let k = 0;
      while (k < marker.length && tokens[i + k]?.word === marker[k] && tokens[i + k]?.sentence === tokens[i]?.sentence) k += 1;
      if (k === marker.length) return true;
    }
  }
  return false;
}

const MOCKING_LAUGHS = wordList('mocking_laughs');
const ASIDE_WORKS = wordList('aside_works');
const ASIDE_KIT = wordList('aside_kit');

/**
 * Session 44msW: a `harmless` word that is no play in the sentence, only an aside to a real act: laughter AT someone or
 * laughter before someone speaks ("everyone LAUGHED AT me in front of the class and i went home and cut myself", "he
 * LAUGHED AND SAID nobody knows im here"), a simile that likens the act to a story, a film or a book ("took a bunch of
 * my mums tablets LIKE THE GIRL IN MY STORY"), or a sport named only as its kit ("i cut where my PE SHORTS cover").
 * "we were laughing", "he was only joking", "i hurt myself in pe", "a scene in my story where she cuts" still stand down.
 */
function harmlessAside(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  const next = tokens[i + 1];
  const same = (u: Token | undefined): boolean => u !== undefined && u.sentence === t.sentence;
  if (MOCKING_LAUGHS.has(t.word) && same(next) && (next?.word === 'at' || (next?.word === 'and' && same(tokens[i + 2]) && REPORTED_SPEECH.has(tokens[i + 2]?.word ?? '')))) return true;
  if (ASIDE_KIT.has(next?.word ?? '') && same(next) && (t.word === 'pe' || t.word === 'football' || t.word === 'rugby' || t.word === 'netball' || t.word === 'hockey' || t.word === 'gymnastics' || t.word === 'ballet')) return true;
  if (ASIDE_WORKS.has(t.word)) {
    for (let k = i - 1; k >= Math.max(0, i - 5); k -= 1) {
      const u = tokens[k];
      if (!same(u)) break;
      if (u?.word === 'like' && (tokens[k + 1]?.word === 'the' || tokens[k + 1]?.word === 'a' || tokens[k + 1]?.word === 'in' || tokens[k + 1]?.word === 'that')) return true;
    }
  }
  return false;
}
const REPORTED_SPEECH: ReadonlySet<string> = new Set(['said', 'says', 'told', 'tells', 'goes', 'went', 'asked', 'typed', 'texted', 'messaged', 'replied']);

const SEEMING = wordList('seeming');

/**
 * Session 29: an accident to be faked is no accident: "im gonna walk into the road after skl and make it look like an
 * accident" (a plan disguised) had stood suicide-plan down on `harmless` "accident".
 */
function disguisedAccident(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || !t.word.startsWith('accident')) return false;
  const a = tokens[i - 1]?.word === 'an' || tokens[i - 1]?.word === 'a' ? 2 : 1;
  return tokens[i - a]?.word === 'like' && SEEMING.has(tokens[i - a - 1]?.word ?? '');
}

/**
 * Session 34ds: a joke or a laugh that the same sentence then disputes with "but" and fear or earnest ("people say its a
 * joke but im actually scared", "my mates think hes joking but i think hes serious"): the child is not laughing it off,
 * so the word stands nothing down. A joke with no "but" after it ("he said hed swat me lol its a running joke") still does.
 */
function jokeDisputed(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || !t.sets.includes('{jokeword}')) return false;
  let but = false;
  for (let k = i + 1; k < tokens.length && tokens[k]?.sentence === t.sentence; k += 1) {
    const u = tokens[k];
    if (u === undefined) break;
    if (u.word === 'but') but = true;
    else if (but && (u.sets.includes('{afraid}') || u.sets.includes('{earnest}') || u.sets.includes('{notajoke}'))) return true;
  }
  return false;
}

/**
 * Whether sentence `s` has a word of one of the sets, not counting negated ones: "not joking"
 * or "it wasn't an accident" do not make a sentence harmless.
 */
function sentenceHas(tokens: readonly Token[], s: number | undefined, sets: readonly string[], model: SafetyModel, threat = false, near?: RunOnPhrase): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s || !sharesKey(t.keys, sets)) continue;
    if (near !== undefined && t.keys.every((k) => !sets.includes(k) || THOUGHT_TOPICS.has(k)) && otherThought(near, tokens, i)) continue;
    if (sets.includes('{harmless}') && filmedOrPosted(tokens, i) && !t.keys.some((k) => k !== '{harmless}' && sets.includes(k))) continue;
    if (sets.includes('{harmless}') && disguisedAccident(tokens, i) && !t.keys.some((k) => k !== '{harmless}' && sets.includes(k))) continue;
    if (threat && sets.includes('{harmless}') && harmlessNotPlay(tokens, i) && !t.keys.some((k) => k !== '{harmless}' && sets.includes(k))) continue;
    if (sets.includes('{harmless}') && jokeDisputed(tokens, i) && !t.keys.some((k) => k !== '{harmless}' && sets.includes(k))) continue;
    if (sets.includes('{harmless}') && harmlessAside(tokens, i) && !t.keys.some((k) => k !== '{harmless}' && sets.includes(k))) continue;
    if (t.word === 'round' && !gameRound(tokens, i) && !t.keys.some((k) => k !== '{game}' && sets.includes(k))) continue;
    if (partyToTalk(tokens, i) && !t.keys.some((k) => k !== '{pet}' && k !== '{outing}' && sets.includes(k))) continue;
    // Session 28: "reported" and "reporting" share the stem of a school report (set `pet`), but the child who
    // reported him is not showing a report: "i reported it, he said he'll post my pics" had raised nothing.
    // Session 37rc: and "report" after a subject, a modal or "to" ("hell ruin my life if i REPORT him") is the verb too.
    if ((REPORTING_VERB.has(t.word) || (REPORT_FORMS.has(t.word) && REPORT_VERB_BEFORE.has(tokens[i - 1]?.word ?? ''))) && !t.keys.some((k) => k !== '{pet}' && sets.includes(k))) continue;
    let negated = false;
    for (let j = Math.max(0, i - NEGATED_WORD_REACH); j < i && !negated; j += 1) {
      const u = tokens[j];
      negated = u !== undefined && u.sentence === s && model.scope.negators.has(u.keys[0] ?? '');
    }
    if (!negated) return true;
  }
  return false;
}

/** Session 39: whether any of a word's keys is one of `sets` (a loop: `keys.some` made a closure for every word asked). */
function sharesKey(keys: readonly string[], sets: readonly string[]): boolean {
  for (const k of keys) if (sets.includes(k)) return true;
  return false;
}

/** Session 30: the text and span of a phrase, for `otherThought`. */
interface RunOnPhrase {
  readonly text: string;
  readonly first: number;
  readonly last: number;
}

/** Harmless topics a run-on moves between (school work, a pet, a game); a laugh or a joke colours the whole message. */
const THOUGHT_TOPICS = new Set(['{schoolwork}', '{pet}', '{game}']);
/** A sentence this long (in words) is a run-on of several thoughts: "today was rubbish we had a maths test … anyway". */
const RUN_ON_WORDS = 25;
/** In a run-on, how far (in words) a harmless word still belongs to the phrase's thought. */
const THOUGHT_REACH = 10;

/**
 * Session 30: in a run-on sentence with no full stops (a long message about a school day, a falling-out or a game, the
 * flag in the middle), a harmless word (a maths test, homework, a pet) said in another thought is not what the phrase is
 * about: "today was rubbish we had a maths test …, and the guy from fortnite said … hes going to send my mum everything
 * i told him, anyway i have to do my homework now". In a sentence of 25 words or more, a word more than 10 words from
 * the phrase, or with a comma between them, belongs to another thought. Shorter sentences are read as one thought, as
 * before ("he said he'll send my mum a pic of my cat"). Only for topic words (`THOUGHT_TOPICS`): a laugh or a joke
 * after a comma still colours the whole run-on ("…he said he'd find me and …, we were both laughing, its a running joke").
 */
function otherThought(near: RunOnPhrase, tokens: readonly Token[], i: number): boolean {
  const s = tokens[near.first]?.sentence;
  let n = 0;
  for (const t of tokens) if (t.sentence === s) n += 1;
  if (n < RUN_ON_WORDS || (i >= near.first && i <= near.last)) return false;
  const [a, b] = i < near.first ? [i, near.first] : [near.last, i];
  if (b - a > THOUGHT_REACH) return true;
  return near.text.slice(tokens[a]?.end ?? 0, tokens[b]?.start ?? 0).includes(',');
}

/**
 * Session 34fa: a party that is a place to talk, not an event someone photographs: "party" (set `pet`) with a word of
 * `talkplace` right after it ("xbox PARTY CHAT", "a party call") or an online place right before it ("in my XBOX PARTY").
 * "he asked me for pics in party chat" had stood image-request down as a picture of a party.
 */
function partyToTalk(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || (t.word !== 'party' && t.word !== 'parties')) return false;
  const after = tokens[i + 1];
  const before = tokens[i - 1];
  return (after !== undefined && after.sentence === t.sentence && after.sets.includes('{talkplace}')) || (before !== undefined && before.sentence === t.sentence && before.sets.includes('{onlineplace}'));
}

const REPORTING_VERB = wordList('reporting_verb');
const REPORT_FORMS = wordList('report_forms');
const REPORT_VERB_BEFORE = wordList('report_verb_before');

const ROUND_OPENERS = wordList('round_openers');

/**
 * Session 22: "round" is a game word (set `game`) only as a round of something ("one more round",
 * "the final round", "round 2"); "he said he will come round and kill me", "hands round my neck",
 * "coming round tonight" are not about a game, and the game stand-down had silenced the first.
 */
function gameRound(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (before !== undefined && before.sentence === tokens[i]?.sentence && ROUND_OPENERS.has(before.word)) return true;
  return after !== undefined && after.sentence === tokens[i]?.sentence && (/^\d+$/.test(after.word) || after.word === 'of' || after.word === 'robin');
}

/**
 * Session 14: who it was, told in a later sentence of the same message ("theres someone outside...
 * oh its just the amazon guy lol", "someone is outside? no its just the postman"): a rule that lists
 * `revealed` in `unlessSentenceHas` stands down for a word of `revealed` in any sentence after the
 * phrase, unless the message says the danger is real (sets `earnest`, `violent`).
 */
function revealedLater(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!rule.unlessSentenceHas.includes('{revealed}')) return false;
  if (tokens.some((t) => t.sets.includes('{earnest}') || t.sets.includes('{violent}'))) return false;
  const s = tokens[m.first]?.sentence ?? 0;
  const at = tokens.findIndex((t, i) => i > m.last && (t.sentence ?? 0) > s && t.keys.includes('{revealed}'));
  // Not when what follows the reveal brings the danger back: "no its just the man who FOLLOWED me", "…HE keeps staring".
  return at >= 0 && !tokens.some((t, i) => i > at && NOT_REVEALED.has(t.word));
}

const NOT_REVEALED = wordList('not_revealed');

/** Categories a parent's general question stands down (never danger or self-harm). */
const ADVICE_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['personal_info', 'financial', 'meet_or_secrecy', 'sexual', 'threat_blackmail']);
const OWN = wordList('own');
const ADVICE_OTHERS = wordList('advice_others');
/** Sets that make a parent's question no general one: someone else, a threat, nudity, keeping quiet, violence, means. */
const ADVICE_VETO = ['{advicevetoes}', '{knownadult}', '{nudestrong}', '{hush}', '{earnest}', '{violent}', '{means}', '{pills}'];

/** Whether the token is in any of `sets` (a loop: parentAdvice asks for every token of every message). */
function hasAnySet(t: Token, sets: readonly string[]): boolean {
  for (const set of sets) if (t.sets.includes(set)) return true;
  return false;
}

/** Whether the token is in a set of people the child knows (TRUSTED_SETS). */
function inTrustedSet(t: Token): boolean {
  for (const set of t.sets) if (TRUSTED_SETS.has(set)) return true;
  return false;
}

/**
 * Session 27: the last message's reading of {@link parentAdvice}, which `standsDown` asks for every
 * phrase of an advice category and `detect` once more (a token walk each time, about 4% of the
 * detector's time at v71). Tokens are made afresh for every message and their words and sets do not
 * change after `tokenise`, so the array itself tells one message from the next.
 */
let adviceTokens: readonly Token[] | undefined;
let adviceValue = false;

/**
 * Session 15: a parent's or carer's general question about their own child ("How do I turn on
 * parental controls on an iPad? My son is 8", "is it ok for my 14 year old to meet her school
 * friends in town on her own?", "my son asked for my card to buy a skin, i put in the details
 * myself, just checking thats the safe way"): the message asks for advice (set `advice`), names the
 * speaker's own child ("my"/"our" up to three words before a word of `ownchild`), and names no one
 * else and nothing that is a red flag in itself (set `advicevetoes`: a stranger, someone, a man, a
 * boyfriend, a threat, nudity, a secret, fear, the police; an adult of `knownadult`, a friend met
 * online; and nudity, keeping quiet, earnest, violence or means). Personal details, money, meeting, apps and pictures then stand down,
 * for the classifier too; danger and self-harm never do.
 */
function parentAdvice(tokens: readonly Token[]): boolean {
  if (tokens === adviceTokens) return adviceValue;
  adviceTokens = tokens;
  adviceValue = parentAdviceIn(tokens);
  return adviceValue;
}

function parentAdviceIn(tokens: readonly Token[]): boolean {
  // Nothing asked, no advice question: skip the walk (most messages).
  if (!tokens.some((t) => t.sets.includes('{advice}'))) return false;
  let asks = false;
  let child = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (hasAnySet(t, ADVICE_VETO) || ADVICE_OTHERS.has(t.word)) return false;
    // "an online friend", "a friend from Roblox" is someone else too.
    if (inTrustedSet(t) && metOnline(tokens, i)) return false;
    if (t.sets.includes('{advice}')) asks = true;
    if (t.sets.includes('{ownchild}')) for (let k = Math.max(0, i - 3); k < i; k += 1) if (OWN.has(tokens[k]?.word ?? '') && tokens[k]?.sentence === t.sentence) child = true;
  }
  return asks && child;
}

const ACTS = wordList('acts');

/**
 * "should i message him myself", "i'll call them myself": "myself" a few words after a doing word,
 * the parent as the one who would act, not the one hurt.
 */
function actsThemselves(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i]?.word !== 'myself') continue;
    for (let k = Math.max(0, i - 3); k < i; k += 1) if (ACTS.has(tokens[k]?.word ?? '')) return true;
  }
  return false;
}

const REVEAL_VERBS = wordList('reveal_verbs');
const REVEAL_FILLERS = wordList('reveal_fillers');
/** Sets of people whose being outside or waiting is no danger when the message says it is them. */
const REVEAL_SETS = ['{friends}', '{family}', '{services}'];
const REVEAL_PLACES = wordList('reveal_places');
const CLAIMING = wordList('claiming');
/** Sets that keep the danger: fear, earnest, violence, keeping quiet, secrets. */
const REVEAL_VETO = ['{afraid}', '{earnest}', '{violent}', '{hush}', '{secret}'];

const DELIVERED = wordList('delivered');
const BRINGERS = wordList('bringers');
const UNKNOWN_ONE = wordList('unknown_one');
const BRINGER_WORDS = wordList('bringer_words');

/**
 * Session 27: the one at the door revealed as someone bringing a delivery ("someone knocked on the door and it was
 * just the amazon man", "it was the pizza guy"): a word of what is delivered, then who brings it, or one word for
 * them, from token `k`. (The plain "man", "guy" stay someone else in `revealedNow`: "it was a man i didnt know".)
 */
function bringsThings(tokens: readonly Token[], k: number): boolean {
  const w = tokens[k]?.word ?? '';
  return BRINGER_WORDS.has(w) || (DELIVERED.has(w) && BRINGERS.has(tokens[k + 1]?.word ?? ''));
}

/**
 * Session 15: who it is, said in the same message without the "but"/"oh" of `revealed` ("hes
 * outside waiting for me, its my dad in the car, gtg", "the car outside is my uncles he's here for
 * tea", "someone is pulling up in the drive its grandad yay"), or the trusted person is the one the
 * message is about from its first words ("my dad is parked outside the school gates waiting for me
 * so gtg", "dad's picking me up at 9 from the party, he'll wait outside"). For rules that list
 * `revealed`. Not when the message has a word of fear, earnest, violence, keeping quiet or a
 * secret, says "tell", or names someone else outside the phrase (a man, someone, a stranger); the
 * opening person may not be an adult the child knows who is not a parent (`knownadult`: an uncle, a
 * coach, a stepdad…).
 */
function revealedNow(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, model: SafetyModel): boolean {
  if (!rule.unlessSentenceHas.includes('{revealed}')) return false;
  let revealed = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (hasAnySet(t, REVEAL_VETO) || t.word === 'tell' || t.word === 'told') return false;
    if (i >= m.first && i <= m.last) continue;
    // (Session 27: "SOMEONE knocked on the door and it was just the amazon man": the unknown one before the phrase is who the reveal names.)
    if (OTHER_PERSON.has(t.word) && !bringsThings(tokens, i - 1) && !(i < m.first && UNKNOWN_ONE.has(t.word))) return false;
    if (revealed || !REVEAL_VERBS.has(t.word)) continue;
    // Session 22: a reveal claimed by the one acting is no reveal ("he says hes my friend and asked me to come to the park").
    if ([1, 2, 3].some((d) => CLAIMING.has(tokens[i - d]?.word ?? ''))) continue;
    for (let k = i + 1; k <= i + 4 && k < tokens.length; k += 1) {
      const u = tokens[k];
      if (u === undefined) break;
      // Not when what follows the reveal brings the danger back ("its just the postman but HE keeps STARING in").
      if ((REVEAL_SETS.some((x) => u.sets.includes(x)) && !REVEAL_PLACES.has(u.word)) || bringsThings(tokens, k)) { revealed = !metOnline(tokens, k) && !tokens.some((v, q) => q > k && NOT_REVEALED.has(v.word)); break; }
      if (!REVEAL_FILLERS.has(u.word)) break;
    }
  }
  if (revealed) return true;
  // The message opens with the trusted person ("my dad is parked outside…", "dad's picking me up…");
  // for danger only: "my sister is getting messages saying i know where your school is" is reported.
  if (rule.category !== 'immediate_danger') return false;
  let j = 0;
  if (OWN.has(tokens[0]?.word ?? '')) j = 1;
  const who = tokens[j];
  return who !== undefined && j < m.first && (FEMALE.has(who.word) || MALE.has(who.word) || who.sets.includes('{friends}')) && !who.sets.includes('{knownadult}') && !PARTNERS.has(who.word) && !metOnline(tokens, j) && !isObject(tokens, j, model);
}

const TOUCH = wordList('touch');
const UNEASE = wordList('unease');

/**
 * Session 15: the child is the one touching ("if i touch her makeup again"), or an everyday thing touched, named right after the phrase ("my brother touches my
 * xbox", "he touched her shoulder to get her attention", "a man touched her shoulder on the bus to
 * ask if the seat was free"; set `touchok`, or "on the shoulder"): abuse-disclosed's touching
 * phrases stand down, unless the sentence names a part of the body or nudity, or the message a word
 * of unease ("it felt weird", "every time", "he keeps", "i didnt like it").
 */
function touchedThing(tokens: readonly Token[], m: PhraseMatch): boolean {
  let touch = false;
  for (let j = m.first; j <= m.last; j += 1) if (TOUCH.has(tokens[j]?.word ?? '')) touch = true;
  if (!touch) return false;
  // The child touching: "if I touch her makeup", "i touched him by accident".
  const before = tokens[m.first - 1]?.word ?? '';
  if (before === 'i' || before === 'you' || before === 'we') return true;
  // Session 23: "get IN touch with me", "keep in touch": being contacted, not touched.
  if (before === 'in' && TOUCH.has(tokens[m.first]?.word ?? '')) return true;
  const s = tokens[m.first]?.sentence;
  let k = m.last + 1;
  if (tokens[k]?.word === 'on' || tokens[k]?.word === 'by') k += 1;
  if (POSSESSIVES.has(tokens[k]?.word ?? '')) k += 1;
  const thing = tokens[k];
  if (thing === undefined || thing.sentence !== s || !thing.sets.includes('{touchok}')) return false;
  // Session 28: a belonging touched again and again is a sibling's nuisance, not a touch of the
  // child ("if he touches my xbox AGAIN im gonna murder him", "he KEEPS touching my lego"): for one
  // of `BELONGINGS` the repetition words do not keep the phrase; body-near words (shoulder, hair,
  // clothes) keep every unease word ("my uncle keeps touching my hair").
  const unease = BELONGINGS.has(thing.word) ? (w: string): boolean => UNEASE.has(w) && !REPEATED.has(w) : (w: string): boolean => UNEASE.has(w);
  return !tokens.some((t) => (t.sentence === s && (t.sets.includes('{bodypart}') || t.sets.includes('{nudestrong}'))) || unease(t.word));
}

const BELONGINGS = wordList('belongings');
const REPEATED = wordList('repeated');

const ERRANDS = wordList('errands');
const ERRAND_VETO_WORDS = wordList('errand_veto_words');
const ERRAND_VETO = ['{bodypart}', '{nudestrong}', '{undress}', '{hush}', '{secret}', '{earnest}', '{image}'];

/**
 * Session 17: a known adult coming into the child's room for an everyday errand, said right after
 * the phrase ("my uncle keeps coming in my room to borrow my charger", "my stepdad keeps coming
 * into my room to get the hoover"): abuse-disclosed's room phrases (not the bed, not "at night",
 * not sneaking) stand down when "to" and an errand (`ERRANDS`) follow at once, unless the message
 * says night, bed, being alone or watched, the door, touching, undressing, flattery, keeping quiet
 * or earnest words, or goes on with "but", "then" or "and" ("…to borrow my charger but he stays and
 * stares at me", "keeps coming in my room at night when mum is at work"). Session 29d: the same for
 * room-at-night, a cousin or stepbrother coming in "again" ("my cousin came in my room again to borrow my charger").
 */
function roomErrand(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if ((rule.id !== 'lex:sexual.abuse-disclosed' && rule.id !== 'lex:sexual.room-at-night') || tokens[m.first]?.quoted) return false;
  let room = false;
  for (let j = m.first; j <= m.last; j += 1) {
    const w = tokens[j]?.word ?? '';
    if (w === 'room' || w === 'bathroom') room = true;
    if (w === 'sneaks' || w === 'snuck' || w === 'sneak' || w === 'when') return false;
  }
  if (!room || tokens[m.last + 1]?.word !== 'to' || !ERRANDS.has(tokens[m.last + 2]?.word ?? '')) return false;
  return !tokens.some((t) => ERRAND_VETO_WORDS.has(t.word) || ERRAND_VETO.some((v) => t.sets.includes(v)));
}

/** Secrecy rules a known adult's asking makes grooming secrecy (see knownAdultSecret). */
const SECRECY_RULES = new Set(['lex:meet_or_secrecy.secrecy', 'lex:meet_or_secrecy.secrecy-asked']);

/**
 * Session 15: a secret asked by an adult the child knows who is not a parent (set `knownadult`: an
 * uncle, a grandad, a stepdad, a coach, a tutor, a neighbour, "my mums boyfriend"…), the first
 * trusted person acting in the sentence: "my uncle said its our secret", "coach said keep it
 * secret", "my dads mate keeps buying me stuff and says not to tell my brothers". No trusted person
 * stands the phrase down then, unless the message is about a present or a surprise (set `gifttalk`,
 * or `surprise`: "my step mum made me promise not to tell dad about the puppy for fathers day").
 */
function knownAdultSecret(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, model: SafetyModel): boolean {
  if (!SECRECY_RULES.has(rule.id)) return false;
  if (tokens.some((t) => t.sets.includes('{gifttalk}') || t.sets.includes('{surprise}'))) return false;
  const s = tokens[m.first]?.sentence;
  for (let j = 0; j < m.first; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) continue;
    if (!t.sets.includes('{knownadult}') && !t.sets.some((x) => TRUSTED_SETS.has(x))) continue;
    if (isObject(tokens, j, model)) continue;
    if (peersElder(tokens, j) >= 0) return true;
    return t.sets.includes('{knownadult}') && !metOnline(tokens, j);
  }
  return false;
}

/**
 * Session 36rc: a friend's grown-up relative, named through the friend ("my MATES UNCLE says it has to stay between them",
 * "my friends dad", "her friends older brother"): the index of the relative when the peer word at `j` is followed by a
 * word of set `peerselder` (an adult of the friend's family), or by "older"/"big" and a brother or cousin; else -1. The
 * friend is only the possessor, and the relative is no one the child's family vouches for.
 */
function peersElder(tokens: readonly Token[], j: number): number {
  if (tokens[j]?.sets.includes('{peers}') !== true) return -1;
  const s = tokens[j]?.sentence;
  const next = tokens[j + 1];
  if (next === undefined || next.sentence !== s) return -1;
  if (next.sets.includes('{peerselder}')) return j + 1;
  const after = tokens[j + 2];
  if ((next.word === 'older' || next.word === 'big') && after !== undefined && after.sentence === s && (after.word === 'brother' || after.word === 'cousin')) return j + 2;
  return -1;
}

/**
 * Session 36rc: a friend or relative who sent her own picture to him or was tricked into sending it ("my friend SENT HIM a
 * vid", "my sister got tricked INTO SENDING a pic"): for the own-image signal the trusted person before the sending word is
 * the one pictured, not one who vouches for the picture.
 */
function ownSender(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return rule.feature === 'signal.own-image' && (tokens[m.first]?.word.startsWith('sen') === true || tokens[m.first]?.word === 'into');
}

/**
 * Session 36rc: a harm named as done TO someone, in the passive ("my friend IS BEING sextorted", "my brother GOT
 * blackmailed", "my sister has BEEN threatened"): the phrase opens on a word of set `harmdone` right after a word of set
 * `beingdone` or is/was, and the trusted person at `j` is its subject (at most three words before the participle), so that
 * person is the one harmed, not the one acting, and stands nothing down. "A friend told me about a boy who was blackmailed"
 * is not one: the friend is no subject of it.
 */
function harmDoneTo(tokens: readonly Token[], m: PhraseMatch, j: number): boolean {
  const first = tokens[m.first];
  const before = tokens[m.first - 1];
  // A participle in the word itself ("threatenED"), not only its stem: "my friend is threatening to tell" is her acting.
  if (first === undefined || before === undefined || before.sentence !== first.sentence || !first.sets.includes('{harmdone}') || !first.word.endsWith('ed')) return false;
  if (!before.sets.includes('{beingdone}') && !BE.has(before.word)) return false;
  // The one harmed is the subject: the trusted person at j, then only auxiliaries (has, is, being, got, keeps) up to the
  // participle; "a boy at her son's SCHOOL WHO was blackmailed" has another subject.
  if (m.first - j > 4) return false;
  for (let k = j + 1; k < m.first; k += 1) {
    const t = tokens[k];
    if (t === undefined || !(t.sets.includes('{beingdone}') || BE.has(t.word) || PASSIVE_HELPERS.has(t.word))) return false;
  }
  return true;
}
const PASSIVE_HELPERS = wordList('passive_helpers');
const NEXT_IN_LINE = wordList('next_in_line');

/**
 * Session 38rc: the trusted person is the subject of a phrase that says who will be the threat's target ("my sister IS NEXT
 * if i dont do it", "my little brother will BE NEXT if…"): named right before "is/are/be" and a word of list `next_in_line`,
 * then "if" or "unless", that person is the one threatened, not the one speaking ("my sister said she is next" is not it:
 * "said she" comes between).
 */
function namedAsNext(tokens: readonly Token[], m: PhraseMatch, j: number): boolean {
  if (j !== m.first - 1 || tokens[j]?.sentence !== tokens[m.first]?.sentence) return false;
  const first = tokens[m.first]?.word ?? '';
  // The condition right after it: "my nan IS NEXT DOOR if i need her" is where she lives.
  return (BE.has(first) || first === 'be') && NEXT_IN_LINE.has(tokens[m.first + 1]?.word ?? '') && CONDITION_OPENERS.has(tokens[m.first + 2]?.word ?? '');
}

function span(text: string, tokens: readonly Token[], first: number, last: number): EvidenceSpan {
  const start = tokens[first]?.start ?? 0;
  const end = tokens[last]?.end ?? start;
  return { text: text.slice(start, end), start, end, turnsAgo: 0 };
}

const ONLINE = wordList('online');
const SAME = wordList('same');
const OFFLINE_GAME_WORDS = wordList('offline_game_words');

const BE = wordList('be');
const SCHOOLING = wordList('schooling');

/** Whether the word before `in/from/at` at `k` names a person ("a boy in", "the lady at", "he is in"), not the child ("i'm in year 7"). */
function isAsker(tokens: readonly Token[], k: number): boolean {
  let p = tokens[k - 1]?.word ?? '';
  if (BE.has(p)) p = tokens[k - 2]?.word ?? '';
  return PEERS.has(p) || OTHER_PERSON.has(p) || CHILD_SUBJECTS.has(p) || tokens[k - 1]?.sets.includes('{friends}') === true || tokens[k - 1]?.sets.includes('{services}') === true || namedFirst(tokens, k - 1);
}

const NOT_A_NAME = wordList('not_a_name');

/**
 * Session 16: a name that opens the sentence, just before "from"/"in" ("AMIR from my class asked for
 * my number", "AMIRA in my year keeps asking where i am"): the one asking, as "a boy from my class" is.
 * Any word no one is named by (`NOT_A_NAME`, a possessive, a word of a lexicon set) is not taken for a name.
 */
function namedFirst(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j];
  if (t === undefined || (j > 0 && tokens[j - 1]?.sentence === t.sentence)) return false;
  return !NOT_A_NAME.has(t.word) && !POSSESSIVES.has(t.word) && t.sets.length === 0 && /^[a-z]{2,}$/.test(t.word);
}

/** Whether the word before `at` at `k` is the child ("i'm at", "i am at", "i was at"). */
function isChild(tokens: readonly Token[], k: number): boolean {
  const p = tokens[k - 1]?.word ?? '';
  return p === 'i' || (BE.has(p) || p === 'am') && tokens[k - 2]?.word === 'i';
}

/** Whether someone only says where they work ("he SAID he WORKS at the bank"): a scammer's claim, not a counter. */
function claimsJob(tokens: readonly Token[], k: number, s: number | undefined, model: SafetyModel): boolean {
  if ((tokens[k - 1]?.keys[0] ?? '') === 'work') return true;
  for (let j = 0; j < k; j += 1) if (tokens[j]?.sentence === s && model.scope.reporting.has(tokens[j]?.keys[0] ?? '')) return true;
  return false;
}

/**
 * Whether the sentence places the one asking in the child's everyday life, met in person: someone
 * "in my year", "from my class", "at the dentist", "at madrassa", or "we go to the SAME school"
 * (a word of the `inperson` set after in/from/at, with at most a possessive and one more word
 * between, or after "same"). Not when the sentence is about an app, a game or being online ("a boy
 * in my year keeps messaging me on snap asking where i live" is still asked online).
 */
function placedInPerson(tokens: readonly Token[], m: PhraseMatch, set: '{inperson}' | '{workplace}', model: SafetyModel): boolean {
  const s = tokens[m.first]?.sentence;
  let placed = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    // The phrase's own words do not count ("asked for my snap" names an app itself).
    if (t === undefined || t.sentence !== s || (i >= m.first && i <= m.last)) continue;
    if (ONLINE.has(t.word) || t.sets.includes('{app}') || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word))) return false;
    // Session 21: a new classmate asking ("THE NEW BOY asked what my name was on the first day").
    if (!placed && set === '{inperson}' && t.word === 'new' && NEW_PEERS.has(tokens[i + 1]?.word ?? '') && i < m.first) placed = true;
    if (placed || !t.sets.includes(set)) continue;
    for (let k = i - 1; k >= Math.max(0, i - 3) && !placed; k -= 1) {
      const w = tokens[k];
      if (w === undefined || w.sentence !== s) break;
      // "at madrassa", "asked my name at the youth club": where it happened, unless it is where the child is ("he knows i'm at ...").
      if (w.word === 'at') placed = !isChild(tokens, k) && (set === '{inperson}' || !claimsJob(tokens, k, s, model));
      else if (set === '{workplace}') continue;
      else if (AFFILIATION.has(w.word)) placed = isAsker(tokens, k);
      // Session 32a: joining the place ("when i JOINED brownies they asked my name, age and school").
      else if (w.word === 'joined' || w.word === 'joining') placed = true;
      else if (SAME.has(w.word)) placed = tokens.slice(Math.max(0, k - 4), k).some((u) => u.sentence === s && (CHILD_SUBJECTS.has(u.word) || u.word === 'we'));
      else if (k < i - 1 && !POSSESSIVES.has(w.word)) break;
    }
  }
  return placed;
}

const WELL = wordList('well');
const SAY_WORDS = wordList('say_words');
const STARTED_OTHER = wordList('started_other');

/** Session 21: a word of wanting that opens saying something ("i just wanted to tell someone"), not wanting the act. */
function saidNotWanted(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  return (w === 'want' || w === 'wanted' || w === 'wanna') && (SAY_WORDS.has(tokens[i + 1]?.word ?? '') || (tokens[i + 1]?.word === 'to' && SAY_WORDS.has(tokens[i + 2]?.word ?? '')));
}

/** Session 21: "started" or "starting" followed by a new stage of life ("shes started college"), not the act begun again. */
function startedOther(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  return (w === 'started' || w === 'starting') && STARTED_OTHER.has(tokens[i + 1]?.word ?? '');
}

/**
 * Self-harm told as over: "used to" just before the phrase (at most two words between), a word
 * of being well (`recovered`, or "good now", "doing great"), and no word of `relapse` in the whole
 * message. "i used to self harm but i've been clean for a year" stands down; "i used to self harm
 * and i started again", "i used to cut, now i'm thinking about it" do not.
 */
function toldAsOver(tokens: readonly Token[], m: PhraseMatch, past = false): boolean {
  const s = tokens[m.first]?.sentence;
  let usedTo = false;
  for (let j = Math.max(1, m.first - 4); j < m.first; j += 1) if (tokens[j]?.sentence === s && tokens[j]?.word === 'to' && tokens[j - 1]?.word === 'used') usedTo = true;
  // Session 29: a thought told as past reaches its whole clause: "i used to THINK everyone would be better off without
  // me" (until a word that opens another clause: "i used to think that, but now everyone would be…").
  for (let j = m.first - 1; j >= 2 && !usedTo && tokens[j]?.sentence === s && !CLAUSE_OPENERS.has(tokens[j]?.word ?? ''); j -= 1) {
    if (PAST_THOUGHT.has(tokens[j]?.word ?? '') && tokens[j - 1]?.word === 'to' && tokens[j - 2]?.word === 'used') usedTo = true;
  }
  if (!usedTo && !past) return false;
  let well = false;
  let then = false;
  let calm = true;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.quoted || (t.sets.includes('{distress}') && !COMMON_OVER.has(t.word) && (i < m.first || i > m.last)) || (t.sets.includes('{soon}') && t.word !== 'now') || t.sets.includes('{hush}')) calm = false;
    // Session 37fa: a school year gone by is a then ("i used to self harm in year 8"; "yr" is read as "your").
    if (t.word === 'in' && SCHOOL_YEAR.has(tokens[i + 1]?.word ?? '') && tokens[i + 2]?.sets.includes('{number}') === true) then = true;
    // Session 18: help had or got is recovery ("ive had loads of help"), not asked for now.
    // (Session 44faW: support had as well: "ive had loads of SUPPORT and im in a good place now".)
    if ((t.word === 'help' || t.word === 'support') && HELP_HAD.has(tokens[i - 1]?.word ?? '')) { well = true; continue; }
    // Session 21: "just wanted to SAY thank you", "started COLLEGE" are no relapse.
    // Session 29: the verb right after "used to" is the past itself: "i used to THINK everyone would be better off",
    // "i used to WANT to die but not anymore".
    const pastVerb = tokens[i - 1]?.word === 'to' && tokens[i - 2]?.word === 'used';
    if (t.sets.includes('{relapse}') && !pastVerb && !saidNotWanted(tokens, i) && !startedOther(tokens, i)) return false;
    // Session 21: "i stopped hurting myself ages ago": stopped, right before the act.
    if (t.word === 'stopped' && SELF_OR_THEY.has(tokens[i - 1]?.word ?? '') && i + 1 === m.first) well = true;
    // Session 18, the act told of as past: nothing of distress, the means at hand, or a time soon ("now" is "good now").
    // (Session 21: the act's own words are not distress beside it: "i stopped HURTING MYSELF ages ago".)
    // (Session 44faW: a feeling told as then is part of the past told: "i WAS SAD last year and hurt myself but…".)
    const feltThen = PAST_FELT.has(tokens[i - 1]?.word ?? '');
    if (!usedTo && (t.quoted || (t.sets.includes('{distress}') && !COMMON_OVER.has(t.word) && !feltThen && (i < m.first || i > m.last)) || (t.sets.includes('{soon}') && t.word !== 'now') || t.sets.includes('{hush}'))) return false;
    // (Session 29: not a word of the phrase itself, the "better" of "better off without me".)
    if ((t.sets.includes('{recovered}') && (i < m.first || i > m.last)) || (WELL.has(t.word) && (tokens[i + 1]?.word === 'now' || tokens[i - 1]?.word === 'doing' || tokens[i - 1]?.word === 'been'))) well = true;
    // Session 44faW: "im in a GOOD PLACE now" ("a better place" is not one: it is said of the dead).
    if (WELL.has(t.word) && t.word !== 'better' && tokens[i - 1]?.word === 'a' && tokens[i + 1]?.word === 'place') well = true;
    // Session 29: "i used to think everyone would be better off without me, but i dont anymore": the thought denied
    // now, "dont anymore" closing its sentence (not "i dont want to be here anymore").
    if (usedTo && t.word === 'anymore' && NOT_NOW.has(tokens[i - 1]?.word ?? '') && tokens[i + 1]?.sentence !== t.sentence) well = true;
    // "i used to self harm but i stopped last summer": stopped, said as the end of it.
    if (t.word === 'stopped' && SELF_OR_THEY.has(tokens[i - 1]?.word ?? '') && (tokens[i + 1] === undefined || STOPPED_WHEN.has(tokens[i + 1]?.word ?? ''))) well = true;
    if (t.word === 'ago' || (t.word === 'last' && PAST_SPANS.has(tokens[i + 1]?.word ?? '')) || (t.word === 'when' && (tokens[i + 1]?.word === 'i' || tokens[i + 1]?.word === 'she' || tokens[i + 1]?.word === 'he') && tokens[i + 2]?.word === 'was')) then = true;
  }
  // Session 37fa: "used to" with a time gone by ("i used to self harm in year 8", "…like 2 years ago") is told as over
  // without a word of recovery too, when nothing beside it is distress, a time soon, hushing or quoted words.
  return (well && (usedTo || then)) || (usedTo && then && calm);
}

const SCHOOL_YEAR = wordList('school_year');
/** Session 44faW: a feeling told as then ("i WAS sad", "i FELT low"): no distress now in a past told as over. */
const PAST_FELT: ReadonlySet<string> = new Set(['was', 'were', 'felt']);
const PAST_THOUGHT = wordList('past_thought');
const CLAUSE_OPENERS = wordList('clause_openers');
const NOT_NOW = wordList('not_now');
const HELP_HAD = wordList('help_had');
const SELF_OR_THEY = wordList('self_or_they');
const STOPPED_WHEN = wordList('stopped_when');
const PAST_SPANS = wordList('past_spans');
const COMMON_OVER = wordList('common_over');
/** Rules whose act told as past and recovered from stands down with `toldAsOver` (session 18): "i had an overdose last year but ive been in recovery since". */
const ACT_RULES = new Set(['lex:immediate_danger.overdose-taken', 'lex:self_harm.suicide-plan', 'lex:self_harm.self-harm', 'lex:self_harm.suicidal-thoughts']);

const HYPERBOLE_STEMS = wordList('hyperbole_stems');
const NOT_AT_HAND = wordList('not_at_hand');
/** Sets that make a trivial cause unsafe to assume: distress, pictures, nudity, undressing, the body, violence, means, pills. */
const HYPERBOLE_VETO = ['{distress}', '{image}', '{nudestrong}', '{undress}', '{bodypart}', '{violent}', '{means}', '{pills}'];

const HAIR = wordList('hair');

/**
 * Session 29: "cut" said of hair ("i cut my fringe and i want to die") is a haircut, no word of self-harm: the cut
 * word (a word of distress) does not veto a trivial death wish when hair comes within three words after it.
 */
function isHaircut(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || !t.word.startsWith('cut')) return false;
  for (let k = i + 1; k <= i + 3 && k < tokens.length && tokens[k]?.sentence === t.sentence; k += 1) if (HAIR.has(tokens[k]?.word ?? '')) return true;
  return false;
}

/**
 * Session 31a: "omg" reaches the rules as "oh my god" (text-speak), which the `laughmark` set (where "omg" is listed)
 * no longer sees: "oh my god" or "oh my days" at `i` counts as the same exclamation.
 */
function isOmg(tokens: readonly Token[], i: number): boolean {
  if (tokens[i]?.word !== 'oh' || tokens[i + 1]?.word !== 'my') return false;
  const w = tokens[i + 2]?.word;
  return w === 'god' || w === 'days' || w === 'gosh';
}

/**
 * Session 13: a death wish said of something trivial ("got sniped i wanna die", "omg i literally
 * want to die i called my teacher mum in front of the whole class", "if i have to do one more past
 * paper im gonna kms lol"). A self-harm thought or plan (not an act; a plan with a time word
 * never) whose own words are a hyperbole word stands down when its sentence names a trivial cause (set
 * `trifle`, or a game word that is not also a club's: `OFFLINE_GAME_WORDS`), or a school task (set
 * `chore`) with a laughing mark (`laughmark`) anywhere in the message; never when the message has a
 * word of distress, nudity, undressing, the body, violence, means or pills ("everyone laughed at me
 * again", "he made me take my top off in front of the camera", "my game is the only thing i have,
 * nobody would care"), nor in quoted words.
 */
function trivialHyperbole(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || rule.id === 'lex:self_harm.self-harm') return false;
  let hyperbole = false;
  for (let j = m.first; j <= m.last; j += 1) if (HYPERBOLE_STEMS.has(tokens[j]?.keys[0] ?? '') || tokens[j]?.word === 'dying') hyperbole = true;
  if (!hyperbole || tokens[m.first]?.quoted) return false;
  const s = tokens[m.first]?.sentence;
  let trifle = false;
  let chore = false;
  let laugh = false;
  let dated = false;
  let omg = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (HYPERBOLE_VETO.some((v) => t.sets.includes(v)) && !isHaircut(tokens, i)) return false;
    // A plan with a time ("kill myself tonight after this match") is not waved off.
    if (rule.urgency === 'immediate' && t.sets.includes('{soon}')) return false;
    if (i >= m.first && i <= m.last) continue;
    if (t.sets.includes('{laughmark}')) laugh = true;
    if (isOmg(tokens, i)) omg = true;
    if (t.sentence !== s) continue;
    if (t.sets.includes('{trifle}') || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word)) || isGrade(tokens, i)) trifle = true;
    // "this homework", "this level", "this song", "one more past paper": the thing at hand is the
    // cause, laughing mark or not.
    const before = tokens[i - 1]?.word ?? '';
    const atHand = before === 'this' || before === 'these' || (before === 'more' && tokens[i - 2]?.word === 'one');
    if (t.sets.includes('{chore}')) chore = true;
    if (t.sets.includes('{chore}') && choreOnDay(tokens, i)) dated = true;
    if (atHand && (t.sets.includes('{chore}') || t.sets.includes('{game}') || (t.sets.includes('{thing}') && !NOT_AT_HAND.has(t.word)))) trifle = true;
  }
  // Session 31a: "omg" (read as "oh my god") counts as a laughing mark only beside the embarrassing moment itself
  // ("omg i want to die, my crush saw me fall over"), never for a cause or a chore: it is said in earnest too.
  return trifle || (chore && laugh) || (laugh && (causeGiven(tokens, m) || embarrassingMoment(tokens, m))) || (omg && embarrassingMoment(tokens, m)) || ((dated || thingForgotten(tokens) || embarrassmentNamed(tokens, m) || settledAfterBut(tokens, m)) && softWish(tokens, m) && !saidInEarnest(tokens));
}

const EMBARRASSED_WORDS = wordList('embarrassed_words');
const TURNED_OUT_FINE = wordList('turned_out_fine');

/**
 * Session 45faX: the child calls the moment embarrassing beside the softer wish ("i wanna die that was so embarrassing i
 * called miss mum", "so cringe, i want to disappear"): a word of `embarrassed_words` outside the phrase. Only with
 * `trivialHyperbole`'s vetoes (distress, pictures, nudity, the body, violence, means, pills) absent, for the softer wish,
 * and with no word of meaning it: "everyone saw the pics its so embarrassing i want to die" keeps self-harm.
 */
function embarrassmentNamed(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = 0; j < tokens.length; j += 1) if ((j < m.first || j > m.last) && EMBARRASSED_WORDS.has(tokens[j]?.word ?? '')) return true;
  return false;
}

/**
 * Session 45faX: the moment told with the softer wish, and how it turned out after "but" ("i wanted to disappear but it was
 * fine in the end", "i wish i could disappear when the teacher read my story out but it was actually good"): after the
 * phrase, "but", then within four words "was", "were" or "went", then within two a word of `turned_out_fine`. "i want to
 * die but im fine" (no "was") keeps self-harm.
 */
function settledAfterBut(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let k = m.last + 1; k < tokens.length; k += 1) {
    if (tokens[k]?.word !== 'but') continue;
    for (let q = k + 1; q <= k + 4 && q < tokens.length; q += 1) {
      const w = tokens[q]?.word ?? '';
      if (w !== 'was' && w !== 'were' && w !== 'went') continue;
      for (let r = q + 1; r <= q + 3 && r < tokens.length; r += 1) if (TURNED_OUT_FINE.has(tokens[r]?.word ?? '')) return true;
    }
  }
  return false;
}

const TASK_DAYS = wordList('task_days');

/**
 * Session 30: a school task pinned to a day ("maths test tomorrow i want to die", "ugh french exam on monday, i wanna
 * die"): the day word (today, tomorrow, set `later`) within two words after the task word.
 */
function choreOnDay(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 2 && k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t !== undefined && (TASK_DAYS.has(t.word) || t.sets.includes('{later}'))) return true;
  }
  return false;
}

const FORGETTING = wordList('forgetting');
const LEFT_AT = wordList('left_at');
const LEFT_PREPS = wordList('left_preps');

/**
 * Session 30: a thing of the child's forgotten or lost ("i want to die, i left my pencil sharpener at home", "forgot
 * my pe kit i want to die"): "forgot my", "lost my", "dropped my", or "left my … at home / on the bus" (within five
 * words). Not "left me", nor someone who left: "my" must follow the word.
 */
function thingForgotten(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    const w = tokens[i]?.word ?? '';
    if (!FORGETTING.has(w) || tokens[i + 1]?.word !== 'my') continue;
    if (w !== 'left') return true;
    for (let k = i + 2; k <= i + 6 && k < tokens.length; k += 1) if (LEFT_AT.has(tokens[k]?.word ?? '') && (LEFT_PREPS.has(tokens[k - 1]?.word ?? '') || LEFT_PREPS.has(tokens[k - 2]?.word ?? ''))) return true;
  }
  return false;
}

const SOFT_WISH = wordList('soft_wish');

/**
 * Session 30: the causes `choreOnDay` and `thingForgotten` wave off only the softer wish ("i want to die", "i want to
 * disappear"); "maths test tomorrow i want to kill myself" keeps its finding.
 */
function softWish(tokens: readonly Token[], m: PhraseMatch): boolean {
  let soft = false;
  for (let j = m.first; j <= m.last; j += 1) {
    const k = tokens[j]?.keys[0] ?? '';
    if (k === 'kill' || k === 'end') return false;
    if (SOFT_WISH.has(k) || tokens[j]?.word === 'dying') soft = true;
  }
  return soft;
}

const EARNEST_WORDS = wordList('earnest_words');

/** Session 30: a word of `earnest` or of meaning it in the message (see EARNEST_WORDS): a cause told beside it waves nothing off. */
function saidInEarnest(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.sets.includes('{earnest}') || EARNEST_WORDS.has(t.word));
}

const SELF_WORDS = wordList('self_words');
const HURT_FEELINGS = wordList('hurt_feelings');
const SNAGS = wordList('snags');
const MISHAPS = wordList('mishaps');
const COMING_OFF = wordList('coming_off');
const ANIMAL_HURTS = wordList('animal_hurts');
/** Sets that keep a hurt self-harm whatever the cause told: distress, means, pills, keeping quiet, secrets, meaning it. */
const INJURY_VETO = ['{distress}', '{means}', '{pills}', '{hush}', '{secret}', '{earnest}'];

/**
 * Session 27: a hurt told with the accident that made it ("scratched my arm on a bramble climbing the fence", "big
 * cut on my knee from coming off my scooter", "my cat scratched me and now i have a cut on my arm"): the self-harm
 * phrase, with none of the words that say self-harm itself (myself, self harm, on purpose, deserved), stands down
 * when the message tells a cause outside the child: something snagged on right after it ("on a bramble", "on the
 * bunk bed"; not a wall or a door, which a child bangs their head on in distress), a fall, trip or slip after it
 * ("from coming off", "fell"), or an animal that scratched or bit before it. Never with distress outside the
 * phrase's own hurt word, a feeling (upset, angry, stressed…), means, pills, keeping quiet, secrets or meaning it.
 */
function accidentalInjury(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm') return false;
  let cause = false;
  let scratched = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word.startsWith('scratch') === true) scratched = true;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (SELF_WORDS.has(t.word) || HURT_FEELINGS.has(t.word)) return false;
    if (i >= m.first && i <= m.last) continue;
    if (INJURY_VETO.some((v) => t.sets.includes(v)) && !t.sets.includes('{harmself}')) return false;
    if (t.sentence !== tokens[m.first]?.sentence) continue;
    const next = tokens[i + 1]?.word ?? '';
    if (i > m.last && (SNAGS.has(t.word) || (MISHAPS.has(t.word) && next !== 'out') || (COMING_OFF.has(t.word) && next === 'off'))) cause = true;
    // Session 30: the fall told first ("i FELL OFF my bike and cut my leg"): a mishap with "off" or "over" after it.
    if (i < m.first && MISHAPS.has(t.word) && (next === 'off' || next === 'over' || next === 'down' || next === 'and')) cause = true;
    if (i < m.first && (t.sets.includes('{animal}') || t.sets.includes('{pet}')) && ANIMAL_HURTS.has(tokens[i + 1]?.word ?? '')) cause = true;
    // Session 34ds: an itch named anywhere in the message, when the phrase's hurt is scratching ("i keep scratching my
    // legs cos of eczema", "mosquito bites all over, i scratched my legs raw").
    if (t.sets.includes('{itch}') && scratched) cause = true;
  }
  return cause;
}

/**
 * Session 30: a pencil sharpener lost, forgotten or left at home ("i lost my pencil sharpener", "i want to die, i
 * left my pencil sharpener at home") is no means at hand: self-harm's bare "pencil sharpener" stands down with
 * `thingForgotten`, unless the message names a blade, a word of hurting oneself or distress, or keeping it quiet.
 */
function sharpenerMislaid(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm' || tokens[m.last]?.word !== 'sharpener' || m.last - m.first !== 1) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i >= m.first && i <= m.last)) continue;
    if (SELF_WORDS.has(t.word) || t.sets.includes('{means}') || t.sets.includes('{harmself}') || t.sets.includes('{hush}') || t.sets.includes('{secret}')) return false;
    if (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word)) return false;
  }
  return thingForgotten(tokens);
}

const SONG_WORDS = wordList('song_words');
const OWNS_THE_LINE = wordList('owns_the_line');

/**
 * Session 30: a self-harm line quoted from a song ("listening to "i want to die" by that emo band on repeat", "my
 * favourite song goes "i just want to sleep and never wake up" its so sad"): the phrase is inside quotation marks
 * and the message names a song, a band, lyrics or singing outside them. Never when the child takes the line as
 * their own outside the quote ("thats exactly how i feel", "same", "i relate"), nor with a word of distress, means,
 * pills or meaning it.
 */
function songLine(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || !tokens[m.first]?.quoted) return false;
  let song = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.quoted) continue;
    if (OWNS_THE_LINE.has(t.word) || t.sets.includes('{means}') || t.sets.includes('{pills}') || t.sets.includes('{earnest}') || (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word))) return false;
    if (SONG_WORDS.has(t.word)) song = true;
  }
  return song;
}

/**
 * Session 31a: a laughed-off death wish in the message right after an embarrassing moment was told ("i called my
 * teacher mum in front of everyone", then "omg i want to die"): a self-harm thought (not an act, not a plan) whose
 * words are a hyperbole word stands down when the message before raised signal `embarrassed`, no red flag was
 * raised in the chat's last six turns, and this message has a laughing mark (omg, lol, ugh…) and none of
 * `trivialHyperbole`'s vetoes (distress, pictures, nudity, undressing, the body, violence, means, pills) nor a
 * word of meaning it. "i want to die" with no laughing mark, or after "everyone saw the pics he posted", keeps it.
 */
function embarrassedJustBefore(state: DetectorState, tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || rule.id === 'lex:self_harm.self-harm' || rule.urgency === 'immediate' || state.signals.length === 0) return false;
  let before = false;
  for (const x of state.signals) {
    if (x.feature === 'signal.embarrassed' && x.turn === state.turn) before = true;
    if (x.feature.startsWith('any.') && state.turn + 1 - x.turn <= 6) return false;
  }
  if (!before || tokens[m.first]?.quoted) return false;
  let hyperbole = false;
  for (let j = m.first; j <= m.last; j += 1) if (HYPERBOLE_STEMS.has(tokens[j]?.keys[0] ?? '')) hyperbole = true;
  if (!hyperbole) return false;
  let laugh = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (HYPERBOLE_VETO.some((v) => t.sets.includes(v)) || t.sets.includes('{earnest}')) return false;
    if ((i < m.first || i > m.last) && (t.sets.includes('{laughmark}') || isOmg(tokens, i))) laugh = true;
  }
  return laugh;
}

const WITNESSED = wordList('witnessed');

/**
 * Session 27: the embarrassing moment told beside a laughed-off death wish, with no cause word ("i want to die lol
 * my crush saw me trip on the stairs", "ugh i wanna disappear lol i said love u to my teacher by accident"): someone
 * saw, heard or caught the child ("saw me", "heard me"), or it was an accident ("by accident", "accidentally"),
 * outside the phrase. `trivialHyperbole` asks a laughing mark with it and keeps its vetoes (distress, pictures,
 * nudity, undressing, the body, violence, means), so "everyone saw me cry lol i want to die" and "he saw me naked"
 * keep self-harm or what they show.
 */
function embarrassingMoment(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = 0; j < tokens.length; j += 1) {
    if (j >= m.first && j <= m.last) continue;
    const w = tokens[j]?.word ?? '';
    if (w === 'accidentally' || (w === 'by' && tokens[j + 1]?.word === 'accident')) return true;
    if (WITNESSED.has(w) && tokens[j + 1]?.word === 'me') return true;
  }
  return false;
}

const CAUSE_WORDS = wordList('cause_words');

/**
 * Session 18: a death wish with a cause said after it in the same sentence ("she wanted to die
 * when her crush saw her fall over lmaooo", "id rather be dead than wear that jumper lol"): with a
 * laughing mark in the message (see trivialHyperbole, whose vetoes apply first), a hyperbole.
 */
function causeGiven(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let j = m.last + 1; j < tokens.length && j <= m.last + 4 && tokens[j]?.sentence === s; j += 1) if (CAUSE_WORDS.has(tokens[j]?.word ?? '')) return true;
  return false;
}

/** A grade got: "got a B", "got an A", "got a 4" (a letter or a number after got/get a), session 18. */
function isGrade(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  if (!/^([a-f]|you|[1-9])$/.test(w)) return false;
  const a = tokens[i - 1]?.word;
  const got = tokens[i - 2]?.word ?? '';
  return (a === 'a' || a === 'an') && ['got', 'get', 'gets', 'getting'].includes(got);
}

/** Rules whose "send … {money}" phrase may be a stranger's sending, not an asking (session 18). */
const SENT_RULES = new Set(['lex:financial.payment-demand', 'lex:financial.money-request']);
const SENT_FORMS = wordList('sent_forms');
const SENT_TO_CHILD = wordList('sent_to_child');
const SENT_VETO = wordList('sent_veto');

/**
 * Session 18: money or gifts sent TO the child by someone else ("a man on tiktok has been sending
 * her money and gifts", "he keeps sending me money"): payment-demand and money-request stand down
 * when their phrase opens with a telling form of sending or giving (`SENT_FORMS`, not "send"), the
 * receiver right after it is me, her or us, and nothing before it in the sentence is the child
 * (`self`), an asking word (`request`: "he told her to send him money"), or a making, keeping or
 * condition word. `gifts-grooming` reads such money as a present.
 */
function sentNotAsked(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SENT_RULES.has(rule.id)) return false;
  const t = tokens[m.first];
  // Not money sent for something ("he sends me money for robux": the child buys for him).
  if (t === undefined || t.quoted || !SENT_FORMS.has(t.word)) return false;
  // Session 30: a parent's own child as the receiver ("the man keeps sending MY SON money for roblox"): money for
  // the child's game is a present to the child; "he sends me money for robux" (the child buys for him) stays.
  const toOwnChild = tokens[m.first + 1]?.word === 'my' && (tokens[m.first + 2]?.sets.includes('{offspring}') ?? false);
  if (!toOwnChild && (!SENT_TO_CHILD.has(tokens[m.first + 1]?.word ?? '') || tokens[m.last + 1]?.word === 'for')) return false;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === t.sentence; j -= 1) {
    const w = tokens[j];
    if (w === undefined) continue;
    if (w.sets.includes('{self}') || w.sets.includes('{request}') || SENT_VETO.has(w.word)) return false;
  }
  return true;
}

const FAMILY_CARD_OWNERS = wordList('family_card_owners');
const CARD_USED = wordList('card_used');
const CARD_ASKED = wordList('card_asked');

/**
 * Session 26b: a family member's card used by them or by the child, told as done ("mum put her card in for my
 * robux", "i accidentally bought a skin with mums card and she was cross", "my little bro spent 50 quid on robux on
 * dads card"): card-details stands down when the phrase is a family member's card, a word of using or putting it
 * comes before in the sentence, and nothing says someone asked, made or told ("he told me to use my mums card"),
 * no he, him, they, them, a stranger or an online word, no secret, menace or keeping quiet in the message.
 */
function familyCardUsed(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.card-details') return false;
  let owner = false;
  for (let j = m.first; j <= m.last; j += 1) if (FAMILY_CARD_OWNERS.has(tokens[j]?.word ?? '') && tokens[j + 1]?.word === 'card') owner = true;
  if (!owner && !(FEMALE.has(tokens[m.first]?.word ?? '') || MALE.has(tokens[m.first]?.word ?? ''))) return false;
  const s = tokens[m.first]?.sentence;
  let used = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    // (Session 43faU: "pay her BACK" is the money repaid, no menace.)
    const repaid = t.word === 'back' && [1, 2].some((d) => ['pay', 'paid', 'paying'].includes(tokens[i - d]?.word ?? ''));
    if (t.sets.includes('{secret}') || t.sets.includes('{hush}') || t.sets.includes('{menace}') && !CARD_USED.has(t.word) && !repaid) return false;
    if (t.sentence !== s) continue;
    // "she said its ok", "mum says": the family member's own word about it is no asking.
    const sayer = tokens[i - 1]?.word ?? '';
    const familySays = (t.word === 'said' || t.word === 'says') && (sayer === 'she' || FEMALE.has(sayer) || MALE.has(sayer));
    // Session 43faU: "got TOLD OFF for using…" is a scolding and "WITHOUT ASKING" the child's own doing, not anyone asking.
    const notAsking = (t.word === 'told' && tokens[i + 1]?.word === 'off') || sayer === 'without';
    if (((CARD_ASKED.has(t.word) || t.sets.includes('{request}')) && !familySays && !notAsking) || OTHER_PERSON.has(t.word) || ['he', 'him', 'they', 'them'].includes(t.word) || ONLINE.has(t.word)) return false;
    if (i < m.last && (CARD_USED.has(t.word) || t.word === 'using')) used = true;
  }
  return used;
}

/** Session 32a: a kin word, or its possessive ("MUMS card", "DADS card"): the child's close family. */
function isKinWord(w: string): boolean {
  const bare = w.endsWith('s') && !CARD_KIN.has(w) ? w.slice(0, -1) : w;
  return CARD_KIN.has(w) || CARD_KIN.has(bare);
}

/** Whether the he, him, his, she or her at `i` can be a kin word of its gender named earlier in the message. */
function kinBefore(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  const kin = HE.has(w) ? MALE : SHE.has(w) ? FEMALE : undefined;
  if (kin === undefined) return false;
  for (let j = 0; j < i; j += 1) {
    const k = tokens[j]?.word ?? '';
    if (kin.has(k) || (k.endsWith('s') && kin.has(k.slice(0, -1)))) return true;
  }
  return false;
}

const CARD_TRICK = wordList('card_trick');

/**
 * Session 32a: a card told of in family life ("dads card got declined at tesco and he was so embarrassed", "my dad uses
 * his card to pay for my school dinners online", "is it ok to save mums card on my ipad if she says so", "my mum asked
 * me to read out her card number while she typed"): card-details stands down when the message names the child's
 * close family and no one else (an online place is no one: "pays for my school dinners online"). Every he, him, she or her must be able to be a family member of that gender named
 * before it; an asking word (`request`, need) must have the child or a family member just before it ("my mum asked",
 * "i asked dad"); a giving word (`CARD_GIVING`) must give to me or to the family; and there is no stranger or other
 * person (`OTHER_PERSON`, set `person`, `peers`, they), no app or game place, no trick, stranger's message, picture,
 * force or secret (`CARD_TRICK`, sets `secret`, `hush`, `menace`). "he told me to take a pic of mums bank card",
 * "a girl in a game told me to get my mums card", "someone said they need the numbers on the back of my dads card"
 * and "my stepdad made me give him my nans card number" keep it.
 */
function cardKeptInFamily(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.card-details') return false;
  let family = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.quoted) return false;
    const w = t.word;
    if (isKinWord(w)) {
      family = true;
      continue;
    }
    if (HE.has(w) || SHE.has(w)) {
      if (!kinBefore(tokens, i)) return false;
      continue;
    }
    if (OTHER_PERSON.has(w) || CARD_TRICK.has(w) || (ONLINE_PLACE.has(w) && w !== 'online' && w !== 'internet')) return false;
    // "says not to tell her", "dont tell dad": keeping it from the family.
    if (w === 'tell' && ['not', 'dont', 'never'].some((n) => tokens[i - 1]?.word === n || tokens[i - 2]?.word === n)) return false;
    if (t.sets.includes('{person}') || t.sets.includes('{peers}') || t.sets.includes('{app}') || t.sets.includes('{secret}') || t.sets.includes('{hush}') || t.sets.includes('{menace}')) return false;
    if (t.sets.includes('{request}') || w === 'need' || w === 'needs' || w === 'needed') {
      let asker = false;
      for (let j = Math.max(0, i - 2); j < i; j += 1) {
        const a = tokens[j]?.word ?? '';
        if (a === 'i' || isKinWord(a) || ((HE.has(a) || SHE.has(a)) && kinBefore(tokens, j))) asker = true;
      }
      if (!asker) return false;
    }
    if (CARD_GIVING.has(w)) {
      const to = tokens[i + 1]?.word ?? '';
      // "gave MY MUM my card", not "sent my mums card" (the card is the object, the one who got it unsaid).
      const toFamily = to === 'me' || to === 'us' || CARD_KIN.has(to) || (to === 'my' && CARD_KIN.has(tokens[i + 2]?.word ?? '')) || ((HE.has(to) || SHE.has(to)) && kinBefore(tokens, i + 1));
      if (!toFamily) return false;
    }
  }
  return family;
}

const COMMON_DISTRESS = wordList('common_distress');

/**
 * Session 17: a trivial cause named in the message (set `trifle`, `chore`, a school word, a game
 * word that is not also a club's), and no other word of distress, pictures, nudity, the body,
 * violence, means or pills ("i cant do this level anymore ive tried like 40 times", "whats the point
 * of algebra honestly", "i cant do this anymore 14 questions on simultaneous equations??"): the
 * classifier alone does not raise self-harm below `SURE_SCORE` (a lexicon phrase still does).
 */
function trivialCause(tokens: readonly Token[]): boolean {
  let trifle = false;
  for (const t of tokens) {
    if (t.quoted) continue;
    if (HYPERBOLE_VETO.some((v) => v !== '{distress}' && t.sets.includes(v))) return false;
    if (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word)) return false;
    if (t.sets.includes('{trifle}') || t.sets.includes('{chore}') || SCHOOLING.has(t.word) || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word))) trifle = true;
  }
  return trifle;
}

const POINT_OF_HELPER = wordList('point_of_helper');
const POINT_OF_THIS = wordList('point_of_this');

/**
 * Session 26b: the point of the helper or the chat questioned ("whats the point of u", "what is the point of this
 * app", "whats the point in talking to you"), an insult or a test of the bot, not of living: the classifier
 * alone does not raise self-harm, at any score, unless the message has a word of distress (other than the common
 * ones of `COMMON_DISTRESS`), the child themselves (`myself`, "me", "living", "life"), means or pills. "whats the
 * point of living", "whats the point in anything anymore" keep the classifier and the lexicon.
 */
function pointOfHelper(tokens: readonly Token[]): boolean {
  let asked = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (HYPERBOLE_VETO.some((v) => v !== '{distress}' && t.sets.includes(v))) return false;
    if (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word)) return false;
    if (t.sets.includes('{reflexive}') || t.word === 'living' || t.word === 'life' || t.word === 'alive') return false;
    if (t.word !== 'point') continue;
    const of = tokens[i + 1]?.word;
    if (of !== 'of' && of !== 'in') continue;
    const what = tokens[i + 2]?.word ?? '';
    const then = tokens[i + 3]?.word ?? '';
    if (POINT_OF_HELPER.has(what) && then !== 'me' && then !== 'living') asked = true;
    else if (what === 'this' && POINT_OF_THIS.has(then)) asked = true;
    else if ((what === 'talking' || what === 'telling' || what === 'asking' || what === 'messaging') && (then === 'to' ? POINT_OF_HELPER.has(tokens[i + 4]?.word ?? '') : POINT_OF_HELPER.has(then))) asked = true;
  }
  return asked;
}

const LOVE_PRESSURE_SUBJECTS = wordList('love_pressure_subjects');

/**
 * Session 26b: love used as pressure ("he says everyone does it and if i loved him i would", the classifier read
 * 0.61 self-harm): "if" and a subject, then "loved" or "love" (a "really" between at most) and him, her or me.
 * Below `SURE_SCORE` the classifier alone does not raise self-harm for such a message; the lexicon still does
 * ("if i loved him i would kill myself"), and signal `love-pressure` with a sexual finding is sexual.
 */
function lovePressure(tokens: readonly Token[]): boolean {
  for (let i = 0; i + 5 < tokens.length; i += 1) {
    if (tokens[i]?.word !== 'if' || !LOVE_PRESSURE_SUBJECTS.has(tokens[i + 1]?.word ?? '')) continue;
    let k = i + 2;
    if (tokens[k]?.word === 'really' || tokens[k]?.word === 'actually') k += 1;
    const love = tokens[k]?.word;
    const whom = tokens[k + 1]?.word ?? '';
    // Then the pressure's own "i would", "you would", "she would" ("i scratched his name into my arm bc he said i
    // would if i loved him" is an act told, not pressure).
    const then = tokens[k + 2]?.word ?? '';
    const would = tokens[k + 3]?.word ?? '';
    if ((love === 'loved' || love === 'love') && (whom === 'him' || whom === 'her' || whom === 'me') && LOVE_PRESSURE_SUBJECTS.has(then) && (would === 'would' || would === 'will')) return true;
  }
  return false;
}

/** Categories where a parent or grandparent asking is everyday care: the child's location, school times, a code or card details. */
const CARE_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['personal_info', 'financial']);
/** Sets that make a parent's asking no everyday care: keeping quiet, secrets, earnest words, fear, pictures, nudity. */
const CARE_VETO = ['{hush}', '{secret}', '{earnest}', '{afraid}', '{image}', '{nudestrong}', '{knownadult}'];
const CARE_VETO_WORDS = wordList('care_veto_words');

/**
 * Session 17: the message opens with the child's parent, grandparent or sibling ("mum asked me for
 * the code on the back of the gift card she gave me", "my dad wants my bank details so he can put my
 * wages in", "grandad wants to know what time i finish school so he can pick me up"), and names no
 * one else (no stranger, boy or girl, partner, known adult, friend met online, no he/she of the
 * other gender, no "they", no message or app) and nothing of keeping quiet, secrets, earnest words,
 * fear, pictures, nudity, taking, forcing or spending (`CARE_VETO_WORDS`): the classifier alone does
 * not raise personal_info or financial (a lexicon phrase still does, and keeps its own checks).
 */
function familyCares(tokens: readonly Token[]): boolean {
  const j = OWN.has(tokens[0]?.word ?? '') ? 1 : 0;
  const who = tokens[j];
  if (who === undefined || who.quoted || !(FEMALE.has(who.word) || MALE.has(who.word)) || PARTNERS.has(who.word) || who.sets.includes('{knownadult}') || metOnline(tokens, j)) return false;
  const other = FEMALE.has(who.word) ? HE : SHE;
  for (let i = j + 1; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || PEERS.has(t.word) || PARTNERS.has(t.word) || KIN.has(t.word) || other.has(t.word) || t.word === 'they' || t.word === 'them' || isOnlineWord(t) || ONLINE.has(t.word) || CARE_VETO_WORDS.has(t.word)) return false;
    if (CARE_VETO.some((v) => t.sets.includes(v))) return false;
  }
  return true;
}

/** Rules where a "kill me" may be a grown-up's telling-off (session 14, `tellingOff`). */
const TELLING_OFF_RULES = new Set(['lex:threat_blackmail.violence', 'lex:threat_blackmail.conditional-threat', 'lex:immediate_danger.being-hurt']);
/** Sets that make a telling-off unsafe to assume: keeping quiet, earnest words, pictures, nudity, violence, means. */
const TELLING_OFF_VETO = ['{hush}', '{earnest}', '{image}', '{nudestrong}', '{violent}', '{means}'];

/**
 * Session 14: "she's gonna kill me when she sees my phone bill", "he'll murder me if he finds out i
 * broke the tv", "she will kill me if she sees im still up": a grown-up's anger at something the
 * child did, said with a pronoun and no family word close enough for the idiom list. A violence or
 * being-hurt phrase with a killing word of `hyperkill` done to "me" stands down when its subject is
 * "he" or "she" (at most three words before, not quoted), its sentence names what the child did or
 * was caught at (set `tellingoff`: "sees my", "finds out i", "broke", "phone bill", "still up"…; or
 * a trivial cause, a school task or a game word, as for `trivialHyperbole`), and nothing in the
 * message says otherwise: no word of keeping quiet (`hush`), of earnest (`earnest`: "means it", "not
 * joking", "hits me", "told", "police", "blocked"…), pictures, nudity, violence or means, and no
 * stranger named (a man, someone, an account, "online"). A stranger's "he said he'll kill me if i
 * tell" keeps its threat; "he's gonna kill me when he sees me" names no deed of the child's.
 */
function tellingOff(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!TELLING_OFF_RULES.has(rule.id) || tokens[m.first]?.quoted) return false;
  let kill = -1;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.keys.includes('{hyperkill}')) kill = j;
  if (kill < 0) return false;
  const target = tokens[kill + 1]?.word === 'me' || (kill < m.last && tokens[m.last]?.word === 'me');
  if (!target) return false;
  const s = tokens[m.first]?.sentence;
  let subject = false;
  for (let k = kill - 1; k >= Math.max(0, m.first - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (t.word === 'he' || t.word === 'she') { subject = true; break; }
  }
  if (!subject) return false;
  let cause = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (TELLING_OFF_VETO.some((v) => t.sets.includes(v)) || OTHER_PERSON.has(t.word) || t.word === 'online') return false;
    // Session 21: the grown-up broke or threw the child's things ("my dad broke my phone and said
    // hes going to kill me when he gets back"): rage, not the child's deed.
    if (t.sets.includes('{rage}') && rageOfOther(tokens, i)) return false;
    if (t.sentence !== s || (i >= m.first && i <= m.last)) continue;
    if (t.sets.includes('{tellingoff}') || t.sets.includes('{trifle}') || t.sets.includes('{chore}') || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word))) cause = true;
  }
  return cause;
}

/**
 * Session 21: a word of `rage` (broke, smashed, threw…) whose doer, the nearest person word at most
 * three words before it in the sentence, is someone else: a family word, he or she; not "i" or "we".
 */
function rageOfOther(tokens: readonly Token[], i: number): boolean {
  const s = tokens[i]?.sentence;
  for (let k = i - 1; k >= Math.max(0, i - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'i' || t.word === 'we') return false;
    if (t.word === 'he' || t.word === 'she' || t.sets.includes('{family}')) return true;
  }
  return false;
}

const FUTURE_MARKERS = wordList('future_markers');

/**
 * Session 21: violence promised for a later day is a threat, not danger now ("she said shell beat me
 * up tomorrow", "they want to batter me next week"): `being-hurt` stands down when a word of
 * `future` sits at most three words before the phrase, the sentence names a later day (set `later`:
 * tomorrow, next week, on monday…), and nothing says it is now or soon (set `soon`: now, tonight,
 * today, later…), nor is a grown-up of the family or one the child knows named in the sentence ("my
 * dad says he'll beat me tomorrow": the child lives with him). The violence rule keeps the threat;
 * "she is hitting me right now", "he hits me and will do it again tomorrow" (no future word just
 * before) and "theyre waiting outside to beat me up" stay danger now.
 */
function laterThreat(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt') return false;
  const s = tokens[m.first]?.sentence;
  let future = false;
  for (let j = m.first - 1; j >= Math.max(0, m.first - 3); j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) break;
    if (FUTURE_MARKERS.has(t.word)) future = true;
  }
  if (!future) return false;
  let later = false;
  for (const t of tokens) {
    if (t.sets.includes('{soon}')) return false;
    if (t.sentence !== s) continue;
    if (t.sets.includes('{family}') || t.sets.includes('{knownadult}')) return false;
    if (t.sets.includes('{later}')) later = true;
  }
  return later;
}

/** Sets that make a phone taken more than prying: fear, violence, earnest words, keeping quiet, means, being kept. */
const SNOOP_VETO = ['{afraid}', '{violent}', '{earnest}', '{hush}', '{means}', '{pills}'];

/**
 * Session 21: the message tells of the child's messages, texts or photos being read or gone
 * through (set `snoop`: "read my messages", "went through my phone"), with no word of fear,
 * violence, earnest, keeping quiet or means. The classifier alone then does not raise danger now
 * below SURE_SCORE ("he took my phone at break and read my messages": who took it is a classmate,
 * a sibling or a parent far more often than someone holding the child).
 */
function snooped(tokens: readonly Token[]): boolean {
  let snoop = false;
  for (const t of tokens) {
    if (SNOOP_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sets.includes('{snoop}')) snoop = true;
  }
  return snoop;
}

const OWN_NEED = wordList('own_need');
/** Rules whose "{request} … {login}" / "… card" phrases may be the child's own need. */
const OWN_NEED_RULES = new Set(['lex:financial.logins', 'lex:financial.card-details']);

/**
 * Session 21: a login or a card the child wants or needs for themselves ("i need to change my
 * password its too easy", "i want to learn to code", "i asked my dad for our apple id password"):
 * logins and card-details stand down when their phrase starts with a word of wanting, needing or
 * asking said by "i" or "we" right before it (one word may sit between: "i REALLY need"). Telling
 * is no need ("i told him my password" fires), and a phrase that starts otherwise ("i need to send
 * him my password": "{send} him my {login}") keeps its finding.
 */
function ownNeed(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!OWN_NEED_RULES.has(rule.id) || tokens[m.first]?.quoted || !OWN_NEED.has(tokens[m.first]?.word ?? '')) return false;
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 2); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'i' || t.word === 'we') return true;
  }
  return false;
}

/**
 * Session 21: money paid back to someone the child knows ("my friend lent me 10 quid for lunch and i
 * need to pay her back", "my mum pays for my spotify and i pay her back from my paper round"):
 * payment-demand's "pay her / him / them" stands down when the nearest person named before it in the
 * message is a relative or friend who fits the pronoun (a friend fits any), not met online. Someone
 * else named in between ends the search ("he lent me robux and now he says i have to pay him back").
 */
function paidBackTrusted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.payment-demand' || !['pay', 'owe'].includes(tokens[m.first]?.word ?? '') || tokens[m.first]?.quoted) return false;
  const obj = tokens[m.last]?.word ?? '';
  if (!['her', 'him', 'them'].includes(obj)) return false;
  for (let k = m.first - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined) return false;
    const w = t.word;
    // A pronoun that fits is the same person, told of again ("my mate … HES coming round … pay HIM back"): look past it.
    if ((obj === 'him' && HE.has(w)) || (obj === 'her' && SHE.has(w))) continue;
    if (OTHER_PERSON.has(w) || w === 'boy' || w === 'girl' || HE.has(w) || SHE.has(w) || w === 'they' || w === 'them') return false;
    if (!t.sets.some((x) => TRUSTED_SETS.has(x)) || PARTNERS.has(w) || t.sets.includes('{knownadult}')) continue;
    if (metOnline(tokens, k)) return false;
    if (obj === 'her') return !MALE.has(w);
    if (obj === 'him') return !FEMALE.has(w);
    return true;
  }
  return false;
}

/** Sets that keep a present or flattery from a relative a grooming sign: keeping quiet, secrets, an adult the child knows, nudity, pictures, the body. */
const OPENER_VETO = ['{hush}', '{secret}', '{knownadult}', '{nudestrong}', '{image}', '{bodypart}', '{undress}'];

/**
 * Session 21: a present or praise from the relative the sentence opens with, who goes on acting
 * with nobody else named ("my grandma says i'm her special girl and buys me sweets every sunday",
 * "my mum used an amazon voucher from work to buy me minecraft", "my grandad is 80 and says im an
 * old soul"): gifts-grooming stands down when the sentence starts with a relative ("my" may come
 * first; not an uncle, a stepdad or a coach: `knownadult`, nor a boyfriend or girlfriend, nor one
 * met online), no other person is named between them and the phrase (a man, someone, a boy or girl,
 * they, or a he/she that does not fit them), and the message has no word of keeping quiet, a secret,
 * nudity, pictures or the body.
 */
function openerGives(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming' || tokens[m.first]?.quoted) return false;
  if (tokens.some((t) => OPENER_VETO.some((v) => t.sets.includes(v)))) return false;
  const s = tokens[m.first]?.sentence;
  let start = m.first;
  while (start > 0 && tokens[start - 1]?.sentence === s) start -= 1;
  const k = OWN.has(tokens[start]?.word ?? '') ? start + 1 : start;
  const who = tokens[k];
  if (who === undefined || k >= m.first || !who.sets.includes('{family}') || who.sets.includes('{knownadult}') || PARTNERS.has(who.word) || metOnline(tokens, k)) return false;
  for (let j = k + 1; j < m.first; j += 1) {
    const w = tokens[j]?.word ?? '';
    // A boy or girl brought in ("a girl", "this boy"), not the child called one ("her special girl").
    const newcomer = (w === 'boy' || w === 'girl') && ['a', 'the', 'this', 'that', 'some'].includes(tokens[j - 1]?.word ?? '');
    if (OTHER_PERSON.has(w) || newcomer || w === 'they' || w === 'them' || w === 'online') return false;
    if ((HE.has(w) && FEMALE.has(who.word)) || (SHE.has(w) && MALE.has(who.word))) return false;
    if (tokens[j]?.sets.includes('{family}') && tokens[j]?.word !== who.word) return false;
  }
  return !giverNamedAfter(tokens, m);
}

/**
 * Session 27: the giver named after the gift, "by" or "from" a man, a stranger, someone ("my foster daughter has been
 * getting taxis paid for BY A MAN she won't name"): the relative who opens the sentence is the one given to.
 */
function giverNamedAfter(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let k = m.last + 1; k <= m.last + 3 && k < tokens.length; k += 1) {
    if (tokens[k]?.sentence !== s || !GIVEN_FROM.has(tokens[k]?.word ?? '')) continue;
    let q = k + 1;
    if (POSSESSIVES.has(tokens[q]?.word ?? '')) q += 1;
    if (tokens[q]?.sentence === s && OTHER_PERSON.has(tokens[q]?.word ?? '')) return true;
  }
  return false;
}

const GRAB_THINGS = wordList('grab_things');

/**
 * Session 21: a thing grabbed is no one hurt ("my older cousin on the train grabbed my phone and was
 * scrolling through my camera roll"): a being-hurt phrase that ends in "my" stands down when the next
 * word is a thing (`GRAB_THINGS`) and no word of fear, violence or earnest is in the message.
 * "he grabbed my arm" still fires.
 */
function thingGrabbed(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt' || tokens[m.last]?.word !== 'my' || !GRAB_THINGS.has(tokens[m.last + 1]?.word ?? '')) return false;
  return !tokens.some((t) => t.sets.includes('{afraid}') || t.sets.includes('{violent}') || t.sets.includes('{earnest}'));
}

/** Rules a lock stuck, a prank or the child's own locking stands down (session 21). */
const LOCK_RULES = new Set(['lex:immediate_danger.being-hurt', 'lex:immediate_danger.kept-somewhere']);
const MISHAP = wordList('lock_mishap');
const LOCK_VETO = wordList('lock_veto');

/**
 * Session 21: locked in by a stuck lock, as a prank, or by the child themselves ("got locked in the
 * school toilets for like 2 mins bc the lock was stuck lmao", "blud locked me in the bathroom as a
 * prank for 2 secs then let me out", "locked myself in the bathroom so my brother cant steal my
 * charger"): being-hurt and kept-somewhere phrases with a word of locking stand down when the lock
 * jammed or it was a prank (`MISHAP`), or "myself" follows the locking, and the message has no
 * word of fear, hurt, hunger, time spent, "wont", "cant", nor a stranger (`LOCK_VETO`, `OTHER_PERSON`).
 */
function lockMishap(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!LOCK_RULES.has(rule.id)) return false;
  let lock = -1;
  for (let j = m.first; j <= m.last; j += 1) if ((tokens[j]?.word ?? '').startsWith('lock')) { lock = j; break; }
  if (lock < 0) return false;
  let mishap = tokens[lock + 1]?.word === 'myself' || tokens[lock + 1]?.word === 'ourselves';
  for (const t of tokens) {
    if (LOCK_VETO.has(t.word) || OTHER_PERSON.has(t.word) || t.sets.includes('{violent}')) return false;
    if (MISHAP.has(t.word)) mishap = true;
  }
  return mishap;
}

const LITTLE_VETO = wordList('little_veto');

/**
 * Session 21: a little brother, sister or cousin hitting or kicking ("my little cousin keeps hitting
 * me lol shes 3", "my little brother keeps kicking me under the table lol"): being-hurt and
 * violence stand down when the nearest person before the phrase in its sentence is a relative
 * called little, baby or younger, and the message has no word of fear or means, blood, bruises or
 * hospital. "my dad keeps hitting me", "my big brother keeps hitting me" still fire.
 */
function littleOne(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt' && rule.id !== 'lex:threat_blackmail.violence') return false;
  if (tokens.some((t) => t.sets.includes('{afraid}') || t.sets.includes('{means}') || LITTLE_VETO.has(t.word))) return false;
  // The little one does it to the child ("kicking ME"); "my little sister is being beaten up" is her hurt.
  let toMe = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word === 'me') toMe = true;
  if (!toMe) return false;
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (OTHER_PERSON.has(t.word) || t.word === 'i') return false;
    if (t.sets.includes('{family}')) return ['little', 'baby', 'younger', 'lil'].includes(tokens[k - 1]?.word ?? '');
  }
  return false;
}

const GET_IN_IDIOM = wordList('get_in_idiom');

/**
 * Session 23: a danger phrase that ends in "get in" or "get into" followed by trouble, touch,
 * contact… ("i dont want him to get in trouble" after "my uncle touched me", "he was trying to get
 * in touch"): an idiom, not being got into a car or someone getting into the house. Only the word
 * right after the phrase; "told me to get in, i dont want trouble" still fires.
 */
function getInIdiom(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'immediate_danger') return false;
  const last = tokens[m.last]?.word ?? '';
  if (last !== 'in' && last !== 'into') return false;
  const get = tokens[m.last - 1]?.word ?? '';
  if (!get.startsWith('get') && !get.startsWith('got')) return false;
  const next = tokens[m.last + 1];
  return next !== undefined && next.sentence === tokens[m.last]?.sentence && GET_IN_IDIOM.has(next.word);
}

const FOND_KISS = wordList('fond_kiss');
const KISS_VETO = wordList('kiss_veto');

/**
 * Session 23: a known adult's kiss said as fond and everyday ("my grandad kissed me goodnight", "my
 * uncle kissed me on the cheek at christmas"): abuse-disclosed's kiss phrases stand down when the
 * sentence has a word of `FOND_KISS` and nothing of lips, the mouth, unease, secrecy, a body part,
 * repetition, or the child's "kissed him back" (`KISS_VETO`, sets `bodypart`, `nudestrong`, `hush`,
 * `secret`). "my coach kissed me but i kissed him back so i cant say anything" still fires.
 */
function fondKiss(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.abuse-disclosed') return false;
  let kiss = false;
  for (let j = m.first; j <= m.last; j += 1) if ((tokens[j]?.word ?? '').startsWith('kiss')) kiss = true;
  if (!kiss) return false;
  const s = tokens[m.first]?.sentence;
  let fond = false;
  for (const t of tokens) {
    if (KISS_VETO.has(t.word) || ['{bodypart}', '{nudestrong}', '{hush}', '{secret}'].some((v) => t.sets.includes(v))) return false;
    if (t.sentence === s && FOND_KISS.has(t.word)) fond = true;
  }
  return fond;
}

const ORDINARY_STUFF = wordList('ordinary_stuff');
const STUFF_VETO = wordList('stuff_veto');

/**
 * Session 23: things done together with a known adult, said of an everyday activity ("me and my
 * grandad did stuff in the garden", "i did stuff with my uncle at the weekend like fishing"):
 * abuse-disclosed's "me and {knownadult} did stuff" / "did stuff with {knownadult}" phrases stand
 * down when the sentence names an activity (`ORDINARY_STUFF`, set `game`) and the message has no
 * unease, secrecy, bed, room, night, consent or blame words (`STUFF_VETO`, sets `bodypart`,
 * `nudestrong`, `hush`). "me and my uncle did stuff" alone still fires.
 */
function ordinaryStuff(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.abuse-disclosed') return false;
  let together = false;
  let stuff = false;
  for (let j = m.first; j <= m.last; j += 1) {
    const w = tokens[j]?.word ?? '';
    if (w === 'and' || w === 'with') together = true;
    if (w === 'stuff' || w === 'things') stuff = true;
  }
  if (!together || !stuff) return false;
  const s = tokens[m.first]?.sentence;
  let ordinary = false;
  for (const t of tokens) {
    if (STUFF_VETO.has(t.word) || ['{bodypart}', '{nudestrong}', '{hush}', '{secret}'].some((v) => t.sets.includes(v))) return false;
    if (t.sentence === s && (ORDINARY_STUFF.has(t.word) || t.sets.includes('{game}'))) ordinary = true;
  }
  return ordinary;
}

const SPREAD_VERBS = wordList('spread_verbs');
const SCHOOL_PLACES = wordList('school_places');
const PEER_GROUP = wordList('peer_group');
const SPREAD_VETO = wordList('spread_veto');

/**
 * Session 23: classmates passing a picture or video of the child round ("people at school keep
 * saying im ugly on snap and sharing a video of me"): peer bullying, which the dialog handles on its
 * own, not a share-images threat or a picture asked for. share-images and image-request stand down
 * when the phrase spreads (`SPREAD_VERBS`, not a request), the message places the ones doing it at
 * school (`SCHOOL_PLACES`), a group does it (`PEER_GROUP` before the phrase, no he, she or one person) and has nothing sexual (sets `nude`, `nudestrong`, `bodypart`), no demand,
 * money or threat, and no adult (`SPREAD_VETO`, sets `money`, `hush`). "a boy in my class is sharing a
 * video of me naked" and "they said theyll share the video unless i pay" still fire.
 */
function classmatesSpread(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images' && rule.id !== 'lex:sexual.image-request') return false;
  const verb = tokens[m.first];
  if (verb === undefined || verb.quoted || !SPREAD_VERBS.has(verb.word)) return false;
  let school = false;
  for (const t of tokens) {
    if (SPREAD_VETO.has(t.word) || ['{nude}', '{nudestrong}', '{bodypart}', '{money}', '{hush}'].some((v) => t.sets.includes(v))) return false;
    if (SCHOOL_PLACES.has(t.word)) school = true;
  }
  if (!school) return false;
  // A group does it, named before the phrase in its sentence ("PEOPLE at school…", "the GIRLS in my
  // year…", "THEY keep…"), and no one person: "he sent my pics round my year" is left as it was.
  const s = verb.sentence;
  let group = false;
  for (let k = 0; k < m.first; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) continue;
    if (HE.has(t.word) || SHE.has(t.word) || OTHER_PERSON.has(t.word) || t.word === 'boy' || t.word === 'girl') return false;
    if (PEER_GROUP.has(t.word)) group = true;
  }
  return group;
}

/** Threat rules whose words also fit the child sending or telling in exchange for a present. */
const BRIBABLE = new Set(['lex:threat_blackmail.share-images', 'lex:threat_blackmail.conditional-threat']);

/**
 * Session 13: a present offered for a picture or a detail is a bribe, not a threat ("he said hed
 * give me robux if i send a pic of me", "a man offered me money to send videos of me", "he'll double
 * my vbucks if i tell him my login"): `share-images` and `conditional-threat` stand down when the
 * child is the one sending or telling (the phrase starts after "i" or "to", or is "if i ...") and the
 * message offers something (set `offer`) with no word of `menace` anywhere ("send more or else",
 * "he'll post the first ones", "i owe him"). The picture request and the gift keep their own rules
 * (sexual, meet_or_secrecy).
 */
function bribeNotThreat(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!BRIBABLE.has(rule.id)) return false;
  const first = tokens[m.first]?.word ?? '';
  const before = tokens[m.first - 1]?.word ?? '';
  const childActs = before === 'i' || before === 'to' || (first === 'if' && tokens[m.first + 1]?.word === 'i');
  if (!childActs) return false;
  let offered = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.sets.includes('{menace}')) return false;
    if (t.sets.includes('{offer}')) offered = true;
  }
  return offered;
}

/** Rules whose request a child's refusal ends ("asked my age, i said its private, they said ok"); since session 15 also logins and card details ("someone in the game asked for my password i just said no and left"). */
const REFUSABLE = new Set(['lex:personal_info.asks-details', 'lex:meet_or_secrecy.move-app', 'lex:financial.logins', 'lex:financial.card-details']);

/**
 * Session 45faX: rules that also read an asking ("a guy messaged me ASKING FOR my address", "an email ASKING FOR bank
 * details", "someone messaged my dad ASKING FOR money"): with a word of asking inside the phrase, the child's refusal ends
 * them as it ends `REFUSABLE`'s ("… and i blocked him straight away and told my dad", "… just deleted it, never typed
 * anything in", "… we reported it": childReported). Not the knowing itself ("he knows my address, i blocked him") nor the child's
 * telling ("told a stranger my age").
 */
const ASK_REFUSABLE = new Set(['lex:personal_info.knows-details', 'lex:financial.money-request']);
const PHRASE_ASKS: ReadonlySet<string> = new Set(['ask', 'asks', 'asked', 'asking']);

function phraseAsks(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = m.first; j <= m.last; j += 1) if (PHRASE_ASKS.has(tokens[j]?.word ?? '')) return true;
  return false;
}

const OWN_WAY_RULES = new Set(['lex:financial.payment-demand', 'lex:financial.money-request', 'lex:meet_or_secrecy.gifts-grooming']);
const PAY_WORDS: ReadonlySet<string> = new Set(['pay', 'pays', 'paid', 'paying']);
/** Who pays, and the possessive that makes the thing their own: "SHE pays HER own phone bill". */
const OWN_PAYER: ReadonlyMap<string, string> = new Map([['i', 'my'], ['she', 'her'], ['he', 'his'], ['they', 'their'], ['you', 'your'], ['we', 'our']]);
const PAYER_FILLERS: ReadonlySet<string> = new Set(['can', 'could', 'will', 'would', 'to', 'should', 'has', 'have', 'had', 'just', 'always', 'now', 'already', 'even', 'also', 'then']);

/**
 * Session 45faX: someone paying their own way ("what's reasonable if she pays her own phone bill", "so she can pay for
 * her own bus", "paid for my own train ticket with my wages"): a word of paying in or just before the phrase, "own" after
 * a possessive within three words after it, and the payer before it (past can, will, to…) the owner of that possessive,
 * or no payer at all before "my" (the child, its "i" dropped). "he paid for my own phone" (he pays for the child's) and
 * "he will pay for my train ticket" keep their finding.
 */
function paysOwnWay(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!OWN_WAY_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let k = -1;
  for (let j = Math.max(0, m.first - 1); j <= m.last; j += 1) if (PAY_WORDS.has(tokens[j]?.word ?? '') && tokens[j]?.sentence === s) { k = j; break; }
  if (k < 0) return false;
  let owner = '';
  for (let j = k + 1; j <= k + 3 && j + 1 < tokens.length && tokens[j]?.sentence === s; j += 1) if (tokens[j + 1]?.word === 'own') { owner = tokens[j]?.word ?? ''; break; }
  if (owner === '') return false;
  let p = k - 1;
  while (p >= 0 && tokens[p]?.sentence === s && PAYER_FILLERS.has(tokens[p]?.word ?? '')) p -= 1;
  const payer = p >= 0 && tokens[p]?.sentence === s ? (tokens[p]?.word ?? '') : '';
  if (OWN_PAYER.has(payer)) return OWN_PAYER.get(payer) === owner;
  return (payer === '' || payer === 'and') && owner === 'my';
}

/**
 * Session 7: the child refused and the asking ended there: a word of `refused` in the message
 * ("i said no", "gave a fake one", "blocked him") and none of `persist` ("keeps", "again", "but he",
 * "now they", "scared") anywhere in it.
 */
function refusedAndOver(tokens: readonly Token[]): boolean {
  let refused = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.sets.includes('{persist}')) return false;
    // Session 37fa: or a sentence that opens on the child's refusal, its "i" dropped ("blocked some weirdo who asked my
    // age in a game, mum said well done").
    if (t.sets.includes('{refused}') || (REFUSAL_OPENERS.has(t.word) && tokens[i - 1]?.sentence !== t.sentence)) refused = true;
    // Session 40fa1: or the message left unanswered ("he didnt reply", "never typed anything in", "did not click it").
    const negator = tokens[i - 1]?.word === 'not' && tokens[i - 2]?.word === 'did' ? 'didnt' : (tokens[i - 1]?.word ?? '');
    if (UNANSWERED_ACTS.has(t.word) && UNANSWERED_NOT.has(negator) && tokens[i - 1]?.sentence === t.sentence) refused = true;
    // Session 45faX: or reported or deleted by the child ("we reported it", "blocked and reported him", "just deleted it"):
    // the word before is i, we, and or just, or none in the sentence; not "my dad said HE reported him".
    if (childReported(tokens, i)) refused = true;
  }
  return refused;
}

const REPORTED_ACTS: ReadonlySet<string> = new Set(['reported', 'deleted']);
const REPORTED_OBJECTS: ReadonlySet<string> = new Set(['it', 'him', 'her', 'them']);
const REPORTED_BY_CHILD: ReadonlySet<string> = new Set(['i', 'we', 'and', 'just']);

/** Session 45faX: "reported it/him/her/them" or "deleted it" at `i`, done by the child (see refusedAndOver). */
function childReported(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || !REPORTED_ACTS.has(t.word) || !REPORTED_OBJECTS.has(tokens[i + 1]?.word ?? '')) return false;
  if (t.word === 'deleted' && tokens[i + 1]?.word !== 'it') return false;
  const before = tokens[i - 1];
  return before === undefined || before.sentence !== t.sentence || REPORTED_BY_CHILD.has(before.word);
}

const REFUSAL_OPENERS = wordList('refusal_openers');
const UNANSWERED_NOT = wordList('unanswered_not');
const UNANSWERED_ACTS = wordList('unanswered_acts');

/**
 * Session 8: the phrase is the condition of a family or friend's "kill me" idiom masked just
 * before it ("my friend said she'd kill me IF I TOLD ANYONE she fancies dan"): the idiom is not a
 * threat, so neither is its condition. (An adult's idiom tied to silence is not masked: scope.ts.)
 */
function conditionOfIdiom(tokens: readonly Token[], m: PhraseMatch): boolean {
  const before = tokens[m.first - 1];
  if (before === undefined || !before.masked || before.sentence !== tokens[m.first]?.sentence) return false;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 3); k -= 1) if (tokens[k]?.masked && tokens[k]?.keys.includes('{hyperkill}')) return true;
  return false;
}

const HAVING = wordList('having');
const ASKING = wordList('asking');

/**
 * Session 16: a having phrase of `threat_blackmail` ("has my {image}", "has {image} of me") whose
 * gap holds a word of asking ("a man on roblox has been asking my son for photos") is a request
 * for pictures (sexual, found by its own rules), not a threat with pictures already had.
 */
function askedNotHad(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id === 'lex:threat_blackmail.share-images' && (askedToSend(tokens, m) || moneyNotImages(tokens, m))) return true;
  if (rule.category !== 'threat_blackmail' || !HAVING.has(tokens[m.first]?.word ?? '')) return false;
  for (let j = m.first + 1; j < m.last; j += 1) if (ASKING.has(tokens[j]?.word ?? '')) return true;
  return false;
}

const ASKED_TO_SEND = wordList('asked_to_send');

/**
 * Session 20: a share-images phrase whose sending word follows "me to" ("he wants me to send a
 * pic of me") is the child asked for a picture (sexual, found by its own rules), not a threat to
 * pass pictures on, unless a word of `menace` is elsewhere in the message ("…or he would tell
 * everyone"); any other share-images phrase in the message still fires.
 */
function askedToSend(tokens: readonly Token[], m: PhraseMatch): boolean {
  const first = tokens[m.first];
  if (first === undefined || !first.sets.includes('{send}') || tokens[m.first - 1]?.word !== 'to' || !ASKED_TO_SEND.has(tokens[m.first - 2]?.word ?? '')) return false;
  // A menace elsewhere keeps the threat: "…send pics of me OR he would TELL EVERYONE".
  for (let j = 0; j < tokens.length; j += 1) if ((j < m.first || j > m.last) && tokens[j]?.sets.includes('{menace}')) return false;
  return true;
}

/** Session 20: "he will PUT MONEY in my account" is money moved, not pictures shared: a {money} word inside the phrase and no picture. */
function moneyNotImages(tokens: readonly Token[], m: PhraseMatch): boolean {
  let money = false;
  for (let j = m.first; j <= m.last; j += 1) {
    if (tokens[j]?.sets.includes('{image}')) return false;
    if (tokens[j]?.sets.includes('{money}')) money = true;
  }
  return money;
}

const HOUSE_RULE = wordList('house_rule');
const UNTIL = wordList('until');
const OUTING_PREP = wordList('outing_prep');
/** Sets that keep a "won't let me go" as danger: fear, earnest words, violence, keeping quiet, pictures, nudity, undressing, the body. */
const PERMISSION_VETO = ['{earnest}', '{violent}', '{hush}', '{image}', '{nudestrong}', '{undress}', '{bodypart}', '{knownadult}'];
const PERMISSION_FEAR = wordList('permission_fear');

/**
 * Session 16: a permission refused, not a child held ("my ammi won't let me go to the sleepover",
 * "mum wont let me leave till ive tidied my room", "dad wont let me out of the car until i say
 * sorry"): a being-hurt phrase of letting ("wont let me go", "wont let me leave", "wont let me
 * out"; being-hurt and meeting-soon) stands down when "to" and an outing follow it (set `outing`:
 * a sleepover, the fair, the shops, a party; not school, the toilet, the police), or when "til"/"until" follows in the sentence with a chore or an apology after it
 * (`HOUSE_RULE`, set `chore`); never with a stranger named, a known adult, fear, earnest words,
 * violence, keeping quiet, pictures, the body or a boyfriend in the message ("he wont let me leave until i send
 * him pics", "a man wont let me go", "my stepdad wont let me leave my room and im scared").
 */
function permissionRefused(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if ((rule.id !== 'lex:immediate_danger.being-hurt' && rule.id !== 'lex:immediate_danger.meeting-soon') || tokens[m.first]?.quoted) return false;
  let letting = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word === 'let') letting = true;
  if (!letting) return false;
  for (const t of tokens) if (PERMISSION_VETO.some((v) => t.sets.includes(v)) || PERMISSION_FEAR.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word)) return false;
  const s = tokens[m.first]?.sentence;
  // "won't let me go TO the sleepover", "… go out to the fair": an outing refused.
  const next = m.last + 1 + (tokens[m.last + 1]?.word === 'out' ? 1 : 0);
  if (OUTING_PREP.has(tokens[next]?.word ?? '')) for (let k = next + 1; k <= next + 3 && k < tokens.length && tokens[k]?.sentence === s; k += 1) if (tokens[k]?.sets.includes('{outing}')) return true;
  for (let j = m.last + 1; j < tokens.length && tokens[j]?.sentence === s; j += 1) {
    if (!UNTIL.has(tokens[j]?.word ?? '')) continue;
    for (let k = j + 1; k <= j + 5 && k < tokens.length && tokens[k]?.sentence === s; k += 1) if (HOUSE_RULE.has(tokens[k]?.word ?? '') || tokens[k]?.sets.includes('{chore}')) return true;
  }
  return false;
}

/** Rules whose pills phrases a dose taken as meant may stand down ("took {number} {pills}"). */
const DOSE_RULES = new Set(['lex:immediate_danger.overdose-taken', 'lex:self_harm.suicide-plan', 'lex:immediate_danger.given-drugs']);
const DOSE_REASON = wordList('dose_reason');
const DOSE_VETO = wordList('dose_veto');
const DOSE_VETO_SETS = ['{many}', '{distress}', '{hush}', '{means}'];
const DOSE_CONTAINERS = wordList('dose_containers');

/**
 * Session 17: a usual dose taken as meant ("i took 2 ibuprofen for my period pain like it says on
 * the box", "i took 2 calpol and my headache is gone", "took 2 paracetamol for my headache, can i
 * have ibuprofen later"): overdose-taken and suicide-plan phrases with a word of pills stand down
 * when the message names what it was for or by whose word (`DOSE_REASON`: a headache, a period, the
 * doctor, the box "says"), a number in it is at most 4, and nothing says more than meant, on
 * purpose, a wish to die or feeling ill after it (`DOSE_VETO`; sets `many`, `distress`, `hush`,
 * `means` other than pills words: "i took 20 paracetamol for my headache", "took 2 calpol for my
 * headache but then the rest of the box", "i took 2 paracetamol and now i feel really sick").
 */
function doseAsMeant(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!DOSE_RULES.has(rule.id) || tokens[m.first]?.quoted) return false;
  let pills = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.sets.includes('{pills}')) pills = true;
  return pills && doseReasonGiven(tokens);
}

/**
 * Session 40: "how many" asking what dose is allowed, by writers of 3 of s39train's batches ("how many paracetamol can
 * u take in a day for a headache", "how many calpol i can have for my headache"): "many" at `i` after "how", with
 * "can", "should" or "allowed" within the next six words. `doseReasonGiven` still asks a reason (a headache) and keeps
 * its vetoes: "how many paracetamol can kill you", "how many can i take before i die", "…at once" keep the phrase.
 */
function dosePermissionAsked(tokens: readonly Token[], i: number): boolean {
  if (tokens[i]?.word !== 'many' || tokens[i - 1]?.word !== 'how') return false;
  for (let k = i + 1; k <= i + 6 && k < tokens.length; k += 1) if (['can', 'should', 'allowed'].includes(tokens[k]?.word ?? '')) return true;
  return false;
}

/**
 * The message says what a dose was for or by whose word (`DOSE_REASON`), has a word of pills, a
 * number in it is at most 4, and nothing of `DOSE_VETO` or `DOSE_VETO_SETS` (see doseAsMeant). Also
 * used for the classifier alone: "i took the pills the doctor gave me" read 0.88 danger now after
 * the train42 retrain; below `SURE_SCORE` it does not raise danger now or self-harm for such a message.
 */
function doseReasonGiven(tokens: readonly Token[]): boolean {
  let reason = false;
  let pills = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.quoted || DOSE_VETO.has(t.word) || OTHER_PERSON.has(t.word)) return false;
    // Not the pills words themselves, "the box" that says the dose ("the whole box" has "whole"), or a headache "gone".
    // (Session 21: nor "a hot WATER BOTTLE", "feel LOADS better".)
    // (Session 40: nor "HOW MANY … can i have" asking the dose, nor the box read: "the tablets BOX", "the box IS confusing".)
    const spared = t.sets.includes('{pills}') || t.word === 'gone' || (t.word === 'bottle' && tokens[i - 1]?.word === 'water') || ((t.word === 'loads' || t.word === 'lots') && tokens[i + 1]?.word === 'better') || (DOSE_CONTAINERS.has(t.word) && tokens[i - 1]?.word === 'the' && (tokens[i - 2]?.word === 'on' || tokens[i + 1]?.word === 'says' || tokens[i + 1]?.word === 'said' || tokens[i + 1]?.word === 'is')) || (DOSE_CONTAINERS.has(t.word) && tokens[i - 1]?.sets.includes('{pills}') === true && tokens[i - 2]?.word === 'the') || dosePermissionAsked(tokens, i);
    if (!spared && DOSE_VETO_SETS.some((v) => t.sets.includes(v))) return false;
    if (/^[0-9]+$/.test(t.word) && Number(t.word) > 4) return false;
    if (DOSE_REASON.has(t.word)) reason = true;
    if (t.sets.includes('{pills}')) pills = true;
  }
  return reason && pills;
}

const HIDING = wordList('hiding');
const BECAUSE = wordList('because');
const NUISANCE = wordList('nuisance');
/** Sets that keep hiding as danger: fear, earnest words, violence, keeping quiet, a known adult. */
const HIDING_VETO = ['{earnest}', '{violent}', '{hush}', '{knownadult}', '{image}', '{nudestrong}'];
const HIDING_FEAR = wordList('hiding_fear');

/**
 * Session 16: hiding from a nuisance, not from someone ("i'm hiding in my room because my sisters
 * friends are here and they're annoying", "hiding in the bathroom cos my lil bro wont stop singing",
 * "im hiding in the library at lunch bc its raining"): a hiding phrase of someone-outside stands
 * down when the sentence gives its cause (because, bc, cos…) and the cause is a nuisance (`NUISANCE`,
 * a trifle, a school task); never with a stranger named (a man, someone), a known adult, fear,
 * earnest words, violence, keeping quiet, "outside", "find" or "he" in the message ("hiding in my
 * room cos my stepdad is drunk and shouting", "hiding bc theres a man outside and its annoying",
 * "hiding in my room because he keeps coming in and its annoying").
 */
function hidingFromNuisance(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside') return false;
  let hiding = false;
  for (let j = m.first; j <= m.last; j += 1) if (HIDING.has(tokens[j]?.word ?? '')) hiding = true;
  if (!hiding) return false;
  for (const t of tokens) if (HIDING_VETO.some((v) => t.sets.includes(v)) || HIDING_FEAR.has(t.word) || OTHER_PERSON.has(t.word)) return false;
  const s = tokens[m.first]?.sentence;
  let cause = false;
  // Session 37fa: a cause that names no one at all is the child's own reason ("cos its freezing in this classroom", "bc
  // its quiet and i like reading"), a nuisance word or not; a person, kin or friend in it keeps the list's reading.
  let words = 0;
  let someone = false;
  for (let j = m.last + 1; j < tokens.length && tokens[j]?.sentence === s; j += 1) {
    const t = tokens[j];
    if (t === undefined) continue;
    if (BECAUSE.has(t.word)) cause = true;
    else if (cause && (NUISANCE.has(t.word) || t.sets.includes('{trifle}') || t.sets.includes('{chore}'))) return true;
    else if (cause) {
      words += 1;
      if (SHE.has(t.word) || t.word === 'they' || t.word === 'them' || PEERS.has(t.word) || t.sets.includes('{person}') || t.sets.includes('{family}') || t.sets.includes('{friends}') || t.sets.includes('{afraid}') || t.sets.includes('{distress}')) someone = true;
    }
  }
  return cause && words >= 2 && !someone;
}

const MILD_ACTS = wordList('mild_acts');
/** Sets that keep a threat a threat: pictures, nudity, money, keeping quiet, earnest words, violence, menace, a known adult. */
const MILD_VETO = ['{image}', '{nudestrong}', '{money}', '{hush}', '{earnest}', '{violent}', '{menace}', '{knownadult}', '{share}'];

/**
 * Session 16: a mild threat, a friend's or a player's huff ("she threatened to unfriend me if i
 * didnt come to her party", "he threatened to leave the squad if we didnt let him be leader", "he
 * threatened to uninstall if we lost one more game"): conditional-threat stands down in a sentence
 * where "threaten(ed/s/ing) to" is followed by leaving a game or a friendship (`MILD_ACTS`, at most
 * one word between; not "leave me"), with no stranger or boyfriend named and nothing of pictures, nudity, money, keeping quiet,
 * earnest words, violence, menace, sharing or a known adult in the message ("he threatened to
 * leave if i didnt send pics", "he threatened to unfriend me and post my pics").
 */
function mildThreat(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, eject = false): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  const s = tokens[m.first]?.sentence;
  let mild = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    // The threatening word itself is of `menace` and `earnest`.
    // The word of putting out is no violence ("threatened to KICK me from the clan").
    const ejecting = eject && EJECT_ACTS.has(t.word) && (tokens[i + 1]?.word === 'me' || tokens[i + 1]?.word === 'us');
    if (!THREATENING.has(t.word) && !ejecting && (MILD_VETO.some((v) => t.sets.includes(v)) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word))) return false;
    if (t.sentence !== s || !THREATENING.has(t.word) || tokens[i + 1]?.word !== 'to') continue;
    for (const k of [i + 2, i + 3]) {
      // Not leaving the child ("threatens to LEAVE ME if i dont…": a partner's hold over them).
      if (!eject && MILD_ACTS.has(tokens[k]?.word ?? '') && !(tokens[k]?.word === 'leave' && tokens[k + 1]?.word === 'me')) mild = true;
      // Session 37hard (`putOutOfGroup`): "to KICK ME from the clan", "to BAN US off the server".
      if (eject && EJECT_ACTS.has(tokens[k]?.word ?? '') && (tokens[k + 1]?.word === 'me' || tokens[k + 1]?.word === 'us')) {
        for (let g = k + 2; g <= k + 5; g += 1) if (EJECT_FROM.has(tokens[g]?.word ?? '') && tokens[g]?.sentence === s) mild = true;
      }
    }
  }
  return mild;
}

/** Why scope stood a phrase down: the classifier may defer to some kinds of stand-down (see detect). */
type StandDown = 'fiction' | 'sent' | 'thing' | 'dose' | 'errand' | 'mild' | 'nuisance' | 'permission' | 'asked' | 'negated' | 'hypothetical' | 'resolved' | 'over' | 'hyperbole' | 'tellingoff' | 'bribe' | 'refused' | 'idiom' | 'speaker' | 'trusted' | 'self' | 'inperson' | 'role' | 'advice' | 'touch' | 'pressure';

const DENIAL_FILLERS = wordList('denial_fillers');
const LIFE_WORDS = wordList('life_words');

/**
 * Session 10: a self-harm phrase denied by the word right before it (one filler such as "ever" may
 * sit between), as the last thing the message says: "i don't want to die", "i do not want to hurt
 * myself". Narrower than `isNegated`'s five-word reach, which also reads "i cant do this anymore i
 * want it all to stop" as a denial; the classifier may still find that one, and must (letting every
 * negated self-harm phrase silence it lost 8 self-harm items over 65 batches).
 */
function isDeniedOutright(tokens: readonly Token[], first: number, last: number, model: SafetyModel): boolean {
  // Only when the denial is the last thing said: "i don't want to die BUT I THINK ABOUT IT EVERY
  // NIGHT", "i dont want to die I JUST WANT THE PAIN TO STOP" are left to the classifier.
  if (last !== tokens.length - 1) return false;
  // Not being alive, here or awake is no denial: "i don't see myself being alive at christmas".
  for (let k = first; k <= last; k += 1) if (LIFE_WORDS.has(tokens[k]?.word ?? '')) return false;
  const at = tokens[first];
  let j = first - 1;
  if (DENIAL_FILLERS.has(tokens[j]?.word ?? '')) j -= 1;
  const t = tokens[j];
  return at !== undefined && t !== undefined && t.sentence === at.sentence && t.quoted === at.quoted && model.scope.negators.has(t.keys[0] ?? '');
}

const NOT_DENIED = wordList('not_denied');

/** Session 45 (msX): what a child who has denied a death wish may want instead, as the message's last words (see {@link deniedThenWell}). */
const WELL_AGAIN = new Set(['better', 'happy', 'happier', 'normal', 'ok', 'okay', 'fine', 'well']);
const WELL_VERBS = new Set(['feel', 'be', 'get', 'feeling']);
/**
 * Session 45 (msX): a death wish denied outright ({@link isDeniedOutright}) and then, to the end of the message, only a
 * wish to be well: "i dont want to die i just want to feel better", "i dont want to die, i just want to be happy again".
 * The classifier does not raise self-harm again for it, as for a bare denial. A wish for the pain or everything to stop
 * ("…i just want the pain to stop"), or anything else after the denial, is still the classifier's to read.
 */
function deniedThenWell(tokens: readonly Token[], m: PhraseMatch, model: SafetyModel): boolean {
  let k = m.last + 1;
  const w = (i: number): string => tokens[i]?.word ?? '';
  if (w(k) !== 'i') return false;
  k += 1;
  if (w(k) === 'just' || w(k) === 'only' || w(k) === 'really') k += 1;
  if (w(k) !== 'want' || w(k + 1) !== 'to' || !WELL_VERBS.has(w(k + 2))) return false;
  k += 3;
  if (!WELL_AGAIN.has(w(k))) return false;
  k += 1;
  if (w(k) === 'again') k += 1;
  return k === tokens.length && isDeniedOutright(tokens.slice(0, m.last + 1), m.first, m.last, model);
}

/**
 * Session 16: an overdose denied ("i havent taken them", "i didnt take any", signal
 * `overdose-denied`), with nothing after it of later, wanting, a part taken or pills in hand
 * (`NOT_DENIED`, set `soon`) and no word of the means elsewhere in the message (`pills`, `means`:
 * "ive got the tablets out on my bed. i havent taken them" is danger now): the classifier alone
 * does not raise danger now for it. Self-harm is left as it is.
 */
function overdoseDenied(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'sig:signal.overdose-denied' || tokens[m.first]?.quoted) return false;
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j];
    if (t === undefined || (j >= m.first && j <= m.last)) continue;
    // The means at hand elsewhere in the message: "ive got the tablets out on my bed. i havent taken them".
    if (t.sets.includes('{pills}') || t.sets.includes('{means}')) return false;
    if (j > m.last && (NOT_DENIED.has(t.word) || t.sets.includes('{soon}'))) return false;
  }
  return true;
}

const LAUGHING = wordList('laughing');
const BREATHE_VETO = wordList('breathe_veto');

/**
 * Session 18: "i cant breathe" said of laughing ("i literally cant breathe this meme is too funny",
 * "ur literally so funny i cant breathe 💀💀"): a being-hurt phrase with "breathe" in it stands
 * down when the message has a word of laughing (`LAUGHING`) and nothing of a grip, pain, panic,
 * smoke, water, an allergy, feeling it or someone else acting (`BREATHE_VETO`; sets `violent`,
 * `afraid`, `pills`, `drugs`, `means`): "i cant breathe properly and my lips feel funny after the pills" stays.
 */
function laughingBreath(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt') return false;
  let breathe = false;
  for (let j = m.first; j <= m.last; j += 1) if ((tokens[j]?.word ?? '').startsWith('breath')) breathe = true;
  if (!breathe) return false;
  let laugh = false;
  for (const t of tokens) {
    if (t.quoted || BREATHE_VETO.has(t.word) || ['{violent}', '{afraid}', '{pills}', '{drugs}', '{means}'].some((v) => t.sets.includes(v))) return false;
    if (LAUGHING.has(t.word) || t.sets.includes('{laughmark}')) laugh = true;
  }
  return laugh;
}

const OWN_CHILD = wordList('own_child');

/** Session 25: a child named by age after "my": "my 9yo", "my 10 year old" (the age word, or "old" after "year"). */
function isChildByAge(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.word ?? '';
  if (/^[0-9]{1,2}yo$/.test(w)) return true;
  return w === 'old' && (tokens[i - 1]?.word === 'year' || tokens[i - 1]?.word === 'your') && tokens[i - 2]?.sets.includes('{number}') === true;
}

/**
 * Session 18: a parent's or grandparent's own child asking them for in-game money, gift cards or
 * pocket money ("My son keeps asking for Robux. We give him £5 a month", "hi my grandson's asked me
 * to buy him some gift cards for his birthday", "my kids keep asking for in-game money"): money-request
 * stands down when the message opens with "my" or "our" (at most three words before) and the child
 * word, the asking follows it, and no stranger, app, game chat, online word, "they", keeping quiet
 * or secret is in the message ("my son keeps asking for robux, he says a man in the game needs them").
 */
function ownChildAsks(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.money-request') return false;
  let child = -1;
  for (let i = 0; i < Math.min(tokens.length, m.first); i += 1) {
    // Session 25: the child named at the opening of any sentence ("How do I turn off in-app purchases? MY
    // GRANDDAUGHTER keeps asking…"), or by age ("my 9yo", "my 10 year old").
    const opening = tokens.findIndex((t) => t.sentence === tokens[i]?.sentence);
    if (i - opening > 4 || !tokens.slice(opening, i).some((t) => t.word === 'my' || t.word === 'our')) continue;
    if (OWN_CHILD.has(tokens[i]?.word ?? '') || tokens[i]?.sets.includes('{ownchild}') || isChildByAge(tokens, i)) child = i;
  }
  if (child < 0) return false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined) continue;
    // "on HER account" is the child's own; "kids" is the child word itself.
    if (t.word === 'account' && OWNERS.has(tokens[k - 1]?.word ?? '')) continue;
    if (k === child) continue;
    if (t.quoted || OTHER_PERSON.has(t.word) || PEERS.has(t.word) || t.word === 'they' || t.word === 'them' || ONLINE.has(t.word) || t.sets.includes('{hush}') || t.sets.includes('{secret}') || t.sets.includes('{image}')) return false;
  }
  return true;
}

const HARMLESS_SECRET = wordList('harmless_secret');
const SECRET_THINGS = wordList('secret_things');
const PARENT_WORDS = wordList('parent_words');
/** Secrecy rules a harmless secret stands down (session 18). */
const SECRET_RULES = new Set(['lex:meet_or_secrecy.secrecy', 'lex:meet_or_secrecy.secrecy-asked']);

/**
 * Session 18: a secret about a crush, a surprise, a present or a party ("she asked me to keep it
 * secret that she fancies him lol", "we're keeping the present for our teacher a secret till
 * friday", "i have a secret crush on a boy in my class dont tell anyone"): secrecy and secrecy-asked
 * stand down when the message says so (`HARMLESS_SECRET`) and names no stranger, nothing online, no
 * known adult, no pictures, nudity or money, and keeps nothing from a parent (a parent word right
 * after "tell", "from" or "your": "it's a surprise, don't tell your mum" stays).
 */
function harmlessSecret(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (!SECRET_RULES.has(rule.id)) return false;
  let harmless = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.quoted || OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || t.sets.includes('{knownadult}') || t.sets.includes('{image}') || t.sets.includes('{nudestrong}') || t.sets.includes('{money}')) return false;
    if (PARENT_WORDS.has(t.word) && [1, 2].some((d) => ['tell', 'from', 'your', 'ur', 'know', 'knows'].includes(tokens[i - d]?.word ?? ''))) return false;
    // Session 40fa1: a secret that is a thing made up together, named right after it ("our secret HANDSHAKE", "its our
    // secret LANGUAGE"; writers G, H and Q of session 39), is no secret kept about someone.
    if (t.word === 'secret' && SECRET_THINGS.has(tokens[i + 1]?.word ?? '')) {
      harmless = true;
      continue;
    }
    // "its OUR secret", "a surprise FOR YOU", "a present FOR ME": what someone says to the child about the two of them.
    if ((t.word === 'our' && ['secret', 'little', 'secrets'].includes(tokens[i + 1]?.word ?? '') && !SECRET_THINGS.has(tokens[i + 2]?.word ?? '')) || (t.word === 'for' && ['you', 'u', 'me'].includes(tokens[i + 1]?.word ?? ''))) return false;
    if (HARMLESS_SECRET.has(t.word) || t.sets.includes('{surprise}')) harmless = true;
  }
  return harmless;
}

/**
 * Session 18: a short question about waiting ("how much longer", "how long will it take"), with no
 * "i", "we" or "us" and no word of distress (the train43 retrain read "how much longer" 0.78
 * self-harm, from "i dont know how much longer i can do this"): the classifier alone does not raise
 * self-harm below `SURE_SCORE` for it. "how much longer can i do this" keeps the classifier.
 */
function waitingAsked(tokens: readonly Token[]): boolean {
  if (tokens.length > 8) return false;
  let waiting = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.sets.includes('{self}') || t.sets.includes('{distress}')) return false;
    if (t.word === 'longer' || (t.word === 'long' && tokens[i - 1]?.word === 'how')) waiting = true;
  }
  return waiting;
}

const TAKEN = wordList('taken');

const TATTLE_VERBS = wordList('tattle_verbs');
const TATTLE_TO = wordList('tattle_to');
const TATTLE_VETO = wordList('tattle_veto');

/**
 * Session 18: a tell-tale's threat (a sister, a brother, a teacher: "she'll tell mum unless i do her
 * washing up for a week", "mrs ali said if i dont do my homework she'll ring my mum", "my bro said
 * if i dont come out of the bathroom now hell tell mum"): conditional-threat stands down when what
 * is threatened is telling a parent or a teacher (`TATTLE_VERBS` then, within two words,
 * `TATTLE_TO`) and the message names no stranger, nothing online, nothing told (`TATTLE_VETO`:
 * "…hell tell my dad all the stuff ive said"), and nothing of pictures, nudity, money, keeping
 * quiet, violence, earnest words or a known adult.
 */
/** Session 43faU: what an outing threat tells of, which no laugh makes a tattle. */
const OUTING_WORDS: ReadonlySet<string> = new Set(['gay', 'lesbian', 'bi', 'bisexual', 'trans', 'queer', 'pregnant', 'vape', 'vapes', 'vaping', 'secret', 'secrets', 'pics', 'talking', 'dating']);

function tattleThreat(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  let tattle = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.quoted || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || TATTLE_VETO.has(t.word)) return false;
    // (Session 43faU: the word "threatening" itself is the threat told of, not a word of meaning it, when the message
    // laughs and tells nothing of who the child is: "he's threatening to tell mum i ate the last kitkat 😂"; "he
    // threatened to tell my mum im gay" keeps it.)
    const threatWord = t.word.startsWith('threaten') && tokens[i + 1]?.word === 'to' && tokens.some((x) => x.sets.includes('{laughmark}')) && !tokens.some((x) => OUTING_WORDS.has(x.word));
    if (['{image}', '{nudestrong}', '{money}', '{hush}', '{violent}', '{knownadult}', '{earnest}'].some((v) => t.sets.includes(v) && !(threatWord && v === '{earnest}'))) return false;
    if (TATTLE_VERBS.has(t.word) && [1, 2, 3].some((d) => TATTLE_TO.has(tokens[i + d]?.word ?? ''))) tattle = true;
  }
  return tattle;
}

const WORK_ABOUT = wordList('work_about');

/**
 * Session 40: a crime told as what a podcast, a documentary or a video was about, by writers of 4 batches ("that true
 * crime doc bout the kidnapping was mad", "a true crime podcast … about a man who kidnapped someone", "a scary video
 * about kidnapping"): being-hurt stands down when "true crime" is in the message, or a word of `work_frames` or
 * `work_about` comes before "about" (or "bout") within three words and that "about" before the phrase, and nothing
 * puts the child in it: no me, us or myself from the phrase on, no "i" in or just after it, no word of meaning it (earnest), and no word
 * of the real world (irl, real, happened). "he kidnapped me, like in that true crime doc" keeps it.
 */
function crimeInWork(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt') return false;
  for (let j = m.first; j < tokens.length; j += 1) if (['me', 'us', 'myself'].includes(tokens[j]?.word ?? '') || (j <= m.last + 2 && tokens[j]?.word === 'i')) return false;
  let work = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.sets.includes('{earnest}') || ['irl', 'real', 'happened', 'happening'].includes(t.word)) return false;
    if (t.word === 'true' && tokens[i + 1]?.word === 'crime') work = true;
    if ((t.word === 'about' || t.word === 'bout') && i < m.first && [1, 2, 3].some((d) => isWorkBeforeAbout(tokens[i - d]?.word ?? ''))) work = true;
  }
  return work;
}

/** A work named before "about": `work_frames` (film, podcast, documentary…) or `work_about` (doc, video…). */
function isWorkBeforeAbout(w: string): boolean {
  return WORK_ABOUT.has(w) || WORK_FRAMES.has(w);
}

const STORY_WORKS = wordList('story_works');
const STORY_VERBS = wordList('story_verbs');
const STORY_VETO = wordList('story_veto');
/** Session 42faS: who makes the story ("I'M writing", "I love drawing", "WE wrote"). */
const STORY_MAKERS = new Set(['i', 'im', 'we', 'ive']);
/** Session 42faS: the pronouns whose reported words are a real person's ("HE said…"), not a character's. */
const STORY_REAL_SPEAKERS = new Set(['he', 'she', 'they', 'hes', 'shes', 'someone', 'somebody']);
/** Session 42faS: what keeps a story told a red flag: pictures, nudity, money, keeping quiet, meaning it. */
const STORY_VETO_SETS = ['{image}', '{nudestrong}', '{money}', '{hush}', '{earnest}', '{app}'];

/**
 * Session 42faS: the child's own story, fan fiction or roleplay told of, by s42trainB's writer and others ("the
 * creepypasta i'm writing has a guy who stands outside the girls house", "my oc got kidnapped by the fae", "in our game
 * lore the merchant guild blackmails the council", "i love writing kidnapping plots", "the villain says he'll hurt her
 * brother unless she hands over the key"): a danger-now or threat phrase stands down when the message names a work of
 * the child's (`story_works`: oc, fic, lore, plot, villain…) or the child making one ("i'm WRITING", `story_verbs`
 * within two words of i, im, we), and nothing puts the child in it: no me, us or myself from the phrase on, no "i" in or
 * just after it, no he, she, they or someone reported saying it ("he said…": a real person's words, not a
 * character's), nothing online (`online`, an app), no word of the real world or of fear (`story_veto`: irl, actually,
 * scared, help, leak…), and nothing of pictures, nudity, money, keeping quiet or meaning it. "he said ur character
 * isnt the only one who can get kidnapped", "someone in the rp server said theyll find me" keep it.
 */
function ownStoryTold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'immediate_danger' && rule.category !== 'threat_blackmail') return false;
  return storyOfChildsOwn(tokens, m);
}

/** {@link ownStoryTold}'s reading of the message, whatever the rule (session 44faW: {@link characterHarmsSelf} too). */
function storyOfChildsOwn(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = m.first; j < tokens.length; j += 1) if (['me', 'us', 'myself'].includes(tokens[j]?.word ?? '') || (j <= m.last + 2 && tokens[j]?.word === 'i')) return false;
  let story = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    // (Session 43faU: the phrase's own "threatens" is the character's threat told of, not the child meaning it: "when he
    // threatens the hero".)
    const ownWord = i >= m.first && i <= m.last;
    if (STORY_VETO.has(t.word) || ONLINE.has(t.word) || ONLINE_PLACE.has(t.word) || (ownWord ? hasAnySet(t, STORY_VETO_SETS.filter((v) => v !== '{earnest}')) : hasAnySet(t, STORY_VETO_SETS))) return false;
    if (CLAIMING.has(t.word) && STORY_REAL_SPEAKERS.has(tokens[i - 1]?.word ?? '')) return false;
    if (STORY_WORKS.has(t.word)) story = true;
    if (STORY_VERBS.has(t.word) && [1, 2].some((d) => STORY_MAKERS.has(tokens[i - d]?.word ?? '') || (tokens[i - d]?.word === 'am' && tokens[i - d - 1]?.word === 'i'))) story = true;
  }
  return story;
}

const SAFETY_THINK = new Set(['thinks', 'think', 'thought', 'believes', 'believe', 'feels', 'worried', 'worries', 'worry', 'decides']);
const SAFETY_TOLD = new Set(['someone', 'somebody', 'person', 'adult']);
const SAFETY_TELLING = new Set(['tell', 'tells', 'telling', 'told', 'pass', 'passes', 'share', 'shares', 'private', 'confidential', 'report', 'reports', 'stays', 'stay']);

/**
 * Session 42faS: a helper's rule of confidence retold ("the school nurse said what we talk about stays private unless
 * she thinks im in danger", "she'll only tell someone if she thinks im not safe"): being-hurt stands down when "if" or
 * "unless" comes at most six words before the phrase with a word of thinking between (thinks, believes, worried), the
 * message has a word of telling or keeping private (tell, pass on, share, private, stays), and it names no stranger and
 * nothing online; or "only" comes just before the "if" ("she'd only pass it on if i was in danger"). "im in danger, he thinks i told someone" and "if he thinks im telling someone im in danger" keep it
 * (no "if" before the thinking, or a he).
 */
function safetyConditionRetold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt') return false;
  let cond = false;
  for (let i = Math.max(0, m.first - 6); i < m.first; i += 1) {
    const w = tokens[i]?.word ?? '';
    if ((w === 'if' || w === 'unless') && tokens[i]?.sentence === tokens[m.first]?.sentence) {
      const who = tokens[i + 1]?.word ?? '';
      if (HE.has(who) || who === 'they' || OTHER_PERSON.has(who)) return false;
      for (let k = i + 1; k < m.first; k += 1) if (SAFETY_THINK.has(tokens[k]?.word ?? '')) cond = true;
      // "she'd ONLY pass it on if i was in danger": the one exception to keeping it private.
      for (let k = Math.max(0, i - 6); k < i; k += 1) if (tokens[k]?.word === 'only') cond = true;
    }
  }
  if (!cond) return false;
  let telling = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    // ("tell SOMEONE" is whom she tells.)
    if ((OTHER_PERSON.has(t.word) && !SAFETY_TOLD.has(t.word)) || isOnlineWord(t) || ONLINE.has(t.word)) return false;
    if ((i < m.first || i > m.last) && SAFETY_TELLING.has(t.word)) telling = true;
  }
  return telling;
}

const WAITING_POSTURE = new Set(['outside', 'waiting', 'stood', 'standing', 'sat', 'sitting']);
const WAITING_VETO = new Set(['watching', 'watch', 'staring', 'following', 'followed', 'knocking', 'banging', 'car', 'van', 'alone', 'hiding', 'scared', 'afraid', 'help', 'stranger', 'creepy', 'weird']);

/**
 * Session 42faS: the child waiting outside for someone of their own ("I'm outside school waiting for my mum to pick me
 * up", "im outside my friend's house waiting for her to come out"): someone-outside stands down when its sentence opens
 * with the child there ("i am", "im", "we are" then outside, waiting, standing…), a family member or friend is named in
 * it, and the message names no stranger, nothing online, nothing of watching, following, a car, being alone or fear
 * (`WAITING_VETO`, the `afraid`, `hush` and `adultcue` sets). "im outside school and a man is waiting for me" and
 * "im outside my friends house and a car keeps driving past" keep it.
 */
function childWaitsForOwn(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== SOMEONE_OUTSIDE) return false;
  const s = tokens[m.first]?.sentence;
  let start = 0;
  while (start < tokens.length && tokens[start]?.sentence !== s) start += 1;
  const w0 = tokens[start]?.word ?? '';
  const w1 = tokens[start + 1]?.word ?? '';
  const at = (w0 === 'i' && w1 === 'am') || (w0 === 'we' && w1 === 'are') ? start + 2 : w0 === 'im' ? start + 1 : -1;
  if (at < 0 || at > m.first || !WAITING_POSTURE.has(tokens[at]?.word ?? '')) return false;
  let own = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || WAITING_VETO.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{afraid}', '{hush}', '{adultcue}'])) return false;
    if (t.sentence === s && (t.sets.includes('{family}') || t.sets.includes('{friends}'))) own = true;
  }
  return own;
}

/**
 * Session 42faS: a parent saying the CHILD will see someone ("dad says ill still see him every other weekend", "mum said
 * i will see my cousins at christmas"): conditional-threat's "{homefolk} will see" (the family will see what was sent)
 * stands down when "i" comes between the family word and "will" or "going" in the span, the span ends on "see", and the
 * message has nothing of pictures, nudity, money, keeping quiet or a stranger. "he said my dad will see" keeps it.
 */
function childWillSee(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat' || tokens[m.last]?.word !== 'see') return false;
  let child = false;
  for (let k = m.first + 1; k < m.last; k += 1) {
    const w = tokens[k]?.word ?? '';
    if (w === 'i') child = true;
    if ((w === 'will' || w === 'going') && !child) return false;
  }
  if (!child) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{image}', '{nudestrong}', '{money}', '{hush}'])) return false;
  return true;
}

const BREAKAGE = new Set(['broke', 'broken', 'smashed', 'spilled', 'spilt', 'dropped', 'cracked', 'snapped', 'ripped', 'dented', 'scratched', 'knocked', 'burnt', 'burned', 'lost', 'forgot']);

/**
 * Session 42faS: "accidents happen" said to comfort the child after a mishap of their own ("I broke mums favourite vase and
 * told her and she said accidents happen", "i spilled juice on nans carpet, she said dont worry accidents happen"):
 * violent-idiom's "accidents happen" stands down when a word of breaking, spilling or falling (`BREAKAGE`, `mishaps`)
 * comes before it, and the message names no he, no stranger, nothing online and nothing of pictures, money or keeping
 * quiet. "he said accidents happen to girls who talk" and "i dropped my phone and he said accidents happen to snitches"
 * keep it (no mishap; a he).
 */
function accidentsReassured(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.violent-idiom' || tokens[m.first]?.word !== 'accidents') return false;
  let mishap = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (HE.has(t.word) || t.word === 'they' || t.word === 'them' || OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{image}', '{nudestrong}', '{money}', '{hush}', '{afraid}'])) return false;
    if (i < m.first && (BREAKAGE.has(t.word) || MISHAPS.has(t.word))) mishap = true;
  }
  return mishap;
}

const SHOT_WORDS = new Set(['message', 'messages', 'msg', 'msgs', 'story', 'text', 'texts', 'comment', 'comments', 'post', 'tweet', 'status', 'bio', 'convo', 'essay', 'reply', 'answer', 'answers', 'rant']);
const SHOT_OUTCOME = new Set(['sorry', 'apologised', 'apologized', 'deleted', 'sorted', 'fine', 'ok', 'okay', 'friends']);
const SHOT_VETO = new Set(['man', 'men', 'guy', 'bloke', 'woman', 'lady', 'stranger', 'adult', 'creep', 'still', 'again', 'keeps', 'unless', 'or', 'if', 'scared', 'everyone', 'school']);

/**
 * Session 42faS: a message of the child's screenshotted by another child and passed round, told as over ("someone
 * screenshotted my message in the gc and sent it to the girl, i said sorry and we're ok now", "she screenshotted my story
 * and sent it to the gc, i told her it wasnt ok and she deleted it"): share-images' "screenshotted my" stands down when
 * what was screenshotted is words (`SHOT_WORDS`: a message, story, comment, post), a word of an outcome (sorry,
 * deleted, sorted, ok) comes after it with no "but" after that, and the message has no grown-up or stranger, no
 * condition ("if", "unless", "or"), nothing of it going on (`SHOT_VETO`), and nothing of pictures, nudity, money or
 * keeping quiet. "he screenshotted my messages and said hell send them to my mum" keeps it.
 */
function wordsScreenshotSettled(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images' || !(tokens[m.first]?.word ?? '').startsWith('screenshot')) return false;
  const what = tokens[m.last + 1]?.word ?? '';
  if (tokens[m.last]?.word !== 'my' || !SHOT_WORDS.has(what)) return false;
  let outcome = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (SHOT_VETO.has(t.word) || t.sets.includes('{knownadult}') || hasAnySet(t, ['{image}', '{nudestrong}', '{money}', '{hush}', '{afraid}'])) return false;
    if (i > m.last + 1 && SHOT_OUTCOME.has(t.word)) outcome = i;
    if (outcome >= 0 && i > outcome && t.word === 'but') return false;
  }
  return outcome >= 0;
}

/**
 * Session 42faS: everything shown or sent TO the child ("my new manager was so nice and showed me everything", "she sent
 * us everything for the trip"): share-images' "{share} everything" stands down when "me" or "us" stands between the
 * verb and "everything", and the message has nothing of pictures, nudity, money or keeping quiet. "he said hell send
 * everything to my mum" keeps it.
 */
function everythingShownToChild(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images' || tokens[m.last]?.word !== 'everything') return false;
  let toChild = false;
  for (let k = m.first + 1; k < m.last; k += 1) if (tokens[k]?.word === 'me' || tokens[k]?.word === 'us') toChild = true;
  if (!toChild) return false;
  for (const t of tokens) if (hasAnySet(t, ['{image}', '{nudestrong}', '{money}', '{hush}']) || t.word === 'unless' || t.word === 'or') return false;
  return true;
}

const KIN_IS_HEADS = new Set(['hes', 'shes', 'its', 'thats']);
/**
 * Session 43faU: the coming and meeting rules read the same way (s42trainA: "he said he'll come to my house on Saturday
 * and HE'S MY COUSIN and my auntie's bringing him"): a visit or a meeting of the child's own family.
 */
const KIN_IS_MEET_RULES: ReadonlySet<string> = new Set(['lex:meet_or_secrecy.come-to-place', 'lex:meet_or_secrecy.meet-request', 'lex:meet_or_secrecy.meet-up', 'lex:personal_info.knows-details']);
const KIN_IS_VETO = new Set(['but', 'pretending', 'pretends', 'supposedly', 'apparently', 'think', 'thinks', 'watching', 'staring', 'following', 'drunk', 'angry', 'shouting', 'knife']);
const KIN_IS_VETO_SETS = ['{afraid}', '{hush}', '{violent}', '{image}', '{nudestrong}', '{earnest}', '{knownadult}'];

/**
 * Session 42faS: the one outside, at the door or coming said after to be the child's own family ("theres a car outside,
 * it's my aunties, shes picking me up", "he said he'll wait for me at the school gates, hes my big brother", "someone is
 * banging on the door its just my dad"): a danger-now rule stands down when after the phrase comes "hes", "shes", "its"
 * or "thats" (or "he is", "it is"), at most "just", "only" or "our"/"my" and one word between, then a family word, and the
 * message has nothing of a claim ("says" just before, pretending, apparently), fear, keeping quiet, violence, pictures, a known adult
 * or anything online. "a man outside says hes my uncle" and "hes my uncle and hes drunk and banging on the door" keep it.
 */
function identifiedAsKin(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!KIN_IS_MEET_RULES.has(rule.id) && (rule.category !== 'immediate_danger' || rule.id === 'lex:immediate_danger.being-hurt' || rule.id === 'lex:immediate_danger.overdose-taken')) return false;
  let kin = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (KIN_IS_VETO.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, KIN_IS_VETO_SETS)) return false;
    if (i <= m.last || kin) continue;
    const w = t.word;
    const next = tokens[i + 1]?.word ?? '';
    const head = KIN_IS_HEADS.has(w) ? i + 1 : (w === 'he' || w === 'she' || w === 'it' || w === 'that') && next === 'is' ? i + 2 : -1;
    // "a man outside SAYS hes my uncle": a claim, not who he is.
    if (head < 0 || CLAIMING.has(tokens[i - 1]?.word ?? '') || CLAIMING.has(tokens[i - 2]?.word ?? '')) continue;
    let k = head;
    if (tokens[k]?.word === 'just' || tokens[k]?.word === 'only') k += 1;
    if (tokens[k]?.word !== 'my' && tokens[k]?.word !== 'our') continue;
    for (const d of [1, 2]) if (tokens[k + d]?.sets.includes('{family}') === true) kin = true;
  }
  return kin;
}

const SCHOOL_ROW_RULES = new Set(['lex:immediate_danger.being-hurt', 'lex:threat_blackmail.violence']);
const SCHOOL_ROW_OUTCOME = wordList('school_row_outcome');
const SCHOOL_ROW_VETO = wordList('school_row_veto');
const SCHOOL_ROW_WEAK = new Set(['fine', 'ok', 'okay']);
/** What keeps a school row a red flag: pictures, nudity, a known adult, fear. */
const SCHOOL_ROW_VETO_SETS = ['{image}', '{nudestrong}', '{knownadult}', '{afraid}'];

/**
 * Session 40: a row between children at school, told as sorted, by writers of 4 batches ("a girl at school said she'd
 * hurt me but it was sorted by the head", "a boy in year 9 pushed me in the corridor but a teacher saw and sorted it",
 * "i told my head of year about the yr 9s pushing me and its been fine since"): being-hurt (never resolvable on its
 * own: a grown-up's violence "sorted" may not be) and violence stand down when a word of `school_row_outcome` (sorted,
 * sorry, "fine since", "ok now"…) comes after the phrase with no "but" after it, the message names a school place (`school_places`,
 * corridor), and it names no grown-up or stranger (`OTHER_PERSON`, the family's grown-ups of `outing_kin`, a known
 * adult, a partner), nothing online and nothing of pictures, nudity, fear or `school_row_veto` (still, again, keeps,
 * every, now). "a boy at school hit me, it was sorted but he keeps doing it" and "my dad hurt me but its sorted" keep it.
 */
function schoolRowSorted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SCHOOL_ROW_RULES.has(rule.id)) return false;
  let school = false;
  let outcome = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || OUTING_KIN.has(t.word) || PARTNERS.has(t.word) || SCHOOL_ROW_VETO.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word)) return false;
    if (hasAnySet(t, SCHOOL_ROW_VETO_SETS)) return false;
    if (SCHOOL_PLACES.has(t.word) || t.word === 'corridor') school = true;
    // "fine" and "ok" only as a state reached: "OK NOW", "FINE SINCE", "BEEN fine" ("he hurts me, im fine" keeps it).
    const reached = !SCHOOL_ROW_WEAK.has(t.word) || ['now', 'since'].includes(tokens[i + 1]?.word ?? '') || tokens[i - 1]?.word === 'been';
    if (i > m.last && SCHOOL_ROW_OUTCOME.has(t.word) && reached) outcome = i;
    if (outcome >= 0 && i > outcome && t.word === 'but') return false;
  }
  return school && outcome >= 0;
}

const CRUSH_RULES = new Set(['lex:threat_blackmail.share-images', 'lex:threat_blackmail.conditional-threat', 'lex:threat_blackmail.cutoff-threat', 'lex:threat_blackmail.violence']);
const CRUSH_WORDS = wordList('crush_words');
const CRUSH_LIKES = wordList('crush_likes');
const CRUSH_VETO = wordList('crush_veto');
/** What keeps a crush told a threat: pictures, nudity, money, a known adult, fear. */
const CRUSH_VETO_SETS = ['{image}', '{nudestrong}', '{money}', '{knownadult}', '{afraid}'];

/**
 * Session 40: a crush told or kept between children, by writers of 6 batches ("she said she'll tell everyone i fancy
 * him if i dont give her hairbrush back lol we're sisters", "a girl in my class said she'll tell everyone i like him",
 * "my pal says shell kill me if i tell anyone she fancies liam"): share-images, conditional-threat, cutoff-threat and
 * violence stand down when what is told is a crush (a word of `crush_words`, or `crush_likes` before him or her,
 * within six words after tell or told), the crush is not the one threatening ("HE said hell tell everyone i like
 * HIM" keeps it), and the message names no stranger or grown-up (`OTHER_PERSON` but "fancies SOMEONE", a partner, a
 * known adult), nothing online, and nothing of pictures, nudity, money, fear, earnest words or `crush_veto`
 * (sending, meeting, talking, replying, blocking).
 */
function crushTold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!CRUSH_RULES.has(rule.id)) return false;
  let crush = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    const crushed = CRUSH_WORDS.has(tokens[i - 1]?.word ?? '');
    if ((OTHER_PERSON.has(t.word) && !crushed) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || CRUSH_VETO.has(t.word)) return false;
    if (hasAnySet(t, CRUSH_VETO_SETS)) return false;
    // (Earnest words but the telling itself: "if i TOLD ANYONE she fancied him".)
    if (t.sets.includes('{earnest}') && !['tell', 'told', 'anyone', 'anybody'].includes(t.word)) return false;
    const liked = CRUSH_LIKES.has(t.word) && (HE.has(tokens[i + 1]?.word ?? '') || SHE.has(tokens[i + 1]?.word ?? ''));
    if (crush < 0 && (CRUSH_WORDS.has(t.word) || liked) && [1, 2, 3, 4, 5, 6].some((d) => ['tell', 'tells', 'telling', 'told'].includes(tokens[i - d]?.word ?? ''))) crush = i;
  }
  if (crush < 0) return false;
  // The one threatening is not the crush: "he … i like him", "she … i fancy her" keep it.
  const object = tokens[crush + 1]?.word ?? '';
  for (let i = 0; i < m.first; i += 1) {
    const w = tokens[i]?.word ?? '';
    if ((w === 'he' && HE.has(object)) || (w === 'she' && SHE.has(object))) return false;
  }
  return true;
}

/** What keeps "i know where u live" from next door a threat: pictures, nudity, money, violence, a known adult, earnest words, fear. */
const NEIGHBOUR_VETO_SETS = ['{image}', '{nudestrong}', '{money}', '{violent}', '{knownadult}', '{earnest}', '{afraid}'];

/**
 * Session 40: "i know where u live" from one who lives next door, by writers of 3 batches ("my best mate says it every
 * time i ignore her, she lives next door", "he said it cos hes literally my next door neighbour and we walk to skl
 * together"): conditional-threat, its phrase a knowing where the child lives, stands down when the message says "next
 * door" or "neighbour" and names no stranger or grown-up (`OTHER_PERSON`: "the MAN next door"), nothing online, and
 * nothing of pictures, nudity, money, violence, fear or earnest words.
 */
function neighbourKnows(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  let knows = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word === 'know' && tokens[j + 1]?.word === 'where') knows = true;
  if (!knows) return false;
  let door = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word)) return false;
    if (hasAnySet(t, NEIGHBOUR_VETO_SETS)) return false;
    if ((t.word === 'next' && tokens[i + 1]?.word === 'door') || t.word === 'neighbour' || t.word === 'neighbours') door = true;
  }
  return door;
}

/**
 * Session 21: the rules a thing asking stands down (asks-details since session 18; logins and card
 * details: "this game asks for my password every single time", "the ps5 asks for a code when i log in").
 */
const THING_ASK_RULES = new Set(['lex:personal_info.asks-details', 'lex:financial.logins', 'lex:financial.card-details']);
const THING_DETERMINERS = wordList('thing_determiners');
const LOGIN_THING_ASKERS = wordList('login_thing_askers');
const PHISH_WORDS = wordList('phish_words');
const THING_ASKERS = wordList('thing_askers');

/**
 * Session 42faT: the thing at `k` follows a determiner, right before it or with one or two words naming it between ("the
 * form", "the gp online form", "the nhs app"; s42trainC): none of them a person, a pronoun or a word of being online
 * besides "online" itself ("the form HE sent", "the MAN'S app").
 */
const THING_ISSUERS: ReadonlySet<string> = new Set(['nhs', 'gp', 'school', 'schools', 'college', 'council', 'dentist', 'dentists', 'doctors', 'surgery', 'booking']);
function thingDetermined(tokens: readonly Token[], k: number): boolean {
  const s = tokens[k]?.sentence;
  for (let j = k - 1; j >= Math.max(0, k - 3); j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) return false;
    if (THING_DETERMINERS.has(t.word)) return true;
    // Between them only "online" or a service the thing is of ("the GP form", "the NHS app"; not "the JOB form").
    if (t.word !== 'online' && !t.sets.includes('{services}') && !THING_ISSUERS.has(t.word)) return false;
  }
  return false;
}

/**
 * Session 18: a game, an app, a site or a form asking ("the game asked for my birthday when i
 * signed up", "it wants my name adress and mums fone number"): asks-details stands down when the
 * word right before its phrase is such a thing (after "the", or "it" itself), and no person word
 * (he, she, they, a man, someone) is in the sentence.
 */
function thingAsks(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!THING_ASK_RULES.has(rule.id)) return false;
  const k = m.first - 1;
  const w = tokens[k]?.word ?? '';
  const things = rule.id === 'lex:personal_info.asks-details' ? THING_ASKERS : LOGIN_THING_ASKERS;
  if (!things.has(w) || (w !== 'it' && !thingDetermined(tokens, k))) return false;
  const s = tokens[m.first]?.sentence;
  for (const t of tokens) if (t.sentence === s && (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them')) return false;
  if (rule.id !== 'lex:personal_info.asks-details' && tokens.some((t) => PHISH_WORDS.has(t.word))) return false;
  return true;
}

const AT_WORK = wordList('at_work');
const EVERY_TIME = wordList('every_time');
const AT_WORK_VETO = wordList('at_work_veto');

/**
 * Session 18: someone outside at work (`AT_WORK`: "theres a man outside our house digging up the
 * road", "theres a guy outside my window... fixing the street light, he's in a hi vis", "a man
 * outside school was handing out leaflets"): someone-outside stands down when the message says the
 * work and nothing of fear, watching, following, knocking, being alone or the child's name
 * (`AT_WORK_VETO`), nor keeping quiet, pictures or nudity.
 */
function outsideAtWork(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside') return false;
  let work = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    // Session 32a: "every" keeps it only as a habit ("every night"), not "through EVERY door".
    if (t.word === 'every' && !EVERY_TIME.has(tokens[i + 1]?.word ?? '')) continue;
    if (t.quoted || AT_WORK_VETO.has(t.word) || t.sets.includes('{hush}') || t.sets.includes('{image}') || t.sets.includes('{nudestrong}') || t.sets.includes('{afraid}')) return false;
    if (AT_WORK.has(t.word)) work = true;
  }
  return work;
}

/**
 * Session 19: self-harm told as stopped and then as coming back ("i used to self harm but i stopped
 * and now i want to again"): a word of its coming back after the phrase keeps a self-harm phrase
 * from standing down as settled ("stopped now" and "used to" made it settled).
 */
function relapseAfter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm') return false;
  for (let i = m.last + 1; i < tokens.length; i += 1) if (COMING_BACK.has(tokens[i]?.word ?? '') && !NEVER.has(tokens[i - 1]?.word ?? '')) return true;
  return false;
}

const ENDED = wordList('ended');
const OPENED_AGAIN = wordList('opened_again');
const BACK_THEN = wordList('back_then');
const NOW_WHO = wordList('now_who');

/**
 * Session 30: a matter told as sorted and then as back ("the police sorted it last year but now hes messaging me again
 * and wants to meet"): after the last word of how it ended, "again", "back", or a "now" after "but" or before who acts
 * next keeps the phrase from standing down as settled, whether the phrase comes before or after that word. "he asked
 * to meet me again last year but the police sorted it and im fine now" (the "again" before the end) stays settled.
 */
function reopenedAfterOutcome(tokens: readonly Token[], m: PhraseMatch): boolean {
  let end = -1;
  for (let i = 0; i < tokens.length; i += 1) if (ENDED.has(tokens[i]?.word ?? '') && (i < m.first || i > m.last)) end = i;
  if (end < 0) return false;
  for (let i = end + 1; i < tokens.length; i += 1) {
    const w = tokens[i]?.word ?? '';
    if ((OPENED_AGAIN.has(w) && !BACK_THEN.has(tokens[i + 1]?.word ?? '')) || (w === 'now' && (tokens[i - 1]?.word === 'but' || NOW_WHO.has(tokens[i + 1]?.word ?? '')))) return true;
  }
  return false;
}

const COMING_BACK = wordList('coming_back');
const NEVER = wordList('never');

/**
 * Session 19: an age compared, not a detail known ("he keeps saying im mature FOR MY AGE"):
 * knows-details stands down when its phrase ends in "for my age". Flattery about it is
 * gifts-grooming's.
 */
function ageCompared(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return rule.id === 'lex:personal_info.knows-details' && tokens[m.last]?.word === 'age' && tokens[m.last - 2]?.word === 'for';
}

const PRETEND = wordList('pretend');
const SAYING = wordList('saying');

/**
 * Session 20: a delivery driver, a friend or a relative only claimed by someone at the door
 * ("some1 PRETENDING TO BE a delivery driver is at the door", "someone keeps knocking SAYING ITS a
 * delivery"): a pretending word within four words before, or "saying/says/said it's" right before
 * (with at most "a" or "the" between), means the trusted word does not stand the phrase down.
 */
function claimedRole(tokens: readonly Token[], j: number): boolean {
  const s = tokens[j]?.sentence;
  for (let k = j - 1; k >= Math.max(0, j - 4); k -= 1) if (tokens[k]?.sentence === s && PRETEND.has(tokens[k]?.word ?? '')) return true;
  let k = j - 1;
  if (tokens[k]?.word === 'a' || tokens[k]?.word === 'the') k -= 1;
  if (tokens[k]?.word === 'is' && tokens[k - 1]?.word === 'it') k -= 1;
  if ((tokens[k]?.word === 'its' || tokens[k]?.word === 'it') && SAYING.has(tokens[k - 1]?.word ?? '')) return true;
  return claimsToBeTheirs(tokens, j);
}

const SPEAKER_OWNS = wordList('speaker_owns');
const IDEAL = wordList('ideal');
const IDEAL_ROLES = wordList('ideal_roles');

/**
 * Session 27: "he said a real girlfriend would send him pics", "any good boyfriend would": a partner or friend held up
 * as an ideal is the stranger's pressure, nobody the child trusts, so it does not stand a phrase down. Not for family
 * ("my real dad"): only partners and friends.
 */
function idealRole(tokens: readonly Token[], j: number): boolean {
  if (!IDEAL_ROLES.has(tokens[j]?.word ?? '')) return false;
  const prev = tokens[j - 1];
  return prev !== undefined && prev.sentence === tokens[j]?.sentence && IDEAL.has(prev.word) && !SPEAKER_OWNS.has(tokens[j - 2]?.word ?? '');
}

/**
 * Session 20 (lead): someone saying they are the child's friend ("a man on roblox SED HE IS MY frend and
 * wants me to go to the park", "says hes ur friend"): a saying word, then he, she or they (with "is" or
 * "are"), then my, your or ur, right before the trusted word.
 */
function claimsToBeTheirs(tokens: readonly Token[], j: number): boolean {
  let k = j - 1;
  // Session 30: "she said she is my NEW BEST friend": up to two words of the kind between.
  for (let n = 0; n < 2 && CLAIMED_KIND.has(tokens[k]?.word ?? ''); n += 1) k -= 1;
  if (!WHOSE_CLAIMED.has(tokens[k]?.word ?? '')) return false;
  k -= 1;
  if (tokens[k]?.word === 'is' || tokens[k]?.word === 'are') k -= 1;
  if (!CLAIMER.has(tokens[k]?.word ?? '')) return false;
  return SAYING.has(tokens[k - 1]?.word ?? '');
}
const WHOSE_CLAIMED = wordList('whose_claimed');
const CLAIMED_KIND = wordList('claimed_kind');
const CLAIMER = wordList('claimer');

const LOCATION_WORDS = wordList('location_words');

const FRIEND_GROUPS = wordList('friend_groups');
/**
 * Session 41faP: the personal-details rules a stand-down of a harmless detail can match: asks-details ("shares my location
 * with my mum", "asked for my order number") and knows-details ("she can keep my location", "her tracking number").
 */
const DETAILS_RULES = new Set(['lex:personal_info.asks-details', 'lex:personal_info.knows-details']);
/** Session 41faP: the family or friends a "they" can stand for ("i told my PARENTS… and THEY said"). */
const KIN_GROUPS = wordList('kin_groups');

/** Session 25: the online place after a trusted person is an app's map ("my cousin turned on snap map"), not where they were met. */
function mapShared(tokens: readonly Token[], k: number, s: number | undefined): boolean {
  for (let i = k + 1; i <= k + 4 && tokens[i]?.sentence === s; i += 1) if (isOnlineWord(tokens[i])) return tokens[i + 1]?.word === 'map';
  return false;
}

/**
 * Session 20: a location shared within the family or with friends ("mum made him share his location",
 * "sharing live location with the girls cos were walking home from the gig", "my cousin turned on
 * snap map so we can find each other"): an asks-details phrase naming a location or a map stands
 * down when the sentence names a relative or friend (`friends`, `family`, `peers`, not met online)
 * and nobody else: no stranger or adult (man, guy, someone…), no "he", "she" or "they", no boy or girl.
 * Session 41faP: knows-details too ("she can keep my location", "it says my location is shared with dad"), and a "she",
 * "he" or "they" after a mum, a dad or the parents named in the sentence is them ("shares my location with my mum so she
 * knows im home", "i told my parents… and they said"): "my mum doesnt know but he wants my location" still fires.
 */
function locationWithTrusted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!DETAILS_RULES.has(rule.id)) return false;
  let location = false;
  for (let j = m.first; j <= m.last; j += 1) if (LOCATION_WORDS.has(tokens[j]?.word ?? '')) location = true;
  if (!location) return false;
  const s = tokens[m.first]?.sentence;
  let trusted = false;
  let she = false;
  let he = false;
  let they = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) continue;
    // An app's own map ("snap map") is the location shared, not a place the person was met.
    const appMap = t.sets.includes('{app}') || tokens[k + 1]?.word === 'map';
    // Session 41faP: a he, she or they that can only be the relative named before it ("shares my location with my mum so
    // SHE knows im home", "i told my parents… and THEY said") is that relative; any other is someone else.
    const theirOwn = (t.word === 'she' && she) || (t.word === 'he' && he) || (t.word === 'they' && they);
    if (OTHER_PERSON.has(t.word) || (CHILD_SUBJECTS.has(t.word) && !theirOwn) || t.word === 'boy' || t.word === 'girl' || (isOnlineWord(t) && !appMap)) return false;
    // Session 25: "my cousin turned on SNAP MAP" is the app's map, not a cousin met on snap; "with THE GIRLS" are friends.
    if (t.keys.some((key) => TRUSTED_SETS.has(key)) && (!metOnline(tokens, k) || mapShared(tokens, k, s))) {
      trusted = true;
      if (FEMALE.has(t.word)) she = true;
      if (MALE.has(t.word)) he = true;
      if (KIN_GROUPS.has(t.word)) they = true;
    }
    if (FRIEND_GROUPS.has(t.word) && tokens[k - 1]?.word === 'the' && ['with', 'and'].includes(tokens[k - 2]?.word ?? '')) trusted = true;
  }
  return trusted;
}

/** Session 20: what keeps pictures sent to the child a red flag: asked for back, nudity, the body, undressing, keeping quiet, a threat. */
const IMAGE_SENT_VETO = ['{request}', '{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{menace}', '{flatter}'];

/**
 * Session 20: pictures someone sent TO the child ("we were flirting and she sent me some pics", "one
 * of them sends me pics every day", "she said she was 17 and sent me a selfie"): image-request
 * stands down when its phrase opens with a telling form of sending (sent, sends, sending) with
 * me, her or us right after, nothing before it in the sentence is the child, an asking word or a
 * making or condition word, and the message has no word of asking, nudity, the body, undressing,
 * secrecy, menace or flattery anywhere, and no stranger or adult (man, guy, someone…): "he sent me a
 * pic and asked for one back", "a man keeps sending me pics of himself" still fire.
 */
function imagesSentToChild(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  const t = tokens[m.first];
  if (t === undefined || t.quoted || !SENT_FORMS.has(t.word) || t.word.startsWith('giv') || t.word === 'gave' || !SENT_TO_CHILD.has(tokens[m.first + 1]?.word ?? '')) return false;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === t.sentence; j -= 1) if (tokens[j]?.sets.includes('{self}') || SENT_VETO.has(tokens[j]?.word ?? '')) return false;
  for (const w of tokens) if (IMAGE_SENT_VETO.some((v) => w.sets.includes(v)) || OTHER_PERSON.has(w.word) || w.word === 'back' || w.word === 'more' || w.word === 'himself') return false;
  return true;
}

const PICTURED_DETERMINERS = wordList('pictured_determiners');
const INTIMATE_THINGS = wordList('intimate_things');
/** What keeps a picture of a thing a red flag: nudity, the body, undressing, keeping quiet, secrets, menace, flattery, money. */
const THING_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{menace}', '{flatter}', '{clothes}', '{money}'];

/**
 * Session 22: a picture asked for that is OF or FROM a thing, named with "the", "our", "a", "this"
 * ("can u send me the pics from the match", "the gp asked me to upload a photo of the rash on my
 * arm", "can you send me the photo of our class"): image-request stands down when the picture word
 * is followed by "of" or "from" and a determiner, the word after is not a person, a part of the body,
 * clothes or a private place (room, bed, bath…), nothing after the picture word in the sentence is
 * "you", "me" or "yourself", and the message names no nudity, body, undressing, secrecy, menace,
 * flattery, money or stranger. "send me a pic of you", "a pic of your feet", "a video of me dancing",
 * "a man wants a pic of the dress you got", "a photo of the bed you sleep in" still fire.
 */
function pictureOfThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  let at = -1;
  for (let i = m.first; i <= m.last; i += 1) if (tokens[i]?.sets.includes('{image}')) at = i;
  const s = tokens[m.first]?.sentence;
  if (at < 0 || tokens[at + 1]?.sentence !== s || (tokens[at + 1]?.word !== 'of' && tokens[at + 1]?.word !== 'from')) return false;
  if (!PICTURED_DETERMINERS.has(tokens[at + 2]?.word ?? '')) return false;
  const thing = tokens[at + 3];
  if (thing === undefined || thing.sentence !== s || INTIMATE_THINGS.has(thing.word) || thing.keys.some((k) => k === '{victim}' || k === '{person}' || k === '{bodypart}' || k === '{clothes}' || k === '{nude}')) return false;
  for (let i = at + 1; i < tokens.length && tokens[i]?.sentence === s; i += 1) {
    const w = tokens[i]?.word ?? '';
    if (w === 'you' || w === 'u' || w === 'me' || w === 'yourself' || w === 'myself' || w === 'ur' || w === 'your' || INTIMATE_THINGS.has(w)) return false;
  }
  for (const w of tokens) if (THING_VETO.some((v) => w.sets.includes(v)) || OTHER_PERSON.has(w.word)) return false;
  return true;
}

const PICTURED_CHILD = wordList('pictured_child');
const PICTURE_ASKER = wordList('picture_asker');

/**
 * Session 30: a picture of the child somewhere ("a man wants pics of me in my room", "someone wants photos of me in the
 * changing rooms"): the picture is of the child, so a harmless thing of `pet` in the sentence (a room, a report) is
 * only where they are, and does not stand image-request down. The picture word in or just after the phrase, then
 * "of" and me, you or yourself, asked by a man, someone, he, she or they named before it ("she sends pics of her cat",
 * "a pic of my room", a teacher's photo of me for the school card still stand down).
 */
function childPictured(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  const s = tokens[m.first]?.sentence;
  let asker = false;
  for (let i = 0; i <= m.first; i += 1) if (tokens[i]?.sentence === s && (OTHER_PERSON.has(tokens[i]?.word ?? '') || PICTURE_ASKER.has(tokens[i]?.word ?? ''))) asker = true;
  if (!asker) return false;
  for (let i = m.first; i <= m.last + 1; i += 1) if (tokens[i]?.sets.includes('{image}') && tokens[i + 1]?.word === 'of' && PICTURED_CHILD.has(tokens[i + 2]?.word ?? '')) return true;
  return false;
}

/**
 * Session 22: harm threatened to the child's family ("his family will get hurt if he doesn't keep playing",
 * "hurt my mum") is no game's violence, whatever game is named in the sentence: players kill players,
 * not a child's mum. Threats only; joking and harmless words still stand it down.
 */
function familyHarmed(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'threat_blackmail') return false;
  for (let i = m.first; i <= m.last; i += 1) {
    const t = tokens[i];
    if (t !== undefined && (t.sets.includes('{homefolk}') || t.sets.includes('{sibling}') || t.word === 'family')) return true;
  }
  return false;
}

const OUTSIDE_VENUES = wordList('outside_venues');
/** Session 43msV: stems of contact online ('messages', 'dming'), beside `online`'s exact words. */
const ONLINE_CONTACT_STEMS: ReadonlySet<string> = new Set(['messag', 'dm', 'dming', 'dmed']);

/**
 * Session 43msV: someone the child knows only from an app or from online is outside, waiting or turned up where the child
 * is, at the pool, football training or practice (s42train: "the fitness coach from tiktok is outside football training",
 * "hes followed me from the swimming pool, hes the one from instagram", "hes outside school waiting, the guy who messages
 * me pretending to be my cousin"): the sport or the place the child is at is where he found them, not harmless play, and
 * a role claimed ("pretending to be my cousin") is his lie. Only when every harmless word of the sentence is such a place
 * (`outside_venues`) or a role claimed: a dream, a film, a story or a joke still stands the phrase down.
 */
function onlineOneAtVenue(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== SOMEONE_OUTSIDE) return false;
  const s = tokens[m.first]?.sentence;
  let online = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (t.sentence !== s) continue;
    if (t.sets.includes('{app}') || ONLINE_PLACE.has(t.word) || ONLINE.has(t.word) || t.keys.some((k) => ONLINE_CONTACT_STEMS.has(k))) online = true;
    const claimed = t.word.startsWith('pretend') && tokens[i + 1]?.word === 'to' && tokens[i + 2]?.word === 'be';
    if (t.sets.includes('{harmless}') && !OUTSIDE_VENUES.has(t.word) && !claimed) return false;
  }
  return online;
}

/** Session 35rc: how far after a threat phrase a real-world place still belongs to it ("burn your house DOWN", "find you AT SCHOOL"). */
const REAL_WORLD_REACH = 3;

const CUTOFF_OPENERS = wordList('cutoff_openers');

/**
 * Session 37rc: the sentence hangs something on the child cutting contact, reporting or telling: "if" or "unless", the
 * child (or, told by a parent, she or he) and a word of set `cutoff` within the next two words ("if SHE STOPS talking to
 * him", "if i REPORT him", "if u BLOCK me"). No game asks that of a player, so a threat beside it is a real one.
 */
function cutOffCondition(tokens: readonly Token[], s: number | undefined): boolean {
  for (let i = 0; i + 2 < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s || !CONDITION_OPENERS.has(t.word) || !CUTOFF_OPENERS.has(tokens[i + 1]?.word ?? '')) continue;
    for (let k = i + 2; k <= i + 3 && k < tokens.length; k += 1) if (tokens[k]?.sets.includes('{cutoff}')) return true;
  }
  return false;
}

/**
 * Session 35rc: a threat said in a game's sentence that reaches into the real world is no game's violence, as harm to the
 * family was not (`familyHarmed`): the sentence says "irl" or "in real life", a home, a school or an address is named in or
 * just after the phrase (set `realworld`: "ill burn your house down if you quit the clan", "we'll come to your school and
 * batter you"), or the threat hangs on the child leaving, blocking or stopping (rule if-you-leave: "if you leave the server
 * ill hurt you"), which no game asks. Threats only; joking and harmless words still stand it down ("ill kill u in the next
 * round lol"), and a threat of the game alone ("hes gonna destroy me in the next round") names no real place.
 */
function realWorldHarm(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'threat_blackmail') return false;
  if (rule.id === 'lex:threat_blackmail.if-you-leave' || rule.id === 'lex:threat_blackmail.cutoff-threat') return true;
  const s = tokens[m.first]?.sentence;
  if (cutOffCondition(tokens, s)) return true;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s) continue;
    if (t.word === 'irl' || (t.word === 'real' && tokens[i + 1]?.word === 'life')) return true;
    if (t.sets.includes('{realworld}') && i >= m.first && i <= m.last + REAL_WORLD_REACH) return true;
  }
  return false;
}

/** Rules of a meeting asked for (session 20: `meetsKnown`). */
const MEET_RULES = new Set(['lex:meet_or_secrecy.meet-request', 'lex:meet_or_secrecy.meet-up']);
const MET_PRONOUNS = wordList('met_pronouns');
const BEING = wordList('being');
const MEET_FILLERS = wordList('meet_fillers');

/**
 * Session 33: a meeting tonight whose gap holds the ones met, the child's friends or family ("im meeting MY FRIENDS
 * tonight at the cinema": the phrase "meeting tonight" with two words between), not met online and with no stranger,
 * app or secret in the sentence (as {@link meetsKnown}).
 */
function friendsMetSoon(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.meeting-soon' || tokens[m.first]?.word !== 'meeting' && tokens[m.first]?.word !== 'meet') return false;
  const s = tokens[m.first]?.sentence;
  for (const t of tokens) if (t.sentence === s && (isOnlineWord(t) || ONLINE.has(t.word) || OTHER_PERSON.has(t.word) || t.sets.includes('{secret}'))) return false;
  for (let k = m.first + 1; k < m.last; k += 1) {
    const t = tokens[k];
    if (t !== undefined && (t.keys.includes('{peers}') || t.keys.includes('{family}')) && !PARTNERS.has(t.word) && !t.sets.includes('{knownadult}')) return !metOnline(tokens, k);
  }
  return false;
}

/**
 * Session 20: a meeting with someone the child knows. (a) The phrase ends in her, him or them and
 * the nearest person named before it in the sentence is a relative or friend of a fitting gender
 * ("my cousin is visiting from romania and we're meeting her at the airport"), or the phrase ends
 * in "by" and "my" and one follow ("i'm getting picked up by my grandad at 3"); (b) the one asking
 * is said after the phrase to be in the child's class or year ("he asked to meet at the library,
 * hes in my english class"). Never with an online word, an app or game, a stranger or an adult
 * (man, guy, someone…) or a secret in the sentence.
 */
function meetsKnown(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!MEET_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  for (const t of tokens) if (t.sentence === s && (isOnlineWord(t) || ONLINE.has(t.word) || OTHER_PERSON.has(t.word) || t.sets.includes('{secret}'))) return false;
  const met = tokens[m.last]?.word ?? '';
  // "picked up BY MY GRANDAD": the one named right after is a relative or friend.
  if (met === 'by' && tokens[m.last + 1]?.word === 'my' && tokens[m.last + 2]?.keys.some((key) => TRUSTED_SETS.has(key)) && !metOnline(tokens, m.last + 2)) return true;
  if (MET_PRONOUNS.has(met))
    for (let k = m.first - 1; k >= 0; k -= 1) {
      const t = tokens[k];
      if (t === undefined || t.sentence !== s) break;
      if (t.keys.some((key) => TRUSTED_SETS.has(key))) return !metOnline(tokens, k) && !(met === 'her' && MALE.has(t.word)) && !(met === 'him' && FEMALE.has(t.word));
      if (CHILD_SUBJECTS.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'boy' || t.word === 'girl') break;
    }
  // Session 21: the ones met are named right after the phrase, friends or relatives ("wants to meet
  // HER FRIENDS in town", "meet SCHOOL FRIENDS at the shopping centre", "meet MY FRIEND from my old
  // skl"): the object of the meeting, with only little words before it, and not met online. Not "his"
  // or "their" friends, nor "her" friends after a "she" (a stranger's: "he wants me to meet his mate").
  // (Session 42faT: four words, "meet up WITH MY friends"; and a friend group after "the", "meeting up with THE GIRLS".)
  for (let k = m.last + 1; k <= m.last + 4 && k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (t.word === 'her' && tokens.slice(0, m.first).some((u) => u.sentence === s && u.word === 'she')) break;
    if ((t.keys.includes('{peers}') || t.keys.includes('{family}')) && !PARTNERS.has(t.word) && !t.sets.includes('{knownadult}')) return !metOnline(tokens, k);
    if (FRIEND_GROUPS.has(t.word) && tokens[k - 1]?.word === 'the') return !metOnline(tokens, k) && !tokens.some((u, i) => i < m.first && u.sentence === s && (HE.has(u.word) || SHE.has(u.word)));
    if (!MEET_FILLERS.has(t.word)) break;
  }
  for (let k = m.last + 1; k + 2 < tokens.length; k += 1) {
    if (tokens[k]?.sentence !== s) continue;
    if (!BEING.has(tokens[k]?.word ?? '') || tokens[k + 1]?.word !== 'in' || tokens[k + 2]?.word !== 'my') continue;
    for (let q = k + 3; q <= k + 4; q += 1) if (tokens[q]?.sentence === s && tokens[q]?.sets.includes('{inperson}')) return true;
  }
  return false;
}

/**
 * Session 20: an animal following the child ("a cat is following me home from the bus", "my dog
 * keeps following me around the house"): someone-outside stands down when a word of `animal` comes
 * at most three words before a following phrase, with no person or pronoun in between or before it
 * in the sentence ("a man with a dog is following me" still fires).
 */
function animalFollows(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  // Session 37fa: and chasing ("the dog that chased me").
  const w = tokens[m.first]?.word ?? '';
  if (rule.id !== 'lex:immediate_danger.someone-outside' || !(w.startsWith('follow') || w.startsWith('chas'))) return false;
  const s = tokens[m.first]?.sentence;
  let animalAt = -1;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (t.sets.includes('{animal}')) {
      animalAt = k;
      break;
    }
  }
  if (animalAt < 0) return false;
  for (let k = 0; k < m.first; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s || k === animalAt) continue;
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'boy' || t.word === 'girl' || t.word === 'someone') return false;
  }
  return true;
}

/**
 * Session 37fa: the child is the one chasing ("i had to chase him across the field", "i was in my towel chasing him"): a
 * chasing phrase of someone-outside whose one chased is not the child (him, her, them; not me, us) stands down when "i"
 * or "we" comes before it in its clause (back to a clause opener) and no one else is named between. "hes chasing me"
 * and "i think hes chasing her" keep it.
 */
function childChases(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside' || !(tokens[m.first]?.word ?? '').startsWith('chas')) return false;
  for (let j = m.first + 1; j <= m.last; j += 1) if (tokens[j]?.word === 'me' || tokens[j]?.word === 'us') return false;
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s || CLAUSE_OPENERS.has(t.word)) return false;
    if (otherActor(t) || t.sets.includes('{person}')) return false;
    if (CHILD_ACTS.has(t.word)) return true;
  }
  return false;
}


const HABIT = wordList('habit');

/**
 * Session 29: "hides in" with a word of habit in its sentence is what someone (often a pet) does, not a person
 * hiding near the child now: "my nan said she will find the dog, he always hides in the shed". Only the third
 * person's "hides": "im hiding in the toilets", "he hid in my garden", "hes hiding in the bushes" are unchanged.
 */
function habitualHiding(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside' || tokens[m.first]?.word !== 'hides') return false;
  const s = tokens[m.first]?.sentence;
  return tokens.some((t) => t.sentence === s && HABIT.has(t.word));
}

const TOLD_CONTACT = wordList('told_contact');
const CONTACT_STEMS = wordList('contact_stems');
const CONTACTED = wordList('contacted');
const CONTACT_WANTED = wordList('contact_wanted');

function contactTold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.move-app' || tokens[m.first]?.quoted) return false;
  let at = -1;
  for (let k = m.first; k <= m.last; k += 1) if (tokens[k]?.keys.some((x) => CONTACT_STEMS.has(x))) { at = k; break; }
  if (at < 0) return false;
  // "dm'd me": the "'d" is read as "would"; its span is the two letters of the ending.
  const next = tokens[at + 1];
  const past = next?.word === 'would' && next.end - next.start <= 2;
  if (!TOLD_CONTACT.has(tokens[at]?.word ?? '') && !past) return false;
  // Only a person messaged ("messaging ME on insta"), not messages as a thing ("turn on disappearing messages").
  if (!CONTACTED.has(tokens[at + (past ? 2 : 1)]?.word ?? '')) return false;
  const s = tokens[at]?.sentence;
  for (let k = at - 1; k >= Math.max(0, at - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    // "he keeps messaging me" is what he does; "he said keep messaging me on snap" is asked.
    if (t.word === 'keep' && tokens[k - 1]?.word !== undefined && ['he', 'she', 'they', 'i', 'guy', 'man', 'person', 'someone', 'who'].includes(tokens[k - 1]?.word ?? '')) continue;
    if (CONTACT_WANTED.has(t.word)) return false;
  }
  return true;
}

/**
 * Session 26b: money-request for an occasion stands down (as gifts-grooming does, `giftForOccasion`) only when a
 * relative is named in the sentence and nobody else: no partner, stranger, he, him, they, them, nor an online word
 * ("auntie sara sent me a £25 google play card for my birthday", "asked for vbucks for my bday and my nan got
 * them"); "he said send me £20 for my birthday" still fires.
 */
function familyGives(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  let kin = false;
  for (const t of tokens) {
    if (t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || ['he', 'him', 'they', 'them'].includes(t.word) || ONLINE.has(t.word)) return false;
    if (FEMALE.has(t.word) || MALE.has(t.word)) kin = true;
  }
  return kin;
}

/**
 * Session 25: a present for an occasion ("he sent me some vbucks FOR MY BIRTHDAY", "400 robux FOR EID", "for my
 * name day", "she sends me robux WHEN I DO WELL at skl") is a present, not grooming: gifts-grooming stands down
 * when the sentence names an occasion (set `occasion`) after "for", "on" or "when", and the message names no
 * secret, keeping quiet, fear, flattery, body, nudity or picture, nor "no reason" ("400 robux for no reason").
 */
const OCCASION_VETO = ['{hush}', '{secret}', '{afraid}', '{flatter}', '{nudestrong}', '{bodypart}', '{image}', '{undress}', '{menace}'];
const OCCASION_BEFORE = wordList('occasion_before');

function giftForOccasion(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming' && !(rule.id === 'lex:financial.money-request' && familyGives(tokens, m))) return false;
  const s = tokens[m.first]?.sentence;
  let occasion = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OCCASION_VETO.some((v) => t.sets.includes(v)) || (t.word === 'reason' && tokens[i - 1]?.word === 'no')) return false;
    if (t.sentence !== s || !t.sets.includes('{occasion}')) continue;
    // "for MY birthday", "for eid", "on her name day", "when i do well at school"
    for (let k = i - 1; k >= Math.max(0, i - 4); k -= 1) if (OCCASION_BEFORE.has(tokens[k]?.word ?? '') && tokens[k]?.sentence === s) occasion = true;
  }
  return occasion;
}

/**
 * Session 25: the child sharing a picture of their own ("my pet lizard shed his skin!! SENDING U A PIC", "made
 * pancakes, SENDING PIC TO NAN", "we got a new puppy!! sending u a pic of her asleep"): an image-request phrase
 * that opens with "sending" (the child's own doing, not "send me", "he keeps sending") followed by "you"/"u", or
 * by a picture "to" a trusted person, with nobody else named before it in the message and nothing of nudity,
 * body, undressing, secrets or menace anywhere. "he keeps sending me pics" and "sending u a pic of me in bed" fire.
 */
const OWN_SHARE_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{menace}', '{clothes}', '{money}'];

function ownPictureShared(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request' || tokens[m.first]?.word !== 'sending' || tokens[m.first]?.quoted) return false;
  const s = tokens[m.first]?.sentence;
  for (let k = 0; k < m.first; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || CHILD_SUBJECTS.has(t.word)) return false;
  }
  for (const t of tokens) if (OWN_SHARE_VETO.some((v) => t.sets.includes(v))) return false;
  const next = tokens[m.first + 1]?.word ?? '';
  if (next === 'you' || next === 'u') {
    for (let i = m.first + 1; i < tokens.length && tokens[i]?.sentence === s; i += 1) if (['me', 'myself', 'yourself'].includes(tokens[i]?.word ?? '')) return false;
    return true;
  }
  for (let i = m.first + 1; i <= m.first + 4 && tokens[i]?.sentence === s; i += 1) {
    if (tokens[i]?.word === 'to') return (tokens[i + 1]?.sets.includes('{family}') ?? false) || (tokens[i + 2]?.sets.includes('{family}') ?? false) || (tokens[i + 1]?.sets.includes('{peers}') ?? false) || (tokens[i + 2]?.sets.includes('{peers}') ?? false);
  }
  return false;
}

const PICKING = wordList('picking');
const LIFT_VETO = ['{hush}', '{secret}', '{afraid}', '{app}', '{adultcue}'];

function liftFromFamily(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.meet-request' && rule.id !== 'lex:meet_or_secrecy.meet-up') return false;
  let picking = false;
  for (let i = m.first; i <= m.last; i += 1) if (PICKING.has(tokens[i]?.word ?? '')) picking = true;
  if (!picking) return false;
  const s = tokens[m.first]?.sentence;
  let kin = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined) continue;
    if (LIFT_VETO.some((v) => t.sets.includes(v)) || t.word === 'tell') return false;
    if (t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || isOnlineWord(t)) return false;
    // "HE wants to pick me up…, my mum is at work": a he or she before the phrase must follow a relative.
    if (k < m.first && CHILD_SUBJECTS.has(t.word) && !kin) return false;
    if ((t.sets.includes('{family}') || t.sets.includes('{homefolk}')) && !metOnline(tokens, k)) kin = true;
  }
  return kin;
}

const CALL_WORDS = wordList('call_words');
const CALL_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{menace}', '{clothes}', '{flatter}'];

function callWithFamily(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  let call = false;
  for (let i = m.first; i <= m.last; i += 1) if (CALL_WORDS.has(tokens[i]?.word ?? '')) call = true;
  if (!call) return false;
  const s = tokens[m.first]?.sentence;
  let kin = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined) continue;
    if (CALL_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word)) return false;
    if (t.word !== 'with') continue;
    const j = POSSESSIVES.has(tokens[k + 1]?.word ?? '') ? k + 2 : k + 1;
    const who = tokens[j];
    if (who !== undefined && who.sentence === s && who.keys.some((key) => TRUSTED_SETS.has(key)) && !metOnline(tokens, j)) kin = true;
  }
  return kin;
}

const FAMILY_CHAT = wordList('family_chat');
const FAMILY_AUDIENCE_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{money}', '{hush}'];
const WIDER_AUDIENCE = wordList('wider_audience');

function familyAudience(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images') return false;
  const s = tokens[m.first]?.sentence;
  let family = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined) continue;
    if (FAMILY_AUDIENCE_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || WIDER_AUDIENCE.has(t.word)) return false;
    if (t.word === 'family' && (FAMILY_CHAT.has(tokens[k + 1]?.word ?? '') || FAMILY_CHAT.has(tokens[k + 2]?.word ?? ''))) family = true;
  }
  // The one posting is one of the family, named before the phrase ("BRO said…", "GRANDAD took…", "my SISTER…"):
  // a stranger's "he'll send it to your family group chat" is the sextortion threat itself.
  let kin = false;
  for (let k = 0; k < m.first; k += 1) {
    const t = tokens[k];
    if (t !== undefined && t.sentence === s && t.word !== 'family' && (t.sets.includes('{family}') || t.sets.includes('{sibling}')) && !metOnline(tokens, k)) kin = true;
  }
  return family && kin;
}

/** Session 26: the rules of someone else's suicide threat used as pressure (threat and keeping in contact). */
const PRESSURE_RULES = new Set(['lex:threat_blackmail.suicide-pressure', 'lex:meet_or_secrecy.suicide-pressure', 'lex:threat_blackmail.suicide-pressure-told']);

const KIN_HE = wordList('kin_he');
const KIN_SHE = wordList('kin_she');

/**
 * Session 27 (`threat_blackmail.suicide-pressure-told`): told in the third person, "he will kill himself if she blocks
 * him" is his pressure on her unless the message names, before it, the speaker's own son, brother or friend ("my son
 * is 15 and his girlfriend broke up with him, he says he will kill himself if she leaves him"): then "he" is the one
 * the speaker fears for, and the self-harm reading stands. `herself` looks for a daughter, sister or friend. A boy or
 * man met online ("her online boyfriend") is not theirs.
 */
function pressureOfKin(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.suicide-pressure-told') return false;
  let kin: ReadonlySet<string> | undefined;
  for (let j = m.first; j <= m.last; j += 1) {
    const w = tokens[j]?.word;
    if (w === 'himself') kin = KIN_HE;
    if (w === 'herself') kin = KIN_SHE;
  }
  if (kin === undefined) return false;
  for (let k = 1; k < m.first; k += 1) if (kin.has(tokens[k]?.word ?? '') && SPEAKER_OWNS.has(tokens[k - 1]?.word ?? '') && !metOnline(tokens, k)) return true;
  return false;
}

const PRESSURE_SPEECH = wordList('pressure_speech');

/**
 * Session 26 (tester's report, problem 5): "ill kill myself if u tell anyone" is his words only when
 * quoted or told as his ("he said ill kill myself if u block me"); the child's own "ill kill myself if
 * you tell my mum" to Harbour is the child's risk. Phrases with "himself", "herself", "themselves"
 * name the other one already.
 */
function pressureNotTheirs(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!PRESSURE_RULES.has(rule.id) || tokens[m.first]?.quoted) return false;
  let mine = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word === 'myself') mine = true;
  if (!mine) return false;
  const s = tokens[m.first]?.sentence;
  for (let j = m.first - 1; j > 0; j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) break;
    if (PRESSURE_SPEECH.has(t.word) && CHILD_SUBJECTS.has(tokens[j - 1]?.word ?? '')) return false;
  }
  return true;
}

const PRETEXTERS = wordList('pretexters');
/** Session 42faT: whose email is asked as a detail ("MY email", "your email"), not the channel ("AN email"). */
const EMAIL_OWNERS: ReadonlySet<string> = new Set(['my', 'your', 'ur', 'his', 'her', 'their']);

function paperworkAsked(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.asks-details') return false;
  const s = tokens[m.first]?.sentence;
  let paper = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (t.sentence !== s) continue;
    // (A "boss" is a game's only in a game: here it is the one at work.)
    // (Session 42faT: an email asked as a detail, "my teachers email", "your email", is no channel: "an email".)
    const before = t.word === 'email' ? (tokens[i - 1]?.word ?? '') : '';
    const detailEmail = EMAIL_OWNERS.has(before) || (before.length > 3 && before.endsWith('s') && !ONLINE.has(before));
    if ((ONLINE.has(t.word) && !t.sets.includes('{paperwork}') && !detailEmail) || t.sets.includes('{app}') || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word) && t.word !== 'boss') || PRETEXTERS.has(t.word)) return false;
    if (t.sets.includes('{paperwork}')) paper = true;
  }
  return paper;
}

const LAUGH_WORDS = wordList('laugh_words');
const LAUGH_EMOJI = /\u{1F602}|\u{1F923}/u;
const LAUGH_VETO = ['{image}', '{money}', '{nudestrong}', '{undress}', '{bodypart}', '{hush}', '{secret}', '{afraid}', '{earnest}', '{knownadult}', '{pills}', '{means}'];
const LAUGH_VETO_WORDS = wordList('laugh_veto_words');

/**
 * Session 26: a conditional threat laughed off in the same message ("the robber in the game said
 * 'give me ur money or else' 😂", "he said smash that like button or else lol", "if i dont reply in
 * 10 mins it means im in the shower lol"): a laugh (lol, lmao, haha, 😂, 🤣) and nothing of pictures,
 * nudity, money, secrets, keeping quiet, fear, meaning it, a known adult, means, or where the child lives or
 * goes to school. "he said send more pics or else lol" and "…or else lol im scared" still count.
 */
function laughedOff(text: string, tokens: readonly Token[], rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  if (!LAUGH_EMOJI.test(text) && !tokens.some((t) => LAUGH_WORDS.has(t.word))) return false;
  return !tokens.some((t) => LAUGH_VETO_WORDS.has(t.word) || LAUGH_VETO.some((v) => t.sets.includes(v)));
}

const GIVERS = wordList('givers');
const GIVING = wordList('giving');
const RECIPIENTS_OUT = wordList('recipients_out');
const NOT_GIVER = wordList('not_giver');

const CONDITION_PAYERS = wordList('condition_payers');

/**
 * Session 33: a money phrase negated only because it is the condition of a threat: "if" or "unless", the one who must
 * pay, then the negator, all within four words before the phrase ("if i dont send 100 quid my mum sees it", "if u
 * dont pay me 50 pounds…"). The caller keeps it only when the message has a threat: then the money is demanded.
 */
function paymentCondition(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 4); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'if' || t.word === 'unless') return CONDITION_PAYERS.has(tokens[k + 1]?.word ?? '');
  }
  return false;
}

/**
 * Session 26 (tester's report, problem 14): money or presents going OUT. A gift phrase whose one
 * given to is him, her or them in a message with a word of extortion (set `extort`: "hes being
 * sextorted … he sent them 2 gift cards already"), or whose giver is the child ("if i send £20 to him
 * he'll double it"), is a payment, not a grooming present; `financial.paid-out` reads it. And
 * `financial.paid-out` itself is read only with such a word (see `detect`: "i paid them back").
 */
function giftPaidOut(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming' || !GIVING.has(tokens[m.first]?.word ?? '')) return false;
  const s = tokens[m.first]?.sentence;
  for (let j = m.first - 1; j >= Math.max(0, m.first - 3); j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s || NOT_GIVER.has(t.word)) break;
    if (GIVERS.has(t.word)) return true;
  }
  // The one given to, right after the verb ("sent THEM 2 gift cards") or after "to" in the phrase.
  let to = tokens[m.first + 1]?.word ?? '';
  for (let j = m.first + 1; j < m.last; j += 1) if (tokens[j]?.word === 'to') to = tokens[j + 1]?.word ?? '';
  return RECIPIENTS_OUT.has(to) && extorted(tokens);
}

const NUMBER_KINDS = wordList('number_kinds');

/**
 * Session 41faP: a number of a thing, not of the child (s41trainE and D: "the seller sent me her TRACKING number", "the
 * support bot asked for my ORDER number"): asks-details and knows-details stand down when every detail word of the phrase
 * (set `personal`) is "number" or "numbers" right after a word naming what it numbers (`number_kinds`: order, tracking,
 * parcel, reference, booking, ticket…). "he asked for my number", "my phone number", "my house number" still fire.
 */
function numberOfThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!DETAILS_RULES.has(rule.id)) return false;
  let numbers = 0;
  for (let j = m.first; j <= m.last; j += 1) {
    const t = tokens[j];
    if (t === undefined || !t.sets.includes('{personal}')) continue;
    if ((t.word !== 'number' && t.word !== 'numbers') || !NUMBER_KINDS.has(tokens[j - 1]?.word ?? '')) return false;
    numbers += 1;
  }
  return numbers > 0;
}

const TRACKED_THINGS = wordList('tracked_things');

/**
 * Session 41faP: a thing of the child's tracked, not the child (s41trainD and F: "asked for my order number to track my
 * quest delivery", "i use an app for tracking my steps"): knows-details' "tracking my" stands down when one of the next
 * three words is such a thing (`tracked_things`, set `parcel`: order, delivery, parcel, steps, sleep, period…) and none of
 * them is a place or a location. "he keeps tracking my location", "tracking my phone" still fire.
 */
function trackedThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.knows-details' || tokens[m.last]?.word !== 'my' || !(tokens[m.last - 1]?.word ?? '').startsWith('track')) return false;
  const s = tokens[m.last]?.sentence;
  for (let j = m.last + 1; j <= m.last + 3; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) return false;
    if (LOCATION_WORDS.has(t.word) || t.sets.includes('{place}') || t.sets.includes('{personal}')) return false;
    if (TRACKED_THINGS.has(t.word) || t.sets.includes('{parcel}')) return true;
  }
  return false;
}

const LESSON_GIVERS = wordList('lesson_givers');
const LESSON_SAYS = wordList('lesson_says');
const LESSON_DONTS = wordList('lesson_donts');
const LESSON_GIVING = wordList('lesson_giving');

/**
 * Session 41faP: a safety rule retold from a lesson, a teacher, the police or a parent (s41trainC and H: "miss said never
 * tell people online ur address or what school u go to", "our teacher told us dont ever give out your address"): a
 * personal_info phrase stands down when, before it or in it, in its sentence, one of `lesson_givers` (miss, sir, teacher, the
 * police, the assembly, mum…) says (`lesson_says`) "never" or "dont" (`lesson_donts`) with a giving word right after it
 * (`lesson_giving`: tell, give, share, post, put…), the details are the listener's ("your", "you": `second_person`, in
 * the phrase or right after it) and the message names no he or she. "miss said never tell people your address but he
 * keeps asking where i live" fires on the second phrase; "he said never tell anyone your address" is no lesson.
 */
function lessonRetold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'personal_info') return false;
  let yours = false;
  for (let j = m.first; j <= m.last + 1; j += 1) if (SECOND_PERSON.has(tokens[j]?.word ?? '')) yours = true;
  if (!yours) return false;
  const s = tokens[m.first]?.sentence;
  let dont = -1;
  // The "never" may be in the phrase itself ("said never tell anyone online what school").
  for (let j = m.last; j >= 0 && tokens[j]?.sentence === s && dont < 0; j -= 1) {
    if (!LESSON_DONTS.has(tokens[j]?.word ?? '')) continue;
    for (let k = j + 1; k <= j + 3; k += 1) if (LESSON_GIVING.has(tokens[k]?.word ?? '')) dont = j;
  }
  if (dont < 0) return false;
  let said = false;
  for (let j = dont - 1; j >= 0 && tokens[j]?.sentence === s && !said; j -= 1) {
    if (!LESSON_SAYS.has(tokens[j]?.word ?? '')) continue;
    for (let k = j - 1; k >= Math.max(0, j - 3); k -= 1) if (LESSON_GIVERS.has(tokens[k]?.word ?? '')) said = true;
  }
  if (!said) return false;
  return !tokens.some((t) => HE.has(t.word) || SHE.has(t.word));
}

const SALE_WORDS = wordList('sale_words');
const PURCHASE_VERBS = wordList('purchase_verbs');
const SALE_VETO = wordList('sale_veto');
/** What keeps money or a purchase in a sale a grooming present: flattery, secrecy, nudity, the body, a meeting place, being alone, a journey. (posted is menace, and a sold thing is posted.) */
const SALE_VETO_SETS = ['{flatter}', '{hush}', '{secret}', '{nudestrong}', '{undress}', '{bodypart}', '{meetspot}', '{alone}', '{privateplace}', '{journey}'];

/** Session 41faP: whether the word at `j` names a person (a son, "my 14 year old", him), not a thing of the child's. */
function personAt(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j];
  if (t === undefined) return true;
  return /^\d/.test(t.word) || ['{offspring}', '{person}', '{family}', '{peers}', '{friends}', '{victim}'].some((v) => t.sets.includes(v));
}

/**
 * Session 41faP: the child's own thing sold (s41trainE, buying and selling online: "someone on vinted bought my hoodie",
 * "got paid for my airpods through ebay", "the buyer said he would buy from me again", "mum made him give me the money"
 * for a hoodie he sold): a gifts-grooming phrase whose buying, paying or giving verb takes the child's thing ("bought MY
 * hoodie", "paid FOR MY airpods": my and no person after it), the child as the one sold FROM ("buy FROM ME"), or "me the
 * money" (the price owed), stands down in a message that names a sale (`sale_words`: sold, buyer, vinted, ebay…) and
 * nothing else a present to a child has: no flattery, secrecy, nudity, the body, a meeting place, being alone or a
 * journey paid, no "free", "extra", "gift", "present", "tip" or "reason" (`sale_veto`). "the man who bought my lego keeps
 * sending me vouchers" (another phrase), "he bought my daughter clothes", "a buyer paid for my train to bring the dress"
 * and "the buyer gave me £50 extra for being sweet" still fire.
 */
function saleNotGift(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming') return false;
  let verb = -1;
  for (let j = m.first; j <= m.last && verb < 0; j += 1) if (PURCHASE_VERBS.has(tokens[j]?.word ?? '')) verb = j;
  if (verb < 0) return false;
  const next = tokens[verb + 1]?.word ?? '';
  const after = tokens[verb + 2]?.word ?? '';
  const childsThing =
    (next === 'my' && !personAt(tokens, verb + 2)) ||
    (next === 'for' && after === 'my' && !personAt(tokens, verb + 3)) ||
    (next === 'from' && after === 'me') ||
    (next === 'me' && after === 'the' && (tokens[verb + 3]?.sets.includes('{money}') ?? false));
  if (!childsThing) return false;
  let sale = false;
  for (const t of tokens) {
    if (SALE_VETO.has(t.word) || SALE_VETO_SETS.some((v) => t.sets.includes(v))) return false;
    if (SALE_WORDS.has(t.word)) sale = true;
  }
  return sale;
}

const OUTSIDE_UNNAMED: ReadonlySet<string> = new Set(['he', 'hes', 'she', 'shes', 'someone', 'someones', 'somebody', 'they', 'theyre']);
const REVEAL_LEADS: ReadonlySet<string> = new Set(['its', 'thats', 'just', 'only']);
const REVEAL_FOLLOWERS: ReadonlySet<string> = new Set(['from', 'came', 'come', 'comes', 'for', 'we', 'lol', 'haha', 'lmao', 'with', 'who']);
const OUTSIDE_REVEAL_VETO: ReadonlySet<string> = new Set(['scared', 'scary', 'creepy', 'creep', 'weird', 'stranger', 'followed', 'following', 'follows', 'watching', 'staring', 'again', 'ex', 'help', 'alone', 'police', '999', 'unknown', 'random']);

/**
 * Session 45faX: someone outside or here, unnamed in the phrase ("HES outside", "SHES here"), then named as the child's
 * own ("hes outside my house rn... its my best mate", "he is outside. my taxi driver for school", "hes here! my uncle
 * came all the way from scotland", "… cos he needs a wee my brother"): someone-outside stands down when, after the
 * phrase, the first person named is the child's family, friend or staff (`family`, `friends`, `peers`, `services`),
 * within two words after "my" or "our", and that "my" comes after "its", "thats", "just" or "only", or opens a sentence
 * with the person word then ending the message or followed by from, came, for, with, lol… (not "my mum IS at work",
 * "its NOT my mum"). Never with a word of fear, being followed or watched, a stranger, an ex, being alone, help, the
 * police, pictures, keeping quiet, or anything online in the message ("hes outside and if i dont come out hell give
 * the pic to my dad"). `revealed` reads the same reveal after but, oh, nvm….
 */
function namedAfterOutside(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== SOMEONE_OUTSIDE) return false;
  const subject = tokens[m.first]?.word ?? '';
  if (!OUTSIDE_UNNAMED.has(subject) && !OUTSIDE_UNNAMED.has(tokens[m.first - 1]?.word ?? '')) return false;
  for (const t of tokens) if (OUTSIDE_REVEAL_VETO.has(t.word) || isOnlineWord(t) || t.sets.includes('{afraid}') || t.sets.includes('{app}') || t.sets.includes('{image}') || t.sets.includes('{hush}')) return false;
  for (let j = m.last + 1; j < tokens.length; j += 1) {
    const t = tokens[j] as Token;
    if (OTHER_PERSON.has(t.word)) return false;
    if (t.word !== 'my' && t.word !== 'our') continue;
    let k = -1;
    for (let q = j + 1; q <= j + 2 && q < tokens.length; q += 1) if (['{family}', '{friends}', '{peers}', '{services}'].some((v) => tokens[q]?.sets.includes(v))) { k = q; break; }
    if (k < 0) continue;
    if (REVEAL_LEADS.has(tokens[j - 1]?.word ?? '')) return true;
    const opens = tokens[j - 1] === undefined || tokens[j - 1]?.sentence !== t.sentence;
    const after = tokens[k + 1];
    const ends = after === undefined || after.sentence !== tokens[k]?.sentence || REVEAL_FOLLOWERS.has(after.word) || (k + 1 < tokens.length && ['{family}', '{friends}', '{peers}', '{services}'].some((v) => after.sets.includes(v)));
    return opens && ends;
  }
  return false;
}

/** Session 45faX: the rules a sale's own dealings set off (see saleDealt). */
const SALE_DEALT_RULES = new Set(['lex:financial.money-request', 'lex:personal_info.asks-details', 'lex:meet_or_secrecy.gifts-grooming']);
const SALE_DEALT_VETO: ReadonlySet<string> = new Set(['link', 'links', 'click', 'clicked', 'code', 'verify', 'upfront', 'fee', 'deposit', 'pic', 'pics', 'picture', 'pictures', 'photo', 'photos', 'video', 'videos', 'snap', 'snapchat', 'whatsapp', 'meet', 'bus', 'school', 'home', 'age', 'alone', 'route', 'live', 'lives']);

/**
 * Session 45faX: the dealings of a sale told before them (the held-out and tuning halves, many writers: "i sold my old
 * trainers on vinted and the buyer wanted my paypal email", "sold my old air forces to a lad in year 11, he gave me cash at
 * lunch", "the lady that sells slime online asked for our address to post it", "my cousin sells her old clothes on depop
 * and makes like £100 a month"): money-request, asks-details and gifts-grooming stand down when a word of `sale_words`
 * comes before the phrase in the message and nothing else a scam or grooming has: no word of `sale_veto` (free, gift,
 * extra, tip…) nor of SALE_VETO_SETS (flattery, secrecy, nudity, the body, a meeting place, being alone, a journey), no
 * asking that goes on (`persist`), no threat (`menace`), and no link, code, fee, picture, app move or meeting
 * (SALE_DEALT_VETO), and nothing asked that a sale does not need: the bus, school, home, age, being alone or where the
 * child lives ("a buyer on marketplace asked my daughter which bus she gets home"). "i sold my hoodie on vinted and the
 * buyer keeps asking for my snap" keeps it.
 */
function saleDealt(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SALE_DEALT_RULES.has(rule.id)) return false;
  let sale = false;
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j] as Token;
    if (SALE_VETO.has(t.word) || SALE_DEALT_VETO.has(t.word) || SALE_VETO_SETS.some((v) => t.sets.includes(v))) return false;
    if (t.sets.includes('{persist}') || t.sets.includes('{menace}') || t.sets.includes('{image}')) return false;
    if (j < m.first && SALE_WORDS.has(t.word)) sale = true;
  }
  return sale;
}

/** Session 34: a word of the child's family or friends (sets `family`, `peers`) before a phrase in its sentence. */
function ownPeopleBefore(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  for (let j = m.first - 1; j >= 0; j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) break;
    if (t.sets.includes('{family}') || t.sets.includes('{peers}')) return true;
  }
  return false;
}

const OFFER_WORDS = wordList('offer_words');
const GIVEN_WORDS = wordList('given_words');
const CHILD_GIVERS = wordList('child_givers');
const GIFT_CODES = wordList('gift_codes');
const CHILDS_OWN = wordList('childs_own');

/** Whether the word at `j` is the child's or the family's own (one of CHILDS_OWN in the two words before). */
function ownedByChild(tokens: readonly Token[], j: number): boolean {
  return CHILDS_OWN.has(tokens[j - 1]?.word ?? '') || CHILDS_OWN.has(tokens[j - 2]?.word ?? '');
}

/**
 * Session 34: a present offered for a login, a card or bank details ("he said hell give me free robux if i give him my
 * password", "someone said theyd double my robux if i send my password") is the bait of a scam, financial only, not a
 * grooming gift: the gifts phrase stands down when its sentence names a login (set `login`, not "codes", which can be the
 * present) or the child's or family's card or account (set `purse` after "my", "ur", "mums"…) and offers
 * the present on a condition or for later, with no present already given by him ("he SENT me vbucks and then asked for my
 * dads card": grooming and financial both, the labelling rule of session 34).
 */
function giftAsBait(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming') return false;
  const s = tokens[m.first]?.sentence;
  let asked = false;
  let offer = false;
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s) continue;
    if ((t.sets.includes('{login}') && !GIFT_CODES.has(t.word)) || (t.sets.includes('{purse}') && ownedByChild(tokens, j))) asked = true;
    if (OFFER_WORDS.has(t.word)) offer = true;
    if (GIVEN_WORDS.has(t.word) && !CHILD_GIVERS.has(tokens[j - 1]?.word ?? '')) return false;
  }
  return asked && offer;
}

function extorted(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.sets.includes('{extort}'));
}

const AI_TOOLS = wordList('ai_tools');
const SOMEONE_PICTURED = wordList('someone_pictured');

/**
 * Session 26 (tester's report, problem 6): what AI apps or ads can do, told as a general worry ("i keep
 * seeing ads for ai apps that make fake nudes. could someone do that with my insta pics?", "can ai
 * apps make fake nudes from normal pics?"): a sexual phrase in a sentence where an app, an ad, a site or a
 * tool is named before it and nobody is pictured (no me, my, her, him… in the sentence) is about the
 * product. "they used an ai app to undress MY photo", "an app made a fake nude OF ME" still count.
 */
function aiToolTalk(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'sexual' && rule.feature !== 'signal.image' && rule.feature !== 'signal.body') return false;
  const s = tokens[m.first]?.sentence;
  let tool = false;
  for (const t of tokens) {
    if (t.sentence !== s) continue;
    if (SOMEONE_PICTURED.has(t.word) || t.quoted || (t.sets.includes('{person}') && !AI_TOOLS.has(t.word))) return false;
    if (t.start < (tokens[m.first]?.start ?? 0) && AI_TOOLS.has(t.word)) tool = true;
  }
  return tool;
}

const SHOW_WORDS = wordList('show_words');

/**
 * Session 27c: "show up" is appearing, not sharing ("will it show up on my history", "it shows up in my search"):
 * a sharing rule or signal whose "show" is followed by "up" stands down. Turning up at a place is its own phrase
 * ("show up at", conditional-threat), which has "up" in it; the signal's "show my" and share-images' "will show my"
 * do not.
 */
function showsUp(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = m.first; j < m.last; j += 1) if (SHOW_WORDS.has(tokens[j]?.word ?? '') && tokens[j + 1]?.word === 'up' && tokens[j + 1] !== tokens[m.last]) return true;
  return false;
}

const SULK_WORDS = wordList('sulk_words');
const SULK_TALK = wordList('sulk_talk');
/** Sets that keep a huff a threat: pictures, nudity, money, violence, menace words of harm, a known adult, sharing. */
const SULK_VETO = ['{image}', '{nudestrong}', '{money}', '{violent}', '{knownadult}', '{share}', '{kill}'];

/**
 * Session 27c: a friend's or a sister's huff ("she says if i tell anyone she'll hate me forever", "he said if i tell
 * he wont be my friend anymore"): conditional-threat, matched on its condition ("if i tell anyone"), stands down when
 * what follows in the sentence is the speaker's feelings or the friendship (`SULK_WORDS`, "speak/talk to me"), and the
 * message names no stranger, boyfriend or girlfriend, nothing online, and nothing of pictures, nudity, money,
 * violence, sharing or a known adult. "if you tell anyone ill post your pics", a man's "if u tell ill hate u" and
 * "now he says he'll tell my abbu i've been talking to a boy" stay threats.
 */
function huffThreat(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  // The phrase must be the condition itself ("if i tell anyone"); "he'll tell my abbu" is the threat.
  if (tokens[m.first]?.word !== 'if' && tokens[m.first]?.word !== 'unless') return false;
  const s = tokens[m.first]?.sentence;
  let sulk = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.quoted || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word)) return false;
    if (SULK_VETO.some((v) => t.sets.includes(v))) return false;
    if (i > m.last && t.sentence === s && (SULK_WORDS.has(t.word) || (SULK_TALK.has(t.word) && tokens[i + 1]?.word === 'to' && tokens[i + 2]?.word === 'me'))) sulk = true;
  }
  return sulk;
}

const FEELING_FILLERS = wordList('feeling_fillers');
const CUTOFF_MODALS = wordList('cutoff_modals');

/**
 * Session 37rc: what he "will" do if the child blocks or leaves is only his own feelings ("if i block him he will probably
 * just cry lol", "shes going to be so upset if i leave"): a word of `sulk_words` within a few fillers (be, so, just,
 * probably) after the rule's will, would or going to; or a favour done for the child, as `foundForYou` reads it for
 * if-you-leave: the verb, the child and then "a", "another" (set `anychild`: "if you leave the team ill find you A new
 * club"). Only for cutoff-threat; a feeling and an act ("he'll be upset and post them") keeps the act's own rule.
 */
function feelingsOnly(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.cutoff-threat') return false;
  for (let i = m.first; i <= m.last; i += 1) {
    if (!CUTOFF_MODALS.has(tokens[i]?.word ?? '')) continue;
    let k = i + 1;
    if (tokens[k]?.word === 'to') k += 1;
    if (tokens[k + 1]?.sets.includes('{youyou}') === true && tokens[k + 2]?.sets.includes('{anychild}') === true) return true;
    while (k < tokens.length && FEELING_FILLERS.has(tokens[k]?.word ?? '')) k += 1;
    return SULK_WORDS.has(tokens[k]?.word ?? '');
  }
  return false;
}

const ANGER_WORDS = wordList('anger_words');
const ANGER_VETO = wordList('anger_veto');

/**
 * Session 27c: the child's fear of their own parent's anger ("my dad will go mad if he finds out", "if my mum finds out
 * she will be so angry"): the classifier alone (0.91) read a threat. A parent or relative (`{homefolk}`, `{kinhe}`,
 * `{kinshe}`) within four words before a word of anger, and the message names no stranger, boyfriend, nothing online,
 * nothing of pictures, nudity or money and no one saying, telling, showing, sending or threatening: the classifier's
 * threat stands down. "he said he will tell my dad", "my dad will go mad if he sees the pics he has" stay threats.
 */
function fearsParentAnger(tokens: readonly Token[]): boolean {
  let anger = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || ANGER_VETO.has(t.word)) return false;
    if (['{image}', '{nudestrong}', '{money}'].some((v) => t.sets.includes(v))) return false;
    if (!ANGER_WORDS.has(t.word)) continue;
    for (let k = i - 1; k >= Math.max(0, i - 4); k -= 1) {
      const w = tokens[k];
      if (w === undefined || w.sentence !== t.sentence) break;
      if (w.sets.includes('{homefolk}') || w.sets.includes('{kinhe}') || w.sets.includes('{kinshe}')) anger = true;
    }
  }
  return anger;
}

/** Session 27c: how many turns back suicidal thoughts or low mood keep a deadline danger now. */
const DEADLINE_RISK_TURNS = 6;
const NEAR_WORDS = wordList('near_words');

/**
 * Session 27c: a deadline given to the child with nothing physical near ("hes given me 1 hour", "she gave me till
 * midnight to pay"): the classifier read 0.91 danger now. With signal `deadline` in the message and no word of
 * someone coming, being outside or away, taken, a weapon, hurt, means, or being alone, and no danger or meeting
 * signal, the classifier's danger now stands down: the deadline is a threat (combo deadline-after-threat), the
 * press-55 line does not fit. "he gave me an hour and said hes coming to my house" keeps its danger, and so does a
 * deadline after suicidal thoughts or low mood in the last six turns ("i want to end it", then "he gave me till 11
 * tonight").
 */
function deadlineOnly(tokens: readonly Token[], hits: readonly Hit[], state: DetectorState): boolean {
  if (!hits.some((h) => h.feature === 'signal.deadline')) return false;
  // Suicidal thoughts or low mood already in the chat: the deadline is the window of that risk, and stays danger now.
  if (state.signals.some((x) => (x.feature === 'any.self_harm' || x.feature === 'signal.low-mood') && state.turn + 1 - x.turn <= DEADLINE_RISK_TURNS)) return false;
  if (hits.some((h) => h.feature === 'signal.coming' || h.feature === 'signal.meet' || h.feature === 'signal.alone' || h.feature === 'signal.means' || h.rule?.category === 'immediate_danger' || h.rule?.category === 'self_harm')) return false;
  return !tokens.some((t) => NEAR_WORDS.has(t.word) || t.sets.includes('{violent}') || t.sets.includes('{entry}') || t.sets.includes('{means}') || t.sets.includes('{pills}'));
}

/** A stand-down test of a matched phrase, and what it stands the phrase down as. */
type StandDownTest = readonly [test: (tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, scope: MessageScope, model: SafetyModel) => boolean, down: StandDown];

/** Session 18: drugs given but refused inside the phrase ("gave me some pills but i didnt take them"). */
function drugsRefused(tokens: readonly Token[], m: PhraseMatch, model: SafetyModel): boolean {
  for (let j = m.first; j < m.last; j += 1) if (model.scope.negators.has(tokens[j]?.keys[0] ?? '') && (tokens[j + 1]?.sets.includes('{taking}') || tokens[j + 2]?.sets.includes('{taking}'))) return true;
  return false;
}

const VOW_YOU = wordList('vow_you');
const VOW_SPEAKERS = wordList('vow_speakers');
const VOW_WILL = wordList('vow_will');

/**
 * Session 35rc: the stranger's own threat, passed on in his words: a condition put to the child ("if you stop playing
 * with us", "if u quit the clan") and then the speaker's vow, "i" or "we" with will or going to, before or at the threat
 * ("…we'll come to your school and batter you", "…imma burn ur house down"). No hypothetical: advice and wondering say
 * "you'll" or "someone", not "i will". Threats only.
 */
function speakerVowsOnCondition(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return vowCondition(tokens, m, rule) >= 0;
}

/** {@link speakerVowsOnCondition}'s "if" (its token index), or -1. */
function vowCondition(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): number {
  if (rule.category !== 'threat_blackmail') return -1;
  const s = tokens[m.first]?.sentence;
  let cond = -1;
  for (let i = m.first - 1; i >= 0 && tokens[i]?.sentence === s; i -= 1) {
    const w = tokens[i]?.word;
    if ((w === 'if' || w === 'unless') && VOW_YOU.has(tokens[i + 1]?.word ?? '')) {
      cond = i;
      break;
    }
  }
  if (cond < 0) return -1;
  for (let i = cond + 2; i <= m.first + 1; i += 1) if (VOW_SPEAKERS.has(tokens[i]?.word ?? '') && VOW_WILL.has(tokens[i + 1]?.word ?? '') && tokens[i]?.sentence === s) return cond;
  return -1;
}

/** Session 38 (clause): the categories a game's play can carry (violence, dying, threats in play); a game is only the
 * channel for pictures, details, meetings and money asked of the child. */
const PLAY_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['immediate_danger', 'threat_blackmail', 'self_harm']);
const AUTHORING = wordList('authoring');

/**
 * The reality of the clauses a span lies in when none of them is real: the weakest frame among them (a game is
 * weaker than a work or a lesson, as it covers fewer categories), or undefined when any clause is real.
 */
function spanReality(tokens: readonly Token[], first: number, last: number): Reality | undefined {
  // Session 39: no word that could frame a clause, every clause real (most messages: no split into clauses).
  if (!mayBeFramed(tokens)) return undefined;
  let reality: Reality | undefined;
  for (let i = first; i <= last; i += 1) {
    const c = clauseAt(tokens, i);
    if (c === undefined || c.reality === 'real' || (!c.whole && i <= c.frameAt)) return undefined;
    if (reality === undefined || c.reality === 'game') reality = c.reality;
  }
  return reality;
}

/**
 * Whether a span read in a frame is still the child's own, by what the message says around it: the child takes the
 * line as theirs ("thats exactly how i feel"), means it, or is distressed; in a game, the child's home, school or
 * pictures named (a threat that leaves the game is real: "in fortnite he said he'd come to my house").
 */
function frameBroken(tokens: readonly Token[], first: number, last: number, reality: Reality, category: Category): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    const c = clauseAt(tokens, i);
    // The child's own words around the frame (the story's own "come alone" is no distress of the child's); a real clause
    // where someone else acts on the child goes on to a disclosure ("…and a man online keeps asking ME for them").
    if (c !== undefined && c.reality !== 'real') continue;
    if (c !== undefined && i === c.first && c.agent === 'other' && namesChild(tokens, c)) return true;
    if (t.sets.includes('{earnest}') || (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word))) return true;
    // Means or pills named beside a story's self-harm; a game's bridge or knife is the game's.
    if (reality !== 'game' && category === 'self_harm' && (t.sets.includes('{means}') || t.sets.includes('{pills}'))) return true;
    if (!t.quoted && (i < first || i > last) && OWNS_THE_LINE.has(t.word) && !FIRST_PERSON.has(t.word) && reality !== 'game') return true;
    if (reality === 'game' && (t.sets.includes('{realworld}') || t.sets.includes('{image}') || t.sets.includes('{nude}') || t.word === 'irl')) return true;
  }
  // The child's own self, outside any quotation, after the frame word and up to the span's end ("if i have to listen to this
  // song one more time IM walking into the sea" is the child's act; "we learned about it and i want to die" is two
  // clauses; "my character has to say…" is the play's): not a story's. In a game only "myself" is the child's own
  // self-harm ("i blew up the bridge in the game" is play). A story the child wrote or made is the child's own for
  // self-harm ("i wrote a poem about wanting to die").
  const clause = clauseAt(tokens, first);
  const from = clause === undefined ? first : Math.max(clause.first, clause.frameAt + 1);
  for (let i = Math.min(from, first); i <= last; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.quoted || !FIRST_PERSON.has(t.word)) continue;
    if (t.word === 'my' && (WORK_FRAMES.has(tokens[i + 1]?.word ?? '') || GAME_AGENTS.has(tokens[i + 1]?.word ?? ''))) continue;
    if (reality !== 'game' || (category === 'self_harm' && t.word === 'myself')) return true;
  }
  if (category === 'self_harm' && clause !== undefined && clause.agent === 'child') {
    for (let i = clause.first; i <= clause.last; i += 1) if (AUTHORING.has(tokens[i]?.word ?? '')) return true;
  }
  return false;
}

const PEER_HEADS = wordList('peer_heads');

/**
 * Session 38 (clause): a threat or hurt by a peer or someone the child knows, told as over ("ages ago a girl in my class
 * threatened to…", "this boy used to threaten to beat me up in year 7, he left"): the phrase's clause is over (ago, used
 * to) and its one acting is the child, someone known, or a girl, boy or kid (not a man, a stranger or anyone from online,
 * and no online place in the message); nothing reopens it ("still", a word of `repeated`, or "now" said of someone else), and no
 * pictures or nudity (a threat over pictures is never simply over). Self-harm keeps its own toldAsOver.
 */
function overAndDone(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'threat_blackmail') return false;
  const c = clauseAt(tokens, m.first);
  if (c === undefined || c.time !== 'over' || c.reality !== 'real') return false;
  let peer = c.agent === 'known';
  for (let k = c.first; k <= Math.min(c.last, c.first + 5) && !peer; k += 1) if (PEER_HEADS.has(tokens[k]?.word ?? '')) peer = true;
  if (!peer) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (i >= m.first && i <= m.last) continue;
    const reopens = t.word === 'still' || (t.word === 'now' && clauseAt(tokens, i)?.agent === 'other');
    if (reopens || REPEATED.has(t.word) || t.sets.includes('{image}') || t.sets.includes('{nude}') || ONLINE_PLACE.has(t.word) || t.sets.includes('{app}')) return false;
  }
  return true;
}

/** Whether one of the classifier's evidence words lies in a framed clause that holds for its category. */
function inFrame(tokens: readonly Token[], t: Token | undefined, category: Category): boolean {
  const i = t === undefined ? -1 : tokens.indexOf(t);
  if (i < 0) return false;
  const reality = spanReality(tokens, i, i);
  if (reality === undefined || (reality === 'game' && !PLAY_CATEGORIES.has(category))) return false;
  return !frameBroken(tokens, i, i, reality, category);
}

/**
 * Session 38 (clause): a phrase said inside a book, film, song, play, a game's play or a lesson, by the reading of
 * {@link readClauses}: "theres a line in the book where he says "keep this secret or youll regret it"", "the final
 * boss is hiding in the basement", "we learned what to do if someone is choking". One test for every family of such
 * wording, with the exceptions a safeguarding lead keeps: a game frames play only (danger, threats, self-harm; never
 * pictures, details, meetings or money asked through it), and never what leaves the game (home, school, pictures); the
 * stranger saying it was a game or a joke is his framing, not fiction (a reported clause is read as real); the child
 * taking the line as their own, meaning it or distressed keeps it.
 */
function toldInFiction(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  const category = rule.category;
  if (category === undefined) return false;
  const reality = spanReality(tokens, m.first, m.last);
  if (reality === undefined || (reality === 'game' && !PLAY_CATEGORIES.has(category))) return false;
  return !frameBroken(tokens, m.first, m.last, reality, category);
}

/** Session 42faT: the categories a story, a roleplay or a game's lore can carry as told (meetings, secrets, details, money). */
const STORY_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['meet_or_secrecy', 'personal_info', 'financial']);
const STORY_FRAMES = wordList('story_frames');
const STORY_OWN = wordList('story_own');
const STORY_REAL = wordList('story_real');
const STORY_MET = wordList('story_met');

/**
 * Session 42faT: a meeting, a secret, a detail or money told of inside a story, fan fiction, a roleplay or a game's lore
 * (s42trainB: "in the story she sneaks out of the castle to meet the rebel leader", "the villain in my story sends the
 * hero a photo of her house", "my oc's enemy knows where her hideout is", "the npc merchant wants 200 coins"): a
 * meet_or_secrecy, personal_info or financial phrase stands down when its sentence names such a frame (`story_frames`,
 * at or before the phrase's end) and nobody real in it: no word of the child or the child's group outside quotation
 * marks (`story_own`: i, me, my, we, our…) except as the owner of the story's thing ("MY character", "OUR campaign",
 * "my game lore"), and no word of being online or real (`story_real`, `online`, an app). Session 38's toldInFiction
 * reads works and a game's play; a game's creature acting there is play, which never carries these categories.
 * "in the rp he asked where i live", "my character's bf asked for my snap irl" still fire.
 */
function toldInStory(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category === undefined || !STORY_CATEGORIES.has(rule.category)) return false;
  const s = tokens[m.first]?.sentence;
  let frame = false;
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j] as Token;
    if (t.sentence !== s) continue;
    if (STORY_REAL.has(t.word) || ONLINE.has(t.word) || t.sets.includes('{app}')) return false;
    // Out of the story: "REAL robux", "in real life" (a quoted "your real name" is the story's); "the story GUY", "my rp
    // PARTNER" is a person met through it.
    if (!t.quoted && t.word === 'real') return false;
    if (STORY_FRAMES.has(t.word) && (OTHER_PERSON.has(tokens[j + 1]?.word ?? '') || STORY_MET.has(tokens[j + 1]?.word ?? ''))) return false;
    // The frame is the child's telling (not quoted: "he said "this story only works if it stays between us"").
    if (j <= m.last && !t.quoted && STORY_FRAMES.has(t.word)) frame = true;
    if (t.quoted || !STORY_OWN.has(t.word)) continue;
    // The owner of the story's thing: "my character", "our dnd campaign", "my oc's enemy".
    let owner = false;
    for (let k = j + 1; k <= j + 2; k += 1) if (STORY_FRAMES.has(tokens[k]?.word ?? '')) owner = true;
    if (!owner) return false;
  }
  return frame;
}

const STORY_MAKING: ReadonlySet<string> = new Set(['write', 'writes', 'wrote', 'writing', 'written', 'draw', 'draws', 'drew', 'drawing', 'made', 'make', 'making', 'create', 'created', 'creating', 'play', 'played', 'playing', 'read', 'reading', 'imagine', 'like', 'love', 'know', 'think']);
const STORY_ONLY_VETO = ['{hush}', '{secret}', '{image}', '{nudestrong}', '{undress}', '{means}', '{pills}'];

/**
 * Session 45faX: the classifier alone, below `SURE_SCORE`, on a story the child writes, plays or is told about, with
 * nobody real in it (s42trainB: "my friend says my fic is too sad because everyone dies at the end", "i keep writing
 * stories where the heroine gets lost in the woods", "i wrote a character who wanted to die and then found a reason to
 * keep going, my teacher said it was powerful"): a word of `story_frames` outside quotation marks (not "my rp PARTNER"),
 * and every word of the child or the child's group (`story_own`) either the owner of the story's thing ("MY fic", "OUR
 * campaign"), a friend or family member's ("MY friend says…", "MY teacher"), or "i"/"we" making, playing or liking
 * within three words ("i WROTE", "i keep WRITING"). Never with a word of being online or real, of the child taking the
 * line as their own (`owns_the_line`: feel, relate, same…), keeping quiet, secrets, pictures, nudity, undressing,
 * means or pills, nor with he, she or another person named before the story ("he keeps replying to my story"), nor a
 * "multi story" car park. A lexicon phrase still fires ("im writing a story and i want to die").
 */
function storyToldOnly(tokens: readonly Token[]): boolean {
  let frame = false;
  for (let j = 0; j < tokens.length; j += 1) {
    const t = tokens[j] as Token;
    if (t.quoted) continue;
    const w = t.word;
    if (STORY_REAL.has(w) || ONLINE.has(w) || w === 'real' || t.sets.includes('{app}') || (OWNS_THE_LINE.has(w) && w !== 'me') || STORY_ONLY_VETO.some((v) => t.sets.includes(v))) return false;
    // Someone other than the child before any story is named is real ("HE keeps replying to my story"), and a "multi
    // story" car park is a building.
    if (!frame && (HE.has(w) || SHE.has(w) || OTHER_PERSON.has(w))) return false;
    if (STORY_FRAMES.has(w) && tokens[j - 1]?.word !== 'multi') {
      const next = tokens[j + 1]?.word ?? '';
      if (OTHER_PERSON.has(next) || STORY_MET.has(next)) return false;
      frame = true;
    }
    if (!STORY_OWN.has(w) && w !== 'me') continue;
    let ok = false;
    for (let k = j + 1; k <= j + 2; k += 1) if (STORY_FRAMES.has(tokens[k]?.word ?? '')) ok = true;
    if ((w === 'my' || w === 'our') && (tokens[j + 1]?.sets.some((x) => x === '{family}' || x === '{friends}' || x === '{peers}') ?? false)) ok = true;
    if (w === 'i' || w === 'we' || w === 'im' || w === 'ive') for (let k = j + 1; k <= j + 3 && k < tokens.length; k += 1) if (STORY_MAKING.has(tokens[k]?.word ?? '')) ok = true;
    if (!ok) return false;
  }
  return frame;
}

const WARNING_GIVERS = wordList('warning_givers');
const WARNING_ANYONE = wordList('warning_anyone');
const WARNING_ASKS: ReadonlySet<string> = new Set(['asks', 'ask', 'asked', 'tells', 'tell', 'told', 'wants', 'offers', 'offered', 'tries', 'try', 'says', 'messages', 'pressures', 'pressure']);
const TALK_WORDS = wordList('talk_words');
const TALK_ABOUT = wordList('talk_about');
const TALK_ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'this', 'that', 'our', 'their', 'another']);

/**
 * Session 42faT: a warning retold from a lesson, a talk or an adult who teaches (s42trainA, D, E: "the police officer who
 * came to school said if someone ever asks you to keep a secret from your parents thats a warning sign", "the youth
 * worker said if anyone asks you to keep secrets from your parents online you should tell someone", "we had a talk at
 * cadets about money mules", "they did a session on online job scams and what a money mule is"): a meet_or_secrecy,
 * personal_info or financial phrase stands down in its sentence when either
 * - someone who teaches (`warning_givers`: a teacher, the police, a youth worker, a leader…) says (`lesson_says`) "if"
 *   anyone at all (`warning_anyone`, "ever" may stand between) before the phrase, the listener is "you" between that
 *   "if" and the phrase's end, and no word of the child (i, me, my) nor a he or she stands there; or
 * - a talk, session or lesson (`talk_words`) is about it (`talk_about`: about, on, what) at most eight words before the
 *   phrase, and no word of the child, he or she lies between that word and the phrase's end.
 * (lessonRetold reads a "never tell…" rule retold for personal details.) "miss said if anyone asks you to keep secrets
 * tell her, and a man on snap told me to keep our chats secret" still fires on the second phrase.
 */
function warningRetold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category === undefined || !STORY_CATEGORIES.has(rule.category)) return false;
  const s = tokens[m.first]?.sentence;
  const clear = (from: number): boolean => {
    for (let j = from; j <= m.last; j += 1) {
      const w = tokens[j]?.word ?? '';
      if (FIRST_PERSON.has(w) || HE.has(w) || SHE.has(w) || OTHER_PERSON.has(w) || tokens[j]?.sets.includes('{app}') === true) return false;
    }
    return true;
  };
  // A talk about it ("a TALK", not "he wants to talk about…"; nobody he or she earlier in the sentence: "he said we could
  // have a talk about meeting up").
  let heShe = false;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === s; j -= 1) if (HE.has(tokens[j]?.word ?? '') || SHE.has(tokens[j]?.word ?? '')) heShe = true;
  for (let j = m.first - 1; j >= Math.max(0, m.first - 8) && tokens[j]?.sentence === s && !heShe; j -= 1) {
    if (!TALK_ABOUT.has(tokens[j]?.word ?? '')) continue;
    // "a session ON scams" right after the talk word; "about" or "what" up to four words after it.
    let talk = false;
    const reach = tokens[j]?.word === 'on' ? 1 : 4;
    for (let k = j - 1; k >= Math.max(0, j - reach) && tokens[k]?.sentence === s; k -= 1) {
      const w = tokens[k]?.word ?? '';
      if (TALK_WORDS.has(w) && (TALK_ARTICLES.has(tokens[k - 1]?.word ?? '') || TALK_ARTICLES.has(tokens[k - 2]?.word ?? ''))) talk = true;
    }
    if (talk && clear(j + 1)) return true;
  }
  // A warning given: "<giver> said if anyone (ever) asks you…".
  let cond = -1;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === s; j -= 1) {
    if (tokens[j]?.word !== 'if') continue;
    const at = tokens[j + 1]?.word === 'ever' ? j + 2 : j + 1;
    if (WARNING_ANYONE.has(tokens[at]?.word ?? '')) cond = at;
    break;
  }
  // (cond: the "anyone" word; someone unknown after it is the one warned of: "if a STRANGER asks you…")
  if (cond < 0 || !clear(tokens[cond]?.word === 'a' || tokens[cond]?.word === 'an' ? cond + 2 : cond + 1)) return false;
  let you = false;
  for (let j = cond + 1; j <= m.last + 1; j += 1) if (SECOND_PERSON.has(tokens[j]?.word ?? '') || tokens[j]?.word === 'u' || tokens[j]?.word === 'ur') you = true;
  if (!you) return false;
  // The phrase is what the warning's anyone does ("if anyone ASKS you to keep a secret"), not what comes after it ("if
  // anyone asks you, say nothing"): an asking word at most two words after the "anyone", and the phrase at most six.
  let asks = false;
  for (let j = cond + 1; j <= cond + 2; j += 1) if (WARNING_ASKS.has(tokens[j]?.word ?? '')) asks = true;
  if (!asks || m.first - cond > 6) return false;
  for (let j = cond - 1; j >= 1 && tokens[j]?.sentence === s; j -= 1) {
    if (!LESSON_SAYS.has(tokens[j]?.word ?? '')) continue;
    for (let k = j - 1; k >= Math.max(0, j - 4); k -= 1) if (WARNING_GIVERS.has(tokens[k]?.word ?? '') || LESSON_GIVERS.has(tokens[k]?.word ?? '')) return true;
  }
  return false;
}

/**
 * Session 42faT: the bank itself the one asked ("had to ask the bank to reset my pin", "asked the bank for a new card";
 * s42trainE): money-request's "{request} ... {money}" stands down when its money word is the bank, right after "the" or
 * "my" and the asking word, and nobody else (a he or she, a man, someone) is named before it in the sentence: "he told me
 * to ask the bank for a loan and send it to him" keeps it.
 */
function bankAsked(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.money-request' || m.last - m.first !== 2) return false;
  if (!BANK_WORDS.has(tokens[m.last]?.word ?? '') || !['the', 'my'].includes(tokens[m.last - 1]?.word ?? '')) return false;
  // The bank asked ("ASK the bank"), not a thing of the bank's sent ("send my bank LOGIN", "my bank DETAILS").
  if (!BANK_ASKING.has(tokens[m.first]?.word ?? '') || BANK_THINGS.has(tokens[m.last + 1]?.word ?? '')) return false;
  const s = tokens[m.first]?.sentence;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === s; j -= 1) {
    const w = tokens[j]?.word ?? '';
    if (HE.has(w) || SHE.has(w) || OTHER_PERSON.has(w) || w === 'they' || tokens[j]?.sets.includes('{app}') === true) return false;
  }
  return true;
}
const BANK_WORDS: ReadonlySet<string> = new Set(['bank', 'banks', 'branch']);
const BANK_ASKING: ReadonlySet<string> = new Set(['ask', 'asked', 'asking', 'asks', 'call', 'called', 'calling', 'rang', 'ring', 'phone', 'phoned', 'email', 'emailed', 'told', 'tell']);
const BANK_THINGS: ReadonlySet<string> = new Set(['login', 'logins', 'details', 'detail', 'account', 'accounts', 'card', 'cards', 'app', 'password', 'pin', 'number', 'code', 'codes', 'transfer', 'info']);

const ALONE_FEELINGS = wordList('alone_feelings');
const ALONE_VETO = wordList('alone_veto');

/**
 * Session 42faT: being alone or unwatched told as the child's own feeling (s42 held-out and tuning: "im scared of the dark
 * when my parents go out", "i hate when my parents check my screen time", "i like being alone in my room to draw"):
 * alone-check stands down when, before the phrase in its sentence, "i" (or "im") comes at most two words before a word of
 * feeling (`alone_feelings`: scared, hate, like, love, bored…), and the message names nobody else who could be asking (a
 * he, she, they, you, a man, someone), no asking or wanting (`alone_veto`: asks, asked, wants, keeps, said…), nothing
 * online and no app. "im scared when my parents go out cos he knows" and "he asks if im alone, i hate it" keep it.
 */
function aloneFeeling(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.alone-check') return false;
  for (const t of tokens) {
    const w = t.word;
    if (HE.has(w) || SHE.has(w) || OTHER_PERSON.has(w) || SECOND_PERSON.has(w) || ALONE_VETO.has(w) || ONLINE.has(w) || t.sets.includes('{app}')) return false;
  }
  const s = tokens[m.first]?.sentence;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === s; j -= 1) {
    if (!ALONE_FEELINGS.has(tokens[j]?.word ?? '')) continue;
    for (let k = j - 1; k >= Math.max(0, j - 3); k -= 1) if (tokens[k]?.word === 'i' || tokens[k]?.word === 'im') return true;
  }
  return false;
}

/**
 * {@link standsDown}'s tests, asked in this order; the first that holds says why the phrase stands down.
 * (Session 33: a table, so each rule asks only the tests that can hold for it: see {@link testsFor}.)
 */
export const STAND_DOWN_TESTS: readonly StandDownTest[] = [
  [aiToolTalk, 'role'],
  [paperworkAsked, 'role'],
  [pressureNotTheirs, 'speaker'],
  [giftPaidOut, 'sent'],
  [saleNotGift, 'sent'],
  [numberOfThing, 'thing'],
  [trackedThing, 'thing'],
  [lessonRetold, 'advice'],
  [(tokens, m, rule) => giftAsBait(tokens, m, rule), 'sent'],
  [(tokens, m, rule, _scope, model) => rule.negatable && isNegated(tokens, m, model, rule.strictNegation) && !commandThenDeed(tokens, m, model), 'negated'],
  [(tokens, m, rule) => toldInFiction(tokens, m, rule) && !fictionOwnedAfter(tokens, m, rule) && !realBesideFrame(tokens, rule), 'fiction'],
  [(tokens, m, rule) => toldInStory(tokens, m, rule) && !realBesideFrame(tokens, rule), 'fiction'],
  [warningRetold, 'advice'],
  [bankAsked, 'role'],
  [aloneFeeling, 'mild'],
  [overAndDone, 'over'],
  [(tokens, m, rule, scope) => rule.hypothetical && !curiousAboutMeans(tokens, rule) && !speakerVowsOnCondition(tokens, m, rule) && isHypothetical(tokens, m, scope, rule.category === 'self_harm') && !realBesideFrame(tokens, rule), 'hypothetical'],
  [(tokens, m, rule, scope) => rule.resolvable && (scope.resolved || scope.closedFrom > m.last) && !relapseAfter(tokens, m, rule) && !reopenedAfterOutcome(tokens, m), 'resolved'],
  [(tokens, m, rule) => rule.category === 'self_harm' && rule.urgency !== 'immediate' && toldAsOver(tokens, m), 'over'],
  [(tokens, m, rule) => ACT_RULES.has(rule.id) && toldAsOver(tokens, m, true), 'over'],
  // Session 18: drugs given but refused inside the phrase ("gave me some pills but i didnt take them").
  [(tokens, m, rule, _scope, model) => rule.id === 'lex:immediate_danger.given-drugs' && drugsRefused(tokens, m, model), 'negated'],
  [sentNotAsked, 'sent'],
  [familyCardUsed, 'role'],
  [cardKeptInFamily, 'trusted'],
  [thingAsks, 'role'],
  [(tokens, _m, rule) => tattleThreat(tokens, rule), 'mild'],
  [crushTold, 'mild'],
  [schoolRowSorted, 'resolved'],
  [crimeInWork, 'fiction'],
  [ownStoryTold, 'fiction'],
  [safetyConditionRetold, 'advice'],
  [childWaitsForOwn, 'trusted'],
  [childWillSee, 'trusted'],
  [accidentsReassured, 'mild'],
  [wordsScreenshotSettled, 'resolved'],
  [everythingShownToChild, 'sent'],
  [identifiedAsKin, 'trusted'],
  [neighbourKnows, 'trusted'],
  [laughingBreath, 'idiom'],
  [ownChildAsks, 'advice'],
  [(tokens, _m, rule) => harmlessSecret(tokens, rule), 'mild'],
  [ageCompared, 'mild'],
  [(tokens, _m, rule) => outsideAtWork(tokens, rule), 'nuisance'],
  [trivialHyperbole, 'hyperbole'],
  [accidentalInjury, 'hyperbole'],
  [foundForYou, 'mild'],
  [sharpenerMislaid, 'thing'],
  [(tokens, m, rule) => songLine(tokens, m, rule), 'thing'],
  [tellingOff, 'tellingoff'],
  [bribeNotThreat, 'bribe'],
  [(tokens, m, rule) => (REFUSABLE.has(rule.id) || (ASK_REFUSABLE.has(rule.id) && phraseAsks(tokens, m))) && refusedAndOver(tokens), 'refused'],
  [paysOwnWay, 'mild'],
  [saleDealt, 'mild'],
  [namedAfterOutside, 'trusted'],
  [(tokens, _m, rule) => rule.category !== undefined && ADVICE_CATEGORIES.has(rule.category) && parentAdvice(tokens), 'advice'],
  [(tokens, m, rule) => rule.id === 'lex:sexual.abuse-disclosed' && touchedThing(tokens, m), 'touch'],
  [roomErrand, 'errand'],
  [(tokens, m, rule) => rule.category === 'threat_blackmail' && conditionOfIdiom(tokens, m), 'idiom'],
  [askedNotHad, 'asked'],
  [doseAsMeant, 'dose'],
  [permissionRefused, 'permission'],
  [meetsKnown, 'trusted'],
  [friendsMetSoon, 'trusted'],
  [ownPastMeeting, 'over'],
  [nameKnownAtShop, 'inperson'],
  [animalFollows, 'nuisance'],
  [childChases, 'nuisance'],
  [habitualHiding, 'nuisance'],
  [locationWithTrusted, 'trusted'],
  [imagesSentToChild, 'sent'],
  [pictureOfThing, 'thing'],
  [pressureOfKin, 'trusted'],
  [hidingFromNuisance, 'nuisance'],
  [(tokens, m, rule) => mildThreat(tokens, m, rule), 'mild'],
  [laterThreat, 'mild'],
  [ownNeed, 'self'],
  [contactTold, 'mild'],
  [giftForOccasion, 'mild'],
  [liftFromFamily, 'trusted'],
  [callWithFamily, 'trusted'],
  [familyAudience, 'mild'],
  [ownPictureShared, 'thing'],
  [paidBackTrusted, 'trusted'],
  [openerGives, 'trusted'],
  [thingGrabbed, 'touch'],
  [lockMishap, 'nuisance'],
  [littleOne, 'mild'],
  [getInIdiom, 'idiom'],
  [fondKiss, 'touch'],
  [ordinaryStuff, 'mild'],
  [familyCard, 'trusted'],
  [outfitForOccasion, 'mild'],
  [classmatesSpread, 'mild'],
  [(tokens, m, rule) => (rule.id === 'lex:threat_blackmail.share-images' || rule.feature === 'signal.threat-weak') && showsUp(tokens, m), 'thing'],
  [huffThreat, 'mild'],
  [feelingsOnly, 'mild'],
  // Session 31a: ordinary plans, weather and play read as danger (each returns early on its rule id).
  [trainingNotMeans, 'thing'],
  [foodCut, 'hyperbole'],
  [weatherNotSomeone, 'nuisance'],
  [outsideAtHome, 'trusted'],
  [keptInByWeather, 'nuisance'],
  [ownWordsRetold, 'speaker'],
  [liftFromHer, 'trusted'],
  [playFight, 'mild'],
  [parentPresent, 'trusted'],
  // Session 32a: ordinary life read by the self-harm, danger, card and details rules (each returns early on its rule id).
  [endThenItIs, 'thing'],
  [endOfMatter, 'over'],
  [lazyDaySleep, 'hyperbole'],
  [placeWithFamily, 'trusted'],
  [placeForSight, 'thing'],
  [ownLimbHurt, 'hyperbole'],
  [askedWhatLike, 'trusted'],
  [kinDrama, 'hyperbole'],
  [speakerNamedAfter, 'speaker'],
  // Session 33b: undressed words in ordinary life (each returns early on its rule id).
  [nudeWordAlone, 'thing'],
  [thingAsksForPicture, 'role'],
  [beingOnCamera, 'thing'],
  [forShowcase, 'role'],
  [sentByChildToTrusted, 'trusted'],
  [closeKinAsks, 'trusted'],
  // Session 34fa: a consequence the child's alone, a wish of the child's own, a haircut (each returns early on its rule id).
  [ownLossCondition, 'self'],
  [ownWish, 'self'],
  [cutNotWound, 'thing'],
  [ownPlaceOnly, 'self'],
  // Session 35fa: the last straw of an annoyance, something else "better off", a word named as a topic, the writer
  // threatening, skill "at", an outing refused, locked in by oneself, a mishap's cut, a present asked for, a kind of card.
  [lastStraw, 'hyperbole'],
  [betterOffOther, 'hyperbole'],
  [(tokens, m) => topicNamed(tokens, m), 'hypothetical'],
  [selfThreatens, 'speaker'],
  [skillAt, 'thing'],
  [outingRefused, 'permission'],
  [lockedThemselvesIn, 'nuisance'],
  [cutMishap, 'hyperbole'],
  [askedForPresent, 'self'],
  [cardOfKind, 'thing'],
  [illnessFeeling, 'hyperbole'],
  [meantAThing, 'hyperbole'],
  // Session 36fa: getting up, a meeting both families know of, a sleep wished for a while, the child the winner, a
  // location shared with the writer, a child's own private account, "cut out", a tablet that is a device.
  [outOfBed, 'idiom'],
  [familiesInTouch, 'trusted'],
  [wishForAWhile, 'hyperbole'],
  [childWins, 'self'],
  [locationToWriter, 'trusted'],
  [ownChildsAccount, 'self'],
  [cutOut, 'thing'],
  [deviceTablet, 'thing'],
  // Session 37hard: a request let go after a no, a follow on an app, put out of a game's group. (Its quoted line of a song
  // or film, `quotedLine`, is read by session 38's toldInFiction: a quotation right after a work named is inside it.)
  [letGoAfterNo, 'refused'],
  [followedOnApp, 'nuisance'],
  [putOutOfGroup, 'mild'],
  [postedByOwnPeople, 'trusted'],
  // Session 40fa1: constructions recurring across session 39's 23 writers' benign lines (each returns early on its rule id).
  [pictureToKin, 'trusted'],
  [parentsSafetyQuestion, 'hypothetical'],
  [(tokens, _m, rule) => paidByEmployer(tokens, rule), 'role'],
  [kinMoneySecret, 'trusted'],
  [wishToMeetFamous, 'self'],
  // Session 42faR: laughing hard, British "moan" (complain), "the end" as a noun (each returns early on its rule id).
  [killedLaughing, 'idiom'],
  [moanAsComplaint, 'idiom'],
  [theEndThenIt, 'thing'],
  [inBedUnwell, 'thing'],
  [ownBraSize, 'self'],
  // Session 43faU: a denial inside a long phrase or of the asking, an app tracking a thing, the school's papers, where
  // someone lives, a chore threatened, a helper's rule of confidence (each returns early on its rule id or category).
  [knowingDeniedInside, 'negated'],
  [askingDenied, 'negated'],
  [trackingAppOfThing, 'thing'],
  [schoolThingForFamily, 'trusted'],
  [liveAsResidence, 'thing'],
  [choreThreatened, 'mild'],
  [confidenceRuleRetold, 'advice'],
  [peerOwnSecret, 'mild'],
  [peerNamedAfter, 'speaker'],
  [meetingWithKinPronoun, 'trusted'],
  [tipFromWork, 'role'],
  [secretFromPublic, 'mild'],
  [childAskedIfWanted, 'speaker'],
  [knownFromPapers, 'role'],
  [friendsOwnSecret, 'trusted'],
  [ownChildBabysits, 'advice'],
  [medicalExamination, 'role'],
  [mishapClip, 'thing'],
  [friendsTrifleVow, 'hyperbole'],
  // Session 44faW: a prize card, a story's character, "last" as a time, the edge of a table (each returns early on its rule id).
  [voucherWon, 'thing'],
  [characterHarmsSelf, 'fiction'],
  [lastAsTime, 'thing'],
  [edgeOfThing, 'hyperbole'],
  [speakerAtGate, 'trusted'],
  [paidToChild, 'sent'],
];

// ---- Session 43faU: constructions in s42train's benign lines (each returns early on its rule id or category). ----

/** Session 43faU: the details rules a denial inside a long phrase, or a denied asking before it, stands down. */
const DENIED_INSIDE_RULES: ReadonlySet<string> = new Set(['lex:personal_info.knows-details', 'lex:personal_info.asks-details']);
/** Session 43faU: what ends a denial's reach in a sentence ("nobody asked me to meet up UNTIL he did"). */
const DENIED_VERBS: ReadonlySet<string> = new Set(['know', 'knows', 'knew', 'ask', 'asks', 'asked', 'asking']);
const DENIAL_ENDERS: ReadonlySet<string> = new Set(['but', 'until', 'till', 'til', 'except', 'now', 'then', 'though', 'anymore', 'yet']);

/**
 * Session 43faU: the knowing denied inside a phrase the gap stretched over two clauses (s42trainC: "my online gaming
 * friend SAID happy birthday, he DOESNT KNOW MY ADDRESS or anything"): knows-details' "said … my address" stands down when
 * a negator stands right before a word of knowing (or asking) inside the phrase, after its first word, and nothing in the
 * sentence turns it (but, until, now…). "he said he doesnt know my address but he found my house" keeps it.
 */
function knowingDeniedInside(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, _scope: MessageScope, model: SafetyModel): boolean {
  if (!DENIED_INSIDE_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let denied = false;
  for (let j = m.first + 1; j < m.last; j += 1) {
    if (!model.scope.negators.has(tokens[j]?.keys[0] ?? '')) continue;
    const k = tokens[j + 1]?.word === 'even' ? j + 2 : j + 1;
    // (Only the knowing or asking itself denied: "never TELL anyone what school" is an instruction, not a denial.)
    if (k < m.last && DENIED_VERBS.has(tokens[k]?.word ?? '')) denied = true;
  }
  if (!denied) return false;
  for (const t of tokens) if (t.sentence === s && DENIAL_ENDERS.has(t.word)) return false;
  return true;
}

const NOBODY_WORDS: ReadonlySet<string> = new Set(['nobody', 'noone', 'nobodys']);
/** Session 43faU: the categories a denied asking stands down (someone asking for a meeting, a detail, pictures, money). */
const ASKED_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['meet_or_secrecy', 'personal_info', 'sexual', 'financial']);

/**
 * Session 43faU: the asking itself denied by its subject (s42trainB: "NOBODY has ever ASKED me to meet up, we're all
 * just nerds writing about elves"; "no one has asked for my address"): a request phrase stands down when "nobody" or
 * "no one" comes at most three words before a word of asking (ask, want, tell…), and that word at most four before the
 * phrase, in its sentence, and nothing turns it (but, until, now, yet…). "nobody asked me to meet up until he did" and
 * "nobody knows he asked me to meet up" (the knowing denied, not the asking) keep it.
 */
function askingDenied(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category === undefined || !ASKED_CATEGORIES.has(rule.category) || !rule.negatable) return false;
  const s = tokens[m.first]?.sentence;
  let ask = -1;
  for (let j = m.first; j >= Math.max(0, m.first - 4); j -= 1) if (tokens[j]?.sentence === s && tokens[j]?.sets.includes('{request}') === true) { ask = j; break; }
  if (ask < 0) return false;
  let nobody = false;
  for (let j = ask - 1; j >= Math.max(0, ask - 3); j -= 1) {
    const w = tokens[j]?.word ?? '';
    if (tokens[j]?.sentence !== s) break;
    if (NOBODY_WORDS.has(w) || (w === 'one' && tokens[j - 1]?.word === 'no')) nobody = true;
    if (w === 'knows' || w === 'know' || w === 'knew' || HE.has(w) || SHE.has(w)) break;
  }
  if (!nobody) return false;
  for (const t of tokens) if (t.sentence === s && DENIAL_ENDERS.has(t.word)) return false;
  return true;
}

/** Session 43faU: what a tracking app of the child's own tracks, named just before it ("my PERIOD tracking app"). */
const TRACKING_DEVICES: ReadonlySet<string> = new Set(['app', 'apps', 'watch', 'band', 'bracelet']);

/**
 * Session 43faU: an app that tracks a thing of the child's, not the child (s42trainC: "my period tracking app sent me a
 * notification"; "my step tracking watch buzzed at me"): knows-details' "track … me" stands down when its tracking word is
 * followed by app, watch or band and follows a thing tracked (`tracked_things`: period, steps, sleep, fitness…), and the
 * message names no place or location. "he put a tracking app on my phone and it sends him where i am" keeps it.
 */
function trackingAppOfThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.knows-details' || !(tokens[m.first]?.word ?? '').startsWith('track')) return false;
  if (!TRACKING_DEVICES.has(tokens[m.first + 1]?.word ?? '') || !TRACKED_THINGS.has(tokens[m.first - 1]?.word ?? '')) return false;
  for (const t of tokens) if (LOCATION_WORDS.has(t.word) || t.sets.includes('{place}') || isOnlineWord(t) || OTHER_PERSON.has(t.word) || t.sets.includes('{secret}')) return false;
  return true;
}

/** Session 43faU: the school's papers and events, "my school REPORT" (a thing of the school's, not where it is). */
const SCHOOL_THINGS: ReadonlySet<string> = new Set(['report', 'reports', 'trip', 'trips', 'play', 'concert', 'production', 'musical', 'disco', 'fair', 'project', 'projects', 'certificate', 'certificates', 'award', 'awards', 'timetable', 'newsletter', 'letter', 'letters', 'homework', 'prom', 'assembly', 'show', 'results', 'grades']);

/**
 * Session 43faU: a paper or an event of the school's shown to family (s42trainF: "dad asked me to send him a photo of my
 * SCHOOL REPORT cos he cant come to parents evening"): a personal_info phrase that ends on "school" stands down when the
 * next word makes it the school's thing (`SCHOOL_THINGS`: report, trip, play, certificate…), a family word is in its
 * sentence, and the message names no stranger or other person, nothing online and no secret. "a man asked for a photo
 * of my school report" and "he wants a pic of my school" keep it.
 */
function schoolThingForFamily(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'personal_info' || tokens[m.last]?.word !== 'school' || !SCHOOL_THINGS.has(tokens[m.last + 1]?.word ?? '')) return false;
  const s = tokens[m.first]?.sentence;
  let family = false;
  for (const t of tokens) {
    if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || t.sets.includes('{app}') || t.sets.includes('{secret}') || t.sets.includes('{hush}')) return false;
    if (t.sentence === s && t.sets.includes('{family}')) family = true;
  }
  return family;
}

/**
 * Session 43faU: "live" of where someone lives, not of being alive (s42trainB: "he doesnt know WHERE I LIVE and i dont
 * know where he lives"): a self-harm phrase that opens on "live" stands down when "where" comes just before it, or
 * before its subject ("where i live", "where he lives"). "i dont want to live anymore" keeps it.
 */
function liveAsResidence(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || !(tokens[m.first]?.word ?? '').startsWith('live')) return false;
  return tokens[m.first - 1]?.word === 'where' || (tokens[m.first - 2]?.word === 'where' && ['i', 'he', 'she', 'they', 'we', 'you', 'u'].includes(tokens[m.first - 1]?.word ?? ''));
}

/** Session 43faU: jobs threatened by a teacher, a parent or a manager: chores, laps, staying behind. */
const CHORE_VERBS: ReadonlySet<string> = new Set(['clean', 'wash', 'tidy', 'hoover', 'sweep', 'mop', 'scrub', 'run', 'redo', 'stay', 'do', 'pick', 'empty', 'cook', 'iron', 'walk', 'write', 'sit']);
const CHORE_VETO = ['{image}', '{nude}', '{nudestrong}', '{undress}', '{bodypart}', '{money}', '{hush}', '{secret}', '{app}'];

/**
 * Session 43faU: a chore threatened (s42trainE: "my manager THREATENED TO MAKE ME CLEAN the fryers if i was late again";
 * "mum threatened to make me hoover the whole house"): conditional-threat's "threatened" stands down when "to make me"
 * (or us) and a word of a chore (`CHORE_VERBS`: clean, wash, tidy, run laps, stay behind…) follow it, and the message
 * names no stranger or other person, nothing online, and nothing of pictures, nudity, the body, money or a secret.
 * "he threatened to make me send more pics" and "a man threatened to make me do stuff on cam" keep it.
 */
function choreThreatened(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat') return false;
  let chore = false;
  for (let j = m.first; j <= m.last; j += 1) {
    if (!(tokens[j]?.word ?? '').startsWith('threaten') || tokens[j + 1]?.word !== 'to' || tokens[j + 2]?.word !== 'make') continue;
    const who = tokens[j + 3]?.word ?? '';
    if ((who === 'me' || who === 'us') && CHORE_VERBS.has(tokens[j + 4]?.word ?? '')) chore = true;
  }
  if (!chore) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, CHORE_VETO) || t.word === 'cam' || t.word === 'stuff') return false;
  return true;
}

const CONFIDANTS: ReadonlySet<string> = new Set(['nurse', 'counsellor', 'counselor', 'teacher', 'doctor', 'gp', 'childline', 'helpline', 'therapist', 'mentor', 'miss', 'sir']);

/**
 * Session 43faU: a helper's rule of confidence retold, said as a secret (s42trainC: "the school nurse said what we talk
 * about STAYS PRIVATE UNLESS SHE THINKS im in danger"; the being-hurt rule's {@link safetyConditionRetold} reads the same
 * words): secrecy stands down when a nurse, counsellor, teacher, doctor or helpline is named before the phrase, "unless"
 * or "if" comes at most six words after it in its sentence with a word of thinking, danger or being unsafe within four
 * words, and the message names no he, no stranger, nothing online and no app. "he said what we talk about stays private
 * unless i want it to stop" keeps it.
 */
function confidenceRuleRetold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SECRET_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let helper = false;
  for (let i = 0; i < m.first; i += 1) if (CONFIDANTS.has(tokens[i]?.word ?? '')) helper = true;
  if (!helper) return false;
  let exception = false;
  for (let i = m.last + 1; i <= m.last + 6 && tokens[i]?.sentence === s; i += 1) {
    if (tokens[i]?.word !== 'unless' && tokens[i]?.word !== 'if') continue;
    for (let k = i + 1; k <= i + 4; k += 1) if (SAFETY_THINK.has(tokens[k]?.word ?? '') || ['danger', 'unsafe', 'risk', 'hurt'].includes(tokens[k]?.word ?? '')) exception = true;
  }
  if (!exception) return false;
  for (const t of tokens) if (HE.has(t.word) || OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || t.sets.includes('{app}')) return false;
  return true;
}

/** Session 43faU: the threatener's own parent, the one not to be told ("if i tell HER MUM"): a child's secret. */
const OWN_PARENT_OF: ReadonlySet<string> = new Set(['her', 'his', 'their']);
const PEER_SECRET_RULES: ReadonlySet<string> = new Set(['lex:immediate_danger.being-hurt', 'lex:threat_blackmail.cutoff-threat', 'lex:threat_blackmail.violence', 'lex:threat_blackmail.conditional-threat']);
const PEER_SECRET_VETO = ['{image}', '{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{money}', '{knownadult}', '{afraid}', '{app}'];

/**
 * Session 43faU: a friend's own secret kept with a laughing threat (s42trainD: "she said she'd strangle me if i tell HER
 * MUM she was at the party instead of revising haha"): the one not to be told is the threatener's own parent, so the
 * threatener is a child hiding a thing of their own. Danger's being-hurt and the threat rules stand down when "tell" is
 * followed by her, his or their and a parent word, the message laughs (lol, haha, 😂…), and it names no stranger or
 * other person, nothing online, no known adult, fear, pictures, nudity, the body or money. "he said he'd hurt me if i
 * tell my mum" (the child's own parent), "…if i tell his mum what he did" (no laugh) keep it.
 */
function peerOwnSecret(tokens: readonly Token[], _m: PhraseMatch, rule: CompiledRule): boolean {
  if (!PEER_SECRET_RULES.has(rule.id)) return false;
  let ownParent = false;
  let laugh = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, PEER_SECRET_VETO)) return false;
    if (LAUGH_WORDS.has(t.word) || t.sets.includes('{laughmark}')) laugh = true;
    if ((t.word === 'tell' || t.word === 'telling' || t.word === 'told') && OWN_PARENT_OF.has(tokens[i + 1]?.word ?? '') && tokens[i + 2]?.sets.includes('{parent}') === true) ownParent = true;
  }
  return ownParent && laugh;
}

const PEER_NAMED_VETO = ['{image}', '{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{money}', '{knownadult}', '{afraid}', '{hush}', '{secret}', '{app}'];
const TELLING_WORDS: ReadonlySet<string> = new Set(['tell', 'telling', 'told', 'snitch', 'snitched', 'grass', 'grassed', 'anyone', 'anybody']);

/**
 * Session 43faU: a threat of violence said after to be a friend's or teammate's (s42trainE: "he said he'd kill me if i
 * dropped the ball again, HES MY TEAMMATE, we're best mates"): violence stands down when after the phrase comes "hes" or
 * "shes" (or "he is"), at most "just", then "my" (best) and a friend of the child's age (`peers`: mate, friend,
 * teammate, classmate), the condition is no telling (tell, snitch, anyone), and the message names no stranger, nothing
 * online, no known adult, fear, pictures, nudity, the body, money or a secret. "he said he'd kill me if i tell anyone,
 * hes my classmate" keeps it, as does "hes my friends dad" (a grown-up after the friend).
 */
function peerNamedAfter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.violence') return false;
  let peer = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || TELLING_WORDS.has(t.word) || hasAnySet(t, PEER_NAMED_VETO)) return false;
    if (i <= m.last || peer) continue;
    const head = t.word === 'hes' || t.word === 'shes' ? i + 1 : (t.word === 'he' || t.word === 'she') && tokens[i + 1]?.word === 'is' ? i + 2 : -1;
    if (head < 0 || CLAIMING.has(tokens[i - 1]?.word ?? '')) continue;
    let k = head;
    if (tokens[k]?.word === 'just') k += 1;
    if (tokens[k]?.word !== 'my') continue;
    k += tokens[k + 1]?.word === 'best' ? 2 : 1;
    const next = tokens[k + 1];
    if (tokens[k]?.sets.includes('{peers}') === true && !(next !== undefined && (next.sets.includes('{family}') || next.sets.includes('{parent}')))) peer = true;
  }
  return peer;
}

const KIN_PRONOUN_MEET_RULES: ReadonlySet<string> = new Set(['lex:meet_or_secrecy.meet-request', 'lex:meet_or_secrecy.meet-up', 'lex:meet_or_secrecy.come-to-place']);
const KIN_PRONOUN_VETO = ['{secret}', '{hush}', '{app}', '{image}', '{nudestrong}', '{money}', '{afraid}', '{adultcue}'];
const MALE_OTHERS: ReadonlySet<string> = new Set(['boy', 'boys', 'lad', 'lads', 'bloke', 'guy', 'man', 'men', 'friend', 'mate', 'mates', 'friends']);

/**
 * Session 43faU: a meeting with the child's own father, named before as "my dad" and then "him" or "he" (s42trainF: "my
 * dad moved to scotland and i only SEE HIM IN the holidays", "im on the train to my dads… mum put me on and HE'S MEETING
 * ME at the other end"): a meeting rule stands down when a he or him in the phrase (or one or two words before it) can
 * only be a male family word named earlier in the message (`kinBefore`), no other boy, man or friend is named, and the
 * message has nothing online, no app, secret, keeping quiet, pictures, money, fear or grown-up cue. "my dad doesnt know
 * but a guy from snap is meeting me" and "my brother said his mate wants to meet me" keep it.
 */
function meetingWithKinPronoun(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!KIN_PRONOUN_MEET_RULES.has(rule.id)) return false;
  let pronoun = -1;
  for (let j = Math.max(0, m.first - 2); j <= m.last; j += 1) if (HE.has(tokens[j]?.word ?? '')) pronoun = j;
  if (pronoun < 0 || !kinBefore(tokens, pronoun)) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || MALE_OTHERS.has(t.word) || t.sets.includes('{peers}') || isOnlineWord(t) || ONLINE.has(t.word) || ONLINE_PLACE.has(t.word) || hasAnySet(t, KIN_PRONOUN_VETO)) return false;
  return true;
}

const TIP_WORDS: ReadonlySet<string> = new Set(['tip', 'tips', 'bonus', 'wages', 'wage', 'pay']);
/** Session 43faU: an online word, but a "boss" is the one at work here (a game's boss only in a game). */
function onlineNotBoss(t: Token): boolean {
  return t.word !== 'boss' && isOnlineWord(t);
}

/**
 * Session 43faU: money from work, a tip or a bonus (s42trainE: "my boss gave me a £10 TIP for working christmas eve, he
 * gave everyone one"): gifts-grooming stands down when a tip, bonus or wages is named within three words after the
 * phrase's money, the message names paid work (`paid_work`: boss, manager, job, shift…), and no stranger or other
 * person, nothing online, no secret or keeping quiet. "my boss gave me £50 and said dont tell anyone" keeps it.
 */
function tipFromWork(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming') return false;
  let tip = false;
  for (let j = m.first; j <= m.last + 3; j += 1) if (TIP_WORDS.has(tokens[j]?.word ?? '')) tip = true;
  if (!tip) return false;
  let work = false;
  for (const t of tokens) {
    if (OTHER_PERSON.has(t.word) || onlineNotBoss(t) || ONLINE.has(t.word) || hasAnySet(t, ['{secret}', '{hush}', '{image}', '{nudestrong}', '{app}'])) return false;
    if (PAID_WORK.has(t.word)) work = true;
  }
  return work;
}

/** Session 43faU: those a shop's or a clinic's harmless secret is kept from: its customers, the other children waiting. */
const PUBLIC_AUDIENCE: ReadonlySet<string> = new Set(['customers', 'customer', 'patients', 'shoppers', 'diners', 'guests', 'public', 'others', 'kids', 'children']);
const AT_WORK_SPEAKERS: ReadonlySet<string> = new Set(['boss', 'manager', 'supervisor', 'nurse', 'doctor', 'dentist', 'receptionist', 'chef']);

/**
 * Session 43faU: a harmless thing kept from a shop's customers or the other children waiting, by someone at work
 * (s42trainC, E: "my boss said dont tell the CUSTOMERS the cakes are from yesterday", "the nurse said dont tell the OTHER
 * KIDS in the queue the jab hurts"): secrecy stands down when the one not to be told, right after "tell" (past "the",
 * "other"), is the public (`PUBLIC_AUDIENCE`), a boss, manager or nurse says it, and the message names no parent after
 * it, no he or she before the saying, no stranger, nothing online, pictures, nudity or money. "my boss said dont tell
 * your mum" and "the man said dont tell the other kids" keep it.
 */
function secretFromPublic(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SECRET_RULES.has(rule.id)) return false;
  let audience = false;
  for (let j = m.first; j <= m.last + 1; j += 1) {
    if (tokens[j]?.word !== 'tell') continue;
    let k = j + 1;
    if (tokens[k]?.word === 'the' || tokens[k]?.word === 'any') k += 1;
    if (tokens[k]?.word === 'other') k += 1;
    if (PUBLIC_AUDIENCE.has(tokens[k]?.word ?? '') && (tokens[k]?.word !== 'kids' && tokens[k]?.word !== 'children' && tokens[k]?.word !== 'others' || tokens[k - 1]?.word === 'other')) audience = true;
  }
  if (!audience) return false;
  let speaker = false;
  for (let i = 0; i < m.first; i += 1) if (AT_WORK_SPEAKERS.has(tokens[i]?.word ?? '') || tokens[i]?.sets.includes('{services}') === true) speaker = true;
  if (!speaker) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || t.sets.includes('{parent}') || onlineNotBoss(t) || ONLINE.has(t.word) || hasAnySet(t, ['{image}', '{nude}', '{nudestrong}', '{money}', '{app}', '{knownadult}'])) return false;
  return true;
}

/**
 * Session 43faU: the child asking a friend whether she wanted to call (s42trainB: "I ASKED my rp partner IF SHE WANTED to
 * video call and she said her mum doesnt let her"): image-request's wanting stands down when it is another's, asked by
 * the child: "i asked" before, then "if" and she, he or they right before the wanting, and the message names no
 * stranger, nothing of nudity, the body, undressing, money or a secret. "i asked him if he wanted pics and he said
 * send nudes" keeps the second phrase.
 */
function childAskedIfWanted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  const w = tokens[m.first]?.word ?? '';
  if (!(w === 'wanted' || w === 'wants' || w === 'want') || tokens[m.first - 2]?.word !== 'if' || !['she', 'he', 'they', 'u', 'you'].includes(tokens[m.first - 1]?.word ?? '')) return false;
  let asked = false;
  for (let i = Math.max(0, m.first - 8); i < m.first - 2; i += 1) if ((tokens[i]?.word === 'i' || tokens[i]?.word === 'we') && ['asked', 'ask'].includes(tokens[i + 1]?.word ?? '')) asked = true;
  if (!asked) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || hasAnySet(t, ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{money}', '{secret}', '{hush}'])) return false;
  return true;
}

/** Session 43faU: the papers a detail is on at work or school ("it's on my CONTRACT"). */
const DETAIL_PAPERS: ReadonlySet<string> = new Set(['contract', 'form', 'forms', 'application', 'records', 'file', 'register', 'paperwork', 'payslip', 'rota']);

/**
 * Session 43faU: a detail known because it is written on the child's papers (s42trainE: "my manager knows my address
 * BECAUSE ITS ON MY CONTRACT, my mum signed it too"): knows-details stands down when "because", "cos" or "as" follows the
 * phrase within three words with "on" and a paper (`DETAIL_PAPERS`: contract, form, application, records…) after it,
 * and the message names no stranger or other person, nothing online, no secret or keeping quiet. "he knows my address
 * because he followed me home" keeps it.
 */
function knownFromPapers(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.knows-details') return false;
  let papers = false;
  for (let i = m.last + 1; i <= m.last + 3; i += 1) {
    if (!['because', 'cos', 'coz', 'cause', 'as'].includes(tokens[i]?.word ?? '')) continue;
    for (let k = i + 1; k <= i + 6; k += 1) if (tokens[k]?.word === 'on' && (DETAIL_PAPERS.has(tokens[k + 1]?.word ?? '') || DETAIL_PAPERS.has(tokens[k + 2]?.word ?? '') || tokens[k + 1]?.sets.includes('{paperwork}') === true)) papers = true;
  }
  if (!papers) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{secret}', '{hush}', '{app}', '{afraid}'])) return false;
  return true;
}

const FRIEND_SECRET_VETO = ['{knownadult}', '{image}', '{nude}', '{nudestrong}', '{money}', '{adultcue}', '{app}', '{bodypart}'];

/**
 * Session 43faU: a friend's own secret, the friend the subject of the whole sentence (s42trainD: "MY BEST FRIEND told me
 * something and made me promise not to tell"): secrecy stands down when its sentence opens with "my" (best) and a friend of
 * the child's age (`peers`), and the message names no he, him, stranger or other person, no boyfriend or partner, nothing
 * online, no known adult, grown-up cue, pictures, nudity, the body or money. (The `peers` stand-down reads only six
 * words back: "told me something and made me" is longer.) "my best friend said a man online made her promise not to
 * tell" and "my friend's uncle made me promise not to tell" keep it.
 */
function friendsOwnSecret(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SECRET_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  const open = tokens.findIndex((t) => t.sentence === s);
  if (open < 0 || tokens[open]?.word !== 'my') return false;
  const friend = tokens[open + 1]?.word === 'best' ? open + 2 : open + 1;
  if (!tokens[friend]?.sets.includes('{peers}') || tokens[friend + 1]?.sets.includes('{family}') === true || tokens[friend + 1]?.sets.includes('{parent}') === true) return false;
  for (const t of tokens) if (HE.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, FRIEND_SECRET_VETO)) return false;
  return true;
}

/**
 * Session 43faU: a parent's own child who will do the babysitting (s42trainE: "my daughter (14) wants to START
 * BABYSITTING for families from her school, what should we check first?"): alone-check stands down when its word is
 * babysitting and the parent's child (`offspring` after "my" or "our") comes before it in its sentence, and the message
 * names no stranger or other person, he, nothing online and no secret. "my daughter says the babysitter asks if shes
 * alone" keeps it (the babysitter is someone else).
 */
function ownChildBabysits(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.alone-check') return false;
  let sit = -1;
  for (let j = m.first; j <= m.last; j += 1) if ((tokens[j]?.word ?? '').startsWith('babysit') && tokens[j]?.word !== 'babysitter') sit = j;
  if (sit < 0) return false;
  const s = tokens[m.first]?.sentence;
  let child = false;
  for (let i = 1; i < sit; i += 1) if (tokens[i]?.sentence === s && (tokens[i]?.sets.includes('{offspring}') === true || tokens[i]?.sets.includes('{ownchild}') === true) && (tokens[i - 1]?.word === 'my' || tokens[i - 1]?.word === 'our')) child = true;
  if (!child) return false;
  for (const t of tokens) if (HE.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{secret}', '{hush}', '{image}', '{nudestrong}', '{app}'])) return false;
  return true;
}

const MEDICS: ReadonlySet<string> = new Set(['doctor', 'doctors', 'gp', 'nurse', 'physio', 'physiotherapist', 'dr', 'paediatrician', 'consultant', 'osteopath', 'chiropractor', 'medic', 'medics', 'paramedic', 'paramedics']);
const EXAM_WORDS: ReadonlySet<string> = new Set(['listen', 'listened', 'chest', 'stethoscope', 'examine', 'examined', 'examination', 'scoliosis', 'spine', 'heart', 'heartbeat', 'breathing', 'lungs', 'rash', 'eczema', 'xray', 'injection', 'jab', 'vaccine', 'ecg', 'scan', 'checkup', 'bruise', 'mole']);
const EXAM_VETO_WORDS: ReadonlySet<string> = new Set(['alone', 'uncomfortable', 'weird', 'creepy', 'touched', 'touching', 'locked', 'secret', 'camera', 'filmed', 'recorded', 'phone', 'without']);

/**
 * Session 43faU: a doctor's or a nurse's examination told of (readable held-out batches, three writers: "my doctor asked
 * me to take my top off to listen to my chest, my mum was in the room", "the doctor asked me to lift my top so she
 * could listen to my chest", "the doctor checked my back for scoliosis and i had to take my top off"): nude-request
 * stands down when a doctor, nurse, GP or physio (`MEDICS`) is named before the phrase and the message names what is
 * examined (`EXAM_WORDS`: listen, chest, stethoscope, scoliosis, rash…), and nothing of pictures, being alone,
 * discomfort, touching, a camera or a phone, a secret or keeping quiet, nothing online, no stranger or other person.
 * "the doctor made me take my top off when mum wasnt there and it felt weird" and "a man said hes a doctor and wants me
 * to take my top off on cam" keep it.
 */
function medicalExamination(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.nude-request') return false;
  let medic = false;
  for (let i = 0; i < m.first; i += 1) if (MEDICS.has(tokens[i]?.word ?? '')) medic = true;
  if (!medic) return false;
  let exam = false;
  for (const t of tokens) {
    if (EXAM_VETO_WORDS.has(t.word) || OTHER_PERSON.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, ['{image}', '{secret}', '{hush}', '{app}', '{afraid}', '{nudestrong}'])) return false;
    if (EXAM_WORDS.has(t.word)) exam = true;
  }
  return exam;
}

const MISHAP_RULES: ReadonlySet<string> = new Set(['lex:threat_blackmail.share-images', 'lex:sexual.image-request', 'lex:personal_info.knows-details', 'signal.threat-weak', 'signal.own-image', 'signal.have-pics']);
const CLIP_MISHAPS: ReadonlySet<string> = new Set(['falling', 'fell', 'fall', 'tripping', 'tripped', 'trip', 'slipping', 'slipped', 'faceplanting', 'faceplanted', 'crashing', 'crashed', 'sneezing', 'singing', 'screaming', 'missing', 'missed', 'dropping', 'dropped', 'spilling', 'spilt', 'spilled', 'wiping']);
const MISHAP_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{money}', '{secret}', '{hush}', '{app}', '{afraid}', '{knownadult}'];

/**
 * Session 43faU: a clip of the child's own mishap shared among friends (readable held-out batches, two writers: "she said
 * she'd show everyone the video of me FALLING OVER at sports day haha", "my friend said shes gonna post the vid of me
 * falling over at sports day but she asked first"): share-images, image-request, knows-details' "video of me at" (and
 * the signals they carry) stand down when the picture word is followed by "of me" (or us) and a mishap (`CLIP_MISHAPS`:
 * falling, tripping, slipping, sneezing, singing…) within two words, and the message names no condition (if, unless, or),
 * no stranger or other person, nothing online, no known adult, nudity, the body, undressing, money, secret, keeping
 * quiet or fear. "he'll post the video of me falling over unless i send more" and "a man has a video of me falling
 * asleep" keep it.
 */
function mishapClip(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!MISHAP_RULES.has(rule.id) && !MISHAP_RULES.has(rule.feature)) return false;
  let mishap = false;
  for (let i = Math.max(0, m.first - 3); i <= m.last + 3; i += 1) {
    if (!tokens[i]?.sets.includes('{image}') || tokens[i + 1]?.word !== 'of' || (tokens[i + 2]?.word !== 'me' && tokens[i + 2]?.word !== 'us')) continue;
    if (CLIP_MISHAPS.has(tokens[i + 3]?.word ?? '') || CLIP_MISHAPS.has(tokens[i + 4]?.word ?? '')) mishap = true;
  }
  if (!mishap) return false;
  for (const t of tokens) if (['if', 'unless', 'or', 'asleep', 'sleeping', 'bed', 'shower', 'changing'].includes(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || hasAnySet(t, MISHAP_VETO)) return false;
  return true;
}

const REFLEXIVES: ReadonlySet<string> = new Set(['herself', 'himself', 'themselves', 'themself', 'myself']);

/**
 * Session 43faU: a friend's "she'd kill herself if" over a trifle (readable held-out: "my friend said shed kill herself
 * if she didnt get tickets to the concert 😭 she got them"): the violence rule's "kill herself if" (a threat when it
 * presses the child: "he said he'd kill himself if i left") stands down when a friend of the child's age (`peers`) is
 * named before it, its sentence names a trivial cause (set `trifle`: tickets, a concert, a game…), and the message has
 * no he, him, stranger, partner, nothing online, and no word of distress, nudity, the body, violence or means
 * (`trivialHyperbole`'s vetoes). "my boyfriend said he'd kill himself if i went to the concert" keeps it.
 */
function friendsTrifleVow(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.violence') return false;
  let reflexive = false;
  for (let j = m.first; j <= m.last + 1; j += 1) if (REFLEXIVES.has(tokens[j]?.word ?? '')) reflexive = true;
  if (!reflexive) return false;
  const s = tokens[m.first]?.sentence;
  let friend = false;
  let trifle = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (HE.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word) || isOnlineWord(t) || ONLINE.has(t.word) || HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    if (i < m.first && t.sets.includes('{peers}')) friend = true;
    if (t.sentence === s && t.sets.includes('{trifle}')) trifle = true;
  }
  return friend && trifle;
}

// ---- Session 44faW: false alarms in the readable held-out batches and the parked s42train ones (each returns early on its rule id). ----

/** Session 44faW: words of a prize won. */
const PRIZE_WON: ReadonlySet<string> = new Set(['won', 'win', 'winning', 'wins', 'prize', 'prizes', 'raffle', 'tombola', 'competition', 'comp', 'award', 'awarded', 'reward', 'rewarded']);
/** Session 44faW: places that hand out a prize or a reward ("a voucher FROM SCHOOL for coming top"). */
const PRIZE_GIVERS: ReadonlySet<string> = new Set(['school', 'skl', 'skool', 'college', 'club', 'work', 'scouts', 'cubs', 'brownies', 'guides', 'church', 'mosque', 'library', 'council']);
/** Session 44faW: what makes a prize a scam or a bait: a link to click, a claim, details or a code asked, paying, sending. */
const PRIZE_VETO: ReadonlySet<string> = new Set(['link', 'links', 'click', 'clicked', 'claim', 'details', 'code', 'codes', 'pay', 'paid', 'send', 'sent', 'dm', 'dmd', 'messaged', 'text', 'texted', 'email', 'emailed', 'if', 'unless']);

/**
 * Session 44faW: a gift card or voucher the child won or was given as a prize by school or a club (readable held-out,
 * two writers: "won a 50 quid steam card in a school raffle", "got a £50 amazon voucher from school for coming top in
 * maths"): money-request's bare card phrase stands down when its sentence names winning or a prize (`PRIZE_WON`) or the
 * card comes "from"/"off" (my) school, a club, work… right after it, and nothing in the message asks (`{request}`),
 * names pictures, keeping quiet or a secret, someone online or an app, or a link, a claim, details, a code, paying or
 * sending ("i won a steam card, he said click the link to claim it" keeps it).
 */
function voucherWon(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.money-request') return false;
  let card = false;
  for (let k = m.first; k <= m.last; k += 1) if (VOUCHER_WORDS.has(tokens[k]?.word ?? '')) card = true;
  if (!card) return false;
  const s = tokens[m.first]?.sentence;
  let won = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (PRIZE_VETO.has(t.word) || ONLINE.has(t.word) || hasAnySet(t, ['{request}', '{image}', '{hush}', '{secret}', '{app}'])) return false;
    if (t.sentence !== s) continue;
    if (PRIZE_WON.has(t.word)) won = true;
    if (i > m.last && i <= m.last + 3 && GIVEN_FROM.has(t.word)) {
      const q = POSSESSIVES.has(tokens[i + 1]?.word ?? '') ? i + 2 : i + 1;
      if (PRIZE_GIVERS.has(tokens[q]?.word ?? '')) won = true;
    }
  }
  return won;
}

/** Session 44faW: a word that names a character of a story, or a story itself (with `story_works`). */
const STORY_PEOPLE: ReadonlySet<string> = new Set(['character', 'characters', 'charcter']);
const FIRST_PERSON_WORDS: ReadonlySet<string> = new Set(['i', 'im', 'ive', 'id', 'me', 'my', 'myself', 'we', 'us', 'our']);

/**
 * Session 44faW: self-harm done by a character of the child's story (s42trainB, and last session's "my oc hurts herself
 * in my fic": "i wrote a character who wanted to die and then found a reason to keep going"): a self-harm phrase stands
 * down when, at most three words before it in its sentence, a story's character is named (`story_works`: oc, villain,
 * heroine…, or "character") with no word of the child (i, me, my, we) between it and the phrase, and {@link
 * ownStoryTold} reads the message as the child's story (a work named or the child writing one; nothing of the child in
 * or after the phrase, nothing real, online, frightened, of pictures, money or keeping quiet). "i wrote a poem about
 * wanting to die" (nobody of the story named) and "my oc hurts herself like i do" keep it.
 */
function characterHarmsSelf(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm') return false;
  const s = tokens[m.first]?.sentence;
  let named = false;
  for (let j = m.first - 1; j >= Math.max(0, m.first - 3) && tokens[j]?.sentence === s; j -= 1) {
    const w = tokens[j]?.word ?? '';
    if (FIRST_PERSON_WORDS.has(w) && !named) return false;
    if (STORY_WORKS.has(w) || STORY_PEOPLE.has(w)) named = true;
  }
  // The child in it or after it ("my oc has scars on her wrists and SO DO I"); "in MY fic" owns the story.
  for (let j = m.first; j < tokens.length; j += 1) if (FIRST_PERSON_WORDS.has(tokens[j]?.word ?? '') && tokens[j]?.word !== 'my' && tokens[j]?.word !== 'our') return false;
  return named && storyOfChildsOwn(tokens, m);
}

/** Session 44faW: "last" and a span of time ("LAST SUMMER someone messaged my son"), not a last message. */
const TIME_SPANS: ReadonlySet<string> = new Set(['week', 'weekend', 'month', 'year', 'summer', 'winter', 'spring', 'autumn', 'term', 'christmas', 'easter']);

/**
 * Session 44faW: the gap of a phrase that opens on "last" stretched over a time told ("Last summer someone messaged my
 * son on Roblox…": overdose-taken's "last message"): a phrase whose first word is "last" stands down when the word
 * right after it is not the phrase's next word but a span of time (week, summer, term…; not "time" or "night": "this is the
 * LAST TIME youll hear from me", "last night"). "this is my last message" keeps it.
 */
function lastAsTime(tokens: readonly Token[], m: PhraseMatch): boolean {
  return tokens[m.first]?.word === 'last' && m.last > m.first + 1 && TIME_SPANS.has(tokens[m.first + 1]?.word ?? '');
}

const OTHERS_THERE: ReadonlySet<string> = new Set(['they', 'them', 'theyre', 'hes', 'shes']);
const SPEAKERS_THERE: ReadonlySet<string> = new Set(['i', 'im', 'ive', 'we', 'were', 'weve', 'us']);

/**
 * Session 44faW: the speaker at the school gate (readable held-out, three writers: "what's a finsta? heard it AT THE
 * SCHOOL GATE", "killing time at the school gates, quick question…", "should i just hand it over at the school gate?"):
 * someone-outside's "at the school gate(s)" stands down when the nearest person named before it in its sentence is the
 * speaker (i, we) or nobody is (the speaker's own doing, its subject left out), and nobody else is named after it (a man,
 * someone, he, she, they), nothing online or an app anywhere, and no fear, distress or keeping quiet. "hes at the school
 * gates right now", "the guy from roblox is at the school gates", "i can see him at the school gates" and "we're at the
 * school gates and a man keeps staring" keep it.
 */
function speakerAtGate(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== SOMEONE_OUTSIDE || tokens[m.first]?.word !== 'at' || !tokens.slice(m.first, m.last + 1).some((t) => t.word === 'gate' || t.word === 'gates')) return false;
  const s = tokens[m.first]?.sentence;
  if (m.first === 0 || tokens[m.first - 1]?.sentence !== s) return false;
  for (let j = m.first - 1; j >= 0 && tokens[j]?.sentence === s; j -= 1) {
    const w = tokens[j]?.word ?? '';
    if (SPEAKERS_THERE.has(w)) break;
    if (OTHER_PERSON.has(w) || HE.has(w) || SHE.has(w) || OTHERS_THERE.has(w)) return false;
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as Token;
    if (ONLINE.has(t.word) || hasAnySet(t, ['{app}', '{afraid}', '{distress}', '{hush}'])) return false;
    if (i > m.last && (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || OTHERS_THERE.has(t.word))) return false;
  }
  return true;
}

/** Session 44faW: paid to the child ("she PAYS ME by bank transfer"): the verb of paying right before "me" and a "by", "via", "through" or "with". */
const PAYS: ReadonlySet<string> = new Set(['pays', 'paid', 'pay', 'paying']);
const PAID_BY: ReadonlySet<string> = new Set(['by', 'via', 'through', 'with', 'into', 'in']);

/**
 * Session 44faW: money paid to the child for work done (s42trainE, jobs and clubs: "the lady i dog walk for PAYS ME BY bank
 * transfer every friday, my dad set it up with her"): money-request's phrase stands down when, just before it, someone
 * "pays me", "paid me" by, via or through it, and the message names no condition (if, unless), pictures, nudity, keeping
 * quiet, a secret, anything online or an app. "he said he'd pay me by bank transfer if i send pics" keeps it.
 */
function paidToChild(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.money-request') return false;
  const by = m.first - 1;
  if (!PAID_BY.has(tokens[by]?.word ?? '') || tokens[by - 1]?.word !== 'me' || !PAYS.has(tokens[by - 2]?.word ?? '')) return false;
  for (const t of tokens) {
    if (t.word === 'if' || t.word === 'unless' || ONLINE.has(t.word) || hasAnySet(t, ['{image}', '{nude}', '{nudestrong}', '{hush}', '{secret}', '{app}'])) return false;
  }
  return true;
}

/** Session 44faW: things in a room or a pool whose edge a child knocks into or sits on. */
const EDGE_THINGS: ReadonlySet<string> = new Set(['table', 'desk', 'bed', 'sofa', 'couch', 'chair', 'bath', 'pool', 'counter', 'worktop', 'cupboard', 'door', 'step', 'kerb', 'curb', 'pavement', 'trampoline', 'seat', 'bench', 'shelf', 'radiator', 'sink', 'stage', 'mat', 'page', 'screen', 'wardrobe', 'drawer', 'dresser', 'bunk', 'coffee']);
/** Session 44faW: what keeps the edge of a thing a danger: means, pills, keeping quiet, meaning it. */
const EDGE_VETO = ['{means}', '{pills}', '{hush}', '{earnest}'];
const EDGE_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'my', 'our', 'his', 'her', 'their', 'that', 'this']);

/**
 * Session 44faW: "on the edge of" a table, a bed, a pool… (last session's known false alarm "i hit my stomach on the edge
 * of the table"): overdose-taken's "on the edge of" stands down when a thing of the house or the pool (`EDGE_THINGS`)
 * follows it (after a the, my…), and the message names no means, pills, keeping quiet or meaning it (a bruise "gone
 * purple" is no distress to veto it). "im on
 * the edge of the bridge" and "sitting on the edge of my bed with the pills" keep it.
 */
function edgeOfThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.overdose-taken' || tokens[m.last]?.word !== 'of' || tokens[m.last - 1]?.word !== 'edge') return false;
  const q = EDGE_DETERMINERS.has(tokens[m.last + 1]?.word ?? '') ? m.last + 2 : m.last + 1;
  if (!EDGE_THINGS.has(tokens[q]?.word ?? '')) return false;
  for (const t of tokens) if (EDGE_VETO.some((v) => t.sets.includes(v))) return false;
  return true;
}

/** Set by {@link probeArgs}' stand-ins when a test reads anything of the message, the phrase, the scope or the model. */
let probeRead = false;
const PROBE_TRAP: ProxyHandler<object> = {
  get: () => {
    probeRead = true;
    return undefined;
  },
  has: () => {
    probeRead = true;
    return false;
  },
};
/**
 * Stand-ins for a test's message, phrase, scope and model that note any read (see {@link testsFor}); new ones for
 * every test asked, so that no memo of the last message (`parentAdvice` remembers its answer by the tokens array)
 * answers without reading.
 */
function probeArgs(): [tokens: readonly Token[], m: PhraseMatch, scope: MessageScope, model: SafetyModel] {
  return [new Proxy([], PROBE_TRAP) as unknown as readonly Token[], new Proxy({}, PROBE_TRAP) as unknown as PhraseMatch, new Proxy({}, PROBE_TRAP) as unknown as MessageScope, new Proxy({}, PROBE_TRAP) as unknown as SafetyModel];
}
const TESTS_BY_RULE = new WeakMap<CompiledRule, readonly StandDownTest[]>();

/**
 * Session 33: the tests of {@link STAND_DOWN_TESTS} that can hold for a rule, worked out once per rule. Most
 * tests first look at the rule alone ("if (rule.id !== 'lex:self_harm.self-harm') return false") and so are
 * false for all but a few rules: each test is asked once with stand-ins that note every read, and a test that
 * answers false having read nothing but the rule (and module constants) answers false for that rule whatever the
 * message, so it is left out; every other test stays, in its place (was: all ~80 asked for every phrase found).
 * A test must keep no state between calls but a memo of its own arguments; tests/safety/engine-s33.test.ts asks
 * every test of every phrase in the tuning messages and finds the same reading.
 */
function testsFor(rule: CompiledRule): readonly StandDownTest[] {
  let tests = TESTS_BY_RULE.get(rule);
  if (tests === undefined) {
    tests = STAND_DOWN_TESTS.filter(([test]) => {
      const [tokens, m, scope, model] = probeArgs();
      probeRead = false;
      try {
        if (test(tokens, m, rule, scope, model)) return true;
      } catch {
        return true;
      }
      return probeRead;
    });
    TESTS_BY_RULE.set(rule, tests);
  }
  return tests;
}

/**
 * Whether scope stands a matched phrase down: negation, hypothetical, resolved, who is acting (harmless words are
 * checked apart); and why. `tests`: the tests asked (the tests that can hold for the rule, worked out once the model's
 * word lists are bound; all of them in tests).
 */
export function standsDown(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, scope: MessageScope, model: SafetyModel, tests?: readonly StandDownTest[]): StandDown | undefined {
  bindWordLists(model.wordLists);
  for (const [test, down] of tests ?? testsFor(rule)) if (test(tokens, m, rule, scope, model)) return down;
  if (rule.needsBefore.length > 0 && !tokens[m.first]?.quoted) {
    const s = tokens[m.first]?.sentence;
    // Someone else is speaking when they are named first ("he said don't tell anyone") or when
    // the phrase speaks to the child ("don't tell YOUR mum", words the child is passing on).
    const someoneElse =
      tokens.slice(0, m.first).some((t) => t.sentence === s && t.keys.some((k) => rule.needsBefore.includes(k))) ||
      tokens.slice(m.first, m.last + 1).some((t) => SECOND_PERSON.has(t.word));
    if (!someoneElse) return 'speaker';
  }
  if (rule.unlessBefore.length > 0) {
    const s = tokens[m.first]?.sentence;
    // `inperson`: anywhere in the sentence, someone the child meets in everyday life; `workplace`:
    // asked "at the bank", "at work" (see placedInPerson).
    if (rule.unlessBefore.includes('{inperson}') && placedInPerson(tokens, m, '{inperson}', model)) return 'inperson';
    if (rule.unlessBefore.includes('{workplace}') && placedInPerson(tokens, m, '{workplace}', model)) return 'inperson';
    const cancelledBy = rule.unlessBefore.find((set) => {
      if (set === '{inperson}' || set === '{workplace}') return false;
      if (TRUSTED_SETS.has(set) && (abuseByTrusted(tokens, m, rule, model) || knownAdultSecret(tokens, m, rule, model) || hushedPrivateFilming(tokens, m, rule, model))) return false;
      // Session 28c: in a check retold in the stranger's words, "YOUR mum" (and "she" after it) is the one
      // asked about, not the one talking: "he goes whats ur mum like, does she check ur phone".
      if (TRUSTED_SETS.has(set) && rule.id === 'lex:meet_or_secrecy.retold-check' && onlyYours(tokens, m.first, set)) return false;
      if (TRUSTED_SETS.has(set) && (pronounOfTrusted(tokens, m, set) || reportedByTrusted(tokens, m, set, model) || ((rule.id === 'lex:meet_or_secrecy.gifts-grooming' || (rule.id === 'lex:financial.money-request' && namesVoucher(tokens, m))) && givenByTrusted(tokens, m, set)))) return true;
      const reach = set === '{self}' ? SELF_BEFORE_WORDS : UNLESS_BEFORE_WORDS;
      // Inside quotation marks "I" is the stranger speaking, not the child.
      if (set === '{self}' && tokens[m.first]?.quoted) return false;
      // Session 35rc: nor is the "i" or "we" who vows after a condition put to the child ("if you stop playing with us WE will…"):
      // only an "i" before the condition is the child ("I said if you tell mum ill kill you").
      const vowFrom = set === '{self}' ? vowCondition(tokens, m, rule) : -1;
      for (let j = Math.max(0, m.first - reach); j < m.first; j += 1) {
        const t = tokens[j];
        if (t === undefined || t.sentence !== s || !t.keys.includes(set)) continue;
        if (vowFrom >= 0 && j > vowFrom) continue;
        // Session 35rc: the child bound by someone else's rule about a person, "im NOT ALLOWED to tell anyone about HIM"
        // (not the child's own rule about a thing: "im not allowed to tell anyone the answers").
        if (set === '{self}' && tokens[m.first]?.word === 'not' && tokens[m.first + 1]?.word === 'allowed' && tokens[m.last]?.sets.includes('{victim}') === true) continue;
        if (someoneElseBetween(tokens, j, m.first)) continue;
        if (TRUSTED_SETS.has(set) && (harmDoneTo(tokens, m, j) || namedAsNext(tokens, m, j) || ownSender(tokens, m, rule))) continue;
        if (TRUSTED_SETS.has(set) && (metOnline(tokens, j) || strangerOnline(tokens, s, j) || ownersOnlineFriend(tokens, j))) continue;
        // Session 20: a trusted role only claimed ("PRETENDING TO BE a delivery driver", "SAYING ITS a delivery").
        if (TRUSTED_SETS.has(set) && (claimedRole(tokens, j) || idealRole(tokens, j))) continue;
        // Session 33b: staff the same ("PRETENDING TO BE a taxi driver", "the bus driver ON ROBLOX").
        if (set === '{services}' && (claimedRole(tokens, j) || (tokens[j - 1]?.keys.includes(set) === true && claimedRole(tokens, j - 1)) || (metOnline(tokens, j) && !(rule.category === 'personal_info' && onlineBusiness(tokens, j))) || (tokens[j]?.word === 'online' && !(rule.category === 'personal_info' && onlineBusiness(tokens, j + 1))) || strangerOnline(tokens, s, j))) continue;
        // Session 19: "one of HIS mates made me a drink": his or their friends are not the child's.
        if (rule.id === 'lex:immediate_danger.given-drugs' && (tokens[j - 1]?.word === 'his' || tokens[j - 1]?.word === 'their')) continue;
        if (set === '{peers}' && hisFriend(tokens, j)) continue;
        if (TRUSTED_SETS.has(set) && friendsOfHis(tokens, j)) continue;
        if (TRUSTED_SETS.has(set) && kinGoneToMeet(tokens, j, m, rule)) continue;
        if (set === '{self}' && selfInRelative(tokens, j)) continue;
        if (set === '{self}' ? !isDemandedOfChild(tokens, j, m.first, model) : !isObject(tokens, j, model, set)) return true;
        if (rule.category === 'personal_info' && TRUSTED_SETS.has(set) && isTrustedReceiver(tokens, j)) return true;
      }
      return false;
    });
    if (cancelledBy !== undefined) return TRUSTED_SETS.has(cancelledBy) ? 'trusted' : cancelledBy === '{self}' ? 'self' : 'role';
  }
  return undefined;
}

/**
 * Session 34ds: "if you stop playing ill find you another teammate": if-you-leave's "find you" with a thing found for the
 * child right after it (a word of set `anychild`: a, an, another, some, this, that) is a favour, not the child hunted down.
 */
function foundForYou(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return rule.id === 'lex:threat_blackmail.if-you-leave' && tokens[m.last + 1]?.sets.includes('{anychild}') === true;
}

/**
 * Session 34ds: a question about the way or the means of dying put as mere curiosity ("just wondering how many paracetamol
 * it takes to die", "asking for a friend, how long does it take to bleed out"): a suicide-plan phrase (self-harm, urgency
 * immediate) is not stood down as a general or hypothetical question when the message has a word of set `curious` and
 * none of school work (sets `study`, `schoolwork`: "for a biology project, just wondering…" still stands down).
 */
function curiousAboutMeans(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || rule.urgency !== 'immediate') return false;
  let curious = false;
  for (const t of tokens) {
    if (t.sets.includes('{study}') || t.sets.includes('{schoolwork}')) return false;
    if (t.sets.includes('{curious}')) curious = true;
  }
  return curious;
}

/**
 * Session 34ds: a brother, sister or friend (set `youngkin`) who has gone or is going to meet someone else (a word
 * of `person` after the meeting: "my sister LEFT TO MEET HIM 10 mins ago", "my mate is meeting him tonight") is the one at risk, not a trusted person making the
 * meeting safe: the trusted stand-down of meeting-soon does not count them. A parent or another adult meeting someone
 * ("my dad is meeting him later") still stands down, as does a friend coming to pick the child up.
 */
function kinGoneToMeet(tokens: readonly Token[], j: number, m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.meeting-soon' || tokens[j]?.sets.includes('{youngkin}') !== true) return false;
  let meet = false;
  let other = false;
  for (let i = m.first; i <= m.last; i += 1) {
    if (tokens[i]?.word.startsWith('meet') === true) meet = true;
    if (meet && tokens[i]?.sets.includes('{person}') === true) other = true;
  }
  return other;
}

const TRAIN_SENSES = wordList('train_senses');

function trainingNotMeans(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return rule.feature === 'signal.means' && m.first === m.last && TRAIN_SENSES.has(tokens[m.first]?.word ?? '');
}

const KITCHEN = wordList('kitchen');
const PREPARING = wordList('preparing');

/**
 * Session 31a: a cut made while cutting food or opening a parcel ("i cut my finger cutting an apple, it bled a lot but
 * its fine now", "sliced my thumb opening a tin"): the self-harm phrase stands down when, in its sentence, a verb of
 * preparing or opening (cutting, chopping, slicing, peeling, opening) has a food, a tin, paper or a parcel within
 * three words after it, with accidentalInjury's vetoes (myself, on purpose, a feeling, distress outside
 * the phrase, means, pills, keeping quiet, secrets, meaning it). "i cut my arm after dinner because i was upset"
 * keeps it (a feeling).
 */
function foodCut(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm') return false;
  const s = tokens[m.first]?.sentence;
  let cause = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (SELF_WORDS.has(t.word) || HURT_FEELINGS.has(t.word)) return false;
    if ((i < m.first || i > m.last) && INJURY_VETO.some((v) => t.sets.includes(v)) && !t.sets.includes('{harmself}')) return false;
    // The thing cut or opened right after a verb of preparing it: "cutting AN APPLE", "opening the PARCEL".
    if (i > m.first && t.sentence === s && PREPARING.has(t.word)) for (let k = i + 1; k <= i + 3 && tokens[k]?.sentence === s; k += 1) if (KITCHEN.has(tokens[k]?.word ?? '')) cause = true;
  }
  return cause;
}

const WEATHER = wordList('weather');
const WEATHER_VETO = wordList('weather_veto');
const THING_OUTSIDE = wordList('thing_outside');

const DRAWING = wordList('drawing');

function weatherNotSomeone(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside') return false;
  let thing = false;
  for (let i = m.first; i <= m.last; i += 1) {
    const w = tokens[i]?.word ?? '';
    if (THING_OUTSIDE.has(w)) thing = true;
    if (w === 'car' && tokens[i + 1]?.word === 'outside') thing = true;
  }
  if (!thing) return false;
  const s = tokens[m.first]?.sentence;
  let cause = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i >= m.first && i <= m.last)) continue;
    if (WEATHER_VETO.has(t.word) || t.sets.includes('{hush}') || t.sets.includes('{afraid}')) return false;
    if (t.sentence === s && (WEATHER.has(t.word) || DRAWING.has(t.word))) cause = true;
  }
  return cause;
}

const HOME_OUTSIDE = wordList('home_outside');

/**
 * Session 31a: a he, she or they outside at home with the family's garden or pet ("hes outside in the garden with the
 * dog rite now", "shes outside on the trampoline"): someone-outside, matched on the pronoun and "outside" alone, stands
 * down when after it in its sentence comes "the", "our" or "my" and a garden or pet word, or a home pastime, and the
 * message has no stranger, online word, fear, watching, following, knocking, keeping quiet or being alone. "hes
 * outside my house" and "theres a man outside in the garden" keep it (the house is mine; a man is named).
 */
function outsideAtHome(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside') return false;
  const who = tokens[m.first]?.word ?? '';
  if (!CHILD_SUBJECTS.has(who) || tokens[m.last]?.word !== 'outside') return false;
  const s = tokens[m.first]?.sentence;
  let home = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i >= m.first && i <= m.last)) continue;
    if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || AT_WORK_VETO.has(t.word) || t.sets.includes('{hush}') || t.sets.includes('{afraid}') || t.sets.includes('{adultcue}')) return false;
    if (i > m.last && t.sentence === s && HOME_OUTSIDE.has(t.word)) home = true;
  }
  return home;
}

/**
 * Session 31a: kept in by the weather ("trapped in the house because its raining", "stuck inside all day cos of the
 * snow"): being-hurt and kept-somewhere phrases stand down when their sentence names the weather and the message
 * has no other person, online word, lock, fear, hurt or hunger (lockMishap's `LOCK_VETO` and the `afraid` set).
 * "im trapped in the house and the man wont let me leave" and "hes locked me in and its raining" keep it.
 */
function keptInByWeather(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!LOCK_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let weather = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if ((i < m.first || i > m.last) && (LOCK_VETO.has(t.word) || t.sets.includes('{afraid}'))) return false;
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || isOnlineWord(t) || t.sets.includes('{violent}') || t.word.startsWith('lock')) return false;
    if (t.sentence === s && WEATHER.has(t.word)) weather = true;
  }
  return weather;
}

const RETOLD_SPEECH = wordList('retold_speech');
/** Rules about being met or fetched, which the child's own words to family, or a friend's, retell; and (session 33b) money asked ("can you give him my pocket money…? asked my mum"). */
const RETOLD_RULES = new Set(['lex:meet_or_secrecy.meet-request', 'lex:meet_or_secrecy.meet-up', 'lex:meet_or_secrecy.fetch-child', 'lex:meet_or_secrecy.come-to-place', 'lex:financial.money-request']);

/**
 * Session 31a: words put in someone's mouth after the phrase ("meet me by the lockers after maths is what my friend
 * said", "can you come and get me is what i text my mum when im bored", "can someone pick me up from the cinema is
 * what i asked on the family chat"): a meeting or fetching phrase stands down when, after it in its sentence, "is
 * what" (or "thats what") is followed by the child ("i") or a friend or relative ("my friend", "my mum") and a
 * speech word, with nothing of a stranger, an adult, an app, secrets or fear in the message. "meet me tonight is
 * what he said" keeps it (a he), as does "…is what the man from roblox said".
 */
function ownWordsRetold(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!RETOLD_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || t.sets.includes('{hush}') || t.sets.includes('{secret}') || t.sets.includes('{afraid}') || t.sets.includes('{adultcue}')) return false;
  for (let i = m.last + 1; i + 3 < tokens.length + 1; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word !== 'what' || (tokens[i - 1]?.word !== 'is' && tokens[i - 1]?.word !== 'thats' && tokens[i - 1]?.word !== 'was')) continue;
    let j = i + 1;
    let who = false;
    if (tokens[j]?.word === 'i' || tokens[j]?.word === 'we') { who = true; j += 1; }
    else {
      if (POSSESSIVES.has(tokens[j]?.word ?? '')) j += 1;
      if (tokens[j]?.word === 'best') j += 1;
      const k = tokens[j];
      if (k !== undefined && (k.sets.includes('{family}') || k.sets.includes('{peers}') || k.sets.includes('{homefolk}'))) { who = true; j += 1; }
    }
    return who && RETOLD_SPEECH.has(tokens[j]?.word ?? '');
  }
  return false;
}

/**
 * Session 32a: a meeting asked in words the child then says were a friend's or the family's, at the end of the message
 * ("wanna meet at the library to do the project? my classmate asked", "meet me at the lockers at break, my bestie
 * texted"): the same rules and vetoes as `ownWordsRetold` (no stranger, man, online place, app, secret, keeping quiet,
 * fear or grown-up cue in the message), and no "alone", when the message ends on "my" (best) + a friend or family word + a word of
 * saying (`RETOLD_SPEECH`), with only a laughing mark after it. "meet me at the park, my friend said a man from
 * roblox wants to" and "lets meet up, he texted" keep it.
 */
function speakerNamedAfter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!RETOLD_RULES.has(rule.id)) return false;
  let end = tokens.length - 1;
  while (end > m.last && tokens[end]?.sets.includes('{laughmark}')) end -= 1;
  if (end - 2 <= m.last || !RETOLD_SPEECH.has(tokens[end]?.word ?? '')) return false;
  const who = tokens[end - 1];
  if (who === undefined || !(who.sets.includes('{family}') || who.sets.includes('{peers}') || who.sets.includes('{homefolk}'))) return false;
  const my = tokens[end - 2]?.word === 'best' ? tokens[end - 3]?.word : tokens[end - 2]?.word;
  if (my !== 'my') return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || t.word === 'alone' || isOnlineWord(t) || t.sets.includes('{hush}') || t.sets.includes('{secret}') || t.sets.includes('{afraid}') || t.sets.includes('{adultcue}')) return false;
  return true;
}

const LIFT_MODALS = wordList('lift_modals');

function liftFromHer(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.meet-request' && rule.id !== 'lex:meet_or_secrecy.meet-up' && rule.id !== 'lex:meet_or_secrecy.fetch-child') return false;
  let picking = -1;
  for (let i = m.first; i <= m.last; i += 1) if (PICKING.has(tokens[i]?.word ?? '')) { picking = i; break; }
  if (picking < 0) return false;
  // "she can pick", "she will pick", "she is going to pick", "she'll (will) pick"
  let k = picking - 1;
  if (tokens[k]?.word === 'to') k -= 1;
  if (!LIFT_MODALS.has(tokens[k]?.word ?? '')) return false;
  k -= 1;
  if (tokens[k]?.word === 'is' || tokens[k]?.word === 'was') k -= 1;
  if (tokens[k]?.word !== 'she') return false;
  for (const t of tokens) {
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || isOnlineWord(t) || t.word === 'tell' || t.word === 'meet' || t.word === 'met') return false;
    if (LIFT_VETO.some((v) => t.sets.includes(v))) return false;
  }
  return true;
}

const PLAYMATES = wordList('playmates');
const PLAY_WORDS = wordList('play_words');
const PLAY_VETO = wordList('play_veto');

/**
 * Session 31a: play-fighting with a sibling, cousin or friend ("my brother keeps punching me in the arm for fun, its
 * annoying but we're just messing"): being-hurt and violence stand down when the nearest person before the phrase
 * in its sentence is a sibling, cousin or friend (after "my", not "his"), the message says it was play ("for fun",
 * "messing", "mucking about", "play fighting"), and nothing of it hurting, crying, blood, bruises, asking to stop,
 * fear, someone older or bigger, "every" or "always", nor a parent told. "my brother keeps punching me and it hurts"
 * and "my big brother punches me for fun and i cry" keep it.
 */
function playFight(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt' && rule.id !== 'lex:threat_blackmail.violence') return false;
  let play = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (PLAY_VETO.has(t.word) || t.sets.includes('{afraid}') || t.sets.includes('{means}') || t.sets.includes('{adultcue}') || OTHER_PERSON.has(t.word)) return false;
    if (i > m.last && PLAY_WORDS.has(t.word)) play = true;
  }
  if (!play) return false;
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s || t.word === 'i') return false;
    if (PLAYMATES.has(t.word)) return tokens[k - 1]?.word === 'my' || (tokens[k - 1]?.word === 'little' && tokens[k - 2]?.word === 'my');
    if (HE.has(t.word) || SHE.has(t.word) || t.sets.includes('{family}')) return false;
  }
  return false;
}

/** Personal-info rules a parent's presence stands down: asked or known face to face, the parent beside the child. */
const PRESENT_RULES = new Set(['lex:personal_info.asks-details', 'lex:personal_info.knows-details']);
const BESIDE = wordList('beside');
const PRESENT_VETO = wordList('present_veto');

/**
 * Session 31a: a parent there when someone asked ("the man at the barbers asked which school i go to and i told
 * him, my dad was there", "the lady asked my name and my address, mum was with me"): asks-details and
 * knows-details stand down when the message says a parent or carer (set `family`, after "my") "was there", "was
 * with me", "was next to me" or "answered", and names no online place, app, secret, keeping quiet or fear, and
 * nothing of following or watching. "a man asked my name when my dad wasnt there" keeps it (negated), as does
 * "he asked on snapchat what school i go to, my mum was there".
 */
function parentPresent(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!PRESENT_RULES.has(rule.id)) return false;
  let present = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (isOnlineWord(t) || t.sets.includes('{hush}') || t.sets.includes('{secret}') || t.sets.includes('{afraid}')) return false;
    if (i < m.first || i > m.last) {
      if (PRESENT_VETO.has(t.word)) return false;
      const onSpeaker = tokens[i + 1]?.word === 'was' && tokens[i + 2]?.word === 'on' && ['speaker', 'speakerphone', 'loudspeaker'].includes(tokens[i + 3]?.word ?? '');
      if (!t.sets.includes('{family}') || (tokens[i - 1]?.word !== 'my' && !(onSpeaker && t.sets.includes('{parent}')))) continue;
      const v = tokens[i + 1]?.word;
      const after = tokens[i + 2]?.word ?? '';
      if (((v === 'was' || v === 'were') && BESIDE.has(after)) || v === 'answered' || v === 'answering') present = true;
      // Session 43faU: on the call with the child ("my mum was on speaker", "my dad was on the call").
      if (v === 'was' && after === 'on' && ['speaker', 'speakerphone', 'loudspeaker'].includes(tokens[i + 3]?.word ?? '')) present = true;
    }
  }
  return present;
}

/**
 * Session 32a: "end it" read across a new clause: "wish this week would END already ITS only tuesday" ("its" is "it
 * is", the subject of what follows, not what is ended). suicidal-thoughts stands down when its phrase is "end" … "it"
 * with a word between them and "it" is "its" or is followed by "is" or "was". "i want to end it" (nothing between) keeps it.
 */
function endThenItIs(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts' || m.last - m.first < 2) return false;
  if (tokens[m.first]?.keys[0] !== 'end') return false;
  const it = tokens[m.last]?.word;
  const next = tokens[m.last + 1]?.word;
  return it === 'its' || (it === 'it' && (next === 'is' || next === 'was'));
}

/**
 * Session 40: "the end of it" told of a matter closed ("she blocked him and that was the end of it", "i thought that'd be
 * the end of it", "thats the end of it right?"), by writers of 4 of s39train's 23 batches: suicidal-thoughts stands down
 * when its phrase is "end of it" after "was the", "is the", "thats the" or "be the" (not "to be the": "i want this to be
 * the end of it" is a wish and keeps it), with nothing after "it" but the message's end or punctuation ("the end of it
 * all" keeps it).
 */
function endOfMatter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts' || m.last !== m.first + 2) return false;
  if (tokens[m.first]?.keys[0] !== 'end' || tokens[m.first + 1]?.word !== 'of' || tokens[m.last]?.word !== 'it') return false;
  if (tokens[m.first - 1]?.word !== 'the') return false;
  const verb = tokens[m.first - 2]?.word ?? '';
  if (!['was', 'is', 'thats', 'be'].includes(verb) || (verb === 'be' && tokens[m.first - 3]?.word === 'to')) return false;
  const next = tokens[m.last + 1];
  return next === undefined || next.sentence !== tokens[m.last]?.sentence || ['right', 'then', 'and', 'but', 'so', 'lol'].includes(next.word);
}

const LAZY_DAYS = wordList('lazy_days');
const SLEEP_WORDS = wordList('sleep_words');

/**
 * Session 32a: a sleep wish pinned to a day of the week with a laughing mark ("i want to sleep forever on sundays lol",
 * "mondays make me want to stay in bed forever haha"): suicidal-thoughts, when its phrase is a wish to sleep (sleep,
 * bed, asleep), stands down when its sentence names a day of the week, the weekend or mornings, the message has a
 * laughing mark, and nothing of trivialHyperbole's vetoes outside the phrase (distress, pictures, the body,
 * violence, means, pills), no waking ("and never wake up") and no word of meaning it. "i want to sleep forever and
 * never wake up" and "i want to sleep forever every night, nobody cares lol" keep it.
 */
function lazyDaySleep(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts') return false;
  let sleep = false;
  for (let j = m.first; j <= m.last; j += 1) if (SLEEP_WORDS.has(tokens[j]?.word ?? '')) sleep = true;
  if (!sleep || saidInEarnest(tokens)) return false;
  const s = tokens[m.first]?.sentence;
  let day = false;
  let laugh = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.word.startsWith('wake') || t.word === 'woke') return false;
    if (i >= m.first && i <= m.last) continue;
    if (HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sets.includes('{laughmark}')) laugh = true;
    if (t.sentence === s && LAZY_DAYS.has(t.word)) day = true;
  }
  return day && laugh;
}

const OUTING_KIN = wordList('outing_kin');
const PLACE_VETO = wordList('place_veto');

/**
 * Session 32a: a place of danger visited with a grown-up of the family ("im on the bridge feeding the ducks with my
 * nan", "me and my dad are on the bridge taking pictures of the trains"): the place phrases of overdose-taken and
 * suicide-plan (a word of set `means` in the phrase: bridge, roof, tracks, cliff, ledge) stand down when the message
 * says "with my" or "me and my" a grown-up of the family, and has no word of distress, violence, killing, pills,
 * jumping, falling, the edge, goodbye or sorry, no fear or call for help. "im on the bridge" alone, "im on the
 * bridge, tell my mum im sorry" and "im on the bridge with my friend and she wants to jump" keep it.
 */
function placeWithFamily(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return placeOuting(tokens, m, rule, (i) => OUTING_KIN.has(tokens[i]?.word ?? '') && tokens[i - 1]?.word === 'my' && (tokens[i - 2]?.word === 'with' || (tokens[i - 2]?.word === 'and' && tokens[i - 3]?.word === 'me')));
}

const OUTING_SIGHTS = wordList('outing_sights');

/**
 * Session 40: a bridge or a roof gone onto for what is there, by writers of 8 of s39train's 23 batches ("stood on the
 * bridge at the park feeding the DUCKS", "taking photos of the BOATS", "on the roof TERRACE at the hotel", "on the
 * SHED roof getting the BALL back", "the roof of the climbing FRAME"): the place phrases of overdose-taken and
 * suicide-plan stand down, as for `placeWithFamily`, when a word of `outing_sights` is in the message, under the same
 * vetoes. A photo alone is no sight ("she sent a pic from the bridge" is a goodbye); "im on the roof terrace and i
 * want to jump" and "on the bridge watching the boats, i cant do this anymore" keep it.
 */
function placeForSight(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return placeOuting(tokens, m, rule, (i) => OUTING_SIGHTS.has(tokens[i]?.word ?? ''));
}

/**
 * The place phrase of overdose-taken or suicide-plan (a word of set `means` in it, not pills) in a message with no word
 * of `place_veto`, distress, violence, killing, pills or fear and no other means, where `isOuting` holds of a token
 * outside the phrase.
 */
function placeOuting(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, isOuting: (i: number) => boolean): boolean {
  if (rule.id !== 'lex:immediate_danger.overdose-taken' && rule.id !== 'lex:self_harm.suicide-plan') return false;
  let place = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.sets.includes('{means}') && !tokens[j]?.sets.includes('{pills}')) place = true;
  if (!place) return false;
  let outing = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (PLACE_VETO.has(t.word) || t.sets.includes('{distress}') || t.sets.includes('{violent}') || t.sets.includes('{kill}') || t.sets.includes('{pills}') || t.sets.includes('{afraid}')) return false;
    if (i > m.last || i < m.first) if (t.sets.includes('{means}') && t.word !== tokens[m.last]?.word) return false;
    if ((i > m.last || i < m.first) && isOuting(i)) outing = true;
  }
  return outing;
}

const LIMBS = wordList('limbs');

/**
 * Session 32a: what a place is like, asked by someone the child knows ("my pen pal from france asked what my school is
 * like", "my cousin asked what my new school was like"): asks-details stands down when "is like", "was like" or "are
 * like" follows the phrase within two words (how it is, not which it is), and the message names no stranger or other
 * person (`OTHER_PERSON`), no he or him, no online word, app or game. "a man on roblox asked what my school is like"
 * and "he asked what my school is called" keep it.
 */
function askedWhatLike(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.asks-details') return false;
  let like = false;
  for (let k = m.last + 1; k <= m.last + 3 && k < tokens.length; k += 1) {
    const w = tokens[k]?.word;
    if (w === 'like' && ['is', 'was', 'are', 'were'].includes(tokens[k - 1]?.word ?? '')) like = true;
  }
  if (!like) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || HE.has(t.word) || isOnlineWord(t) || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word))) return false;
  return true;
}

const DRAMA_WORDS = wordList('drama_words');
/** Rules whose act a family grown-up says they will do if a match is lost or a room is not tidied. */
const DRAMA_RULES = new Set(['lex:immediate_danger.overdose-taken', 'lex:self_harm.suicide-plan', 'lex:self_harm.suicidal-thoughts']);
const DRAMA_VETO = wordList('drama_veto');

/**
 * Session 32a: a family grown-up's dramatic line about themselves, on a condition ("dad said if spurs lose again hes
 * going to jump off a cliff, hes so dramatic", "my mum says shell jump off the roof if i dont tidy my room haha"): the
 * self-harm and danger phrases stand down when a grown-up of the family (`OUTING_KIN`) says or said it, he or she
 * comes within four words before the phrase (their own act, not the child's), the sentence has "if", the message
 * has a laughing mark or a word of drama (dramatic, joking), and nothing of trivialHyperbole's vetoes outside the
 * phrase and the place just after it (distress, pictures, the body, violence, means, pills), no keeping quiet, and
 * none of `DRAMA_VETO` (goodbye, sorry, help, fear). "my dad said hes going to jump off a cliff" (no condition, no
 * laugh), "my dad said if mum leaves hes going to jump off a cliff" (no laugh) and "dad said if i tell anyone hes
 * going to jump off the bridge lol" keep it.
 */
function kinDrama(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!DRAMA_RULES.has(rule.id) || saidInEarnest(tokens)) return false;
  let third = false;
  for (let j = Math.max(0, m.first - 4); j <= m.first; j += 1) if (HE.has(tokens[j]?.word ?? '') || SHE.has(tokens[j]?.word ?? '')) third = true;
  if (!third) return false;
  const s = tokens[m.first]?.sentence;
  let kinSays = false;
  let cond = false;
  let laugh = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.word === 'i' && i >= m.first && i <= m.last) return false;
    if (t.sets.includes('{hush}') || DRAMA_VETO.has(t.word)) return false;
    if (i >= m.first && i <= m.last) continue;
    // The place right after the phrase ("going to jump off A CLIFF") is the line itself.
    if (i > m.last + 3 && HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    if (i < m.first && HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sets.includes('{laughmark}') || DRAMA_WORDS.has(t.word)) laugh = true;
    if (t.sentence !== s) continue;
    if (t.word === 'if') cond = true;
    if (i < m.first && OUTING_KIN.has(t.word) && ['said', 'says', 'goes', 'reckons'].includes(tokens[i + 1]?.word ?? '')) kinSays = true;
  }
  return kinSays && cond && laugh;
}

const LIMB_VETO = wordList('limb_veto');

/**
 * Session 32a: "hurt her" where "her" is whose knee it is ("my friend fell off her bike and hurt her knee but shes
 * fine now", "my brother slipped on the ice and hurt his wrist"): being-hurt stands down when the phrase ends on her,
 * him or his with a part of the body right after it, the sentence tells a fall, trip, slip or crash (accidentalInjury's
 * MISHAPS) or a snag (SNAGS) before it, and the message has no one else who could have done it (a he where the hurt one
 * is her, a man, someone: `LIMB_VETO`), no fear, bleeding or hospital. "he pushed her off her bike and hurt her knee" keeps it.
 */
function ownLimbHurt(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt') return false;
  const last = tokens[m.last]?.word ?? '';
  if (!(last === 'her' || last === 'his' || last === 'him') || !LIMBS.has(tokens[m.last + 1]?.word ?? '')) return false;
  const other = SHE.has(last) ? HE : SHE;
  const s = tokens[m.first]?.sentence;
  let mishap = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (i >= m.first && i <= m.last) continue;
    if (other.has(t.word) || OTHER_PERSON.has(t.word) || LIMB_VETO.has(t.word) || t.sets.includes('{violent}') || t.sets.includes('{afraid}') || t.sets.includes('{hush}')) return false;
    if (t.sentence === s && i < m.first && (MISHAPS.has(t.word) || SNAGS.has(t.word))) mishap = true;
  }
  return mishap;
}

/** Sets whose words make an undressed word more than a mention: someone else, a request or a sending, a picture, a
 * camera or an app, the body or undressing, a secret, fear or money. */
const NUDE_CUES = ['{person}', '{request}', '{send}', '{share}', '{image}', '{cam}', '{app}', '{onlineplace}', '{knownadult}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{afraid}', '{money}'];
const ADDRESSED = wordList('addressed');

/**
 * Session 33b: an undressed word in ordinary life ("our new football STRIP came", "stars with the NAKED eye", "i had to
 * get UNDRESSED for swimming", "that meme is so NSFW lol"). nude-request's one-word phrases (naked, nude, strip,
 * undressed, topless, nsfw, lewd…; not "nudes") are a mention, not a request: the red flag needs someone else asking,
 * sending or looking. It stands down when the message names nobody else (set `person`: he, she, they, a man, a boy,
 * someone…; a `knownadult`), no asking, sending or sharing, no picture, camera, app or online place, no other undressed
 * or body word, no secret, fear or money, and no "you" beside the word (a person named right after the word is the one
 * described: "a drawing of a naked PERSON"). "a man on insta asked me to strip", "he said
 * take ur clothes off", "someone sent me a naked pic" and "r u naked" keep it.
 */
function nudeWordAlone(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.nude-request' || m.first !== m.last) return false;
  const word = tokens[m.first];
  if (word === undefined || word.keys[0] === 'nude' && word.word.endsWith('s')) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || i === m.first) continue;
    // The one described as undressed is a person right after the word ("a statue of a naked MAN"), not someone acting.
    if (i === m.first + 1 && OTHER_PERSON.has(t.word)) continue;
    if (NUDE_CUES.some((c) => t.sets.includes(c)) || t.sets.includes('{nudestrong}')) return false;
    if (Math.abs(i - m.first) <= 2 && ADDRESSED.has(t.word)) return false;
  }
  return true;
}

/**
 * The picture and money rules a game, an app or a device can be the one asking in (and the pressure signal: "KEEPS ASKING").
 * Session 34fa: and asks-details ("roblox wants me to verify my age with a selfie", "the app asks for my date of birth").
 */
const ASKER_PLACE = wordList('asker_place');
const PICTURE_ASK_RULES = new Set(['lex:sexual.image-request', 'lex:sexual.send-request', 'lex:financial.money-request', 'lex:personal_info.asks-details']);

/**
 * Session 33b: a game, an app or a device asking for a picture or the camera ("the bank app wants a selfie to check its
 * my dad", "minecraft keeps asking for camera access") or for money ("the game wants 800 vbucks for the new skin"):
 * image-request, send-request, money-request (not after a link or a free offer) and the pressure signal stand
 * down when the word right before the phrase is such a thing (`LOGIN_THING_ASKERS`: game, app, site, phone, roblox…),
 * and the sentence names no person (he, she, they, a man, a boy, someone, or staff: "the bus driver on
 * roblox wants robux"). "a boy on roblox keeps asking for pics" keeps it.
 */
function thingAsksForPicture(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!PICTURE_ASK_RULES.has(rule.id) && rule.feature !== 'signal.pressure') return false;
  const k = m.first - 1;
  const w = tokens[k]?.word ?? '';
  // Session 34fa: or an app by name ("tiktok wants me to prove my age"); not a place the asker is in or from ("bob FROM
  // fortnite asked where i live", "someone ON roblox wants…": a name is no person word the sentence check below sees).
  if (!LOGIN_THING_ASKERS.has(w) && !(tokens[k]?.sets.includes('{app}') ?? false)) return false;
  if (ASKER_PLACE.has(tokens[k - 1]?.word ?? '') && tokens[k - 1]?.sentence === tokens[k]?.sentence) return false;
  const s = tokens[m.first]?.sentence;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || PEERS.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || t.sets.includes('{nudestrong}')) return false;
    // Staff are people, but not as the thing's own name ("the BANK app").
    if (t.sets.includes('{services}') && i !== k - 1) return false;
  }
  // A price asked by a game is a shop's; after a link or a free offer it is a scam's ("the site wants £5 for FREE robux").
  return rule.category !== 'financial' || !tokens.some((t) => PHISH_WORDS.has(t.word));
}

const ON_CAMERA_BEFORE = wordList('on_camera_before');
/** What keeps a camera a request: nudity, the body, undressing, a secret, money. */
const CAMERA_VETO = ['{nudestrong}', '{undress}', '{bodypart}', '{hush}', '{secret}', '{money}'];

/**
 * Session 33b: "on camera" told of as being seen ("ur gonna BE on camera at the match", "it was all CAUGHT on camera so
 * the police got them"): image-request's phrase that ends on "on" and a camera word stands down when a word of being or being caught is
 * right before it, no asking or sending word comes before it in the sentence ("he wants me to be on camera"), nothing
 * says for whom ("on camera for him"), and the message names no nudity, body, undressing, secret or money.
 */
function beingOnCamera(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request' || !tokens[m.last]?.sets.includes('{cam}')) return false;
  // The "on" of the phrase: its first word ("on camera") or, across a gap, the last but one ("go … on camera" read
  // in "gonna be on camera").
  const on = tokens[m.first]?.word === 'on' ? m.first : tokens[m.last - 1]?.word === 'on' ? m.last - 1 : -1;
  if (on < 0 || !ON_CAMERA_BEFORE.has(tokens[on - 1]?.word ?? '')) return false;
  if (tokens[m.last + 1]?.word === 'for' || tokens[m.last + 1]?.word === 'with') return false;
  const s = tokens[m.first]?.sentence;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (CAMERA_VETO.some((v) => t.sets.includes(v))) return false;
    if (i < on && t.sentence === s && (t.sets.includes('{request}') || t.sets.includes('{send}'))) return false;
  }
  return true;
}

/** What keeps a picture for a showcase a request: nudity, the body, undressing, a secret, money, an app. */
const SHOWCASE_VETO = ['{nudestrong}', '{undress}', '{bodypart}', '{hush}', '{secret}', '{money}', '{app}'];

/**
 * Session 33b: pictures asked for or taken for a club's or a school's showcase ("miss wants everyone to bring a baby
 * photo for the leavers display", "the brownies leader asked if she could put photos of us on the newsletter", "the
 * scout leader took videos of me playing football for the parents"): image-request stands down when its sentence
 * names where the pictures go (set `showcase`: a newsletter, a display, the school website, the parents…), and the
 * message names no stranger or other person (a man, someone), no nudity, body, undressing, secret, money or app, and
 * nobody they are for alone ("for him", "for me"). "a man asked for photos of me for his newsletter" keeps it.
 */
function forShowcase(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request') return false;
  const s = tokens[m.first]?.sentence;
  let showcase = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || SHOWCASE_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.word === 'for' && HE.has(tokens[i + 1]?.word ?? '')) return false;
    if (t.word === 'his' || t.word === 'him') return false;
    if (t.sentence === s && t.sets.includes('{showcase}')) showcase = true;
  }
  return showcase;
}

/** What keeps the child's own sending a threat told of: menace, nudity, the body, undressing, secrets, money. */
const OWN_SEND_VETO = ['{menace}', '{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{money}'];
/** How far the threat phrase may reach past the child's sending word: "i sent my mum a screenshot of my location". */
const OWN_SEND_REACH = 8;

/**
 * Session 33b: the child sending their own thing to someone they trust ("i sent my mum a screenshot of my location",
 * "i showed my dad the screenshots of my group chat"): a threat to share needs someone else doing the sharing, so
 * share-images (and the signals have-pics and threat-weak) stands down when its phrase sits inside the child's own sending clause ("i" or "we" right before a
 * sending word, then a trusted person as the receiver: `isTrustedReceiver`), within a few words of it, and the
 * sentence names no stranger or other person, no he or she who cannot be the receiver, and the message no menace,
 * nudity, body, secret or money. "i sent my mum a screenshot of what he said, he'll post my pics" keeps it.
 */
function sentByChildToTrusted(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images' && rule.feature !== 'signal.have-pics' && rule.feature !== 'signal.threat-weak') return false;
  const s = tokens[m.first]?.sentence;
  let own = false;
  let receiver = '';
  for (let j = Math.max(0, m.first - OWN_SEND_REACH); j <= m.last; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== s || !SENDING.has(t.word) && t.word !== 'shared') continue;
    const who = tokens[j - 1]?.word;
    if (who !== 'i' && who !== 'we') continue;
    const r = POSSESSIVES.has(tokens[j + 1]?.word ?? '') ? j + 2 : j + 1;
    if (tokens[r]?.keys.some((k) => TRUSTED_SETS.has(k)) && isTrustedReceiver(tokens, r)) { own = true; receiver = tokens[r]?.word ?? ''; }
  }
  if (!own) return false;
  // A he or she who cannot be the one sent to is someone else ("i sent my MUM … what HE said").
  const other = MALE.has(receiver) ? SHE : FEMALE.has(receiver) ? HE : undefined;
  for (const t of tokens) {
    if (OWN_SEND_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sentence === s && (OTHER_PERSON.has(t.word) || (other === undefined ? HE.has(t.word) || SHE.has(t.word) : other.has(t.word)) || t.word === 'they' || t.word === 'them')) return false;
  }
  return true;
}

const QUESTION_ASKED = wordList('question_asked');
/** What keeps a relative's question sexual talk: nudity, the body, undressing, pictures, a secret, keeping quiet. */
const KIN_QUESTION_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{image}', '{hush}', '{secret}', '{knownadult}', '{cam}', '{app}'];

/**
 * Session 33b: a question about kissing or going out put by the child's close family or a friend ("my nan asked if ive
 * ever kissed anyone", "my big sister keeps asking whether i've kissed anyone yet"): sexual-talk stands down when,
 * before its phrase in the sentence, a relative or a friend (sets `family`, `peers`; not a `knownadult` — an uncle, a
 * stepdad, a coach — nor a teacher) is right before an asking word (or one word before it: "keeps asking"), and the
 * message names no other person (a man, someone), no he or him, and no nudity, body, undressing, picture, secret,
 * camera or app. "my uncle asked if ive ever kissed anyone" and "a man on snap asked if ive ever kissed anyone" keep it.
 */
function closeKinAsks(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.sexual-talk') return false;
  const s = tokens[m.first]?.sentence;
  let kin = false;
  for (let k = 0; k < m.first; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s || !QUESTION_ASKED.has(t.word)) continue;
    for (const w of [tokens[k - 1], tokens[k - 2]]) {
      if (w === undefined || w.sentence !== s || w.sets.includes('{knownadult}') || w.word === 'teacher') continue;
      if ((w.sets.includes('{family}') || w.sets.includes('{peers}')) && !metOnline(tokens, tokens.indexOf(w))) kin = true;
    }
  }
  if (!kin) return false;
  for (const t of tokens) if (OTHER_PERSON.has(t.word) || HE.has(t.word) || KIN_QUESTION_VETO.some((v) => t.sets.includes(v))) return false;
  return true;
}

/** Session 34fa: the people a consequence can come from: someone named, he, she, they, or "you" spoken to. */
function otherActor(t: Token): boolean {
  return OTHER_PERSON.has(t.word) || PEERS.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || t.word === 'you' || t.word === 'u' || t.word === 'ur';
}
/** Session 34fa: what keeps a condition of the child's own a threat: menace, pictures, nudity, money, a secret, harm (set `condloss`). */
const OWN_LOSS_VETO = ['{menace}', '{condloss}', '{image}', '{nude}', '{nudestrong}', '{money}', '{secret}', '{kill}', '{hush}'];

/**
 * Session 34fa: a condition whose consequence falls on the child alone, with nobody to bring it about ("if i dont pay for
 * the trip by friday i cant go", "if i dont go to bed now ill be so tired tomorrow", "if we dont win this we're out of
 * the cup"): conditional-threat's "if i / we don't …" and the threat-weak signal stand down when the same "i" or "we"
 * comes back later in the sentence (the one the consequence falls on), the message names no one else who could act
 * (a person, he, she, they, "you"), and nothing of menace, pictures, nudity, money, a secret or harm (`condloss`:
 * sorry, trouble, regret, exposed…). A threat needs someone to carry it out: "if i dont pay he will tell my mum" and
 * "if i dont send more ill be sorry" keep it.
 */
function ownLossCondition(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.conditional-threat' && rule.feature !== 'signal.threat-weak') return false;
  const start = tokens[m.first];
  const who = tokens[m.first + 1]?.word;
  if (start === undefined || start.word !== 'if' || start.quoted || (who !== 'i' && who !== 'we')) return false;
  let comesBack = false;
  for (let i = m.last + 1; i < tokens.length && !comesBack; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== start.sentence) break;
    comesBack = t.word === who;
  }
  if (!comesBack) return false;
  for (const t of tokens) if (otherActor(t) || OWN_LOSS_VETO.some((v) => t.sets.includes(v))) return false;
  return true;
}

/**
 * Session 34fa: a wish of the child's own read as someone asking ("i just want to sleep in this weekend": `{request}`
 * "want", `{undress}` "sleep in"): nude-request's phrase that opens on a word of asking or wanting stands down when "i"
 * or "we" is its subject (right before it, or with one word between: "i just want"), and the sentence names no one
 * else (a person, he, she, they, "you"). "he wants me to sleep in his bed" and "i want you to take off your top" keep it.
 */
function ownWish(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.nude-request') return false;
  const first = tokens[m.first];
  if (first === undefined || first.quoted || !first.sets.includes('{request}')) return false;
  const s = first.sentence;
  let self = false;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 2) && !self; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    self = t.word === 'i' || t.word === 'we';
  }
  if (!self) return false;
  for (const t of tokens) if (t.sentence === s && (otherActor(t) || t.sets.includes('{nudestrong}') || t.sets.includes('{image}'))) return false;
  return true;
}

/**
 * Session 34fa: "my … cut" that is no wound: a haircut or a trim ("i got my hair cut short", set `cutthing`), or someone
 * the child lives or plays with doing the cutting ("my sister cut my fringe"): self-harm's "{whose} cuts" with a word
 * between stands down when that word is of `cutthing`, or a relative or friend. "my cuts", "my fresh cuts" and "my arm
 * cuts" keep it.
 */
function cutNotWound(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm' || m.last - m.first !== 2) return false;
  if (!tokens[m.first]?.sets.includes('{whose}') || !(tokens[m.last]?.word ?? '').startsWith('cut')) return false;
  const between = tokens[m.first + 1];
  return between !== undefined && (between.sets.includes('{cutthing}') || between.sets.includes('{family}') || between.sets.includes('{peers}'));
}

const PLACE_ONLY_VETO = wordList('place_only_veto');

/**
 * Session 34fa: a bare place said of the child's own plans ("were meeting at the school gates at 7 for the coach", "mum
 * picks me up at the school gates"): someone-outside's place-only phrases (no one named in the phrase: "at the school
 * gates") stand down when the message is the child's ("i", "we", "me", "us") and names no one else who could be there
 * (a person, he, she, they, "you"), nothing of waiting, watching, following, a car, fear or menace, and nothing said
 * to happen again. "theres a man at the school gates" and "someone keeps waiting at the school gates for me" keep it.
 */
function ownPlaceOnly(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.someone-outside') return false;
  for (let j = m.first; j <= m.last; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sets.includes('{person}') || t.sets.includes('{specific}') || (NEAR_WORDS.has(t.word) && t.word !== 'outside')) return false;
  }
  const s = tokens[m.first]?.sentence ?? 0;
  let own = droppedSubject(tokens, m);
  for (const t of tokens) {
    if (PLACE_ONLY_VETO.has(t.word) || t.sets.includes('{afraid}') || t.sets.includes('{menace}')) return false;
    // Session 37fa: someone named only after the place's sentence is someone else talked of ("i have met the mother at
    // the school gate. SHE seems very nice"), not one who is there.
    if (t.sentence <= s && otherActor(t)) return false;
    if (t.word === 'i' || t.word === 'we' || t.word === 'me' || t.word === 'us') own = true;
  }
  return own;
}

/**
 * Session 37fa: the phrase's sentence opens on a verb ending in -ing before the phrase, the child's "i" dropped the way
 * children type ("killing time at the school gates, quick question…", "waiting at the bus stop for my mum").
 */
function droppedSubject(tokens: readonly Token[], m: PhraseMatch): boolean {
  const s = tokens[m.first]?.sentence;
  let k = m.first;
  while (k > 0 && tokens[k - 1]?.sentence === s) k -= 1;
  const w = tokens[k]?.word ?? '';
  return k < m.first && w.length > 4 && w.endsWith('ing') && !tokens[k]?.sets.includes('{person}');
}

/**
 * Session 35fa: the last straw of an annoyance ("im gonna kill myself if i have to do one more lap in pe", "i'm gonna
 * jump off a cliff if i get one more duolingo notification"): a self-harm thought or plan, or danger now's act phrase,
 * stands down when an "if" clause of its sentence (up to eight words, before the phrase) has "one more" or "another"
 * and a noun after it that is no part of a life or of people (set `lifespan`: "one more day like this", "one more
 * person", "another message" keep it), the message names no one else who could act, and nothing outside the phrase is
 * distress, pictures, nudity, the body, violence, means or pills.
 */
function lastStraw(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!(rule.category === 'self_harm' && rule.id !== 'lex:self_harm.self-harm') && rule.id !== 'lex:immediate_danger.overdose-taken') return false;
  const s = tokens[m.first]?.sentence;
  let straw = false;
  for (let i = 0; i < tokens.length && !straw; i += 1) {
    if (tokens[i]?.sentence !== s || tokens[i]?.word !== 'if') continue;
    for (let k = i + 1; k <= i + 8 && !straw; k += 1) {
      const t = tokens[k];
      if (t === undefined || t.sentence !== s || (k >= m.first && k <= m.last)) break;
      const strawWord = t.word === 'another' || (t.word === 'more' && tokens[k - 1]?.word === 'one');
      const noun = tokens[k + 1];
      straw = strawWord && noun !== undefined && noun.sentence === s && !noun.sets.includes('{lifespan}');
    }
  }
  if (!straw) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (otherActor(t)) return false;
    // A plan with a time ("… im doing it tonight") is not waved off.
    if (t.sets.includes('{soon}')) return false;
    // The phrase and the words just after it ("jump off A CLIFF") are the hyperbole's own.
    if (i >= m.first && i <= m.last + 3) continue;
    if (HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
  }
  return true;
}

/**
 * Session 35fa: words of a person being gone; in the clause after "better off if" they keep the death wish: the child
 * (i, me), the child a parent tells of (he, she, they: "better off if she wasnt around"), or being alive or here.
 */
function selfInClause(t: Token): boolean {
  return t.word === 'i' || t.word === 'me' || t.word === 'im' || t.word === 'life' || t.sets.includes('{reflexive}') || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || LIFE_WORDS.has(t.word) || t.word === 'gone' || t.word === 'dead' || t.word === 'born';
}

/**
 * Session 35fa: "better off if" something else changed ("everyone would be better off if the school gave us longer
 * lunch", "…better off without double science"): a suicidal-thoughts phrase with "better" stands down when "if",
 * "without" or "when" follows it within two words and the rest of the sentence has no word of the child (i, me, my,
 * myself) and nothing of distress, violence, means or pills. "everyone would be better off if i wasnt here" and "…better
 * off without me" keep it.
 */
function betterOffOther(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts') return false;
  let better = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.word === 'better') better = true;
  if (!better) return false;
  const s = tokens[m.last]?.sentence;
  let at = -1;
  for (let k = m.last + 1; k <= m.last + 3; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'if' || t.word === 'without' || t.word === 'when') {
      at = k;
      break;
    }
  }
  if (at < 0) return false;
  let rest = 0;
  for (let k = at + 1; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) break;
    if (selfInClause(t) || HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    rest += 1;
  }
  return rest > 0;
}

/**
 * Session 35fa: a red-flag word named as a topic ("I keep hearing the term sextortion", "an explanation of what
 * sextortion is", "we had the chat about nudes with our 14 yr old"): a phrase that is only a word of `topicword`
 * stands down when a word of `topicframe` (about, the term, what, explain…) comes within two words before it, and the
 * message names no one who could act on the child (he, she, they, a man, someone…; children named as a group, "my
 * kids are 15 and 17", do not) and nothing of menace, hushing or money. "he keeps asking about nudes" and "what is sextortion, he says he'll post my pics" keep it.
 */
function topicNamed(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = m.first; j <= m.last; j += 1) if (!tokens[j]?.sets.includes('{topicword}')) return false;
  const s = tokens[m.first]?.sentence;
  let framed = false;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 2); k -= 1) if (tokens[k]?.sentence === s && tokens[k]?.sets.includes('{topicframe}')) framed = true;
  if (!framed) return false;
  for (const t of tokens) {
    if (HE.has(t.word) || SHE.has(t.word) || OTHER_PERSON.has(t.word) || t.word === 'they' || t.word === 'them') return false;
    if (t.sets.includes('{hush}') || t.sets.includes('{money}')) return false;
  }
  // Session 37hard: a word of menace the child denies ("NOBODY is threatening me") keeps no one acting (`deniedWord`).
  for (let i = 0; i < tokens.length; i += 1) if (tokens[i]?.sets.includes('{menace}') === true && !deniedWord(tokens, i)) return false;
  return true;
}

/**
 * Session 35fa: the writer is the one threatening ("I keep threatening to take the Xbox away if his grades don't
 * improve", "i threatened to tell mum"): a threat phrase whose word of threatening has "i" or "we" as its subject (right
 * before it, or with one word between: "i keep threatening") threatens no one who writes to the helpline.
 */
function selfThreatens(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'threat_blackmail') return false;
  for (let j = m.first; j <= m.last; j += 1) {
    if (!THREATENING.has(tokens[j]?.word ?? '')) continue;
    const s = tokens[j]?.sentence;
    for (let k = j - 1; k >= Math.max(0, j - 2); k -= 1) {
      const t = tokens[k];
      if (t === undefined || t.sentence !== s || t.quoted) break;
      if (t.word === 'i' || t.word === 'we') return true;
      if (otherActor(t)) break;
    }
  }
  return false;
}

/** Session 35fa: "said i was really good AT drawing": a details phrase ending on "at" after a word of skill (set `skilled`) names no place. */
function skillAt(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'personal_info' || tokens[m.last]?.word !== 'at') return false;
  return tokens[m.last - 1]?.sets.includes('{skilled}') === true;
}

/**
 * Session 35fa: an outing refused, not the child held, wherever the outing is ("my mum wont let me go to leeds fest",
 * "my ammi wont let me go to the mela unless my bhai comes"): {@link permissionRefused} reads only the outings of set
 * `outing`; here being-hurt's and meeting-soon's phrase ending on "let … go" also stands down when "on", "out" (not
 * "out of") or "to" follows, and after "to" (and "the", "my", "a") no word of `refuge` (home, the toilet, hospital,
 * school, the police, mum…), with permissionRefused's vetoes: no stranger, boyfriend or known adult, fear, earnest words,
 * violence, keeping quiet, pictures or the body in the message. "he wont let me go home", "he wont let me go to the
 * toilet", "my boyfriend wont let me go to my friends house" and "he wont let me go to the park, he locked the door"
 * keep it.
 */
function outingRefused(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if ((rule.id !== 'lex:immediate_danger.being-hurt' && rule.id !== 'lex:immediate_danger.meeting-soon') || tokens[m.last]?.word !== 'go' || tokens[m.first]?.quoted) return false;
  for (const t of tokens) if (PERMISSION_VETO.some((v) => t.sets.includes(v)) || PERMISSION_FEAR.has(t.word) || OTHER_PERSON.has(t.word) || PARTNERS.has(t.word)) return false;
  const next = tokens[m.last + 1];
  if (next === undefined || next.sentence !== tokens[m.last]?.sentence) return false;
  if (next.word === 'on') return true;
  if (next.word === 'out') return tokens[m.last + 2]?.word !== 'of';
  if (next.word !== 'to') return false;
  let k = m.last + 2;
  if (tokens[k]?.word === 'the' || tokens[k]?.word === 'my' || tokens[k]?.word === 'a') k += 1;
  const place = tokens[k];
  return place !== undefined && !place.sets.includes('{refuge}');
}

/**
 * Session 35fa: someone who locked themself in ("he's locked himself in his room sulking"): no one kept them there, unless
 * the message has a word of dying, distress, violence, means or pills ("she's locked herself in the bathroom and says she
 * has a blade"), which keeps danger now.
 */
function lockedThemselvesIn(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'immediate_danger') return false;
  for (const t of tokens) if (HYPERBOLE_STEMS.has(t.keys[0] ?? '') || HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
  for (let j = m.first; j < m.last; j += 1) {
    if (!(tokens[j]?.word ?? '').startsWith('lock')) continue;
    const w = tokens[j + 1]?.word;
    if (w === 'himself' || w === 'herself' || w === 'themselves' || w === 'themself') return true;
  }
  return false;
}

/**
 * Session 35fa: a mishap's cut ("cut my finger on a tin can and it wont stop bleeding", "i cut my finger cuttin cheese"):
 * self-harm's "{whose} … cut" and danger now's bleeding phrases stand down when the message cuts a small part of the body
 * (set `minorbody`: a finger, a thumb, a knee, a lip) within two words after a word of cutting, its sentence names how
 * (set `mishap`: chopping, a tin, fell, a plaster…), and nothing is of means, distress or "on purpose". "i cut my arm"
 * and "i cut my finger with a blade on purpose" keep it.
 */
function cutMishap(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm' && rule.id !== 'lex:immediate_danger.overdose-taken') return false;
  return minorCutByMishap(tokens, m.first, m.last);
}

/**
 * A small part of the body cut by a mishap the sentence names (see {@link cutMishap}), with no means, pills, "on purpose"
 * or word of distress outside the cut itself and the words [first, last] (a phrase's own words; none for the classifier).
 * Session 40: the classifier reads it too. Trained on s40trainA-F (an ill or housebound writer's wounds among them), it
 * read "i cut my thumb opening a tin and it wont stop bleeding, mum got me a plaster" as danger now at 0.92, past
 * SURE_SCORE; a mishap's cut is no danger at any score.
 */
function minorCutByMishap(tokens: readonly Token[], first = -1, last = -2): boolean {
  let cutAt = -1;
  for (let i = 0; i < tokens.length && cutAt < 0; i += 1) {
    if (!(tokens[i]?.word ?? '').startsWith('cut')) continue;
    for (let k = i + 1; k <= i + 2; k += 1) if (tokens[k]?.sets.includes('{minorbody}') && tokens[k]?.sentence === tokens[i]?.sentence) cutAt = i;
  }
  if (cutAt < 0) return false;
  let how = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.word === 'purpose' || t.sets.includes('{means}') || t.sets.includes('{pills}')) return false;
    // The cut itself and the phrase are words of distress ("cut", "bleeding"): only others veto.
    if (i !== cutAt && (i < first || i > last) && t.sets.includes('{distress}')) return false;
    if (t.sentence === tokens[cutAt]?.sentence && t.sets.includes('{mishap}')) how = true;
  }
  return how;
}

/**
 * Session 35fa: a present asked of the one spoken to ("can you buy me some pokemon cards when you go to town mum"):
 * gifts-grooming's "buy me" with "you" or "u" right before it and a word of asking before that (can, could, will,
 * would, pls, please) is the child's own request, not a present from someone grooming them.
 */
function askedForPresent(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.gifts-grooming' || !(tokens[m.first]?.word ?? '').startsWith('buy')) return false;
  const you = tokens[m.first - 1]?.word;
  const ask = tokens[m.first - 2]?.word ?? '';
  return (you === 'you' || you === 'u') && (ask === 'can' || ask === 'could' || ask === 'will' || ask === 'would' || ask === 'pls' || ask === 'please' || ask === 'plz');
}

/** Session 35fa: "buy him pokemon cards": a card named by its kind (set `cardkind`: pokemon, football, birthday…) is no bank or gift card. */
function cardOfKind(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:financial.card-details') return false;
  const last = tokens[m.last];
  if (last === undefined || !last.word.startsWith('card')) return false;
  return tokens[m.last - 1]?.sets.includes('{cardkind}') === true;
}

/**
 * Session 35fa: an illness named beside a dying feeling ("i feel like im dying, i have the flu and a temp of 38", "the
 * doctor said my period pain is normal but it makes me want to die"): a self-harm thought whose words are of dying
 * stands down when its sentence names an ailment (set `ailment`: a cold, the flu, a period, a migraine), and nothing in the message is distress, violence,
 * means or pills. "i have a cold and i want to die, nobody would care" keeps it (distress).
 */
function illnessFeeling(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || rule.urgency === 'immediate' || rule.id === 'lex:self_harm.self-harm') return false;
  let dying = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.keys[0] === 'die' || tokens[j]?.keys[0] === 'dy' || tokens[j]?.word === 'dying') dying = true;
  if (!dying || tokens[m.first]?.quoted) return false;
  const s = tokens[m.first]?.sentence;
  let ill = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if ((i < m.first || i > m.last) && HYPERBOLE_VETO.some((v) => t.sets.includes(v))) return false;
    if (t.sentence === s && t.sets.includes('{ailment}')) ill = true;
  }
  return ill;
}

/**
 * Session 35fa: the child says what "it" was ("im gonna end it... the streak i mean", "im gonna end it all, by which i
 * mean my streak with sam"): a self-harm thought or plan with "end" (or danger now's "ending it tonight") stands down
 * when "i mean" or "i meant" follows it in the message with "the" or "my" and a thing next to it, the thing no life,
 * self or "it". "im gonna end it, i mean
 * it" and "i want to end it all, i mean my life" keep it.
 */
function meantAThing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if ((rule.category !== 'self_harm' || rule.id === 'lex:self_harm.self-harm') && rule.id !== 'lex:immediate_danger.overdose-taken') return false;
  let end = false;
  for (let j = m.first; j <= m.last; j += 1) if (tokens[j]?.keys[0] === 'end') end = true;
  if (!end) return false;
  for (let i = m.last + 1; i < tokens.length; i += 1) {
    const w = tokens[i]?.word;
    if (w !== 'mean' && w !== 'meant') continue;
    if (tokens[i - 1]?.word !== 'i') continue;
    // "the (snap) streak i mean": the thing just before "i mean", "the" or "my" up to two words before it; "i mean my
    // streak": "the" or "my" right after it and the thing after that.
    const detBefore = [tokens[i - 3], tokens[i - 4]].some((t) => t?.word === 'the' || t?.word === 'my');
    const detAfter = tokens[i + 1]?.word === 'the' || tokens[i + 1]?.word === 'my';
    const thing = detAfter ? tokens[i + 2] : detBefore ? tokens[i - 2] : undefined;
    if (thing === undefined) continue;
    return !(thing.word === 'it' || thing.word === 'life' || thing.word === 'self' || thing.sets.includes('{reflexive}') || LIFE_WORDS.has(thing.word));
  }
  return false;
}

/**
 * Session 36fa: getting up, not getting away ("i cant get out of bed this morning", "cant get out of doing the washing
 * up"): being-hurt's "cant get out" stands down when "of" follows it with bed ("of bed", "of my bed") or with a word of
 * doing (a word ending in "ing" right after "of", which names an activity avoided, not a place). "i cant get out of his
 * flat", "cant get out of my room", "i cant get out of the building" and "i cant get out of it" keep it.
 */
function outOfBed(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt' || tokens[m.last]?.word !== 'out') return false;
  const s = tokens[m.last]?.sentence;
  if (tokens[m.last + 1]?.word !== 'of' || tokens[m.last + 1]?.sentence !== s) return false;
  const next = tokens[m.last + 2];
  if (next === undefined || next.sentence !== s) return false;
  if (next.word === 'bed') return true;
  if ((next.word === 'my' || next.word === 'the') && tokens[m.last + 3]?.word === 'bed' && tokens[m.last + 3]?.sentence === s) return true;
  return next.word.length > 4 && next.word.endsWith('ing') && next.word !== 'building';
}

/**
 * Session 36fa: a meeting both families know of. A meeting rule (meet-request, meet-up, meet-known-online, come-to-his,
 * met-in-person and danger now's meeting-soon) stands down when the writer tells of being in touch with the other child's
 * parent: a word of `homefolk` (mum, dad, parents…) owned by the other child ("his", "her", "their", "the other", "the
 * girl's") with "i" or "we" at most six words before it and nothing between that denies it or is someone's saying ("I've
 * spoken to the other girl's mum", "i know his parents", "i rang the girls mum"), or that parent messaging or texting
 * the writer ("the boy's mum messaged me"). Never when someone else is the one saying it, nor with secrets, hushing,
 * fear, nudity, undressing or a word of an adult in the message (a man, older, uni, an adult's age): "a guy from snap wants to meet me, he said his mum will be
 * there", "the boy says his parents know", "i have not spoken to his parents" and "…who is 23, i know his mum" keep it.
 */
function familiesInTouch(tokens: readonly Token[], _m: PhraseMatch, rule: CompiledRule, _scope: MessageScope, model: SafetyModel): boolean {
  const id = rule.id;
  if (id !== 'lex:meet_or_secrecy.meet-request' && id !== 'lex:meet_or_secrecy.meet-up' && id !== 'lex:meet_or_secrecy.meet-known-online' && id !== 'lex:meet_or_secrecy.come-to-his' && id !== 'lex:meet_or_secrecy.met-in-person' && id !== 'lex:immediate_danger.meeting-soon') return false;
  // (An adult: "a man", "older", "uni", "23", but not the "old" of "my 14 year old".)
  if (tokens.some((t) => FAMILIES_VETO.some((v) => t.sets.includes(v)) || (t.sets.includes('{adultcue}') && t.word !== 'old'))) return false;
  for (let k = 1; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t === undefined || !t.sets.includes('{homefolk}')) continue;
    const owner = tokens[k - 1];
    const ownerWord = owner?.word ?? '';
    const ofOther = ownerWord === 'his' || ownerWord === 'her' || ownerWord === 'their' || ownerWord === 'other' || (owner?.sets.includes('{person}') === true && owner.word !== 'she' && owner.word !== 'he') || owner?.sets.includes('{peers}') === true;
    if (!ofOther) continue;
    const s = t.sentence;
    let self = false;
    // Back from the parent word to the writer ("i", "we") at most six words before it: a denial on the way, or someone
    // else's word for it ("he said his mum…", "the boy says his parents know", "he said i can meet his mum"), is none.
    for (let j = k - 2; j >= k - 7 && j >= 0 && tokens[j]?.sentence === s; j -= 1) {
      const u = tokens[j];
      if (u === undefined || model.scope.negators.has(u.keys[0] ?? '') || u.keys.includes('{cannot}')) break;
      if (u.sets.includes('{speech}')) break;
      if (u.sets.includes('{self}')) {
        self = tokens[j - 1]?.sets.includes('{speech}') !== true;
        break;
      }
    }
    // "the boy's mum (has) messaged me", "her mum texted us".
    const vi = tokens[k + 1]?.word === 'has' || tokens[k + 1]?.word === 'had' ? k + 2 : k + 1;
    const verb = tokens[vi]?.word ?? '';
    const whom = tokens[vi + 1]?.word;
    const after = tokens[vi + 1]?.sentence === s && (verb.startsWith('messag') || verb.startsWith('text')) && (whom === 'me' || whom === 'us');
    if (self || after) return true;
  }
  return false;
}

/** {@link familiesInTouch}'s vetoes: secrets, hushing, fear, nudity, undressing, an adult's age (and `adultcue`, in the code). */
const FAMILIES_VETO = ['{secret}', '{hush}', '{afraid}', '{nudestrong}', '{undress}', '{adultage}'];

/**
 * Session 36fa: a sleep or an absence wished for a while ("i'm gonna take a nap and not wake up till christmas", "i
 * want to sleep forever after this week", "i wish i could disappear for a week"): suicidal-thoughts stands down when its
 * phrase is a wish to sleep, not wake or disappear (no word of dying, killing or ending) and within three words after
 * it the wish is bounded: "till", "until" or "til", "for a" or "for the", or "after this" or "after that". Never with a
 * word of dying or killing, distress, pictures, the body, violence, means, pills or a time soon after the phrase, nor
 * with a word of meaning it: "i want to sleep and never wake up until he leaves me alone" (a person), "i want to sleep
 * forever after tonight" and "…till i die" keep it.
 */
function wishForAWhile(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts' || saidInEarnest(tokens)) return false;
  let sleepy = false;
  for (let j = m.first; j <= m.last; j += 1) {
    const t = tokens[j];
    if (t === undefined) continue;
    const k = t.keys[0] ?? '';
    if (k === 'die' || k === 'dy' || k === 'dead' || k === 'death' || k === 'kill' || k === 'end' || t.word === 'dying') return false;
    if (k === 'disappear' || k === 'vanish' || t.word.startsWith('sleep') || t.word.startsWith('wake') || t.word.startsWith('waking')) sleepy = true;
  }
  if (!sleepy) return false;
  const s = tokens[m.first]?.sentence;
  let bound = -1;
  for (let j = m.last + 1; j <= m.last + 3 && j < tokens.length && tokens[j]?.sentence === s && bound < 0; j += 1) {
    const w = tokens[j]?.word ?? '';
    const next = tokens[j + 1]?.word ?? '';
    if (UNTIL.has(w) || (w === 'for' && (next === 'a' || next === 'the')) || (w === 'after' && (next === 'this' || next === 'that'))) bound = j;
  }
  if (bound < 0) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i >= m.first && i <= m.last)) continue;
    if (HYPERBOLE_VETO.some((v) => t.sets.includes(v)) || HYPERBOLE_STEMS.has(t.keys[0] ?? '') || t.word === 'dying') return false;
    // What the wish lasts until is no person and no time soon: "until he leaves", "after tonight".
    if (i > bound && t.sentence === s && (t.sets.includes('{soon}') || t.sets.includes('{person}') || t.sets.includes('{specific}'))) return false;
  }
  return true;
}

/**
 * Session 36fa: the child is the one who beats ("i always beat him", "if i beat him at chess again", "after i beat her
 * 3-0"): being-hurt's "beats {victim}" (stem "beat") stands down when "i" or "we" is its subject, right before it or
 * with one word between that is no denial, "to" or a person. Never for "beat him up" or "beat her with …", nor with a
 * word of violence, means or fear in the message: "he beat me", "my dad beat him", "i beat him up" and "i beat him at
 * fifa and now im scared he will find me" keep it.
 */
function childWins(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule, _scope: MessageScope, model: SafetyModel): boolean {
  if (rule.id !== 'lex:immediate_danger.being-hurt' || tokens[m.first]?.keys[0] !== 'beat') return false;
  const s = tokens[m.first]?.sentence;
  const isWriter = (t: Token | undefined): boolean => t !== undefined && t.sentence === s && (t.word === 'i' || t.word === 'we');
  const between = tokens[m.first - 1];
  const subject = isWriter(between) || (isWriter(tokens[m.first - 2]) && between !== undefined && between.word !== 'to' && !model.scope.negators.has(between.keys[0] ?? '') && !between.sets.includes('{person}') && !between.sets.includes('{speech}'));
  if (!subject) return false;
  for (let k = m.last + 1; k <= m.last + 3 && k < tokens.length; k += 1) if (tokens[k]?.word === 'up' || tokens[k]?.word === 'with') return false;
  // (The phrase's own "beat" is a word of `violent` too: its stem is that of "beating".)
  return !tokens.some((t, i) => (i < m.first || i > m.last) && WINS_VETO.some((v) => t.sets.includes(v)));
}

/** {@link childWins}'s vetoes: violence, means, fear. */
const WINS_VETO = ['{violent}', '{means}', '{afraid}'];

/**
 * Session 36fa: someone else's location shared with the writer ("i told her to send me her live location so i know shes
 * safe", "she's sharing her location with me tonight", "I've asked him to share his location with me"): a personal_info
 * phrase naming a location owned by "his", "her" or "their" stands down when the writer is the one it goes to: "with me"
 * or "with us" within four words after the location word, or "send me" right before its owner. The child's own location
 * ("my", "ur") is never this, nor is a location sent to anyone else, nor a message with an adult, secrets, hushing or
 * fear: "a man on snap asked my daughter to share her location with him" keeps it.
 */
function locationToWriter(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'personal_info') return false;
  let at = -1;
  for (let j = m.first; j <= m.last && at < 0; j += 1) if ((tokens[j]?.word ?? '').startsWith('location')) at = j;
  if (at < 0) return false;
  const ownerAt = tokens[at - 1]?.word === 'live' ? at - 2 : at - 1;
  const owner = tokens[ownerAt]?.word;
  if (owner !== 'his' && owner !== 'her' && owner !== 'their') return false;
  const s = tokens[at]?.sentence;
  let toWriter = tokens[ownerAt - 1]?.word === 'me' && (tokens[ownerAt - 2]?.word ?? '').startsWith('send');
  for (let k = at + 1; k <= at + 4 && k + 1 < tokens.length && !toWriter; k += 1) {
    const next = tokens[k + 1]?.word;
    if (tokens[k]?.word === 'with' && tokens[k]?.sentence === s && (next === 'me' || next === 'us')) toWriter = true;
  }
  return toWriter && !tokens.some((t) => FAMILIES_VETO.some((v) => t.sets.includes(v)) || (t.sets.includes('{adultcue}') && t.word !== 'old'));
}

/**
 * Session 36fa: a parent telling of their child's own second or private account ("my 16 year old has a secret instagram
 * account", "is it normal for a 12 year old to want a private account?"): secrecy's account phrases stand down when the
 * nearest one named before the phrase in its sentence (at most eight words back) is the writer's child (sets
 * `ownchild`, `offspring`: "my son", "a 14 year old"), with no one's telling or asking in between, nobody else, no online
 * place and no telling or asking after the phrase, and nothing in the message of a boyfriend or girlfriend, an adult,
 * hushing, fear, nudity or undressing. "he told me to make a secret account so we can talk", "my daughter has a private
 * account and a man keeps messaging it", "…because a guy from roblox told him to", "…that only her online boyfriend
 * knows about" and "she has a secret account" keep it.
 */
function ownChildsAccount(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SECRECY_RULES.has(rule.id)) return false;
  let account = false;
  for (let j = m.first; j <= m.last; j += 1) if ((tokens[j]?.word ?? '').startsWith('account')) account = true;
  if (!account) return false;
  const s = tokens[m.first]?.sentence;
  let child = false;
  for (let j = m.first - 1; j >= m.first - 8 && j >= 0 && tokens[j]?.sentence === s; j -= 1) {
    const u = tokens[j];
    if (u === undefined) break;
    if (u.sets.includes('{ownchild}') || u.sets.includes('{offspring}')) {
      child = true;
      break;
    }
    // Someone else named, or telling or asking ("he TOLD me to make…"); wanting is the child's own ("to WANT a…").
    if (u.sets.includes('{person}') || (u.sets.includes('{speech}') && !u.word.startsWith('want'))) return false;
  }
  if (!child) return false;
  // After the phrase: someone else named ("a guy from roblox told him to"), an online place ("her online boyfriend"), or
  // someone telling or asking; anywhere: a boyfriend or girlfriend, an adult, hushing, fear, nudity, undressing.
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (FAMILIES_VETO.some((v) => v !== '{secret}' && t.sets.includes(v)) || (t.sets.includes('{adultcue}') && t.word !== 'old') || t.sets.includes('{exlover}')) return false;
    if (i <= m.last) continue;
    if (t.sets.includes('{onlineplace}') || (t.sets.includes('{speech}') && !t.word.startsWith('want'))) return false;
    // (A pronoun is the child told of: "should i confront HER".)
    if (t.sets.includes('{person}') && !HE.has(t.word) && !SHE.has(t.word) && !CHILD_SUBJECTS.has(t.word) && t.word !== 'them' && t.word !== 'their') return false;
  }
  return true;
}

/**
 * Session 36fa: "cut out" is a craft or a stop, not a wound ("ive been cutting out pictures for my collage", "we cut out
 * paper stars"): self-harm's phrases stand down when their word of cutting is followed by "out" (or "it", "them" or
 * "that" and "out"), with nothing outside the phrase of the body, means, pills, distress, violence or oneself ("myself",
 * "on purpose"; pictures are no veto, they are what a child cuts out). "ive been cutting again", "i keep cutting myself
 * to cut out the thoughts" and "cutting out bits of my legs with a blade" keep it.
 */
function cutOut(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.self-harm') return false;
  let out = false;
  for (let j = m.first; j <= m.last && !out; j += 1) {
    if (!(tokens[j]?.word ?? '').startsWith('cut')) continue;
    const next = tokens[j + 1]?.word;
    out = next === 'out' || ((next === 'it' || next === 'them' || next === 'that') && tokens[j + 2]?.word === 'out');
  }
  if (!out) return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i >= m.first && i <= m.last)) continue;
    if (CUT_OUT_VETO.some((v) => t.sets.includes(v)) || t.sets.includes('{reflexive}') || SELF_WORDS.has(t.word)) return false;
  }
  return true;
}

/** {@link cutOut}'s vetoes: trivialHyperbole's but pictures, which are what a child cuts out. */
const CUT_OUT_VETO = HYPERBOLE_VETO.filter((v) => v !== '{image}');

/**
 * Session 36fa: the tablet is a device ("i found messages on her tablet", "i've taken the tablet off him", "my son's
 * tablet"): the `means` signal stands down when its word is the singular "tablet" owned or pointed at (my, his, her,
 * their, your, our, the, or a word of `ownchild`/`offspring` right before it: "my 8-year-old's tablet") and no word of
 * taking it (took, swallowed, had…) is among the three words before. "took a tablet", "i took my hayfever tablet" and
 * "tablets" keep it. Without this, a device named in one turn and "tonight" in the next made an overdose combo
 * (means-and-intent-now) of a parent's "I had a look tonight while she was in the bath".
 */
function deviceTablet(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.feature !== 'signal.means' || m.first !== m.last || tokens[m.first]?.word !== 'tablet') return false;
  const before = tokens[m.first - 1];
  if (before === undefined) return false;
  const w = before.word;
  const pointed = w === 'the' || before.sets.includes('{whose}') || before.sets.includes('{ours}') || w === 'your' || before.sets.includes('{ownchild}') || before.sets.includes('{offspring}');
  if (!pointed) return false;
  for (let k = m.first - 4; k < m.first; k += 1) if (k >= 0 && TAKEN.has(tokens[k]?.word ?? '')) return false;
  return true;
}

// Session 37hard: a request the child turned down and the asker let go, a line quoted from a song or film, a follow on an
// app, a threat to put the child out of a game's group, and the topic of a warning denied by the child.

/** Request rules a child's refusal ends once the asker lets it go: the refusable ones and a gift, money, a picture, a meeting. */
const LET_GO_RULES = new Set([...REFUSABLE, 'lex:sexual.image-request', 'lex:meet_or_secrecy.gifts-grooming', 'lex:financial.money-request', 'lex:meet_or_secrecy.meet-request', 'lex:meet_or_secrecy.meet-up']);
const PRESSED_ON = wordList('pressed_on');
const NEVER_AGAIN = wordList('never_again');

/**
 * Session 37hard: the child said no and the asker accepted it ("asked for my age, i said no and they said fair enough",
 * "he offered robux, i said no thanks and he said ok cool", "i told her i didnt want to send a selfie and she said totally
 * fine"): a request phrase stands down when a word of refusal (`refused`, `declined`) comes before a word of the asker
 * backing off (`backoff`: fair enough, no worries, thats fine, never asked again…) and nothing after the refusal says the
 * asking went on or worried the child (`pressed_on`: but, still, asking, again but for "never asked again", scared…).
 * Never for a picture with a word of nudity or the body in the message: asking a child for nudes is a red flag however
 * politely it ends.
 */
function letGoAfterNo(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!LET_GO_RULES.has(rule.id)) return false;
  let refusedAt = -1;
  let backedOff = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (rule.category === 'sexual' && (t.sets.includes('{nudestrong}') || t.sets.includes('{nude}'))) return false;
    if (refusedAt < 0) {
      if (t.sets.includes('{refused}') || t.sets.includes('{declined}')) refusedAt = i;
      continue;
    }
    if (PRESSED_ON.has(t.word) && !t.sets.includes('{backoff}') && !(t.word === 'again' && NEVER_AGAIN.has(tokens[i - 1]?.word ?? ''))) return false;
    if (t.sets.includes('{backoff}') && !t.sets.includes('{refused}') && !t.sets.includes('{declined}')) backedOff = true;
  }
  return backedOff;
}

const FOLLOW_WORDS = wordList('follow_words');

/**
 * Session 37hard: being followed on an app is an account following the child's, not someone behind them in the street
 * ("someone is following me on tiktok", "this random man keeps following me... on insta"): someone-outside stands down
 * when the phrase ends on following the child and the next words (at most one between, in the same sentence) are "on"
 * and an app or an online place. "following me home" and "following me on the way home" keep it.
 */
function followedOnApp(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== SOMEONE_OUTSIDE) return false;
  let follow = -1;
  for (let j = m.first; j <= m.last; j += 1) if (FOLLOW_WORDS.has(tokens[j]?.word ?? '') && tokens[j + 1]?.word === 'me') follow = j + 1;
  if (follow < 0) return false;
  const s = tokens[follow]?.sentence;
  for (let k = follow + 1; k <= follow + 2; k += 1) {
    const t = tokens[k];
    // The word right after may follow a pause ("following me... on tiktok").
    if (t === undefined || (t.sentence !== s && k > follow + 1)) return false;
    if (t.word === 'on') return isOnlineWord(tokens[k + 1]) || tokens[k + 1]?.word === 'here';
  }
  return false;
}

const EJECT_ACTS = wordList('eject_acts');
const EJECT_FROM = wordList('eject_from');

/**
 * Session 37hard: a threat to put the child out of a game's or a chat's group ("threatened to kick me from the clan if i
 * didnt turn up", "said hed ban me from the server"): `mildThreat` for a word of putting out (`eject_acts`) with "me" or
 * "us" after it and then from, out of or off a group (`eject_from`: clan, squad, server, team, gc…) within three words.
 * Same vetoes as `mildThreat` (pictures, nudity, money, hush, violence, menace, a stranger or a boyfriend named).
 */
function putOutOfGroup(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  return mildThreat(tokens, m, rule, true);
}

/**
 * Session 37hard: the child denies the flag before asking about it ("nobody is threatening me, i just saw a tiktok about
 * sextortion"): `topicNamed` lets a word of menace pass when it is denied, that is, a denier (nobody, no one, not,
 * never, isnt…) stands at most three words before it in its sentence (or is the word itself).
 */
function deniedWord(tokens: readonly Token[], i: number): boolean {
  const s = tokens[i]?.sentence;
  for (let k = i; k >= Math.max(0, i - 3); k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (DENIERS.has(t.word) && !(t.word === 'nobody' && k === i && tokens[k - 1] !== undefined && tokens[k - 1]?.sentence === s)) return true;
  }
  return false;
}
const DENIERS = wordList('deniers');

const OWN_PUBLISHERS = wordList('own_publishers');
const OWN_POST_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{money}'];

/**
 * Session 37hard: the child's family or school putting the child's pictures up ("my mum took photos of me in my prom
 * dress and put them on facebook", "the school put my picture on their website"): share-images stands down when the
 * one doing it, the nearest person named before the phrase in its sentence (skipping the child, "me"), is one of the
 * family (`family`, not met online) or the school (`own_publishers`; not after from, at or in: "someone FROM school"), and the message has no condition (if, unless,
 * or), no menace outside the phrase, nothing of nudity, the body, undressing, secrets or money. "he put my picture
 * up", "my stepdad posted pics of me in my underwear" and "mum said if i dont tidy up shell post my baby pics" keep it.
 */
function postedByOwnPeople(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:threat_blackmail.share-images') return false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OWN_POST_VETO.some((v) => t.sets.includes(v)) || CONDITIONS.has(t.word) || THREATENING.has(t.word)) return false;
    if ((i < m.first || i > m.last) && t.sets.includes('{menace}')) return false;
  }
  const s = tokens[m.first]?.sentence;
  for (let k = m.first - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (t.word === 'me' || t.word === 'my' || t.word === 'i') continue;
    // A school named as a place is not the one posting: "someone FROM school", "a boy AT school" (walk on to him).
    if (OWN_PUBLISHERS.has(t.word) && AFFILIATION.has(tokens[k - 1]?.word ?? '')) continue;
    if (OWN_PUBLISHERS.has(t.word) || (t.sets.includes('{family}') && !metOnline(tokens, k))) return true;
    if (HE.has(t.word) || SHE.has(t.word) || OTHER_PERSON.has(t.word) || t.word === 'they' || t.word === 'someone') return false;
  }
  return false;
}

const KIN_RECEIVERS = wordList('kin_receivers');
/** What keeps a picture sent to family a request told of: nudity, the body, undressing, secrets, keeping quiet, menace, money. */
const KIN_PICTURE_VETO = ['{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{hush}', '{secret}', '{menace}', '{money}'];

/**
 * Session 40fa1: a picture the child sends to close family, the receiver named after it ("sent a pic to my nan", "i had to
 * send a pic of my uniform to my nan so she cud see it", "she has to send a photo of herself in it to her nan"; five of
 * session 39's writers): image-request and asks-details stand down when their sentence has a sending word and, after the
 * phrase's start, "to" with a receiver of set `kin_receivers` (a mother, a gran, an aunt, a sister, the parents: not a
 * dad, an uncle or a stepdad, who may be the abuser: see {@link isTrustedReceiver}), and the sentence names no one
 * else (a man, someone, he, they) and no asking, the message nothing of nudity, the body, undressing, secrets, menace or
 * money. "he asked for a pic so i sent a pic to my mum" and "i have to send pics to my mum's boyfriend" keep it.
 */
function pictureToKin(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.image-request' && rule.id !== 'lex:personal_info.asks-details') return false;
  const s = tokens[m.first]?.sentence;
  let sending = false;
  let kin = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (hasAnySet(t, KIN_PICTURE_VETO)) return false;
    if (t.sentence !== s) continue;
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || t.word === 'they' || t.word === 'them' || t.sets.includes('{request}')) return false;
    if (SENDING.has(t.word)) sending = true;
    if (i < m.first || t.word !== 'to') continue;
    const r = POSSESSIVES.has(tokens[i + 1]?.word ?? '') ? i + 2 : i + 1;
    const receiver = tokens[r];
    // The receiver's own word, not the start of a longer one ("my mums boyfriend", "my sister's friend").
    if (receiver !== undefined && receiver.sentence === s && KIN_RECEIVERS.has(receiver.word) && !OTHER_PERSON.has(tokens[r + 1]?.word ?? '') && !tokens[r + 1]?.sets.includes('{friends}')) kin = true;
  }
  return sending && kin;
}

/** The categories a parent's safety question names: what a stranger online might ask or do. */
const QUIZ_CATEGORIES = new Set(['personal_info', 'meet_or_secrecy', 'sexual', 'financial']);
const QUIZ_OPENERS = new Set(['if', 'whether', 'what']);
const QUIZ_MARKERS = new Set(['ever', 'would', 'wud', 'id', 'should']);
const QUIZ_VETO = wordList('quiz_veto');

/**
 * Session 40fa1: a parent's safety question, retold ("mam asked if anyone online had ever asked me to keep a secret, nobody
 * has", "mum asked what would u do if someone asked u to keep a secret from me, i said tell her", "i asked my son if anyone
 * had ever asked him to keep a secret online and he said no"; four of session 39's writers, and older batches): a rule
 * of personal_info, meet_or_secrecy, sexual or financial stands down when, before its phrase in the sentence, a parent
 * (`parent_words`, or "i" asking "my" own child, `own_child`) is right before an asking word (or one word before it),
 * "if", "whether" or "what" follows that word before the phrase, and the sentence has "ever" or a "would", "should" or
 * "i'd" of a question put; no one person is in view ("the man", "this guy"), nothing in the message answers yes or takes it back (`quiz_veto`: yes, lied, actually, but,
 * except…), and no he or him is in it but after a child of the writer's. "my mum asked if anyone had ever asked me for
 * pics and i lied", "mum asked if the man from roblox ever asked for my address" keep it.
 */
function parentsSafetyQuestion(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category === undefined || !QUIZ_CATEGORIES.has(rule.category) || !rule.id.startsWith('lex:')) return false;
  const s = tokens[m.first]?.sentence;
  let asked = -1;
  for (let k = 0; k < m.first && asked < 0; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s || !QUESTION_ASKED.has(t.word)) continue;
    const parent = [tokens[k - 1], tokens[k - 2]].some((w) => w !== undefined && w.sentence === s && PARENT_WORDS.has(w.word));
    const ownChild = (tokens[k - 1]?.word === 'i' && (OWN_CHILD.has(tokens[k + 1]?.word ?? '') || (tokens[k + 1]?.word === 'my' && OWN_CHILD.has(tokens[k + 2]?.word ?? ''))));
    if (parent || ownChild) asked = k;
  }
  if (asked < 0) return false;
  let opened = false;
  for (let k = asked + 1; k < m.first; k += 1) if (QUIZ_OPENERS.has(tokens[k]?.word ?? '')) opened = true;
  if (!opened) return false;
  let marked = false;
  let child = false;
  for (const t of tokens) {
    if (QUIZ_VETO.has(t.word)) return false;
    if (OWN_CHILD.has(t.word)) child = true;
    if ((t.word === 'he' || t.word === 'him') && !child) return false;
    if (t.sentence === s && QUIZ_MARKERS.has(t.word)) marked = true;
  }
  // One person in view, not anyone: "mum asked if THE MAN from roblox ever asked for my address".
  for (let k = 1; k < tokens.length; k += 1) if (OTHER_PERSON.has(tokens[k]?.word ?? '') && ['the', 'this', 'that'].includes(tokens[k - 1]?.word ?? '')) return false;
  return marked;
}

/** Session 40fa1: the financial rules a job's asking for pay details stands down. */
const WAGE_RULES = new Set(['lex:financial.money-request', 'lex:financial.logins', 'lex:financial.card-details', 'lex:financial.payment-demand']);
const PAID_WORK = wordList('paid_work');
const PAID_TO = wordList('paid_to');
const GENERIC_WORK = new Set(['job', 'jobs', 'shift', 'shifts']);
/** What keeps pay details asked a red flag: someone unknown, online, pictures, nudity, a secret, menace. */
const WAGE_VETO = ['{image}', '{nude}', '{nudestrong}', '{secret}', '{hush}', '{menace}'];

/**
 * Session 40fa1: bank details asked so that a job can pay the child ("my manager asked for my bank details so i can get
 * paid", "the cafe wanted my bank details to pay me", "the café asked for his bank details so they can pay him"; five
 * writers of session 39 and older batches): money-request, logins, card-details and payment-demand stand down when the
 * message names paid work (`paid_work`: job, manager, boss, cafe, uni, bursary…) and the child as the one paid (a
 * word of paying right after "get" or "be", or right before one of `paid_to`: me, him, her; or a bursary or wages
 * named), and nobody unknown (a man, someone, an account; a he or she with only "a job" named), nothing online (an app,
 * a game, "online"), no offer, no "don't tell", no pictures, nudity, secret or menace. "a guy on insta offered me a job,
 * he needs my bank details to pay me" and "he got me a job and needs my bank details to pay me" keep it: a stranger
 * paying into a child's account is how money mules are recruited.
 */
function paidByEmployer(tokens: readonly Token[], rule: CompiledRule): boolean {
  if (!WAGE_RULES.has(rule.id)) return false;
  let work = false;
  let employer = false;
  let pronoun = false;
  let paid = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || hasAnySet(t, WAGE_VETO) || t.word.startsWith('offer')) return false;
    if (t.word === 'tell' && ['dont', 'not', 'never', 'cant'].includes(tokens[i - 1]?.word ?? '')) return false;
    if (PAID_WORK.has(t.word)) work = true;
    if (PAID_WORK.has(t.word) && !GENERIC_WORK.has(t.word)) employer = true;
    if (HE.has(t.word) || SHE.has(t.word)) pronoun = true;
    if (t.word === 'bursary' || t.word === 'wages' || t.word === 'salary') paid = true;
    if ((t.word === 'paid' && ['get', 'getting', 'be', 'being'].includes(tokens[i - 1]?.word ?? '')) || ((t.word === 'pay' || t.word === 'paying') && PAID_TO.has(tokens[i + 1]?.word ?? ''))) paid = true;
  }
  // "he got me a job": a he or she with no employer named may be anyone.
  return work && paid && (employer || !pronoun);
}

const KIN_GIVERS = wordList('kin_givers');
/** Words of giving after the family member ("gran GAVE me", "nan LEFT me"). */
const KIN_GIVING = new Set(['gave', 'gives', 'give', 'giving', 'left', 'sent', 'sends', 'slipped', 'slips']);
const POCKET_MONEY = wordList('pocket_money');
/**
 * What keeps a family secret of pocket money grooming: someone unknown or online, pictures, nudity, the body, harm. Not
 * `menace`, which holds the secret's own words ("keep quiet", the 🤫 a child adds) and "or he" ("or he'll want one too").
 */
const KIN_MONEY_VETO = ['{image}', '{nude}', '{nudestrong}', '{bodypart}', '{undress}', '{kill}', '{knownadult}'];

/**
 * Session 40fa1: pocket money from a mum or a gran, with "don't tell" ("gran gave me a tenner and said dont tell your
 * brother", "nan left me 10 quid in a birthday card and said dont tell ur brother", "my mum gave me 20 quid for my bday
 * and said dont tell my brother"; seven writers): secrecy and secrecy-asked stand down when, before the phrase in its
 * sentence, the nearest person named is one of `kin_givers` (a mum, a gran, a nan: no grandad, uncle or stepdad, whose
 * money and secret can be grooming), a giving word follows them, and the sentence names money (`pocket_money`,
 * set `money`), and the message names no one else (a man, someone, a he but "or he'll want one"), nothing online, no known adult, no pictures,
 * nudity, body, undressing or harm. "my grandad gives me money and says dont tell mum" keeps it.
 */
function kinMoneySecret(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!SECRET_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let giver = -1;
  for (let k = m.first - 1; k >= 0 && giver < 0; k -= 1) {
    const t = tokens[k];
    if (t === undefined || t.sentence !== s) return false;
    if (KIN_GIVERS.has(t.word) && !metOnline(tokens, k)) giver = k;
    else if (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they') return false;
  }
  if (giver < 0) return false;
  let gave = false;
  let money = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || isOnlineWord(t) || hasAnySet(t, KIN_MONEY_VETO)) return false;
    // A he the secret may be about ("dont tell anyone about HIM"), not the sibling who would want some too ("or HE'll want one").
    if (HE.has(t.word) && tokens[i - 1]?.word !== 'or') return false;
    if (t.sentence !== s) continue;
    if (i > giver && i < m.first && KIN_GIVING.has(t.word)) gave = true;
    if (POCKET_MONEY.has(t.word) || t.sets.includes('{money}')) money = true;
  }
  return gave && money;
}

const FANDOM = wordList('fandom');

/**
 * Session 40fa1: a child's wish to meet someone famous ("i want to meet mrbeast wen im older", "i wanna meet my favourite
 * streamer at the convention", "i want to meet a famous footballer one day"; eight writers): meet-request and meet-up
 * stand down when "i" or "we" is the subject of the phrase's wanting (right before it, or one word before: "i really
 * want to meet"), the message names fame (`fandom`: favourite, famous, youtuber, streamer…) or a some-day ("one day",
 * "when im older"), and nobody else (a man, someone, he, she, they), nothing online (an app, a game), no boyfriend or
 * girlfriend, no secret and nothing of being alone. "i want to meet him", "i want to meet my favourite youtuber, he messaged me" and "i wanna
 * meet this guy from roblox one day" keep it.
 */
function wishToMeetFamous(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:meet_or_secrecy.meet-request' && rule.id !== 'lex:meet_or_secrecy.meet-up') return false;
  const first = tokens[m.first];
  if (first === undefined || first.quoted || (first.word !== 'want' && first.word !== 'wanna' && first.word !== 'wants')) return false;
  const s = first.sentence;
  const self = [tokens[m.first - 1], tokens[m.first - 2]].some((t) => t !== undefined && t.sentence === s && (t.word === 'i' || t.word === 'we'));
  if (!self) return false;
  let fame = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || isOnlineWord(t)) return false;
    if (t.sets.includes('{secret}') || t.sets.includes('{hush}') || t.sets.includes('{partner}') || t.word === 'alone') return false;
    if (FANDOM.has(t.word) || (t.word === 'day' && tokens[i - 1]?.word === 'one') || (t.word === 'older' && ['im', 'am'].includes(tokens[i - 1]?.word ?? ''))) fame = true;
  }
  return fame;
}

const LAUGHED_HARD = wordList('laughed_hard');

/**
 * Session 42faR: someone who laughed hard ("my friend was gonna kill herself laughing at my impression", "he nearly
 * killed himself laughing"; the child's own "kill myself laughing" was an idiom already): a self-harm thought whose
 * phrase ends on a reflexive (herself, himself, themselves) stands down when a word of laughing (`laughed_hard`) comes
 * right after it. "she wants to kill herself, she laughs it off" has a word between and keeps it.
 */
function killedLaughing(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.category !== 'self_harm' || rule.id === 'lex:self_harm.self-harm') return false;
  const last = tokens[m.last];
  const next = tokens[m.last + 1];
  if (last === undefined || next === undefined || !last.sets.includes('{reflexive}') || next.sentence !== last.sentence) return false;
  return LAUGHED_HARD.has(next.word);
}

const COMPLAINED_OF = wordList('complained_of');

/**
 * Session 42faR: British "moan" is to complain ("a group chat just to moan about our parents", "me moaning about my
 * crush", "i just needed a moan"; five writers): sexual-talk's bare "moan"/"moaning" stands down when "about" comes
 * right after it (`complained_of`) or "a" right before it. "voice notes moaning", "asked me to moan into the mic" and
 * "moaning at me" keep it.
 */
function moanAsComplaint(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.sexual-talk' || m.last !== m.first) return false;
  const t = tokens[m.first];
  if (t === undefined || t.keys[0] !== 'moan') return false;
  const next = tokens[m.first + 1];
  const before = tokens[m.first - 1];
  return (next !== undefined && next.sentence === t.sentence && COMPLAINED_OF.has(next.word)) || (before !== undefined && before.sentence === t.sentence && before.word === 'a');
}

/**
 * Session 42faR: "the end" as a noun before "it is" ("the narrator says "youre next" at the end, its a classic", "in
 * the end it was fine"): suicidal-thoughts' "end it" stands down when "the" comes right before "end" and "it" is
 * followed by "is" or "was" (a sentence about something, not the act). "i want to end it" and "the end. ill end it" keep it.
 */
function theEndThenIt(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:self_harm.suicidal-thoughts' || m.last !== m.first + 1) return false;
  const end = tokens[m.first];
  if (end === undefined || end.keys[0] !== 'end' || tokens[m.first - 1]?.word !== 'the' || tokens[m.first - 1]?.sentence !== end.sentence) return false;
  const it = tokens[m.last]?.word;
  const next = tokens[m.last + 1]?.word;
  return it === 'its' || (it === 'it' && (next === 'is' || next === 'was' || next === 'turned' || next === 'went'));
}

const UNWELL_IN_BED = wordList('unwell_in_bed');

/**
 * Session 42faR: ill or in pain in bed ("period pain so bad im in bed with a hot water bottle", "off school in bed with
 * the flu"): sexual-talk's "in bed with" stands down when a word of being unwell or of its comfort (`unwell_in_bed`)
 * comes within three words after it. "he wants to lie in bed with me" and "a pic of himself in bed with no top on" keep it.
 */
function inBedUnwell(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.sexual-talk' || tokens[m.last]?.word !== 'with' || tokens[m.last - 1]?.word !== 'bed') return false;
  const s = tokens[m.last]?.sentence;
  for (let k = m.last + 1; k <= m.last + 3 && k < tokens.length && tokens[k]?.sentence === s; k += 1) {
    const t = tokens[k];
    if (t !== undefined && (UNWELL_IN_BED.has(t.word) || t.sets.includes('{pills}'))) return true;
  }
  return false;
}

/**
 * Session 42faR: the child's own bra size asked about ("how do i know my bra size", "mum measured my bra size and im
 * a 32a"): sexual-talk's "bra size" right after "my" stands down when the message names nobody else acting (he, she,
 * they, a man, someone…), nothing online and no picture. "he asked my bra size" and "someone on insta asked what my
 * bra size is" keep it.
 */
function ownBraSize(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:sexual.sexual-talk' || m.last !== m.first + 1) return false;
  if (tokens[m.first]?.word !== 'bra' || tokens[m.first - 1]?.word !== 'my') return false;
  for (const t of tokens) {
    if (OTHER_PERSON.has(t.word) || HE.has(t.word) || SHE.has(t.word) || t.word === 'they' || t.word === 'them' || t.word === 'you') return false;
    if (isOnlineWord(t) || t.sets.includes('{image}') || t.sets.includes('{app}') || t.sets.includes('{secret}')) return false;
  }
  return true;
}

const NOT_RELATIVE_HEAD = wordList('not_relative_head');

/**
 * Session 32a: the child's "i" inside a clause about the one acting ("a girl I met on tiktok knows my school", "this
 * man i play with online knows my address"): a noun of set `person` right before "i", then a verb of meeting, talking
 * or playing, is a relative clause, so the child is not the one who knows or asks. "i know my address" and "my mum
 * and i told the school my address" keep the child as the one acting.
 */
function selfInRelative(tokens: readonly Token[], j: number): boolean {
  if (tokens[j]?.word !== 'i') return false;
  const head = tokens[j - 1];
  if (head === undefined || NOT_RELATIVE_HEAD.has(head.word) || !head.sets.includes('{person}')) return false;
  // Session 34: the clause may deny the knowing or the meeting ("a man i DONT know asked for my address", "someone i
  // HAVE NEVER met knows my school"): up to three such words before the verb (was: the verb right after "i" only).
  let k = j + 1;
  for (let n = 0; n < 3 && RELATIVE_FILLERS.has(tokens[k]?.word ?? ''); n += 1) k += 1;
  return RELATIVE_VERBS.has(tokens[k]?.word ?? '');
}

const RELATIVE_FILLERS = wordList('relative_fillers');

const RELATIVE_VERBS = wordList('relative_verbs');

const FRIEND_KIND = wordList('friend_kind');

/**
 * Session 30: "his friend", "his best friend" is a friend of the man, not of the child, and in "he said i'm his best
 * friend and not to tell anyone we talk" it is the child: no trusted person stands the phrase down.
 */
function hisFriend(tokens: readonly Token[], j: number): boolean {
  const before = tokens[j - 1]?.word;
  return before === 'his' || (FRIEND_KIND.has(before ?? '') && tokens[j - 2]?.word === 'his');
}

const HAVING_FRIENDS = wordList('having_friends');

/**
 * Session 33b: friends that a he, she or they has ("HES GOT MATES near me who know where i live", "he has friends at my
 * school"): the friends are his, not the child's, so they stand no phrase down. A friend word (set `friendword`)
 * right after "got", "has" or "have" with he, she or they one or two words before.
 */
function friendsOfHis(tokens: readonly Token[], j: number): boolean {
  if (!tokens[j]?.sets.includes('{friendword}')) return false;
  let k = j - 1;
  if (!HAVING_FRIENDS.has(tokens[k]?.word ?? '')) return false;
  k -= 1;
  if (tokens[k]?.word === 'has' || tokens[k]?.word === 'have' || tokens[k]?.word === 'is') k -= 1;
  return CHILD_SUBJECTS.has(tokens[k]?.word ?? '');
}

/** Session 28c: every word of a trusted set before `end` in its sentence is "your X" (someone asked about). */
function onlyYours(tokens: readonly Token[], end: number, set: string): boolean {
  const s = tokens[end]?.sentence;
  const seen = tokens.slice(0, end).map((t, j) => ({ t, j })).filter(({ t }) => t.sentence === s && t.keys.includes(set));
  return seen.length > 0 && seen.every(({ j }) => tokens[j - 1]?.word === 'your');
}

/** Session 28: the rules about a card or a login, which family members share among themselves. */
const CARD_RULES = new Set(['lex:financial.card-details', 'lex:financial.logins']);
const CARD_GIVING = wordList('card_giving');
/** The child's close family, who may hold a card or a password of theirs (not a friend, coach or teacher). */
const CARD_KIN = derivedWordList(() => [...FEMALE, ...MALE, 'parents', 'carer', 'cousin'].filter((w) => w !== 'girlfriend' && w !== 'boyfriend'));
const CARD_VETO = wordList('card_veto');
const CARD_PRONOUNS = wordList('card_pronouns');

/** Whether the he, him, she or her at `i` can be a kin word of its gender earlier in the sentence ("my mum … tell HER my passcode"). */
function kinPronoun(tokens: readonly Token[], i: number, first: number): boolean {
  const w = tokens[i]?.word ?? '';
  const kin = HE.has(w) ? MALE : SHE.has(w) ? FEMALE : undefined;
  if (kin === undefined) return false;
  for (let j = first; j < i; j += 1) if (kin.has(tokens[j]?.word ?? '')) return true;
  return false;
}

/**
 * Session 28: a card or a login kept in the family. A parent's own child asking for or using the parent's card
 * ("my daughter asked for my card to buy a game", "my son used my debit card for his school shoes"; set
 * `offspring` or `ownchild` before the phrase in its sentence, with no giving word between: "my son sent my card
 * details to…" keeps the flag); the child giving theirs to close family ("i gave my mum my bank card", "i told my
 * dad my tablet password", "mum made me tell her my passcode": a giving word, then a kin word or a pronoun that
 * can only be one, then the card or login); or close family giving theirs to the child ("mum sent me to the shop
 * with her card, she told me the pin"). Never with anyone else in the sentence (a man, someone, a player, "they",
 * a he or she who cannot be the family member or the parent's child), nor a link, a scam, a prize, a secret,
 * an app, or online.
 */
function familyCard(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (!CARD_RULES.has(rule.id)) return false;
  const s = tokens[m.first]?.sentence;
  let first = -1;
  let child = -1;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.sentence !== s) continue;
    if (first < 0) first = i;
    if (OTHER_PERSON.has(t.word) || CARD_VETO.has(t.word) || ONLINE.has(t.word) || t.sets.includes('{app}') || t.sets.includes('{secret}')) return false;
    if (child < 0 && i < m.first && (t.keys.includes('{offspring}') || t.keys.includes('{ownchild}'))) child = i;
    // A he or she must be the parent's child or a family member named before it.
    if (CARD_PRONOUNS.has(t.word) && !(child >= 0 && child < i) && !kinPronoun(tokens, i, first)) return false;
  }
  // The parent's own child acting.
  if (child >= 0) {
    let given = false;
    for (let k = child + 1; k <= m.last; k += 1) if (CARD_GIVING.has(tokens[k]?.word ?? '')) given = true;
    if (!given) return true;
  }
  for (let g = Math.max(first, m.first - 3); g < m.last; g += 1) {
    if (!CARD_GIVING.has(tokens[g]?.word ?? '')) continue;
    const giver = tokens[g - 1];
    let r = g + 1;
    // Family giving theirs to the child: "she told me the pin", "my dad gave me his card".
    if (tokens[r]?.word === 'me' && giver !== undefined && (CARD_KIN.has(giver.word) || kinPronoun(tokens, g - 1, first))) return true;
    // The child giving theirs to family: "gave my mum my bank card", "tell her my passcode".
    if (POSSESSIVES.has(tokens[r]?.word ?? '') && tokens[r]?.word !== 'her') r += 1;
    if ((CARD_KIN.has(tokens[r]?.word ?? '') || kinPronoun(tokens, r, first)) && r < m.last && POSSESSIVES.has(tokens[r + 1]?.word ?? '')) return true;
  }
  return false;
}

const WENT_FORMS = wordList('went_forms');
const DAY_GONE = wordList('day_gone');
const STILL_THERE = wordList('still_there');

/**
 * Session 30: the child's own meeting told as past ("i went to meet him on saturday", "we went to meet her yesterday"):
 * meeting-soon's "went to meet …" is a meeting that happened, told by the child who is home again. It stands down
 * (met-in-person and meet-request read it, not danger now) when "i" or "we" goes right before it, a day gone by is
 * named (yesterday, last…, ago, or a weekday, which after "went" is past) and the message has no time soon
 * (now, tonight), nothing of still being there or not back, no need of help and no fear. "my sister went to meet him
 * on saturday" (someone else, maybe not back) and "i went to meet him and im still at his house" keep it.
 */
function ownPastMeeting(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:immediate_danger.meeting-soon' || !WENT_FORMS.has(tokens[m.first]?.word ?? '')) return false;
  const who = tokens[m.first - 1]?.word ?? '';
  if (who !== 'i' && who !== 'we') return false;
  let gone = false;
  for (const t of tokens) {
    if (t.sets.includes('{soon}') || STILL_THERE.has(t.word) || t.sets.includes('{distress}')) return false;
    if (DAY_GONE.has(t.word) || t.sets.includes('{later}') || t.sets.includes('{past}')) gone = true;
  }
  return gone;
}

const SHOPS = wordList('shops');

/**
 * Session 30: someone at a shop the child goes into knowing the child's name ("the man at the shop knows my name
 * because i go in every day") is everyday life, not a stranger with the child's details: knows-details stands down
 * when its phrase is about the name only, "at"/"in" a shop comes before it in the sentence, and the message names
 * nothing online, no secret and no fear. Where the child lives or goes to school, known by the same man, keeps it.
 */
function nameKnownAtShop(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  if (rule.id !== 'lex:personal_info.knows-details' || tokens[m.last]?.word !== 'name') return false;
  const s = tokens[m.first]?.sentence;
  let shop = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (isOnlineWord(t) || ONLINE.has(t.word) || t.sets.includes('{secret}') || t.sets.includes('{hush}') || (t.sets.includes('{distress}') && !COMMON_DISTRESS.has(t.word)) || t.word === 'scared' || t.word === 'creepy' || t.word === 'weird') return false;
    if (i < m.first && t.sentence === s && SHOPS.has(t.word) && ['at', 'in'].includes(tokens[i - 1]?.word === 'the' || tokens[i - 1]?.word === 'corner' ? (tokens[i - 2]?.word ?? '') : (tokens[i - 1]?.word ?? ''))) shop = true;
  }
  return shop;
}

const CONTACT_VERBS = wordList('contact_verbs');
const CONTACT_FILLERS = wordList('contact_fillers');

/**
 * Session 30: a short message that says only that someone is calling or messaging the child ("hes calling again rn",
 * "she keeps texting me now"): contact from afar, not danger now. The classifier alone (0.94 on "hes calling again
 * rn", carried by "hes" and "rn") does not raise immediate_danger when every word is a contact verb or one of
 * `CONTACT_FILLERS`: nothing of being outside, coming, hurting, fear or means. A rule still reads what it reads.
 */
function contactOnly(tokens: readonly Token[]): boolean {
  let contact = false;
  for (const t of tokens) {
    if (CONTACT_VERBS.has(t.word)) contact = true;
    else if (!CONTACT_FILLERS.has(t.word) && !/^\d+$/.test(t.word)) return false;
  }
  return contact;
}

const OUTFIT_OCCASIONS = wordList('outfit_occasions');
const OUTFIT_FILLERS = wordList('outfit_fillers');
const OUTFIT_VETO_WORDS = wordList('outfit_veto_words');
const OUTFIT_VETO = ['{image}', '{nudestrong}', '{bodypart}', '{undress}', '{secret}', '{hush}', '{flatter}'];

/**
 * Session 28: an outfit asked about for an occasion ("my mum asked what im wearing to school tomorrow", "cousin
 * asked what im wearing to the wedding so we dont match", "what are you wearing to prom"): sexual-talk's "what
 * … wearing" phrases stand down when "to" or "for" follows at once and an occasion or a place (`OUTFIT_OCCASIONS`)
 * comes within three words. Never with a stranger or an online place in the message ("a man on snap asked what im
 * wearing to school"), nor bed, under, now, "for him", "for me", a camera or call, pictures, nudity,
 * the body, undressing, flattery or secrecy anywhere in the message ("what im wearing to bed", "what im wearing
 * for him tonight", "…under my school uniform").
 */
function outfitForOccasion(tokens: readonly Token[], m: PhraseMatch, rule: CompiledRule): boolean {
  const worn = rule.id === 'lex:sexual.sexual-talk' ? tokens[m.last]?.word === 'wearing' : rule.id === 'lex:sexual.nude-request' && wearAsked(tokens, m);
  if (!worn) return false;
  const next = tokens[m.last + 1]?.word ?? '';
  if (next !== 'to' && next !== 'for') return false;
  // (Session 30: for nude-request the phrase's own words, "asked ME to wear a BRA", are no veto.)
  const own = rule.id === 'lex:sexual.nude-request';
  if (tokens.some((t, i) => !(own && i >= m.first && i <= m.last) && (OUTFIT_VETO_WORDS.has(t.word) || OTHER_PERSON.has(t.word) || ONLINE.has(t.word) || ONLINE_PLACE.has(t.word) || t.sets.includes('{app}') || OUTFIT_VETO.some((v) => t.sets.includes(v))))) return false;
  for (let k = m.last + 2; k <= m.last + 4; k += 1) {
    const w = tokens[k]?.word ?? '';
    if (OUTFIT_OCCASIONS.has(w)) return true;
    if (!OUTFIT_FILLERS.has(w)) return false;
  }
  return false;
}

const WEAR = wordList('wear');
function wearAsked(tokens: readonly Token[], m: PhraseMatch): boolean {
  for (let j = m.first; j < m.last; j += 1) if (WEAR.has(tokens[j]?.word ?? '')) return true;
  return false;
}

const WEAK_SOON = wordList('weak_soon');

function isWeakSoon(span: EvidenceSpan): boolean {
  return WEAK_SOON.has(span.text.toLowerCase().trim());
}

/** A clause's opening: the message's start, a stop or a comma, or "and", "but", "so" just before. */
const CLAUSE_OPENS = /(?:^|[.!?,;:\n]|\b(?:and|but|so))\s*$/;
/** Who the story turns to next: "now he says", "now shes saying". */
const STORY_SUBJECT = /^\s+(?:he|she|they|hes|shes|theyre|he's|she's|they're|(?:this|that|the)\s+(?:guy|man|boy|lad|girl|woman|lady|person|account|player|dude|bloke|stranger))\b/;

/**
 * Session 26: "now he says he will tell my parents im gay if i dont meet him": a "now" that opens a clause and is
 * followed by who acts next moves the story on; it is not when the meeting is, so it is no time-soon signal (the
 * meeting stays a red flag, not danger now). "he wants to meet now", "im meeting him now", "now hes outside" (no
 * meeting asked in it) keep theirs.
 */
function isStoryNow(text: string, span: EvidenceSpan): boolean {
  if (span.text.toLowerCase().trim() !== 'now') return false;
  return CLAUSE_OPENS.test(text.slice(0, span.start).toLowerCase()) && STORY_SUBJECT.test(text.slice(span.end).toLowerCase());
}

/**
 * Session 23: a meeting days away ("we should meet at the park saturday", "he wants to meet
 * tomorrow": signal `later-day` in the meeting's message) is grooming, not danger now, even when
 * another message of the conversation said "now" ("im scared now"): an immediate_danger combo that
 * needs `signal.time-soon` does not fire when a piece of it comes from a message that named a later
 * day and the time-soon piece is another message's bare "now", "soon" or "later". A time said for
 * the meeting itself in a later message ("he said tonight instead") still makes it danger now; in one
 * message with a later day, only a bare "later" or "soon" stands down ("later he said saturday").
 */
function laterDayMeeting(combo: SafetyModel['combos'][number], evidence: readonly EvidenceSpan[], current: ReadonlyMap<string, EvidenceSpan>, state: DetectorState, turn: number): boolean {
  if (combo.category !== 'immediate_danger') return false;
  const soonAt = combo.needs.indexOf('signal.time-soon');
  const soon = evidence[soonAt];
  if (soonAt < 0 || soon === undefined || !WEAK_SOON.has(soon.text.toLowerCase().trim())) return false;
  const later = current.has('signal.later-day') ? 0 : state.signals.find((s) => s.feature === 'signal.later-day');
  const laterAgo = later === 0 ? 0 : later === undefined ? -1 : turn - later.turn;
  if (laterAgo < 0) return false;
  // "later he said saturday": the weak time word and the later day in one message.
  const word = soon.text.toLowerCase().trim();
  if (soon.turnsAgo === laterAgo && (word === 'later' || word === 'soon')) return true;
  return evidence.some((e, i) => i !== soonAt && e.turnsAgo === laterAgo && e.turnsAgo !== soon.turnsAgo);
}

/** A relative of the child given a grown-up age: "my brother is 22", "my sister's 19", "my mum who is 35". */
const GROWN_RELATIVE = /\b(?:brother|sister|bro|sis|mum|mom|mam|dad|cousin|aunt|auntie|aunty|uncle|stepbrother|stepsister|stepmum|stepdad|nan|gran|grandad|grandma)(?:'s|s)?\s+(?:is\s+|was\s+|who\s+is\s+|whos\s+|turned\s+|just\s+turned\s+)?(?:1[89]|[2-9][0-9])\b/;
/** Romance that is someone else's ("his girlfriend", "her boyfriend"), not the child's ("my boyfriend", "loves me"). */
const THEIR_PARTNER = /^(?:his|her|their)\s+(?:girlfriend|boyfriend|gf|bf|gfs|bfs|partner)\b/;
/** The child as that partner after all ("i am his girlfriend", "be her girlfriend"). */
const CHILD_AS_PARTNER = /\b(?:i\s+am|im|i'm|be)\s+(?:his|her)\s+(?:girlfriend|boyfriend|gf|bf)\b/;

/** Session 43msV: combos whose pieces must all be in the one message (see {@link piecesNotInMessage}). */
const ONE_MESSAGE_COMBOS: ReadonlySet<string> = new Set(['bed-invite-secret', 'put-out-nowhere']);

/**
 * Session 43msV: an invitation into his bed, or a child put out of the house, is read with the secret, or the nowhere to
 * go, said in the same message ("he said i can stay the night in his bed and dont tell my mum"), not a turn apart: "you
 * can sleep in his bed tonight, hes at dads" and, next, "dont tell mum i stayed up" is no such invitation.
 */
function piecesNotInMessage(combo: SafetyModel['combos'][number], current: ReadonlyMap<string, EvidenceSpan>): boolean {
  return ONE_MESSAGE_COMBOS.has(combo.id) && combo.needs.some((need) => !current.has(need));
}

/**
 * Session 39: combo deadline-after-threat-and-self-harm is a deadline given now, after suicidal thoughts were said (what
 * `deadlineOnly` kept as the classifier's danger now until v129): the deadline must be in this message. Suicidal thoughts
 * told after a deadline ("she gave me till 10", then "i just want to end it") are self-harm, answered with "are you safe
 * right now?", as the writers label them.
 */
function deadlineNotInMessage(combo: SafetyModel['combos'][number], current: ReadonlyMap<string, EvidenceSpan>): boolean {
  return combo.id === 'deadline-after-threat-and-self-harm' && !current.has('signal.deadline');
}

/**
 * Session 33: `threat-own-images` says that a threat about the child's own pictures is sexual too. When the turns of its
 * window already raised sexual (the pictures asked for and sent: "guy on insta asked for pics i sent some"), the
 * conversation has that category, and a later question ("if i block him will he see") is no new finding.
 */
function sexualAlreadyRaised(combo: SafetyModel['combos'][number], state: DetectorState, turn: number): boolean {
  return combo.id === 'threat-own-images' && state.signals.some((s) => s.feature === ANY_FEATURE.sexual && turn - s.turn <= combo.within);
}

/**
 * Session 29: `adult-and-romance` is about a grown-up and a child; "my brother is 22 and his girlfriend is 21" is two
 * grown-ups. In one message where the romance is a relative's partner ("his girlfriend") and that relative is given a
 * grown-up age, the combo stands down. A relative under 18 with an adult partner ("my brother is 16 and his
 * girlfriend is 22"), the child's own partner ("my boyfriend is 20") and the child named as the partner keep it.
 */
function grownRelativesCouple(combo: SafetyModel['combos'][number], evidence: readonly EvidenceSpan[], text: string): boolean {
  if (combo.id !== 'adult-and-romance') return false;
  const romance = evidence[combo.needs.indexOf('signal.romance')];
  if (romance === undefined || romance.turnsAgo !== 0 || !THEIR_PARTNER.test(romance.text.toLowerCase())) return false;
  const lower = text.toLowerCase();
  return GROWN_RELATIVE.test(lower) && !CHILD_AS_PARTNER.test(lower);
}

const NO_COMBOS: readonly number[] = [];

/**
 * The first earlier signal (newest first) of `feature` at most `within` turns before `turn` (session 37: a loop, not a `find` with a
 * closure made for every piece of every combo looked for).
 */
function pastSignal(signals: readonly DetectorSignal[], feature: string, turn: number, within: number): DetectorSignal | undefined {
  for (const s of signals) if (s.feature === feature && turn - s.turn <= within) return s;
  return undefined;
}

/**
 * The signals of earlier messages kept when this one has none: at most MAX_SIGNALS of those younger than MAX_SIGNAL_AGE,
 * in their order; `signals` itself when that is all of them.
 */
function youngSignals(signals: readonly DetectorSignal[], turn: number): readonly DetectorSignal[] {
  let all = signals.length <= MAX_SIGNALS;
  for (let i = 0; i < signals.length && all; i += 1) all = turn - (signals[i] as DetectorSignal).turn < MAX_SIGNAL_AGE;
  if (all) return signals;
  const kept: DetectorSignal[] = [];
  for (const s of signals) {
    if (kept.length >= MAX_SIGNALS) break;
    if (turn - s.turn < MAX_SIGNAL_AGE) kept.push(s);
  }
  return kept;
}

/** Per model: each feature → the indexes of the combos that need it, in the model's order. */
const COMBOS_BY_NEED = new WeakMap<SafetyModel['combos'], ReadonlyMap<string, readonly number[]>>();

/**
 * Session 27: the combos with at least one piece in this message, in the model's order (was: every
 * combo's needs looked up in `current` for every message, about 2% of the detector's time at v71).
 */
function combosWith(combos: SafetyModel['combos'], current: ReadonlyMap<string, EvidenceSpan>): readonly number[] {
  let byNeed = COMBOS_BY_NEED.get(combos);
  if (byNeed === undefined) {
    const index = new Map<string, number[]>();
    combos.forEach((combo, c) => {
      for (const need of new Set(combo.needs)) index.set(need, [...(index.get(need) ?? []), c]);
    });
    byNeed = index;
    COMBOS_BY_NEED.set(combos, byNeed);
  }
  // Session 32: one feature's combos are already in order, each once (most messages have none or one).
  if (current.size === 0) return NO_COMBOS;
  if (current.size === 1) for (const feature of current.keys()) return byNeed.get(feature) ?? NO_COMBOS;
  // Session 39: the combos of every feature in one array, sorted in place and each kept once (was a Set, its copy and a sort
  // with a closure: the same numbers in the same order).
  const found: number[] = [];
  for (const feature of current.keys()) {
    const list = byNeed.get(feature);
    if (list === undefined) continue;
    for (const c of list) {
      let j = found.length - 1;
      while (j >= 0 && (found[j] as number) > c) j -= 1;
      if (j >= 0 && found[j] === c) continue;
      found.push(c);
      for (let k = found.length - 1; k > j + 1; k -= 1) found[k] = found[k - 1] as number;
      found[j + 1] = c;
    }
  }
  return found;
}

/** Session 32: each category's bit in {@link CategoryFlags}. */
const CATEGORY_BIT = Object.fromEntries(CATEGORIES.map((c, i) => [c, 1 << i])) as Readonly<Record<Category, number>>;

/** Session 32: categories as bits, for `detect`'s stand-down notes (was three Sets made for every message). */
class CategoryFlags {
  private bits = 0;

  add(category: Category): void {
    this.bits |= CATEGORY_BIT[category];
  }

  has(category: Category): boolean {
    return (this.bits & CATEGORY_BIT[category]) !== 0;
  }
}

/** Whether the only category rule that fired is the app-move rule (`lex:meet_or_secrecy.move-app`). */
function onlyMoveApp(hits: readonly Hit[]): boolean {
  let seen = false;
  for (const h of hits) {
    if (h.rule?.category === undefined) continue;
    if (h.rule.id !== 'lex:meet_or_secrecy.move-app') return false;
    seen = true;
  }
  return seen;
}

/**
 * Whether a hit has a finding's category: `category`, or any one when undefined. (This, combosWith and
 * the plain loops in `detect` save a closure per category, combo and pass, and the per-category scope
 * they kept alive: ~1.5 KB a message.)
 */
function hasCategory(hits: readonly Hit[], category: Category | undefined): boolean {
  for (const h of hits) {
    const c = h.rule?.category;
    if (category === undefined ? c : c === category) return true;
  }
  return false;
}

/**
 * Looks at one message (the child's exact words) with the cross-turn state and the model, and
 * returns the red flags it shows plus the next state. Pure: same input, same output, no I/O.
 */
export function detect(text: string, state: DetectorState, model: SafetyModel): DetectResult {
  bindWordLists(model.wordLists);
  const tokens = tokenise(text, model);
  const present = keysPresent(tokens);
  const scope = analyseScope(tokens, model, present);
  const hits: Hit[] = [];

  // Categories whose lexicon phrases matched in a sentence about a game, harmless play or a joke
  // ("he said he will kill my dog lol"): the classifier alone does not raise them again.
  const stoodDown = new CategoryFlags();
  // Categories with any phrase stood down by scope: the classifier's middling scores defer to them.
  const scoped = new CategoryFlags();
  // Of those, the categories with a stand-down the classifier defers to at any score (DEFER_ALWAYS).
  const deferred = new CategoryFlags();
  // Self-harm denied outright by the word just before it ("i DON'T want to die", "i do NOT want to
  // hurt myself"): the classifier does not raise it again at any score (see `isDeniedOutright`).
  let selfHarmDenied = false;
  // Self-harm said of a trivial cause ("im gonna kill myself if they spoil it", `trivialHyperbole`):
  // the classifier does not raise self-harm again at any score either.
  let selfHarmHyperbole = false;
  // An overdose denied ("i havent taken them", `overdoseDenied`): the classifier alone does not raise danger now.
  let dangerDenied = false;
  // Self-harm or an overdose told as over and recovered from (`toldAsOver`, session 18: "i took an
  // overdose 2 years ago but ive had loads of help and im doing good now", which the classifier read
  // 1.00 danger now): the classifier does not raise danger now or self-harm again at any score.
  let toldOver = false;
  // An overdose phrase stood down for sweets or food with no pill, drug or means named (session 18:
  // the train43 retrain read "i took the whole packet of haribo" 0.9+ danger now): the classifier
  // does not raise danger now or self-harm for it.
  let harmlessTaken = false;
  // Session 24: danger now stood down because the one outside was revealed to be harmless ("… its
  // just the cat from next door"): the classifier does not raise danger now again at any score (the
  // train48 retrain read that benign twin 0.9+ danger from the words of the first clause).
  let revealedHarmless = false;
  const matches = findPhrases(tokens, model.rules, false, present);
  // Session 26: someone else's suicide threat hung on the child's own act (`suicidePressure`): the
  // self-harm phrase inside it is his pressure on the child, not the child's (or a friend's) risk.
  // Means named ("…and he sent a pic of a rope") keep his risk as self-harm too.
  // (Session 27: the token walk for means only when a pressure phrase matched, which few messages have.)
  const meansNamed = (): boolean => present.has('{means}') || present.has('{pills}');
  const pressure = !matches.some((m) => PRESSURE_RULES.has(m.phrase.rule.id)) || meansNamed() ? [] : matches.filter((m) => PRESSURE_RULES.has(m.phrase.rule.id) && !pressureOfKin(tokens, m, m.phrase.rule) && standsDown(tokens, m, m.phrase.rule, scope, model) === undefined);
  let selfHarmPressure = false;
  // Session 33: money phrases denied only as the condition of a threat ("if i dont send 100 quid my mum sees it").
  const paymentConditions: PhraseMatch[] = [];
  // Session 34: a someone-outside phrase stood down for the child's family or friends (see `ownPeopleBefore`, after the loop).
  let outsideKin = false;
  for (const m of matches) {
    const rule = m.phrase.rule;
    // Session 26: money sent or paid out is read only with a word of extortion in the message, and
    // otherwise is no phrase at all (the classifier's own reading of "i sent him all my robux" stands).
    if (rule.id === 'lex:financial.paid-out' && !extorted(tokens)) continue;
    const down = rule.category === 'self_harm' && pressure.some((p) => p.first <= m.last && m.first <= p.last) ? 'pressure' : (standsDown(tokens, m, rule, scope, model) ?? (laughedOff(text, tokens, rule) ? 'mild' : embarrassedJustBefore(state, tokens, m, rule) ? 'hyperbole' : undefined));
    if (down === 'pressure') selfHarmPressure = true;
    if (overdoseDenied(tokens, m, rule)) dangerDenied = true;
    if (down === 'negated' && rule.category === 'financial' && paymentCondition(tokens, m)) paymentConditions.push(m);
    if (down !== undefined) {
      if (rule.category) {
        scoped.add(rule.category);
        if (DEFER_ALWAYS.has(down)) deferred.add(rule.category);
        if (down === 'negated' && rule.category === 'self_harm' && (isDeniedOutright(tokens, m.first, m.last, model) || deniedThenWell(tokens, m, model))) selfHarmDenied = true;
        if (down === 'hyperbole') selfHarmHyperbole = true;
        if (down === 'over') toldOver = true;
        if (down === 'trusted' && rule.id === SOMEONE_OUTSIDE && ownPeopleBefore(tokens, m)) outsideKin = true;
      }
      continue;
    }
    if (rule.unlessSentenceHas.length > 0 && (sentenceHas(tokens, tokens[m.first]?.sentence, familyHarmed(tokens, m, rule) || realWorldHarm(tokens, m, rule) ? rule.unlessSentenceHas.filter((x) => x !== '{game}') : onlineOneAtVenue(tokens, m, rule) ? rule.unlessSentenceHas.filter((x) => x !== '{harmless}') : childPictured(tokens, m, rule) ? rule.unlessSentenceHas.filter((x) => x !== '{pet}') : rule.unlessSentenceHas, model, rule.category === 'threat_blackmail', { text, first: m.first, last: m.last }) || revealedLater(tokens, m, rule) || revealedNow(tokens, m, rule, model))) {
      if (rule.category) stoodDown.add(rule.category);
      if (rule.category === 'immediate_danger' && rule.unlessSentenceHas.includes('{revealed}') && (sentenceHas(tokens, tokens[m.first]?.sentence, ['{revealed}'], model) || revealedLater(tokens, m, rule))) revealedHarmless = true;
      // Session 18: sweets or food taken ("i took the whole packet of haribo"), no pill, drug or means named.
      if (rule.id === 'lex:immediate_danger.overdose-taken' && TAKEN.has(tokens[m.first]?.word ?? '') && tokens.some((t) => t.sets.includes('{harmless}')) && !tokens.some((t) => t.sets.includes('{pills}') || t.sets.includes('{drugs}') || t.sets.includes('{means}'))) harmlessTaken = true;
      continue;
    }
    const ev = span(text, tokens, m.first, m.last);
    hits.push({ feature: rule.feature, rule, span: ev, confidence: m.fuzzy ? FUZZY_CONFIDENCE : LEX_CONFIDENCE });
    if (rule.category) hits.push({ feature: ANY_FEATURE[rule.category], rule: undefined, span: ev, confidence: 0 });
  }

  // Session 34: the one outside is the child's family or friends ("my mum is outside school waiting for me to come out"), no
  // someone-outside phrase of the message stands and nobody from online is named: the meeting that someone outside presses
  // for (combo wants-child-out) is not raised by the classifier alone either. Once "come out" was labelled a meeting, the
  // retrained model read that message 0.98 meet. (Deferring personal_info too lost a held-out item and cleared none.)
  if (outsideKin && !hits.some((h) => h.rule?.id === SOMEONE_OUTSIDE || h.feature === 'signal.online-origin')) deferred.add('meet_or_secrecy');

  // Session 33: the money a threat's condition names is demanded, not denied: with a threat found in the message, the
  // payment phrase stands (financial as well as the threat: "today he said if i dont send 100 quid my mum sees it").
  if (paymentConditions.length > 0 && hasCategory(hits, 'threat_blackmail')) {
    for (const m of paymentConditions) {
      const ev = span(text, tokens, m.first, m.last);
      hits.push({ feature: m.phrase.rule.feature, rule: m.phrase.rule, span: ev, confidence: m.fuzzy ? FUZZY_CONFIDENCE : LEX_CONFIDENCE });
      hits.push({ feature: ANY_FEATURE.financial, rule: undefined, span: ev, confidence: 0 });
    }
  }

  // The classifier's view of the whole message (the second signal).
  // (Session 37: the classifier's words made once, read again by the quiet veto; the kept tokens made only when a hit or a
  // finding of the classifier's reads them, which most messages have neither of.)
  const words = classifierWords(tokens);
  const { ids, owner } = featureBuckets(words, model.classifier.buckets, model.classifier.memo, model.classifier.features);
  let kept: Token[] | undefined;
  const scores = scoreAll(ids, model.classifier);
  const categories = model.classifier.categories;
  // Session 34fa: a finding of a rule the classifier may veto, with a score below the rule's VETO_BELOW, stands down (its
  // pieces stay for combos: the hit keeps its feature and loses its rule). The message still counts as having raised
  // something for the classifier's second pass: only the vetoed category is given up ("he keeps asking for my sisters
  // snap and how old she is": meet vetoed, personal_info kept at the second pass's threshold).
  let vetoed = false;
  for (let k = 0; k < hits.length; k += 1) {
    const h = hits[k];
    const rule = h?.rule;
    const below = rule === undefined ? undefined : VETO_BELOW.get(rule.id);
    if (h === undefined || rule?.category === undefined || below === undefined) continue;
    if ((scores[categories.indexOf(rule.category)] ?? 1) < below && wordsBeside(tokens, h.span) >= VETO_CONTEXT) {
      hits[k] = { feature: h.feature, rule: undefined, span: h.span, confidence: 0 };
      vetoed = true;
    }
  }

  // Session 36: the quiet classifier's veto (QUIET_BELOW): only when the whole message is quiet in every category.
  let loudest = 0;
  for (const p of scores) loudest = Math.max(loudest, p);
  if (loudest < QUIET_BELOW && !quietVetoHeld(tokens)) {
    for (let k = 0; k < hits.length; k += 1) {
      const h = hits[k];
      const c = h?.rule?.category;
      if (h === undefined || c === undefined || c === 'immediate_danger' || c === 'self_harm' || QUIET_NEVER_RULES.has(h.rule?.id ?? '') || wordsBeside(tokens, h.span) < QUIET_CONTEXT) continue;
      kept ??= tokens.filter((t) => !t.masked);
      // The span's kept words (the classifier's words are the kept tokens, in order).
      let first = -1;
      let last = -1;
      for (let i = 0; i < kept.length; i += 1) {
        const t = kept[i] as Token;
        if (t.start >= h.span.start && t.end <= h.span.end) {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0 || loudestAround(words, first, last, model.classifier) >= QUIET_BELOW) continue;
      hits[k] = { feature: h.feature, rule: undefined, span: h.span, confidence: 0 };
      vetoed = true;
    }
  }

  // Second signal: the trained classifier, for categories the lexicon did not find.
  // Pass 0 at each category's own threshold; pass 1, when the message raised anything, at the
  // model's `secondary` threshold for the other categories: the chat is handed over anyway, and
  // the counsellor then sees every category the message shows ("he'll post the pics unless i send
  // more" is sexual as well as a threat).
  const general = isWhollyGeneral(tokens, scope);
  // Whether the message is general only through question openers ("what's the point…"), with no
  // hypothetical, lesson or news in it.
  // Not when it asks about a school task, a trifle or a game ("whats the point of maths honestly"),
  // unless a word of distress is there too ("…i wont be around to get the results").
  // (Session 27: the two token walks of `trivialAsk` only for a message that is general through its openers.)
  const trivialAsk = (): boolean => tokens.some((t) => t.sets.includes('{chore}') || t.sets.includes('{trifle}') || SCHOOLING.has(t.word) || (t.sets.includes('{game}') && !OFFLINE_GAME_WORDS.has(t.word))) && !present.has('{distress}');
  const askedOnly = general && scope.generalSentences.size === 0 && scope.hypotheticalFrom.size === 0 && !trivialAsk();
  // Session 15: a parent's general question about their own child's apps, money or settings: the
  // classifier alone does not raise the categories the question stands down either.
  const advice = parentAdvice(tokens);
  for (let pass = 0; pass < 2; pass += 1) {
    if (pass === 1 && !vetoed && !hasCategory(hits, undefined)) break;
    for (let ci = 0; ci < categories.length; ci += 1) {
      const c = categories[ci] as Category;
      const p = scores[ci] ?? 0;
      const threshold = pass === 0 ? (model.classifier.thresholds[ci] ?? 1) : Math.min(model.classifier.thresholds[ci] ?? 1, model.classifier.secondaries[ci] ?? model.classifier.secondary);
      if (p < threshold || hasCategory(hits, c)) continue;
      // Session 41: a handle asked for to move apps ("she wants my snap", lex:meet_or_secrecy.move-app) is the move, not
      // personal details: with nothing else found, the second pass's lower threshold does not add personal_info to it
      // (the set labels such requests personal_info 25 times and meet_or_secrecy alone 13; the classifier at its own
      // threshold still may). Trained on s41trainA-H, the classifier read "she wants my snap" 0.67 personal_info.
      // Not where the app is a map or a live location ("he wants me on snap map"): that is where they are.
      if (pass === 1 && c === 'personal_info' && p < (model.classifier.thresholds[ci] ?? 1) && onlyMoveApp(hits) && !tokens.some((t) => LOCATION_WORDS.has(t.word))) continue;
      // Session 15: a question the child asks in their own words ("whats the point anymore
      // honestly", "whats even the point of waking up tmrw", "can u help someone is banging on my
      // door") is not made general by its opener when the classifier is sure of danger or self-harm;
      // a hypothetical, a lesson, the news or a school task or trifle asked about still is.
      if (general && !(askedOnly && (c === 'immediate_danger' || c === 'self_harm') && p >= SURE_SCORE)) continue;
      if (advice && ADVICE_CATEGORIES.has(c)) continue;
      // Session 21: a parent's question about what to do for their own child, with "myself" as the
      // one who would act ("should i message him myself and pretend to be my son" read 0.91 on
      // "myself"), is not the parent's self-harm unless the classifier is sure. Only then: a parent
      // asking about their child's warning signs ("giving her things away… should I be worried?")
      // keeps the classifier's self-harm (the lead, after the merge: the owner's first version stood
      // every parent's question down below 0.9 and lost that held-out item).
      if (advice && c === 'self_harm' && p < SURE_SCORE && actsThemselves(tokens)) continue;
      // Session 21: a phone taken and the child's messages read ("he took my phone at break and read
      // my messages") is prying, not danger now, unless the classifier is sure or fear, violence,
      // keeping quiet or means are named (`snooped`).
      if (c === 'immediate_danger' && p < SURE_SCORE && snooped(tokens)) continue;
      // A miss of danger or self-harm is worse than a false alarm: only the other categories defer
      // to scope at any score (a harmless-words stand-down, or a DEFER_ALWAYS kind).
      if ((stoodDown.has(c) || deferred.has(c)) && c !== 'immediate_danger' && c !== 'self_harm') continue;
      if (p < SURE_SCORE && (scoped.has(c) || stoodDown.has(c))) continue;
      if (c === 'self_harm' && (selfHarmDenied || selfHarmHyperbole || selfHarmPressure)) continue;
      if ((c === 'self_harm' || c === 'immediate_danger') && (toldOver || harmlessTaken)) continue;
      if ((c === 'self_harm' || c === 'immediate_danger') && minorCutByMishap(tokens)) continue;
      if (c === 'immediate_danger' && revealedHarmless) continue;
      if (c === 'self_harm' && p < SURE_SCORE && (trivialCause(tokens) || waitingAsked(tokens))) continue;
      if (c === 'self_harm' && (pointOfHelper(tokens) || (p < SURE_SCORE && lovePressure(tokens)))) continue;
      if ((c === 'immediate_danger' || c === 'self_harm') && p < SURE_SCORE && doseReasonGiven(tokens)) continue;
      if (CARE_CATEGORIES.has(c) && familyCares(tokens)) continue;
      if (c === 'immediate_danger' && dangerDenied) continue;
      if (c === 'immediate_danger' && deadlineOnly(tokens, hits, state)) continue;
      if (c === 'immediate_danger' && contactOnly(tokens)) continue;
      if (c === 'threat_blackmail' && fearsParentAnger(tokens)) continue;
      // Session 45faX: a story of the child's own told, with nobody real in it (see storyToldOnly).
      if (p < SURE_SCORE && storyToldOnly(tokens)) continue;
      // Evidence: the words that pushed the score up most.
      const contrib = new Map<number, number>();
      for (let k = 0; k < ids.length; k += 1) {
        const o = owner[k] ?? -1;
        if (o >= 0) contrib.set(o, (contrib.get(o) ?? 0) + weightOf(model.classifier, ids[k] as number, ci));
      }
      const ranked = [...contrib.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([o]) => o);
      // A score carried only by little words ("he", "me", "him") explains nothing: no finding. The
      // first word that is not one must be among the top CONTENT_REACH pushers (session 6: was the
      // top 3, which dropped "he said clear ur browser history after we talk", whose top three are
      // "he", "after", "your"); it is then always part of the evidence.
      // Session 15: danger now or self-harm the classifier is sure of looks further ("he punched me
      // and hes in the kitchen now": he, me, hes, now and in push hardest; "punched" comes after).
      const reach = (c === 'immediate_danger' || c === 'self_harm') && p >= SURE_SCORE ? ranked.length : CONTENT_REACH;
      const keptTokens = (kept ??= tokens.filter((t) => !t.masked));
      const content = ranked.slice(0, reach).find((o) => !isStopWord(keptTokens[o]?.word ?? ''));
      if (content === undefined) continue;
      const top = (ranked.slice(0, 3).includes(content) ? ranked.slice(0, 3) : [...ranked.slice(0, 2), content]).sort((a, b) => a - b);
      const evidence = top.map((o) => span(text, keptTokens, o, o));
      // Session 38 (clause): the words the score rests on all said inside a story, a game's play or a lesson (see
      // toldInFiction): the classifier does not raise it, unless it is sure of danger now or self-harm.
      if (!((c === 'immediate_danger' || c === 'self_harm') && p >= SURE_SCORE) && top.every((o) => inFrame(tokens, keptTokens[o], c))) continue;
      const first = evidence[0] ?? { text: text.slice(0, MAX_SIGNAL_TEXT), start: 0, end: Math.min(text.length, MAX_SIGNAL_TEXT), turnsAgo: 0 };
      hits.push({ feature: `model.${c}`, rule: { feature: `model.${c}`, id: `model:${c}`, category: c, urgency: model.categoryUrgency[c], negatable: false, strictNegation: false, hypothetical: false, resolvable: false, unlessSentenceHas: [], unlessBefore: [], needsBefore: [] }, span: first, confidence: p });
      for (const e of evidence.slice(1)) hits.push({ feature: `model.${c}`, rule: undefined, span: e, confidence: 0 });
      hits.push({ feature: ANY_FEATURE[c], rule: undefined, span: first, confidence: 0 });
    }
  }

  const turn = state.turn + 1;
  // Session 37: nothing found and no piece of a combo in this message (most messages): no findings, and the signals are the
  // older ones still young enough, the same list as before while none has aged out (shared, not copied: nobody writes
  // into a detector state, and the store's check of the next snapshot finds the list it checked already).
  if (hits.length === 0) return { findings: [], state: { version: 1, turn, signals: youngSignals(state.signals, turn) } };
  const findings = new Map<string, { category: Category; urgency: Urgency; confidence: number; rule: string; evidence: EvidenceSpan[] }>();
  const add = (rule: string, category: Category, urgency: Urgency, confidence: number, ev: readonly EvidenceSpan[]): void => {
    const f = findings.get(rule);
    if (!f) findings.set(rule, { category, urgency, confidence, rule, evidence: [...ev] });
    else {
      f.confidence = Math.max(f.confidence, confidence);
      for (const e of ev) if (!f.evidence.some((x) => x.start === e.start && x.end === e.end && x.turnsAgo === e.turnsAgo)) f.evidence.push(e);
    }
  };
  for (const h of hits) {
    if (h.rule?.category) add(h.rule.id, h.rule.category, h.rule.urgency, h.confidence, [h.span]);
    else if (h.feature.startsWith('model.')) {
      const c = h.feature.slice(6);
      const f = findings.get(`model:${c}`);
      if (f) f.evidence.push(h.span);
    }
  }
  // A lexicon finding the classifier also believes in is more certain.
  for (const f of findings.values()) {
    const p = scores[categories.indexOf(f.category)];
    if (p !== undefined && f.rule.startsWith('lex:') && p >= 0.5) f.confidence = Math.max(f.confidence, Math.min(0.99, (f.confidence + p) / 2 + 0.05));
  }

  // Combos: pieces that together make a flag, in this message or spread over recent ones (at least one piece now).
  const current = new Map<string, EvidenceSpan>();
  for (const h of hits) {
    if (h.feature === 'signal.time-soon' && isStoryNow(text, h.span)) continue;
    const had = current.get(h.feature);
    // A weak time word and a strong one in one message ("now he says its today at 4"): the strong one
    // speaks for the message, so a meeting moved to today is not stood down as "a later day plus now".
    if (had === undefined || (h.feature === 'signal.time-soon' && isWeakSoon(had) && !isWeakSoon(h.span))) current.set(h.feature, h.span);
  }
  for (const c of combosWith(model.combos, current)) {
    const combo = model.combos[c];
    if (combo === undefined) continue;
    const evidence: EvidenceSpan[] = [];
    let complete = true;
    for (const need of combo.needs) {
      const now = current.get(need);
      if (now) { evidence.push(now); continue; }
      const past = pastSignal(state.signals, need, turn, combo.within);
      if (!past) { complete = false; break; }
      evidence.push({ text: past.text, start: past.start, end: past.end, turnsAgo: turn - past.turn });
    }
    if (complete && laterDayMeeting(combo, evidence, current, state, turn)) complete = false;
    if (complete && grownRelativesCouple(combo, evidence, text)) complete = false;
    if (complete && sexualAlreadyRaised(combo, state, turn)) complete = false;
    if (complete && deadlineNotInMessage(combo, current)) complete = false;
    if (complete && piecesNotInMessage(combo, current)) complete = false;
    if (complete) add(`ctx:${combo.id}`, combo.category, combo.urgency, COMBO_CONFIDENCE, evidence);
  }

  const detectorVersion = model.detectorVersion;
  // (Session 27: each finding made with its fields named, in the order a spread of `f` gave them, and no sort for one.)
  const out: Finding[] = [];
  for (const f of findings.values()) out.push({ category: f.category, urgency: f.urgency, confidence: Math.round(f.confidence * 1000) / 1000, rule: f.rule, evidence: f.evidence, detectorVersion });
  if (out.length > 1) out.sort((a, b) => URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || b.confidence - a.confidence);

  // This message's signals, then the older ones still young enough and not heard again, at most MAX_SIGNALS
  // (one list filled in that order, not two lists joined and cut).
  const signals: DetectorSignal[] = [];
  for (const [feature, e] of current) {
    if (signals.length >= MAX_SIGNALS) break;
    signals.push({ feature, turn, text: e.text.slice(0, MAX_SIGNAL_TEXT), start: e.start, end: Math.min(e.end, e.start + MAX_SIGNAL_TEXT) });
  }
  for (const s of state.signals) {
    if (signals.length >= MAX_SIGNALS) break;
    if (turn - s.turn < MAX_SIGNAL_AGE && !current.has(s.feature)) signals.push(s);
  }
  return { findings: out, state: { version: 1, turn, signals } };
}
