import type { Token } from './match.js';
import { derivedWordList, wordList } from './lists.js';

/**
 * Session 38 (clause): one reading of a message's clauses, the way a safeguarding lead reads a sentence: WHO acts
 * (the child, someone else, someone the child knows, a character in a story or game, nobody in particular), WHEN
 * (over, going on, planned) and HOW REAL it is (real; told inside a book, film, song, play, game or lesson; a general
 * question). The stand-down tests ask it instead of each answering "is this a game?" for one family of wording.
 *
 * A clause ends at a new sentence, at the edge of a quotation, at "and", "but", "so"… with a new subject after it
 * ("…in the game AND HE said…"), and after a reporting verb with a new subject ("he SAID it was a game": what follows
 * is his words, not the child's framing). Pure; worked out once per message (memo on the tokens array), and only when
 * a rule has fired and asks.
 */

export type Agent = 'child' | 'other' | 'known' | 'character' | 'general' | 'none';
export type ClauseTime = 'over' | 'now' | 'unknown';
export type Reality = 'real' | 'fiction' | 'game' | 'lesson';

export interface Clause {
  readonly first: number;
  readonly last: number;
  /** Who the clause says is acting: its first subject word. */
  readonly agent: Agent;
  readonly time: ClauseTime;
  /**
   * `fiction`: inside a book, film, song, play or the like the child names (a character, "the chorus", "a line in the
   * book where he says…", and quoted words right after such a frame); `game`: in a game the child plays, said of the
   * child, of a game's own creatures or of "you" as the game's rule; `lesson`: what the child learned, studied or
   * watched at school; `real` otherwise, and always when someone else is the one saying it was a game or a joke.
   */
  readonly reality: Reality;
  /** Someone else is reported saying the clause ("he said…", "she told me…"). */
  readonly reported: boolean;
  /** Where the frame word is (the work, game or lesson named), or -1: in the clause, or the clause it was carried from. */
  readonly frameAt: number;
  /**
   * The frame covers the whole clause: a preposition opens it ("IN the book they…", "…kill themselves IN the film"), a
   * game's creature or a lesson acts. Otherwise (a work named as a subject or object: "the chorus is…", "the book club")
   * only what comes after the work's name is inside it.
   */
  readonly whole: boolean;
}

const CLAUSE_OPENERS = wordList('clause_openers');
const CLAUSE_PRONOUNS = wordList('clause_pronouns');
const CLAUSE_HEADS = wordList('clause_heads');
const CLAIMING = wordList('claiming');
export const FIRST_PERSON = wordList('first_person');
export const WORK_FRAMES = wordList('work_frames');
export const GAME_AGENTS = wordList('game_agents');
const FRAME_PREPS = wordList('frame_preps');
const FRAME_DETERMINERS = wordList('possessives');
const LESSON_VERBS = wordList('lesson_verbs');
const LESSON_WORDS = wordList('lesson_words');
const OVER_WORDS = wordList('over_words');
const NOW_WORDS = wordList('now_words');
const REPORT_OBJECTS = wordList('report_objects');
const REPORTED_SUBJECTS = wordList('reported_subjects');
/** Session 39: the words by which {@link frameOf} may find a frame (with a word of the `{game}` set): see {@link mayBeFramed}. */
const FRAME_WORDS = derivedWordList(() => [...WORK_FRAMES, ...GAME_AGENTS, ...LESSON_VERBS]);

/**
 * Session 39: the last message read (its tokens array) and what was worked out for it: the clauses, and whether any word
 * could put a clause in a story, game or lesson. One message is read at a time, so one slot serves (a WeakMap's set for
 * every message cost more than the look-ups it saved); another array, even of the same words, is read again.
 */
let memoTokens: readonly Token[] | undefined;
let memoClauses: readonly Clause[] | undefined;
let memoFramable: boolean | undefined;

function memoFor(tokens: readonly Token[]): void {
  if (memoTokens === tokens) return;
  memoTokens = tokens;
  memoClauses = undefined;
  memoFramable = undefined;
}

/** The message's clauses, in order (every token is in exactly one). */
export function readClauses(tokens: readonly Token[]): readonly Clause[] {
  memoFor(tokens);
  return (memoClauses ??= split(tokens));
}

/**
 * Session 39: whether any clause of the message can be other than real: false when no word could name a frame (a work,
 * a game's creature, a game, a lesson verb: what {@link frameOf} reads), and then every clause is real without splitting
 * the message (most messages). True says only that one may be.
 */
