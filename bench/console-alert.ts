/**
 * Console alert latency: the time from a child's red-flag message (immediate danger) leaving the
 * child's socket to the `alert` frame arriving on an available counsellor's console socket, while
 * 200 child conversations are live and chatting. Baselines in the same run, on the same server:
 * the bot's reply to that same red-flag message, and the bot's reply to an ordinary message.
 *
 * `npx tsx bench/console-alert.ts [seconds]`, or `benchConsoleAlert({ seconds })` from bench/run.ts.
 * Loopback only; bounded in time and in count; no timing is asserted, figures are printed.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createHarbourMachine, MACHINE_VERSION } from '../dialogs/index.js';
import { buildApp } from '../server/app.js';
import { hashPassword } from '../server/auth/passwords.js';
import { loadConfig } from '../server/config.js';
import { loadContent } from '../server/content/load.js';
import { ALWAYS_OPEN } from '../server/handoff/hours.js';
import { LiveHandoffService } from '../server/handoff/service.js';
import { handoffWords } from '../server/handoff/words.js';
import consolePlugin from '../server/routes/console/index.js';
import { handoffCaseRepository } from '../server/store/console-cases.js';
import { consoleStore } from '../server/store/console-repositories.js';
import { createStore } from '../server/store/index.js';
import { fmt, LatencySample, printTable, ratio } from './lib/stats.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const LIVE = 200;
const RED_FLAG = 'a man is outside my house right now and says he will hurt me';
const ORDINARY = ['it started on a game', 'i dont really know', 'he keeps messaging me', 'ok', 'thanks'];
/** At most this many red flags per run (each one leaves a chat in the queue). */
const MAX_FLAGS = 600;

interface Child {
  readonly ws: WebSocket;
  conversationId: string;
  flagged: boolean;
  busy: boolean;
  n: number;
  /** Resolves on the next bot message after a sent message. */
  onBot: ((at: number) => void) | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a !== null && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))));
  });
}

