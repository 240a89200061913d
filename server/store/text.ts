/**
 * What text the store can keep exactly. PostgreSQL (and so PGlite) refuses NUL in text and jsonb,
 * and a lone UTF-16 surrogate has no UTF-8 form, so both would change or lose the child's words.
 * The server refuses such text at the door; the store checks again so nothing half-written occurs.
 */

const LONE_SURROGATE_RAW = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored exactly, or null when it can. */
export function findUnstorableText(text: string): 'nul' | 'lone-surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE_RAW.test(text)) return 'lone-surrogate';
  return null;
}

/**
 * The same check on `JSON.stringify` output, which escapes NUL as `\u0000` and lone surrogates as
 * `\udXXX` (paired surrogates stay raw). An escaped backslash before `u` does not count.
 */
const ESCAPED_BAD = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** Why serialized JSON holds text that cannot be stored exactly, or null. */
export function findUnstorableJson(json: string): 'nul' | 'lone-surrogate' | null {
  // Most JSON has no `\u` escape at all: a substring search skips the pattern, which, starting
  // with a class that matches almost any character, is tried at every position of the text.
  if (!json.includes('\\u')) return null;
  const match = ESCAPED_BAD.exec(json);
  if (match === null) return null;
  return match[0].toLowerCase().endsWith('\\u0000') ? 'nul' : 'lone-surrogate';
}

/** A character that may make text unstorable: NUL or any surrogate (a paired one is fine; see findUnstorableText). */
const MAYBE_UNSTORABLE = /[\u0000\ud800-\udfff]/;

/** The walk's answers: all text storable, some unstorable, or only `JSON.stringify` itself can say exactly. */
const STORABLE = 0;
const UNSTORABLE = 1;
const ASK_STRINGIFY = 2;
type Walked = typeof STORABLE | typeof UNSTORABLE | typeof ASK_STRINGIFY;

/** Deeper than this, the walk hands over to `JSON.stringify` (which also finds a cycle and throws as it does). */
const MAX_DEPTH = 64;

/**
 * Whether `JSON.stringify(value)` would hold text that cannot be stored exactly: the same answer as
 * `findUnstorableJson(JSON.stringify(value)) !== null`, and the same exception when stringify throws,
 * without making the JSON (an append's JSON was a store's largest allocation per turn, ~7 KB).
 *
 * It walks what stringify would write (own enumerable keys in order, array items, strings), checking
 * each key whose value is written and each string on its own, as stringify escapes each on its own.
 * Anything whose JSON form is not that walk (a `toJSON`, an object that is not a plain object or
 * array, a BigInt, boxed primitives, more than MAX_DEPTH levels, a cycle) goes to `JSON.stringify`
 * and `findUnstorableJson`, whole. Unstorable text does not end the walk, so a value that makes
 * stringify throw throws here too (from stringify), even after unstorable text.
 */
export function holdsUnstorableJson(value: unknown): boolean {
  const walked = walk(value, 0);
  if (walked !== ASK_STRINGIFY) return walked === UNSTORABLE;
  const json = JSON.stringify(value) as string | undefined;
  return json !== undefined && findUnstorableJson(json) !== null;
}

function unstorableText(text: string): boolean {
  return MAYBE_UNSTORABLE.test(text) && findUnstorableText(text) !== null;
}

function walk(value: unknown, depth: number): Walked {
  if (typeof value === 'string') return unstorableText(value) ? UNSTORABLE : STORABLE;
  if (typeof value === 'bigint') return ASK_STRINGIFY;
  // numbers, booleans and null are written without text; undefined, functions and symbols not at all
  if (typeof value !== 'object' || value === null) return STORABLE;
  if (depth >= MAX_DEPTH) return ASK_STRINGIFY;
  const next = depth + 1;
  let found: Walked = STORABLE;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || (value as { toJSON?: unknown }).toJSON !== undefined) return ASK_STRINGIFY;
    for (let index = 0; index < value.length; index += 1) {
      const item = walk(value[index], next);
      if (item === ASK_STRINGIFY) return ASK_STRINGIFY;
      if (item === UNSTORABLE) found = UNSTORABLE;
    }
    return found;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || (value as { toJSON?: unknown }).toJSON !== undefined) return ASK_STRINGIFY;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return ASK_STRINGIFY; // an enumerable inherited key: stringify skips it
    const item = record[key];
    const type = typeof item;
    // stringify leaves out a key whose value it does not write, so such a key's text is not checked
    if (item === undefined || type === 'function' || type === 'symbol') continue;
    const walked = walk(item, next);
    if (walked === ASK_STRINGIFY) return ASK_STRINGIFY;
    if (walked === UNSTORABLE || unstorableText(key)) found = UNSTORABLE;
  }
  return found;
}
