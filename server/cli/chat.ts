/**
 * `npm run chat [-- --explain] [-- --locale cy-GB] [-- --off-shift]`: talk to the real machine with
 * the real content in the terminal, no server. For content authors: `--explain` shows which state
 * and which content key produced each line. Commands: /timeout (silence), /queued N,
 * /unavailable [none_available|closed|wait_too_long], /accepted NAME, /failed, /completed,
 * /exit (quick exit), /summary, /quit.
 */
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
}

function parseArgs(argv: readonly string[]): Options {
  const i = argv.indexOf('--locale');
  const locale = i >= 0 ? argv[i + 1] : undefined;
  return { explain: argv.includes('--explain'), onShift: !argv.includes('--off-shift'), ...(locale ? { locale } : {}) };
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

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const content = await loadContent();
  const locale = opts.locale && content.hasLocale(opts.locale) ? opts.locale : content.defaultLocale;
  const machine = createHarbourMachine(content.dialogDeps);
  const actor = createActor(machine, { input: { counsellorOnShift: opts.onShift } });
  const stateName = () => JSON.stringify(actor.getSnapshot().value).replace(/[{}"]/g, '').replace(/:/g, '.');
  // Emitted events are printed after each step, so --explain shows the state they led to.
  let pending: DialogEmitted[] = [];
  actor.on('*', (e) => void pending.push(e));
  const flush = () => {
    for (const e of pending) {
      const context = actor.getSnapshot().context as unknown as Record<string, unknown>;
      const line = describe(e, content, locale, opts.explain, stateName(), sayFactsOf(context), readerOf(context));
      if (line) process.stdout.write(`${line}\n`);
    }
    pending = [];
  };
  process.stdout.write(`Harbour chat (${locale}, content ${content.version}). Type /quit to leave, /timeout for silence.\n\n`);
  actor.start();
  flush();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  for await (const line of rl) {
    const ev = eventFor(line);
    if (ev === 'quit') break;
    if (ev === 'summary') {
      process.stdout.write(`${JSON.stringify(actor.getSnapshot().context.summary, null, 2)}\n`);
      continue;
    }
    if (ev) actor.send(ev);
    flush();
    if (actor.getSnapshot().status === 'done') break;
  }
  rl.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
