import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser } from '../../dialogs/analyse.js';
import { messageKeysFor, QR, QUICK_REPLY_KEYS } from '../../dialogs/index.js';
import { EMPTY_DETECTOR_STATE } from '../../dialogs/safety/types.js';
import { loadContent, readContent, type ContentSource } from '../../server/content/load.js';
import { ContentError, formatProblem } from '../../server/content/problems.js';
import type { Content } from '../../server/content/types.js';
import { realContent } from '../dialogs/harness.js';
import { fleschKincaid, sentences, words } from './readability.js';

const CONTENT_DIR = process.env['HARBOUR_TEST_CONTENT'] ?? 'content';

let content: Content;
let source: ContentSource;
const scratch: string[] = [];

beforeAll(async () => {
  ({ content, source } = await realContent());
});

afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

/** A copy of content/ to break on purpose. */
async function copyContent(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'harbour-content-'));
  scratch.push(dir);
  await cp(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

async function edit(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${path}`);
  await writeFile(path, text.replace(from, to));
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return text.slice(0, i).split('\n').length;
}

describe('the real content', () => {
  it('loads with no problems, in two complete locales', () => {
    expect(content.locales).toEqual(['en-GB', 'cy-GB']);
    expect(content.defaultLocale).toBe('en-GB');
    expect(content.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('has every key the dialogs can emit, in every locale, with nothing left unfilled', () => {
    const appIds = content.dialogDeps.apps.map((a) => a.id);
    const keys = messageKeysFor(appIds);
    expect(keys.length).toBeGreaterThan(120);
    for (const locale of content.locales) {
      for (const key of keys) {
        const r = content.render(key, { position: 2, name: 'Sam', app: 'Roblox' }, locale);
        expect(r.text.length, `${locale} ${key}`).toBeGreaterThan(0);
        expect(r.text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
      for (const qr of QUICK_REPLY_KEYS) expect(() => content.render('opening.who', {}, locale, [qr])).not.toThrow();
    }
  });

  it('has advice for every app the issue names', () => {
    const names = content.dialogDeps.apps.map((a) => a.name);
    for (const n of ['Instagram', 'Snapchat', 'TikTok', 'WhatsApp', 'Discord', 'Roblox', 'Fortnite', 'Xbox', 'PlayStation', 'YouTube']) {
      expect(names).toContain(n);
    }
  });

  it('gives every service a source and a last-checked date, and the UK numbers from the guidance', () => {
    const services = source.locales.get('en-GB')?.services ?? [];
    for (const s of services) {
      expect(s.source.length, s.id).toBeGreaterThan(3);
      expect(s.lastChecked, s.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const phone = (id: string) => services.find((s) => s.id === id)?.phone;
    expect(phone('emergency')).toBe('999');
    expect(phone('childline')).toBe('0800 1111');
    expect(phone('samaritans')).toBe('116 123');
    expect(phone('hopeline247')).toBe('0800 068 4141');
    expect(phone('nspcc')).toBe('0808 800 5000');
    expect(services.find((s) => s.id === 'shout')?.sms).toEqual({ number: '85258', keyword: 'SHOUT' });
  });

  it('lists emergency services first for "Get help now", in every locale', () => {
    for (const locale of content.locales) {
      const list = content.helpNow(locale);
      expect(list[0]?.phone).toBe('999');
      expect(list.findIndex((s) => !s.emergency)).toBeGreaterThan(0);
    }
  });

  it('turns phone numbers into tap-to-call buttons and keeps them in the text', () => {
    const r = content.render('safety.self-harm', {}, 'en-GB');
    expect(r.text).toContain('116 123');
    expect(r.text).toContain('0800 068 4141');
    expect(r.suggestedActions).toEqual([
      { type: 'call', title: 'Call Samaritans', value: 'tel:116123' },
      { type: 'call', title: 'Call PAPYRUS HOPELINE247', value: 'tel:08000684141' },
    ]);
    const immediate = content.render('safety.immediate', {}, 'cy-GB');
    expect(immediate.text).toContain('999');
    expect(immediate.text).toContain('55');
    expect(immediate.suggestedActions.map((a) => a.value)).toContain('tel:999');
  });

  it('renders quick replies as imBack buttons that send their own words', () => {
    const r = content.render('opening.who', {}, 'en-GB', QR.who);
    expect(r.suggestedActions[0]).toEqual({ type: 'imBack', title: "I'm a young person", value: "I'm a young person" });
    expect(() => content.render('no.such.key')).toThrow(/unknown message key/);
  });

  it('fills facts the dialog gives', () => {
    expect(content.render('handoff.queued', { position: 3 }, 'en-GB').text).toContain('number 3');
    expect(content.render('handoff.accepted', { name: 'Priya' }, 'en-GB').text).toMatch(/^Priya /);
  });

  it('understands every quick reply where it is offered, in every locale', () => {
    const analyse = createAnalyser(content.dialogDeps);
    const turn = (text: string) => analyse(text, EMPTY_DETECTOR_STATE).turn;
    for (const locale of content.locales) {
      const title = (key: string) => content.render('opening.who', {}, locale, [key]).suggestedActions[0]?.title ?? '';
      expect(turn(title('qr.who.young-person')).audience, locale).toBe('young_person');
      expect(turn(title('qr.who.parent')).audience, locale).toBe('parent_carer');
      expect(turn(title('qr.who.friend')).audience, locale).toBe('friend');
      expect(turn(title('qr.who.someone-else')).audience, locale).toBe('someone_else');
      expect(turn(title('qr.yes')).yes, locale).toBe(true);
      expect(turn(title('qr.no')).no, locale).toBe(true);
      expect(turn(title('qr.rather-not-say')).declines, locale).toBe(true);
      expect(turn(title('qr.feel.scared')).feeling, locale).toBe('scared');
      expect(turn(title('qr.feel.worried')).feeling, locale).toBe('worried');
      expect(turn(title('qr.feel.sad')).feeling, locale).toBe('sad');
      expect(turn(title('qr.feel.okay')).feeling, locale).toBe('okay');
      expect(turn(title('qr.tips')).wantsTips, locale).toBe(true);
      expect(turn(title('qr.talk-to-person')).asksForPerson, locale).toBe(true);
      expect(turn(title('qr.no-thats-all')).no, locale).toBe(true);
      expect(turn(title('qr.carry-on')).yes, locale).toBe(true);
      expect(turn(title('qr.still-here')).stillHere, locale).toBe(true);
      expect(turn(title('qr.wait')).stays, locale).toBe(true);
      expect(turn(title('qr.end-chat')).goodbye, locale).toBe(true);
      // A quick reply never closes the chat or asks for a person by accident (only "End the chat" closes it).
      for (const key of QUICK_REPLY_KEYS) {
        if (key !== 'qr.end-chat') expect(turn(title(key)).goodbye ?? false, `${locale} ${key}`).toBe(false);
        if (key !== 'qr.talk-to-person') expect(turn(title(key)).asksForPerson ?? false, `${locale} ${key}`).toBe(false);
      }
    }
  });

  it('never says a blaming, shaming or frightening phrase from the maintained list, in any locale', async () => {
    const lists = parse(await readFile('tests/content/blaming-phrases.yaml', 'utf8')) as Record<string, { allowed: string[]; never: string[] }>;
    for (const locale of content.locales) {
      const list = lists[locale];
      expect(list, locale).toBeDefined();
      const lc = source.locales.get(locale);
      const texts = [
        ...[...(lc?.messages.values() ?? [])].map((m) => m.text),
        ...(lc?.apps ?? []).map((a) => a.advice),
        ...(lc?.cannedReplies ?? []).map((r) => r.text),
      ];
      const found: string[] = [];
      for (const text of texts) {
        let t = text.toLowerCase().replace(/’/g, "'");
        for (const ok of list?.allowed ?? []) t = t.split(ok.toLowerCase()).join(' ');
        for (const bad of list?.never ?? []) if (t.includes(bad.toLowerCase())) found.push(`${bad}: ${text}`);
      }
      expect(found, locale).toEqual([]);
    }
  });

  it('keeps every child-facing message readable on its own (en-GB grade 5 or below) and every sentence short', async () => {
    const exempt = new Set(
      ((parse(await readFile('tests/content/readability-exempt.yaml', 'utf8')) as { names: string[] }).names).map((n) => n.toLowerCase()),
    );
    const en = source.locales.get('en-GB');
    const rows: { key: string; grade: number }[] = [];
    for (const [key, m] of en?.messages ?? []) if (m.reader === 'child') rows.push({ key, grade: fleschKincaid([m.text], exempt).grade });
    for (const a of en?.apps ?? []) rows.push({ key: `apps.${a.id}.advice`, grade: fleschKincaid([a.advice], exempt).grade });
    const hardest = [...rows].sort((a, b) => b.grade - a.grade);
    const mean = rows.reduce((n, r) => n + r.grade, 0) / rows.length;
    console.info(
      `en-GB child-facing messages: ${rows.length}, mean grade ${mean.toFixed(1)}, hardest ${hardest
        .slice(0, 3)
        .map((r) => `${r.key} ${r.grade.toFixed(1)}`)
        .join(', ')}`,
    );
    expect(hardest.filter((r) => r.grade > 5)).toEqual([]);
    for (const locale of content.locales) {
      const lc = source.locales.get(locale);
      const all = [...[...(lc?.messages.values() ?? [])].map((m) => m.text), ...(lc?.apps ?? []).map((a) => a.advice)];
      const long = all.flatMap((t) => sentences(t)).filter((s) => words(s).length > 25);
      expect(long, locale).toEqual([]);
    }
  });
});

describe('problems in content, explained with file and line', () => {
  it('reports a missing note, an unknown placeholder and a typo key at the right lines', async () => {
    const dir = await copyContent();
    const file = join(dir, 'en-GB', 'messages.yaml');
    await edit(file, '  note: The very first message of every chat. Warm and short.\n', '');
    await edit(file, "text: Thank you for reaching out. That was brave.", 'text: Thank you {nmae}. That was brave.');
    await edit(file, '  note: Young person path, first question. Open, one question only.', '  nots: Young person path, first question.');
    const text = await readFile(file, 'utf8');
    const { problems } = await readContent(dir);
    const mine = problems.filter((p) => p.file.endsWith(join('en-GB', 'messages.yaml')));
    expect(mine).toContainEqual({
      file: expect.stringMatching(/messages\.yaml$/),
      line: lineOf(text, 'opening.welcome:'),
      message: 'The message "opening.welcome" has no `note:`. Add one.',
    });
    expect(mine.find((p) => p.message.includes('{nmae}'))?.line).toBe(lineOf(text, 'Thank you {nmae}'));
    expect(mine.find((p) => p.message.includes('`nots:`'))?.line).toBe(lineOf(text, '  nots:'));
    expect(formatProblem(mine[0] ?? { file: '', line: 0, message: '' })).toMatch(/messages\.yaml:\d+: /);
  });

  it('reports broken YAML, a missing translation, and a phone number that differs between locales', async () => {
    const dir = await copyContent();
    await edit(join(dir, 'en-GB', 'quick-replies.yaml'), 'qr.yes:\n  text: "Yes"', 'qr.yes:\n  text: "Yes\n');
    const cy = join(dir, 'cy-GB', 'messages.yaml');
    const cyText = await readFile(cy, 'utf8');
    await writeFile(cy, cyText.replace(/\nchild\.ask\.app:\n(?: {2}.*\n)+/, '\n'));
    await edit(join(dir, 'cy-GB', 'services.yaml'), 'phone: 0800 1111', 'phone: 0800 1112');
    const { problems } = await readContent(dir);
    const text = problems.map(formatProblem).join('\n');
    expect(text).toMatch(/en-GB[/\\]quick-replies\.yaml:\d+: This is not valid YAML here/);
    expect(text).toMatch(/cy-GB[/\\]messages\.yaml:\d+: The message "child\.ask\.app" is missing/);
    expect(text).toMatch(/cy-GB[/\\]services\.yaml:\d+: The service "childline" has a different number/);
  });

  it('makes loadContent refuse invalid content with every problem listed (the server will not start)', async () => {
    const dir = await copyContent();
    await edit(join(dir, 'settings.yaml'), 'check_in_after_minutes: 5', 'check_in_after_minutes: -1');
    await edit(join(dir, 'en-GB', 'apps.yaml'), '  - id: roblox\n', '  - id: Roblox Game\n');
    const error = await loadContent(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    const text = (error as ContentError).problems.map(formatProblem).join('\n');
    expect(text).toMatch(/settings\.yaml:\d+: `check_in_after_minutes:` in the settings should be a number above 0/);
    expect(text).toMatch(/apps\.yaml:\d+: The app "Roblox Game"'s id should be lower-case letters, digits and dashes\./);
    expect((error as ContentError).code).toBe('HARBOUR_ERR_CONTENT_INVALID');
  });

  it('reports a bad entry of the Welsh words (cy-GB/welsh-words.yaml) at its line (session 23)', async () => {
    const dir = await copyContent();
    const file = join(dir, 'cy-GB', 'welsh-words.yaml');
    await edit(file, 'markers: [dwi, dwin,', 'markers: [dwi, hello, dwin,');
    await edit(file, '  lluniau: pictures\n', '  lluniau: Pictures!\n');
    await edit(file, '  tu allan: outside\n', '  tu allan: outside\n  allanol: outside\n');
    await edit(file, 'verbs:\n', 'verbs:\n  anfon lluniau: send\n');
    const text = await readFile(file, 'utf8');
    const { problems } = await readContent(dir);
    const mine = problems.filter((p) => p.file.endsWith(join('cy-GB', 'welsh-words.yaml')));
    expect(mine.find((p) => p.message.includes('"hello"'))).toMatchObject({ line: lineOf(text, 'markers: [dwi, hello'), message: expect.stringMatching(/also an English word/) });
    expect(mine.find((p) => p.message.includes('Pictures!'))?.line).toBe(lineOf(text, '  lluniau: Pictures!'));
    expect(mine.find((p) => p.message.includes('"allanol" in phrases'))?.line).toBe(lineOf(text, '  allanol: outside'));
    expect(mine.find((p) => p.message.includes('"anfon lluniau" in verbs'))?.line).toBe(lineOf(text, '  anfon lluniau: send'));
    expect(mine.map(formatProblem).join('\n')).toMatch(/welsh-words\.yaml:\d+: /);
  });

  it('refuses bad opening hours with a plain reason', async () => {
    const dir = await copyContent();
    await edit(join(dir, 'hours.yaml'), 'time_zone: Europe/London', 'time_zone: Europe/Londn');
    await edit(join(dir, 'hours.yaml'), '  sat: [{ open: "12:00", close: "20:00" }]', '  sat: [{ open: "12:00", close: "25:00" }]');
    const { problems } = await readContent(dir);
    const text = problems.map(formatProblem).join('\n');
    expect(text).toMatch(/hours\.yaml:\d+: The opening hours cannot be used: opening hours: unknown time zone "Europe\/Londn"/);
  });

  it('changes the content version when any content file changes', async () => {
    const dir = await copyContent();
    const before = (await readContent(dir)).source?.version;
    await edit(join(dir, 'en-GB', 'messages.yaml'), "Hi, I'm Harbour.", "Hello, I'm Harbour.");
    const after = (await readContent(dir)).source?.version;
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
  });

  it('`npm run content:check` explains problems and exits 1, and says all is well with 0', async () => {
    const run = promisify(execFile);
    const tsx = join('node_modules', '.bin', 'tsx');
    const good = await run(tsx, ['server/cli/content-check.ts', CONTENT_DIR]);
    expect(good.stdout).toMatch(/Content is fine: 2 language\(s\) \(en-GB, cy-GB\)/);
    const dir = await copyContent();
    await edit(join(dir, 'en-GB', 'services.yaml'), 'phone: 116 123', 'phone: 116 123 ext');
    const bad = await run(tsx, ['server/cli/content-check.ts', dir]).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/services\.yaml:\d+: The service "samaritans"'s phone "116 123 ext" should be digits and spaces only\./);
    expect(bad.stdout).toMatch(/The server will not start until they are fixed/);
  }, 60_000);
});
