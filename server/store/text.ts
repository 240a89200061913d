/**
 * What text the store can keep exactly. PostgreSQL (and so PGlite) refuses NUL in text and jsonb,
 * and a lone UTF-16 surrogate has no UTF-8 form, so both would change or lose the child's words.
 * The server refuses such text at the door; the store checks again so nothing half-written occurs.
 */

/** What makes text unstorable. */
export type UnstorableText = 'nul' | 'lone-surrogate';

/** Why `text` cannot be stored exactly, or null when it can. */
export function findUnstorableText(text: string): UnstorableText | null {
  if (text.includes('\u0000')) return 'nul';
  if (!text.isWellFormed()) return 'lone-surrogate';
  return null;
}

/**
 * The same check on `JSON.stringify` output, which escapes NUL as `\u0000` and lone surrogates as
 * `\udXXX` (paired surrogates stay raw). An escaped backslash before `u` does not count.
 */
const ESCAPED_BAD = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** Why serialized JSON holds text that cannot be stored exactly, or null. */
export function findUnstorableJson(json: string): UnstorableText | null {
  // Most JSON has no `\u` escape at all: a substring search skips the pattern, which, starting
  // with a class that matches almost any character, is tried at every position of the text.
  if (!json.includes('\\u')) return null;
  const match = ESCAPED_BAD.exec(json);
  if (match === null) return null;
  return match[0].toLowerCase().endsWith('\\u0000') ? 'nul' : 'lone-surrogate';
}

/** Marks a member JSON leaves out (undefined, a function, a symbol). */
const LEFT_OUT = Symbol('left out');

/**
 * What JSON.stringify writes for `value` found under `key`: a toJSON's result, a boxed string,
 * number or boolean unwrapped, LEFT_OUT for what it skips. Throws its TypeError on a BigInt.
 */
function writtenAs(value: unknown, key: string | number): unknown {
  if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, String(key));
  }
  if (typeof value === 'object' && value !== null) {
    if (value instanceof String) return String(value);
    if (value instanceof Number || value instanceof Boolean) return null;
    if (value instanceof BigInt) value = value.valueOf();
  }
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return LEFT_OUT;
  return value;
}

/**
 * Plain objects and arrays found storable that are frozen all the way down and hold other such
 * objects: the bot's shared messages, made once from the content and appended to every
 * conversation. They cannot change (a getter defined on one could; nothing in Harbour makes one),
 * so each is walked once. One that holds only text, numbers and the like is not remembered: it
 * costs about as much to walk as to look up, and remembering one made per message (the child's
 * frozen channelData) costs more than walking it (a WeakSet add under churn, ~1 µs).
 */
const storableFrozen = new WeakSet<object>();

/** Whether `value` is a plain object or array (no prototype of its own to add a toJSON). */
function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === Array.prototype;
}

/**
 * Whether a for-in over a plain object visits exactly its own enumerable keys, in Object.keys'
 * order: true unless someone gave Object.prototype an enumerable property. Asked once per check.
 */
