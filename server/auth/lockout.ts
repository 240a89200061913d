/**
 * Lockout with backoff after failed sign-ins: the first few failures are free, then each one
 * locks the account for twice as long as the last, up to a ceiling. A success clears it.
 */
export interface LockoutPolicy {
  /** Failures allowed before the first lock. Default 5. */
  readonly freeAttempts: number;
  /** First lock length (ms). Default 30 s. */
  readonly baseLockMs: number;
  /** Longest lock (ms). Default 1 hour. */
  readonly maxLockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 60 * 60 * 1000 };

/** After the `failedAttempts`-th failure at `now`: until when the account is locked, or null. */
export function lockedUntilAfter(failedAttempts: number, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): Date | null {
  if (failedAttempts < policy.freeAttempts) return null;
  const doublings = Math.min(failedAttempts - policy.freeAttempts, 30);
  const ms = Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
  return new Date(now.getTime() + ms);
}
