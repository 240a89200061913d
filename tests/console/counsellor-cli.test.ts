import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCounsellorArgs } from '../../server/cli/counsellor.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'harbour-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs `npm run counsellor -- ...args` as the script does (tsx), with `input` piped to stdin. */
function run(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/counsellor.ts', ...args],
      { env: { ...process.env, DATA_DIR: dataDir }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

describe('npm run counsellor', () => {
  it('parses add, password and list, and explains bad input', () => {
    expect(parseCounsellorArgs(['add', 'Sam', '--role', 'supervisor'])).toEqual({ kind: 'add', username: 'sam', role: 'supervisor', firstName: 'Sam' });
    expect(parseCounsellorArgs(['add', 'sam.k', '--role', 'counsellor', '--first-name', 'Samira'])).toMatchObject({ firstName: 'Samira' });
    expect(parseCounsellorArgs(['password', 'sam'])).toEqual({ kind: 'password', username: 'sam' });
    expect(() => parseCounsellorArgs(['add', 'sam'])).toThrow(/--role must be counsellor or supervisor/);
    expect(() => parseCounsellorArgs(['add', 'x y', '--role', 'counsellor'])).toThrow(/NAME must be/);
    expect(() => parseCounsellorArgs(['delete', 'sam'])).toThrow(/Usage/);
  });

  it('creates an account with a password from stdin, refuses a weak or missing one, and lists accounts', async () => {
    const weak = await run(['add', 'amy', '--role', 'counsellor'], '\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const ok = await run(['add', 'amy', '--role', 'counsellor'], 'a good long passphrase\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/Added counsellor "amy" \(children see "Amy"\)/);
    const again = await run(['add', 'amy', '--role', 'supervisor'], 'a good long passphrase\n');
    expect(again.stderr).toMatch(/already exists/);
    const list = await run(['list'], '');
    expect(list.stdout).toBe('amy\tcounsellor\tAmy\n');
    expect(list.stdout).not.toContain('passphrase');
  }, 240_000);
});
