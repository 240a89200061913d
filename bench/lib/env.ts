/**
 * The bench's narrowing variables (BENCH_COUNTS, BENCH_ONLY, BENCH_PARTS), read with a clear error for a
 * bad value instead of a run that measures NaN conversations or silently nothing (session 38).
 */

/** The most conversations BENCH_COUNTS accepts at one N (the full run's largest is 5,000). */
export const MAX_COUNT = 20_000;

/**
 * Conversation counts from a comma-separated list ("100,1000"); unset or blank gives `fallback`.
 * Throws when an entry is not a whole number from 1 to MAX_COUNT.
 */
export function parseCounts(raw: string | undefined, fallback: readonly number[]): readonly number[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((entry) => {
    const text = entry.trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || value > MAX_COUNT) {
      throw new Error(`BENCH_COUNTS must be whole numbers from 1 to ${MAX_COUNT} separated by commas, got "${raw}"`);
    }
    return value;
  });
}

/**
 * Names from a comma-separated list, each one of `allowed`; unset or blank gives undefined (all of them).
 * Throws naming the variable, the unknown name and what is allowed.
 */
export function parseNames(variable: string, raw: string | undefined, allowed: readonly string[]): readonly string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (!allowed.includes(name)) throw new Error(`${variable}: unknown name "${name}"; allowed: ${allowed.join(', ')}`);
  }
  return names;
}
