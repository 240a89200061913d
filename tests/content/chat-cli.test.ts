import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
