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

/** A character that may make text unstorable: NUL or any surrogate (most are paired, and fine). */
const SUSPECT = /[\u0000\ud800-\udfff]/;

/** Why a string cannot be stored exactly, testing the common case (no NUL, no surrogate) once. */
function checkString(text: string): Unstorable {
  return SUSPECT.test(text) ? findUnstorableText(text) : null;
}

type Unstorable = 'nul' | 'lone-surrogate' | null;

/** What JSON leaves out of an object (undefined, a function, a symbol); null in an array. */
const LEFT_OUT = Symbol('left out by JSON');

/**
 * Why `JSON.stringify(value)` would write text that cannot be stored exactly, or null, without
 * writing it: the same walk as `JSON.stringify` (toJSON, boxed primitives, a key whose value JSON
 * leaves out is not written), testing each string and key it would write, and throwing the same
 * TypeError on a cycle or a BigInt. The memory store checks every append with it: serializing
 * the activities and the whole snapshot on each turn only to look at the text cost about a tenth
 * of a turn's CPU.
 */
export function findUnstorableValue(value: unknown): Unstorable {
  const problem = walk(value, '', []);
  return problem === LEFT_OUT ? null : problem;
}

function walk(input: unknown, key: string | number, stack: object[]): Unstorable | typeof LEFT_OUT {
  let value = input;
  if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, String(key));
  }
  switch (typeof value) {
    case 'string':
      return checkString(value);
    case 'number':
    case 'boolean':
      return null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? null : walkObject(value, stack);
    default:
      return LEFT_OUT;
  }
}

function walkObject(value: object, stack: object[]): Unstorable | typeof LEFT_OUT {
  if (value instanceof String) return checkString(String(value));
  if (value instanceof Number || value instanceof Boolean) return null;
  if (value instanceof BigInt) throw new TypeError('Do not know how to serialize a BigInt');
  if (stack.includes(value)) throw new TypeError('Converting circular structure to JSON');
  stack.push(value);
  try {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const problem = walk(value[index], index, stack);
        if (problem !== null && problem !== LEFT_OUT) return problem;
      }
      return null;
    }
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const problem = walk(record[name], name, stack);
      if (problem === LEFT_OUT) continue;
      if (problem !== null) return problem;
      const inKey = checkString(name);
      if (inKey !== null) return inKey;
    }
    return null;
  } finally {
    stack.pop();
  }
}
