import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * True when the module at `moduleUrl` (its `import.meta.url`) is the file node was started with, so a command's
 * `main` runs for `npm run …` and not when a test imports the module's functions. Compared by full path: a script of
 * the same last name elsewhere does not match.
 */
export function runAsCommand(moduleUrl: string): boolean {
  const started = process.argv[1];
  return started !== undefined && moduleUrl === pathToFileURL(resolve(started)).href;
}
