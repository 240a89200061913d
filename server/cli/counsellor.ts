/**
 * `npm run counsellor -- add NAME --role counsellor|supervisor [--first-name Sam]`
 * `npm run counsellor -- password NAME`, `npm run counsellor -- list`
 *
 * Creates console accounts. The password is read from a hidden prompt, or from stdin when stdin
 * is not a terminal (`printf '%s\n' "$PW" | npm run counsellor -- add sam --role counsellor`).
 * There are no default passwords. Uses DATA_DIR / DATABASE_URL like the server.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { consoleStore } from '../store/console-repositories.js';
import type { CounsellorRole } from '../store/console-types.js';
import { createStore } from '../store/index.js';
import { runAsCommand } from './run-as-command.js';

const USAGE = `Usage:
  npm run counsellor -- add NAME --role counsellor|supervisor [--first-name FIRST]
  npm run counsellor -- password NAME
  npm run counsellor -- list
NAME is the sign-in name (letters, digits, . _ -). FIRST is the name children see (default: NAME).
The password is asked for (hidden), or read from stdin when it is piped.`;

/** Parsed command line. */
export type CounsellorCommand =
  | { readonly kind: 'add'; readonly username: string; readonly role: CounsellorRole; readonly firstName: string }
  | { readonly kind: 'password'; readonly username: string }
  | { readonly kind: 'list' };

/** Parses argv (after the script name); throws an Error with a plain message on bad input. */
export function parseCounsellorArgs(argv: readonly string[]): CounsellorCommand {
  const [verb, name, ...rest] = argv;
  const flag = (n: string): string | undefined => {
    const i = rest.indexOf(n);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (verb === 'list') return { kind: 'list' };
  if (!name || !/^[a-z0-9._-]{2,64}$/i.test(name)) throw new Error(`NAME must be 2–64 letters, digits, ".", "_" or "-".\n${USAGE}`);
  if (verb === 'password') return { kind: 'password', username: name.toLowerCase() };
  if (verb !== 'add') throw new Error(USAGE);
  const role = flag('--role');
  if (role !== 'counsellor' && role !== 'supervisor') throw new Error(`--role must be counsellor or supervisor.\n${USAGE}`);
  const firstName = flag('--first-name') ?? name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
  if (!/^[\p{L}][\p{L}' -]{0,39}$/u.test(firstName)) throw new Error('--first-name must be a first name of letters (at most 40).');
  return { kind: 'add', username: name.toLowerCase(), role, firstName };
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => {
    rl.question(prompt, resolve);
    muted = true;
  });
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(): Promise<void> {
  let command: CounsellorCommand;
  try {
    command = parseCounsellorArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const databaseUrl = process.env['DATABASE_URL'];
  const store = await createStore({
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: process.env['STORE_DIR'] ?? join(process.env['DATA_DIR'] ?? './data', 'store'),
  });
  try {
    const repos = consoleStore(store.db);
    if (command.kind === 'list') {
      for (const a of await repos.accounts.list()) process.stdout.write(`${a.username}\t${a.role}\t${a.firstName}\n`);
      return;
    }
    const existing = await repos.accounts.byUsername(command.username);
    if (command.kind === 'add' && existing) throw new Error(`An account named "${command.username}" already exists.`);
    if (command.kind === 'password' && !existing) throw new Error(`There is no account named "${command.username}".`);
    const password = await readPassword('Password (at least 12 characters, hidden): ');
    const problem = passwordProblem(password);
    if (problem) throw new Error(`That password is not allowed: ${problem}.`);
    const passwordHash = await hashPassword(password);
    if (command.kind === 'add') {
      await repos.accounts.create({ username: command.username, firstName: command.firstName, role: command.role, passwordHash, now: new Date() });
      process.stdout.write(`Added ${command.role} "${command.username}" (children see "${command.firstName}").\n`);
    } else if (existing) {
      await repos.accounts.setPassword(existing.id, passwordHash);
      process.stdout.write(`Changed the password of "${command.username}".\n`);
    }
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

if (runAsCommand(import.meta.url)) await main();