export function mayBeFramed(tokens: readonly Token[]): boolean {
  memoFor(tokens);
  if (memoFramable === undefined) {
    let framable = false;
    for (let k = 0; k < tokens.length && !framable; k += 1) {
      const t = tokens[k] as Token;
      framable = FRAME_WORDS.has(t.word) || t.sets.includes('{game}');
    }
    memoFramable = framable;
  }
  return memoFramable;
}

/** The clause token `i` is in. */
export function clauseAt(tokens: readonly Token[], i: number): Clause | undefined {
  for (const c of readClauses(tokens)) if (i >= c.first && i <= c.last) return c;
  return undefined;
}

/** Whether a word opens a new subject: a pronoun, or a person word with at most an article before it. */
function subjectAt(tokens: readonly Token[], k: number): boolean {
  const w = tokens[k]?.word ?? '';
  if (CLAUSE_PRONOUNS.has(w) || CLAUSE_HEADS.has(w)) return true;
  return FRAME_DETERMINERS.has(w) && CLAUSE_HEADS.has(tokens[k + 1]?.word ?? '');
}

/**
 * Whether someone else's words start at `i`: a reporting verb said by someone who is not the child ("he SAID", "she TOLD
 * me"), then a subject ("he said IT was a game", "she told me THEY were fine").
 */
function reportedFrom(tokens: readonly Token[], i: number, start: number): boolean {
  let verb = i - 1;
  if (REPORT_OBJECTS.has(tokens[verb]?.word ?? '') && CLAIMING.has(tokens[verb - 1]?.word ?? '')) verb -= 1;
  if (!CLAIMING.has(tokens[verb]?.word ?? '') || verb <= start || FIRST_PERSON.has(tokens[verb - 1]?.word ?? '')) return false;
  // A pronoun opens the words ("…told me HE was 15"); "told THE GIRL…" names who was told.
  return CLAUSE_PRONOUNS.has(tokens[i]?.word ?? '') || REPORTED_SUBJECTS.has(tokens[i]?.word ?? '');
}

function split(tokens: readonly Token[]): Clause[] {
  const bounds: Array<[number, number, boolean]> = [];
  let start = 0;
  let reported = false;
  let nextReported = false;
  for (let i = 1; i <= tokens.length; i += 1) {
    const t = tokens[i];
    const prev = tokens[i - 1] as Token;
    let cut = t === undefined || t.sentence !== prev.sentence || t.quoted !== prev.quoted;
    let rep = false;
    if (!cut && t !== undefined && CLAUSE_OPENERS.has(t.word) && subjectAt(tokens, i + 1)) cut = true;
    // A comma, dash or the like (more than a space between the words) before a new subject: "…lol, WE are friends now".
    if (!cut && t !== undefined && t.start - prev.end > 1 && CLAUSE_PRONOUNS.has(t.word)) cut = true;
    // "he said it was a game", "she told me its fine": what follows the reporting verb is the speaker's.
    if (!cut && t !== undefined && reportedFrom(tokens, i, start)) {
      cut = true;
      rep = true;
    }
    if (cut) {
      bounds.push([start, i - 1, reported]);
      start = i;
      reported = rep || (nextReported && t !== undefined && t.quoted && !prev.quoted);
      nextReported = false;
    }
  }
  const out: Clause[] = [];
  for (const [first, last, rep] of bounds) {
    out.push({ first, last, agent: agentOf(tokens, first, last), time: timeOf(tokens, first, last), reality: 'real', reported: rep, frameAt: -1, whole: false });
  }
  // Reality: a frame in a clause, carried to the quoted words right after it and to the rest of its sentence when the
  // frame opens the sentence ("in the game, you have to…").
  for (let c = 0; c < out.length; c += 1) {
    const cl = out[c] as Clause;
    const [own, at] = frameOf(tokens, cl);
    const prep = FRAME_PREPS.has(tokens[at - 1]?.word ?? '') || FRAME_PREPS.has(tokens[at - 2]?.word ?? '');
    if (own !== 'real') out[c] = { ...cl, reality: own, frameAt: at, whole: own !== 'fiction' || prep };
  }
  for (let c = 1; c < out.length; c += 1) {
    const cl = out[c] as Clause;
    const before = out[c - 1] as Clause;
    if (cl.reality !== 'real' || before.reality === 'real' || cl.reported) continue;
    const sameSentence = tokens[cl.first]?.sentence === tokens[before.last]?.sentence;
    const quotedAfter = tokens[cl.first]?.quoted === true && tokens[before.last]?.quoted === false;
    // A story's next clause goes on telling it unless the child speaks ("…and i cant stop listening"); a game's only
    // while the game's creatures or "you" (its rules) act ("…and you have to sneak past the guards").
    // A lesson's only to a clause with no one acting in it; and never to a clause that names the child ("…and a man
    // online keeps asking ME").
    const carries =
      before.reality === 'game' ? cl.agent === 'general' || cl.agent === 'character' : before.reality === 'lesson' ? cl.agent === 'none' || cl.agent === 'general' : cl.agent !== 'child';
    if (!quotedAfter && namesChild(tokens, cl)) continue;
    if (sameSentence && (quotedAfter || carries)) out[c] = { ...cl, reality: before.reality, frameAt: before.frameAt, whole: true };
  }
  return out;
}

