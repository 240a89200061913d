import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The exact command that installs the PostgreSQL binaries on this (Debian) machine. */
export const POSTGRES_INSTALL_COMMAND = 'apt-get install -y postgresql';

/** A private PostgreSQL cluster for one test file. */
export interface PrivatePostgres {
  /** postgres://… on 127.0.0.1 to a fresh database. */
  readonly databaseUrl: string;
  readonly port: number;
  /** Creates another empty database in the cluster and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster (fast shutdown) and deletes its folder. */
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or a clear error with the install command. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `PostgreSQL binaries not found in ${root}/<version>/bin. Install them with: ${POSTGRES_INSTALL_COMMAND}`,
    );
  }
  return join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (PostgreSQL refuses root). */
async function runAsPostgres(binary: string, args: readonly string[]): Promise<string> {
  const [file, fullArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, [...args]];
  try {
    const { stdout } = await run(file, fullArgs, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${binary} ${args.join(' ')} failed: ${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  }
}

/**
 * Starts a private cluster: initdb in a temporary folder (owned by `postgres` when we are root), a
 * free port on 127.0.0.1, its unix socket in the same folder, trust auth (only this machine's
 * loopback can reach it). Never skips: missing binaries throw with the install command.
 */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'harbour-pg-'));
  if (isRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error(`Running as root but there is no "postgres" user. Run: ${POSTGRES_INSTALL_COMMAND}`);
    await chown(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const data = join(dir, 'data');
  let started = false;
  try {
    await runAsPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=100',
      `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    ].join(' ');
    await runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    started = true;
    const stop = async (): Promise<void> => {
      await runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    };
    const createDatabase = async (name: string): Promise<string> => {
      await runAsPostgres(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    const databaseUrl = await createDatabase('harbour_test');
    return { databaseUrl, port, createDatabase, stop };
  } catch (error) {
    if (started) await runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
