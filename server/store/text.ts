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
