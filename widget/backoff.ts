/**
 * Reconnect delay for attempt n (0-based): exponential growth capped at `maxMs`, with "equal
 * jitter" (half fixed, half random) so many children on one school network do not all reconnect
 * in the same instant after a server restart.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  maxMs = 30_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