function agentOf(tokens: readonly Token[], first: number, last: number): Agent {
  for (let k = first; k <= Math.min(last, first + 4); k += 1) {
    const t = tokens[k];
    if (t === undefined) break;
    const w = t.word;
    if (GAME_AGENTS.has(w)) return 'character';
    if (w === 'i' || w === 'we' || w === 'im' || w === 'ive') return 'child';
    if (w === 'you' || w === 'u') return 'general';
    if (t.sets.includes('{family}') || t.sets.includes('{friends}')) return 'known';
    if (CLAUSE_PRONOUNS.has(w) || CLAUSE_HEADS.has(w)) return 'other';
  }
  return 'none';
}

function timeOf(tokens: readonly Token[], first: number, last: number): ClauseTime {
  let time: ClauseTime = 'unknown';
  for (let k = first; k <= last; k += 1) {
    const w = tokens[k]?.word ?? '';
    if (NOW_WORDS.has(w)) return 'now';
    if (OVER_WORDS.has(w)) time = 'over';
  }
  return time;
}

/** A clause's own frame: a work named with a determiner or preposition, a game's creature, or a lesson. */
function frameOf(tokens: readonly Token[], cl: Clause): [Reality, number] {
  if (cl.reported) return ['real', -1];
  let agentAt = -1;
  for (let k = cl.first; k <= cl.last; k += 1) {
    const t = tokens[k] as Token;
    const w = t.word;
    const before = tokens[k - 1]?.word ?? '';
    // One word may stand between ("our SCHOOL play", "the FIRST book").
    const before2 = k - 2 >= cl.first ? (tokens[k - 2]?.word ?? '') : '';
    // ("asked her TO film…" is the verb.)
    const framed = k > cl.first && before !== 'to' && (FRAME_DETERMINERS.has(before) || FRAME_PREPS.has(before) || FRAME_DETERMINERS.has(before2));
    if (agentAt < 0 && (CLAUSE_PRONOUNS.has(w) || CLAUSE_HEADS.has(w))) agentAt = k;
    // A work named ("in the book", "the chorus", "my character"): fiction, unless someone else acts on the child
    // before it ("he showed me a film…", "he sent me a song").
    if (framed && WORK_FRAMES.has(w) && (cl.agent !== 'other' || agentAt < 0 || agentAt > k)) return ['fiction', k];
    if (GAME_AGENTS.has(w) && cl.agent === 'character') return ['game', k];
    // "in the game", "in fortnite": a game the child or "you" plays.
    if ((before === 'in' || before === 'on') && t.sets.includes('{game}') && (cl.agent === 'child' || cl.agent === 'general' || cl.agent === 'character')) return ['game', k];
    if ((before === 'in' || before === 'on') && FRAME_DETERMINERS.has(w) && tokens[k + 1]?.sets.includes('{game}') === true && (cl.agent === 'child' || cl.agent === 'general' || cl.agent === 'character')) return ['game', k];
    if (LESSON_VERBS.has(w) && (cl.agent === 'child' || cl.agent === 'known') && lessonNear(tokens, cl)) return ['lesson', k];
  }
  return ['real', -1];
}

/**
 * Whether the child is named in a clause outside quotation marks (i, me, my, myself), as the one acted on or whose
 * things are: not "my mum", "my friend" (someone the child names, acting or acted on).
 */
export function namesChild(tokens: readonly Token[], cl: Clause): boolean {
  for (let k = cl.first; k <= cl.last; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.quoted || !FIRST_PERSON.has(t.word)) continue;
    const next = tokens[k + 1];
    if (t.word === 'my' && next !== undefined && (next.sets.includes('{family}') || next.sets.includes('{friends}'))) continue;
    return true;
  }
  return false;
}

/** A lesson, class, club or school work named in the clause's sentence. */
function lessonNear(tokens: readonly Token[], cl: Clause): boolean {
  const s = tokens[cl.first]?.sentence;
  for (let k = 0; k < tokens.length; k += 1) if (tokens[k]?.sentence === s && LESSON_WORDS.has(tokens[k]?.word ?? '')) return true;
  return false;
}
