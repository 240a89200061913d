/**
 * `npm run chat [-- --explain] [-- --locale cy-GB] [-- --off-shift]`: talk to the real machine with
 * the real content in the terminal, no server. For content authors: `--explain` shows which state
 * and which content key produced each line. Commands: /timeout (silence), /queued N,
 * /unavailable [none_available|closed|wait_too_long], /accepted NAME, /failed, /completed,
 * /exit (quick exit), /summary, /quit.
 *
 * `npm run chat -- --replay FILE [--only NAME] [--explain]` plays written conversations instead, for
 * testers and reviewers: see `parseReplay` for the file's shape.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { createActor } from 'xstate';
import { createHarbourMachine, type DialogEmitted, type DialogEvent } from '../../dialogs/index.js';
import { loadContent } from '../content/load.js';
import type { Content, Facts } from '../content/types.js';
import { readerOf, sayFactsOf } from '../sessions/turn-effects.js';

interface Options {
  readonly explain: boolean;
  readonly locale?: string;
  readonly onShift: boolean;
  readonly replay?: string;
  readonly only?: string;
}

function valueAfter(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const locale = valueAfter(argv, '--locale');
  const replay = valueAfter(argv, '--replay');
  const only = valueAfter(argv, '--only');
  return {
    explain: argv.includes('--explain'),
    onShift: !argv.includes('--off-shift'),
    ...(locale ? { locale } : {}),
    ...(replay ? { replay } : {}),
    ...(only ? { only } : {}),
  };
}

/** One written conversation: its name, how it starts, and the lines typed in it. */
export interface ReplayConversation {
  readonly name: string;
  readonly onShift: boolean;
  readonly locale?: string;
  readonly lines: readonly string[];
}

/**
 * A replay file: `=== NAME [off-shift] [LOCALE]` starts a conversation, each line after it is
 * typed as it stands (a /command or the child's words), `#` starts a comment line and blank lines
 * are ignored. Lines before the first `===` form one conversation named after the file. A
 * conversation takes the command line's shift and locale unless its header says otherwise.
 */
export function parseReplay(text: string, name: string, defaults: { onShift: boolean; locale?: string }): ReplayConversation[] {
  const conversations: ReplayConversation[] = [];
  let current: { name: string; onShift: boolean; locale?: string; lines: string[] } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('===')) {
      const [title = '', ...flags] = line.slice(3).trim().split(/\s+/);
      const locale = flags.find((f) => /^[a-z]{2}-[A-Z]{2}$/.test(f)) ?? defaults.locale;
      const onShift = flags.includes('off-shift') ? false : flags.includes('on-shift') ? true : defaults.onShift;
      current = { name: title || `${name} #${conversations.length + 1}`, onShift, ...(locale ? { locale } : {}), lines: [] };
      conversations.push(current);
      continue;
    }
    if (!current) {
      current = { name, onShift: defaults.onShift, ...(defaults.locale ? { locale: defaults.locale } : {}), lines: [] };
      conversations.push(current);
    }
    current.lines.push(line);
  }
  return conversations;
}

/** Turn a typed line into a dialog event: a /command or the child's words. */
export function eventFor(line: string): DialogEvent | 'quit' | 'summary' | undefined {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (cmd) {
    case '/quit':
      return 'quit';
    case '/summary':
      return 'summary';
    case '/exit':
      return { type: 'user.quickExit' };
    case '/timeout':
      return { type: 'session.timeout' };
    case '/queued':
      return { type: 'handoff.queued', position: Number(arg) || 1 };
    case '/unavailable': {
      const reason = arg === 'closed' || arg === 'wait_too_long' ? arg : 'none_available';
      return { type: 'handoff.unavailable', reason };
    }
    case '/accepted':
      return { type: 'handoff.accepted', counsellorName: arg || 'Sam' };
    case '/failed':
      return { type: 'handoff.failed' };
    case '/completed':
      return { type: 'handoff.completed' };
    default:
      return line.trim() === '' ? undefined : { type: 'user.message', text: line };
  }
}

