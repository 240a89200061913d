import { hash, verify } from '@node-rs/argon2';

/**
 * Counsellor passwords: argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).
 * The hash string carries its own parameters, so raising them later keeps old hashes working.
 */
const PARAMS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (argon2 would hash more, but a limit keeps the door explicit). */
export const MAX_PASSWORD_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/** Spend the same time on an unknown username as on a known one, so timing tells nothing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('harbour-dummy-password-never-matches');
  await verifyPassword(await dummy, password);
  return false;
}

/** Why a new password is not allowed, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `use at most ${MAX_PASSWORD_LENGTH} characters`;
  if (/^(.)\1*$/.test(password)) return 'use more than one repeated character';
  return null;
}
