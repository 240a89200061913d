import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarbourMachine, type DialogEmitted, type DialogEvent } from '../../dialogs/index.js';
import type { Content } from '../../server/content/types.js';
import { play, realContent } from './harness.js';

/**
 * Golden conversations: readable transcripts in tests/fixtures/golden/. Each file's script lines
 * (`child:`, `server:`, `silence`, `quick exit`) are played into the real machine with the real
 * content and detector; the bot's lines (indented) must match the file exactly. After a
 * deliberate wording change, regenerate with UPDATE_GOLDEN=1 and read the diff.
 */

const DIR = 'tests/fixtures/golden';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

function eventFor(line: string): DialogEvent | undefined {
  if (line.startsWith('child: ')) return { type: 'user.message', text: line.slice('child: '.length) };
  if (line === 'silence') return { type: 'session.timeout' };
  if (line === 'quick exit') return { type: 'user.quickExit' };
  const m = /^server: (handoff\.\w+)(?: (.+))?$/.exec(line);
  if (!m) return undefined;
  const arg = m[2] ?? '';
  switch (m[1]) {
    case 'handoff.queued':
      return { type: 'handoff.queued', position: Number(arg) };
    case 'handoff.unavailable':
      return { type: 'handoff.unavailable', reason: arg as 'none_available' | 'closed' | 'wait_too_long' };
    case 'handoff.accepted':
      return { type: 'handoff.accepted', counsellorName: arg };
    case 'handoff.failed':
      return { type: 'handoff.failed' };
    case 'handoff.completed':
      return { type: 'handoff.completed' };
    default:
      return undefined;
  }
}

function describeEmitted(content: Content, e: DialogEmitted): string | undefined {
  switch (e.type) {
    case 'bot.say': {
      const r = content.render(e.key, e.facts, 'en-GB', e.quickReplies);
      const buttons = r.suggestedActions.map((a) => `[${a.title}]`).join(' ');
      return `  Harbour: ${r.text}${buttons ? `  ${buttons}` : ''}`;
    }
    case 'handoff.requested':
      return `  → asks for a counsellor (${e.urgency}, ${e.reason}${e.findings.length ? `: ${[...new Set(e.findings.map((f) => f.category))].join(', ')}` : ''})`;
    case 'conversation.closed':
      return `  → chat closed (${e.reason})`;
    default:
      return undefined; // check-in timers are plumbing, not part of the conversation
  }
}

/** Play a golden file's script and write the transcript the way the file should read. */
function transcript(content: Content, fileText: string): string {
  const lines = fileText.split('\n').filter((l) => !l.startsWith('  ') && l.trim() !== '');
  const onShift = !lines.some((l) => /^# counsellor: off shift/.test(l));
  const header = lines.filter((l) => l.startsWith('#'));
  const script = lines.filter((l) => !l.startsWith('#'));
  const events = script.map((l) => {
    const e = eventFor(l);
    if (!e) throw new Error(`golden script line not understood: "${l}"`);
    return e;
  });
  const machine = createHarbourMachine(content.dialogDeps);
  const turns = play(machine, { counsellorOnShift: onShift }, events);
  const out = [...header];
  turns.forEach((t, i) => {
    if (i > 0) out.push(script[i - 1] ?? '');
    for (const e of t.emitted) {
      const line = describeEmitted(content, e);
      if (line) out.push(line);
    }
  });
  if (turns.length - 1 < events.length) out.push(`  (the chat had already ended; ${events.length - turns.length + 1} line(s) not sent)`);
  return `${out.join('\n')}\n`;
}

let content: Content;
beforeAll(async () => {
  ({ content } = await realContent());
});

describe('golden conversations', () => {
  it('has the seven common journeys', () => {
    expect(FILES).toEqual([
      'asking-for-a-friend.txt',
      'child-asked-for-photos.txt',
      'child-blackmailed.txt',
      'child-goes-quiet.txt',
      'child-stranger-in-game.txt',
      'child-unsure-about-talking.txt',
      'worried-parent.txt',
    ]);
  });

  it.each(FILES)('%s reads exactly as the transcript', (file) => {
    const path = join(DIR, file);
    const expected = readFileSync(path, 'utf8');
    const actual = transcript(content, expected);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
    else expect(actual).toBe(expected);
  });
});

describe('what each journey must contain', () => {
  const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

  it('a child with a stranger in a game gets Roblox advice, is never blamed, and leaves with helplines', () => {
    const t = read('child-stranger-in-game.txt');
    expect(t).toMatch(/it is not your fault/);
    expect(t).toMatch(/On Roblox/);
    expect(t).toMatch(/write down their username/);
    expect(t).toMatch(/Childline free on 0800 1111.*\[Call Childline\]/);
    expect(t).toMatch(/chat closed \(goodbye\)/);
    expect(t).not.toMatch(/asks for a counsellor/);
  });

  it('a child asked for photos is escalated in the same turn and told not to send any', () => {
    const t = read('child-asked-for-photos.txt');
    expect(t).toMatch(/child: this guy on snap keeps asking me for pics\n {2}→ asks for a counsellor \(high, red_flag/);
    expect(t).toMatch(/Don't send them any pictures or anything else/);
    expect(t).not.toMatch(/don't pay/);
    expect(t).toMatch(/Priya is a counsellor/);
    expect(t).toMatch(/chat closed \(counsellor_ended\)/);
  });

  it('a blackmailed child off shift gets routes at once, and 999 when danger is now', () => {
    const t = read('child-blackmailed.txt');
    expect(t).toMatch(/no counsellor here right now/);
    expect(t).toMatch(/don't pay them/);
    expect(t).toMatch(/Samaritans on 116 123/);
    expect(t).toMatch(/CEOP/);
  });

  it('a worried parent is told not to remove internet access and never promised the child’s words', () => {
    const t = read('worried-parent.txt');
    expect(t).toMatch(/don't take away their phone or internet/);
    expect(t).toMatch(/stays with the child/);
    expect(t).toMatch(/NSPCC helpline on 0808 800 5000/);
  });

  it('someone asking for a friend is never challenged and gets the same escalation', () => {
    const t = read('asking-for-a-friend.txt');
    expect(t).not.toMatch(/really|are you sure|is it you/i);
    expect(t).toMatch(/asks for a counsellor \(high, red_flag: meet_or_secrecy/);
    expect(t).toMatch(/already asked for a counsellor/);
  });

  it('a child who goes quiet gets space, a gentle check-in, then a kind close with helplines', () => {
    const t = read('child-goes-quiet.txt');
    expect(t).toMatch(/You don't have to talk about it/);
    expect(t).toMatch(/Are you still there\?/);
    expect(t).toMatch(/chat closed \(silence\)/);
    expect(t.indexOf('chat closed (silence)')).toBeGreaterThan(t.lastIndexOf('Childline'));
  });
});
