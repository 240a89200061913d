import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReplay } from '../../server/cli/chat.js';

/** `npm run chat`: the real machine and content in a terminal, for content authors. */
function chat(args: readonly string[], input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['server/cli/chat.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

describe('npm run chat', () => {
  it('talks with the real machine and, with --explain, shows the state and content key of each line', async () => {
    const { code, out } = await chat(['--explain'], "I'm a young person\nhe asked me to send nudes\n/accepted Priya\n/completed\n");
    expect(code).toBe(0);
    expect(out).toMatch(/Harbour: Hi, I'm Harbour\. I'm glad you're here\.\n\s+↳ opening\.welcome {2}\[choosingAudience\]/);
    expect(out).toMatch(/↳ child\.ask\.what-happened {2}\[talking\.young\.whatHappened\]/);
    expect(out).toMatch(/\(asks for a counsellor: urgency high, red_flag, sexual\) {2}\[escalated\]/);
    expect(out).toMatch(/Priya is a counsellor/);
    expect(out).toMatch(/\(chat closed: counsellor_ended\)/);
  }, 60_000);

  it('speaks Welsh with --locale cy-GB, with no code change', async () => {
    const { out } = await chat(['--locale', 'cy-GB', '--off-shift'], '/timeout\n/timeout\n');
    expect(out).toMatch(/Helo, Harbour ydw i/);
    expect(out).toMatch(/Does dim cwnselydd yma nawr/);
    expect(out).toMatch(/Wyt ti yna o hyd\?/);
    expect(out).toMatch(/\(chat closed: silence\)/);
  }, 60_000);

  it('replays written conversations from a file, each from the start, with their own shift and language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbour-replay-'));
    const file = join(dir, 'probe.txt');
    writeFileSync(
      file,
      [
        '# two conversations a tester wrote',
        '=== nudes',
        "I'm a young person",
        'he asked me to send nudes',
        '',
        '=== quiet-night off-shift cy-GB',
        '/timeout',
        '/timeout',
        'this line comes after the chat closed',
      ].join('\n'),
    );
    const { code, out } = await chat(['--replay', file, '--explain'], '');
    expect(code).toBe(0);
    expect(out).toMatch(/=== nudes \(en-GB, counsellor on shift\)\nHarbour: Hi, I'm Harbour/);
    expect(out).toMatch(/> he asked me to send nudes\n[\s\S]*\(asks for a counsellor: urgency high, red_flag, sexual\)/);
    expect(out).toMatch(/=== quiet-night \(cy-GB, no counsellor on shift\)\nHarbour: Helo, Harbour ydw i/);
    expect(out).toMatch(/\(chat closed: silence\)/);
    expect(out).not.toMatch(/this line comes after/);

    const one = await chat(['--replay', file, '--only', 'quiet-night'], '');
    expect(one.out).toMatch(/=== quiet-night/);
    expect(one.out).not.toMatch(/=== nudes/);
  }, 60_000);

  it('says which replay file or conversation it could not find, and exits non-zero', async () => {
    const missing = await chat(['--replay', join(tmpdir(), 'no-such-harbour-replay.txt')], '');
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/cannot read the replay file .*no-such-harbour-replay\.txt: ENOENT/);
    const dir = mkdtempSync(join(tmpdir(), 'harbour-replay-'));
    const file = join(dir, 'one.txt');
    writeFileSync(file, 'hello\n');
    const unknown = await chat(['--replay', file, '--only', 'nobody'], '');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/no conversation named nobody/);
  }, 60_000);
});

describe('parseReplay', () => {
  it('reads lines before any header as one conversation named after the file, with the command line\'s defaults', () => {
    const got = parseReplay('hi\n# a note\n\nim scared\n=== B on-shift\n/timeout\n', 'f.txt', { onShift: false, locale: 'cy-GB' });
    expect(got).toEqual([
      { name: 'f.txt', onShift: false, locale: 'cy-GB', lines: ['hi', 'im scared'] },
      { name: 'B', onShift: true, locale: 'cy-GB', lines: ['/timeout'] },
    ]);
  });
});