function forInIsOwnKeys(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * Whether neither Object.prototype nor Array.prototype has a toJSON: then a settled object, plain and
 * with no toJSON of its own when it was checked, is written as it is. Asked once per check.
 */
function noInheritedToJson(): boolean {
  return !('toJSON' in Object.prototype) && !('toJSON' in Array.prototype);
}

/**
 * Plain objects and arrays a check found storable that hold only text, numbers, booleans, null and
 * other such objects (nothing written through a toJSON, nothing boxed): what JSON writes for one
 * stays the same until it is changed in place. See {@link findUnstorableValue}'s `settled`.
 */
export interface SettledObjects {
  /** Those found by the check before, on a value that has not been changed in place since. */
  readonly before: readonly object[];
  /** Those this check finds (filled by it): the next check's `before`. */
  readonly found: object[];
}

/** What a walk carries: its open containers (for cycles) and, when given, what is settled. */
interface Walk {
  readonly open: object[];
  readonly settled: SettledObjects | null;
  /** Whether a for-in over a plain object gives its own keys (see {@link forInIsOwnKeys}). */
  readonly forIn: boolean;
  /**
   * Whether a settled member can be taken as it is, without asking what JSON writes for it: true
   * unless someone gave Object.prototype or Array.prototype a toJSON since (see {@link noInheritedToJson}).
   */
  readonly settledAsIs: boolean;
  /**
   * The container the walk last found storable and frozen all the way down (remembered in
   * {@link storableFrozen} or not): how a container knows a member it has just walked is one.
   */
  lastFrozen: object | null;
  /**
   * The last object {@link isSettledMember} looked for in `settled.before` and did not find: the walk of that member
   * (next, when JSON writes it as it is) does not look again. `before` does not change during a walk, so an object
   * once not found in it stays not found (session 43: every new member was looked for twice, ~12 scans a turn).
   */
  notSettled: object | null;
}

/**
 * What a container's walk learns from its members found storable so far, as bits: each is written
 * as it is (no toJSON, nothing boxed) and frozen all the way down; each is written as it is and is
 * settled (see {@link SettledObjects}); one of them is an object or array.
 */
const KEPT_FROZEN = 1;
const KEPT_SETTLED = 2;
const HOLDS_OBJECT = 4;

/**
 * What one member, just walked and found storable, leaves of its container's KEPT_ bits. `member`
 * is the container's own value, `item` what JSON writes for it.
 */
function memberKeeps(member: unknown, item: unknown, walk: Walk, kept: number): number {
  if (typeof item !== 'object' || item === null) return member === item ? kept : kept & HOLDS_OBJECT;
  if (member !== item) return (kept & HOLDS_OBJECT) | HOLDS_OBJECT;
  const isFrozen = walk.lastFrozen === item;
  const found = walk.settled?.found;
  const isSettled = isFrozen || (found !== undefined && found[found.length - 1] === item);
  return (kept & ~(isFrozen ? 0 : KEPT_FROZEN) & ~(isSettled ? 0 : KEPT_SETTLED)) | HOLDS_OBJECT;
}

/**
 * Keys found storable, asked before a key's text is checked again (session 38): a snapshot's keys are the
 * same few dozen names every turn (the dialog's context fields, an activity's members), and a look-up in
 * a Set costs less than the two searches of {@link findUnstorableText}. Kept to names of at most
 * MAX_KEY_CHARS, and at most MAX_KEYS of them, so a value with keys made from data cannot grow it for long.
 * (Harbour's snapshots and activities have no key made from what the child wrote.)
 */
const storableKeys = new Set<string>();
const MAX_KEYS = 1024;
const MAX_KEY_CHARS = 64;

/** Why an object's key cannot be stored exactly, or null: {@link findUnstorableText}, remembered when storable. */
function keyProblem(key: string): UnstorableText | null {
  if (storableKeys.has(key)) return null;
  const problem = findUnstorableText(key);
  if (problem === null && key.length <= MAX_KEY_CHARS && storableKeys.size < MAX_KEYS) storableKeys.add(key);
  return problem;
}

/**
 * Whether a container's member is an object the last check found settled (see {@link SettledObjects}),
 * and so storable and written as it is: it is then counted as found settled again, with no walk and no
 * look-up of what JSON writes for it (session 38: most of a snapshot's objects are such members of the
 * turn's new context and snapshot).
 */
function isSettledMember(member: unknown, walk: Walk): member is object {
  const settled = walk.settled;
  if (settled === null || !walk.settledAsIs || typeof member !== 'object' || member === null) return false;
  if (!settled.before.includes(member)) {
    walk.notSettled = member;
    return false;
  }
  settled.found.push(member);
  return true;
}

/** The first unstorable text in what JSON would write for an already unwrapped value. */
function firstUnstorable(value: unknown, walk: Walk): UnstorableText | null {
  if (typeof value === 'string') return findUnstorableText(value);
  if (typeof value !== 'object' || value === null) return null;
  const isFrozen = Object.isFrozen(value);
  // (WeakSet asked only about a frozen object: most are not, and the look-up costs more.)
  if (isFrozen && storableFrozen.has(value)) {
    walk.lastFrozen = value;
    return null;
  }
  const settled = walk.settled;
  if (settled !== null && value !== walk.notSettled && settled.before.includes(value)) {
    settled.found.push(value);
    return null;
  }
  const open = walk.open;
  if (open.includes(value)) throw new TypeError('Converting circular structure to JSON');
  open.push(value);
  const plain = isPlain(value);
  let kept = (plain && isFrozen ? KEPT_FROZEN : 0) | (plain && settled !== null ? KEPT_SETTLED : 0);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const member: unknown = value[index];
      // Text, numbers, booleans and null are written as they are, and keep the container's bits.
      if (typeof member === 'string') {
        const problem = findUnstorableText(member);
        if (problem !== null) return problem;
        continue;
      }
      if (typeof member === 'number' || typeof member === 'boolean' || member === null) continue;
      if (isSettledMember(member, walk)) {
        kept = memberKeeps(member, member, walk, kept);
        continue;
      }
      const item = writtenAs(member, index);
      if (item === LEFT_OUT) continue;
      const problem = firstUnstorable(item, walk);
      if (problem !== null) return problem;
      kept = memberKeeps(member, item, walk, kept);
    }
  } else {
    // A for-in, not Object.keys: no array of keys made per object (V8 takes the keys when the loop starts and
    // skips one deleted meanwhile, as JSON.stringify's walk of Object.keys does). Its own keys come first, in
    // Object.keys' order; inherited enumerable ones (a class's prototype, or an Object.prototype someone gave
    // one) are left out as JSON leaves them, checked only when there can be any.
    const ownOnly = plain && walk.forIn;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!ownOnly && !Object.hasOwn(record, key)) continue;
      const member = record[key];
      // As for an array's members; the key is checked before the member, as JSON writes it first.
      if (typeof member === 'string') {
        const problem = keyProblem(key) ?? findUnstorableText(member);
        if (problem !== null) return problem;
        continue;
      }
      if (typeof member === 'number' || typeof member === 'boolean' || member === null) {
        const problem = keyProblem(key);
        if (problem !== null) return problem;
        continue;
      }
      if (isSettledMember(member, walk)) {
        const problem = keyProblem(key);
        if (problem !== null) return problem;
        kept = memberKeeps(member, member, walk, kept);
        continue;
      }
      const item = writtenAs(member, key);
      if (item === LEFT_OUT) continue;
      const problem = keyProblem(key) ?? firstUnstorable(item, walk);
      if (problem !== null) return problem;
      kept = memberKeeps(member, item, walk, kept);
    }
  }
  if ((kept & KEPT_FROZEN) !== 0) {
    walk.lastFrozen = value;
    if ((kept & HOLDS_OBJECT) !== 0) storableFrozen.add(value);
  } else if ((kept & KEPT_SETTLED) !== 0) (settled as SettledObjects).found.push(value);
  open.pop();
  return null;
}

/**
 * Whether JSON written from `value` would hold text that cannot be stored exactly, found without
 * writing it: the memory store's check per append, where the SQL stores check the JSON they send.
 * It reads what JSON.stringify would (toJSON results, boxed values, members it keeps, keys
 * included) and throws the TypeError it throws on a cycle or a BigInt. Null when all is storable.
 *
 * `settled`: objects found settled by a check before (see {@link SettledObjects}) are not walked
 * again, and those this check finds are added to `settled.found`. Only for a value whose objects
 * nobody changes in place once checked, as a dialog's snapshots are: each turn's context is a new
 * object that shares, unchanged, what the turn did not touch (XState's assign copies; nothing in
 * Harbour writes into a context).
 */
export function findUnstorableValue(value: unknown, settled: SettledObjects | null = null): UnstorableText | null {
  const written = writtenAs(value, '');
  return written === LEFT_OUT ? null : firstUnstorable(written, { open: [], settled, forIn: forInIsOwnKeys(), settledAsIs: settled !== null && noInheritedToJson(), lastFrozen: null, notSettled: null });
}