/** One printed line per emitted event; `chatFacts` as the server fills them (see `sayFactsOf`). */
export function describe(e: DialogEmitted, content: Content, locale: string | undefined, explain: boolean, state: string, chatFacts?: Facts, reader: 'child' | 'adult' = 'child'): string {
  const tag = explain ? `  [${state}]` : '';
  switch (e.type) {
    case 'bot.say': {
      const r = content.render(e.key, chatFacts === undefined ? e.facts : { ...chatFacts, ...e.facts }, locale, e.quickReplies, reader);
      const buttons = r.suggestedActions.map((a) => `[${a.title}]`).join(' ');
      return `Harbour: ${r.text}${buttons ? `\n         ${buttons}` : ''}${explain ? `\n        ↳ ${e.key}${tag}` : ''}`;
    }
    case 'handoff.requested':
      return `  (asks for a counsellor: urgency ${e.urgency}, ${e.reason}${e.findings.length ? `, ${[...new Set(e.findings.map((f) => f.category))].join(', ')}` : ''})${tag}`;
    case 'checkin.request':
      return explain ? `  (check in after ${Math.round(e.afterMs / 1000)} s of silence)${tag}` : '';
    case 'checkin.cancel':
      return explain ? `  (check-in cancelled)${tag}` : '';
    case 'conversation.closed':
      return `  (chat closed: ${e.reason})`;
  }
}

/** A started conversation with the real machine, printing what it says through `write`. */
function startChat(content: Content, opts: { explain: boolean; onShift: boolean; locale: string }, write: (line: string) => void) {
  const machine = createHarbourMachine(content.dialogDeps);
  const actor = createActor(machine, { input: { counsellorOnShift: opts.onShift } });
  const stateName = () => JSON.stringify(actor.getSnapshot().value).replace(/[{}"]/g, '').replace(/:/g, '.');
  // Emitted events are printed after each step, so --explain shows the state they led to.
  let pending: DialogEmitted[] = [];
  actor.on('*', (e) => void pending.push(e));
  const flush = () => {
    for (const e of pending) {
      const context = actor.getSnapshot().context as unknown as Record<string, unknown>;
      const line = describe(e, content, opts.locale, opts.explain, stateName(), sayFactsOf(context), readerOf(context));
      if (line) write(line);
    }
    pending = [];
  };
  actor.start();
  flush();
  return {
    /** Types one line; false once the chat has ended or /quit was typed. */
    type(line: string): boolean {
      const ev = eventFor(line);
      if (ev === 'quit') return false;
      if (ev === 'summary') write(JSON.stringify(actor.getSnapshot().context.summary, null, 2));
      else if (ev) actor.send(ev);
      flush();
      return actor.getSnapshot().status !== 'done';
    },
    stop: () => actor.stop(),
  };
}

function localeFor(content: Content, wanted: string | undefined): string {
  return wanted && content.hasLocale(wanted) ? wanted : content.defaultLocale;
}

function readReplayFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the replay file ${file}: ${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'}`);
  }
}

/** The file's conversations, chosen by --only; read before the content loads, so a wrong name fails at once. */
function conversationsToReplay(opts: Options, file: string): ReplayConversation[] {
  const conversations = parseReplay(readReplayFile(file), file, opts).filter((c) => opts.only === undefined || c.name === opts.only);
  if (conversations.length === 0) throw new Error(opts.only ? `no conversation named ${opts.only} in ${file}` : `no lines to replay in ${file}`);
  return conversations;
}

function replay(content: Content, explain: boolean, conversations: readonly ReplayConversation[]): void {
  const write = (line: string) => void process.stdout.write(`${line}\n`);
  for (const c of conversations) {
    const locale = localeFor(content, c.locale);
    write(`=== ${c.name} (${locale}, ${c.onShift ? 'counsellor on shift' : 'no counsellor on shift'})`);
    const chat = startChat(content, { explain, onShift: c.onShift, locale }, write);
    for (const line of c.lines) {
      write(`> ${line}`);
      if (!chat.type(line)) break;
    }
    chat.stop();
    write('');
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.replay !== undefined) {
    const conversations = conversationsToReplay(opts, opts.replay);
    replay(await loadContent(), opts.explain, conversations);
    return;
  }
  const content = await loadContent();
  const locale = localeFor(content, opts.locale);
  process.stdout.write(`Harbour chat (${locale}, content ${content.version}). Type /quit to leave, /timeout for silence.\n\n`);
  const chat = startChat(content, { explain: opts.explain, onShift: opts.onShift, locale }, (line) => void process.stdout.write(`${line}\n`));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  for await (const line of rl) {
    if (!chat.type(line)) break;
  }
  rl.close();
  chat.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