/** Runs the benchmark; returns the figures it printed. */
export async function benchConsoleAlert(options: { seconds?: number; smoke?: boolean } = {}): Promise<{
  alertP50: number;
  alertP99: number;
  replyP50: number;
  replyP99: number;
  ordinaryP50: number;
  ordinaryP99: number;
  samples: number;
}> {
  const seconds = options.seconds ?? (options.smoke ? 5 : 20);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const [store, content] = await Promise.all([createStore({ dataDir: 'memory://' }), loadContent(join(ROOT, 'content'))]);
  const repos = consoleStore(store.db);
  const words = handoffWords(content);
  const handoff = new LiveHandoffService({
    hours: ALWAYS_OPEN,
    maxWaitSeconds: 24 * 3600,
    words: () => words,
    audit: repos.audit,
    participants: repos.participants,
    cases: handoffCaseRepository(store.db),
  });
  const config = loadConfig({
    PORT: String(port),
    ALLOWED_ORIGINS: origin,
    LOG_LEVEL: 'silent',
    RESUME_WAIT_MS: '0',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    MESSAGES_PER_MINUTE: '1000',
  });
  const app = await buildApp({
    config,
    store,
    content,
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    handoff,
    secrets: { tokenKey: randomBytes(32) },
    logger: false,
    widget: { script: 'export {};', demoPage: '<!doctype html><title>bench</title>' },
    recoveryKey: 'helplines.now.child',
    plugins: [{ plugin: consolePlugin, options: { handoff, script: 'export {};', sweepMs: 0 } }],
  });
  await app.listen({ host: '127.0.0.1', port });
  const children: Child[] = [];
  let consoleWs: WebSocket | null = null;
  try {
    // One counsellor, signed in and available, with the console socket open.
    const password = randomBytes(18).toString('base64url');
    await repos.accounts.create({ username: 'bench', firstName: 'Bench', role: 'counsellor', passwordHash: await hashPassword(password), now: new Date() });
    const signIn = await fetch(`${origin}/console/api/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const alerts = new Map<string, (at: number) => void>();
    consoleWs = new WebSocket(`ws://127.0.0.1:${port}/console/socket`, { headers: { origin, cookie } });
    consoleWs.on('message', (data: Buffer) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString('utf8')) as { type: string; conversationId?: string };
      if (frame.type === 'alert' && frame.conversationId) alerts.get(frame.conversationId)?.(at);
    });
    await within(new Promise((r) => consoleWs?.once('open', r)), 10_000, 'console socket');
    const available = await fetch(`${origin}/console/api/availability`, {
      method: 'PUT',
      headers: { origin, cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ available: true }),
    });
    if (!available.ok) throw new Error(`availability: ${available.status}`);

    const openChild = async (): Promise<Child> => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`, { headers: { origin } });
      const child: Child = { ws, conversationId: '', flagged: false, busy: false, n: 0, onBot: null };
      const session = new Promise<void>((resolve) => {
        ws.on('message', (data: Buffer) => {
          const at = performance.now();
          const a = JSON.parse(data.toString('utf8')) as { type: string; name?: string; value?: { conversationId?: string }; channelData?: { sender?: string } };
          if (a.type === 'event' && a.name === 'session' && a.value?.conversationId) {
            child.conversationId = a.value.conversationId;
            resolve();
          } else if (a.type === 'message' && a.channelData?.sender === 'bot' && child.onBot) {
            const done = child.onBot;
            child.onBot = null;
            done(at);
          }
        });
      });
      await within(session, 15_000, 'child session');
      children.push(child);
      return child;
    };
    const say = (child: Child, text: string): Promise<number> => {
      const reply = new Promise<number>((resolve) => (child.onBot = resolve));
      child.ws.send(JSON.stringify({ type: 'message', id: `b${child.n++}-${Math.random().toString(36).slice(2)}`, text }));
      return reply;
    };

    for (let i = 0; i < LIVE; i += 10) await Promise.all(Array.from({ length: 10 }, () => openChild()));

    // Background: the live conversations keep chatting, about one message per conversation every 4 s.
    const ordinary = new LatencySample();
    let stop = false;
    const background = (async () => {
      while (!stop) {
        const idle = children.filter((c) => !c.flagged && !c.busy);
        const c = idle[Math.floor(Math.random() * idle.length)];
        if (c) {
          c.busy = true;
          const t0 = performance.now();
          void within(say(c, ORDINARY[c.n % ORDINARY.length] ?? 'ok'), 15_000, 'ordinary reply')
            .then((at) => ordinary.add(at - t0))
            .catch(() => undefined)
            .finally(() => (c.busy = false));
        }
        await new Promise((r) => setTimeout(r, 4000 / LIVE));
      }
    })();

    // Red flags, one at a time, each from a conversation that has not flagged yet.
    const alert = new LatencySample();
    const reply = new LatencySample();
    const deadline = performance.now() + seconds * 1000;
    let failures = 0;
    while (performance.now() < deadline && alert.count < MAX_FLAGS) {
      const c = children.find((x) => !x.flagged && !x.busy);
      if (!c) {
        await openChild();
        continue;
      }
      c.flagged = true;
      c.busy = true;
      const alerted = new Promise<number>((resolve) => alerts.set(c.conversationId, resolve));
      const t0 = performance.now();
      const replied = say(c, RED_FLAG);
      try {
        const [alertAt, replyAt] = await within(Promise.all([alerted, replied]), 15_000, 'alert');
        alert.add(alertAt - t0);
        reply.add(replyAt - t0);
      } catch {
        failures += 1;
      }
      alerts.delete(c.conversationId);
      // Keep LIVE conversations chatting: a fresh one replaces the flagged one in the background mix.
      await openChild();
    }
    stop = true;
    await background;

    const row = (name: string, s: LatencySample): string[] => [name, fmt(s.count), fmt(s.percentile(50), 2), fmt(s.percentile(99), 2)];
    printTable(
      `Console alert latency (${fmt(LIVE)} live conversations, ${seconds} s${failures > 0 ? `, ${failures} without an alert in 15 s` : ''})`,
      ['measure', 'samples', 'p50 ms', 'p99 ms'],
      [
        row('red flag → console alert', alert),
        row('baseline: red flag → bot reply to the child', reply),
        row('baseline: ordinary message → bot reply', ordinary),
      ],
    );
    console.log(
      `alert p50 is ${ratio(alert.percentile(50), reply.percentile(50))} the bot's own reply to the same message; ` +
        `queue length at the end: ${fmt(handoff.queue.size)}; children opened: ${fmt(children.length)}`,
    );
    if (failures > 0) throw new Error(`${failures} red flags raised no console alert within 15 s`);
    return {
      alertP50: alert.percentile(50),
      alertP99: alert.percentile(99),
      replyP50: reply.percentile(50),
      replyP99: reply.percentile(99),
      ordinaryP50: ordinary.percentile(50),
      ordinaryP99: ordinary.percentile(99),
      samples: alert.count,
    };
  } finally {
    consoleWs?.terminate();
    for (const c of children) c.ws.terminate();
    await app.close();
    await store.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.argv[2] ?? '10');
  benchConsoleAlert({ seconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 300) : 10 }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
