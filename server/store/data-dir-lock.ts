import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.js';

/** The lock file's name inside the store directory. */
export const LOCK_FILE = 'harbour-store.lock';

/** A held lock; `release()` removes the file if it is still ours. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** True if a process with this pid exists (EPERM means it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock file in `dir` so that two processes never open one PGlite data directory (two
 * PostgreSQL engines writing the same files would corrupt it). A lock left by a dead process is
 * taken over; a live holder (including this process) gets a clear error naming the dir and pid.
 * Bounded: a few attempts, no waiting.
 */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(path)) {
      return {
        path,
        release: () => {
          if (readPid(path) === process.pid) rmSync(path, { force: true });
        },
      };
    }
    const holder = readPid(path);
    if (holder !== null && isProcessAlive(holder)) {
      const who = holder === process.pid ? 'this same process (opened twice)' : `process ${holder}`;
      throw new StoreError(
        'HARBOUR_ERR_STORE_LOCKED',
        `The data directory ${dir} is already in use by ${who}. Stop that process first, or point ` +
          `DATA_DIR at another directory. (If no such process runs, delete ${path}.)`,
      );
    }
    // Stale (dead pid) or unreadable/empty (a holder died mid-write): move it aside, then make sure
    // what we moved is the stale lock we judged, not a fresh one another process just created.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readPid(aside);
    if (moved !== holder && moved !== null && isProcessAlive(moved)) {
      // We raced a process that had just taken over; give its lock back.
      renameSync(aside, path);
      continue;
    }
    rmSync(aside, { force: true });
  }
  throw new StoreError(
    'HARBOUR_ERR_STORE_LOCKED',
    `Could not take the lock on ${dir} (${path}) after several attempts: other processes keep racing for it.`,
  );
}
