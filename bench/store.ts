/**
 * Store benchmark: durable turns/s and per-turn latency with PGlite (on disk) and PostgreSQL
 * (DATABASE_URL, else a private cluster started for the run), beside the NOT durable in-memory
 * store in the same run. A turn is what the server commits per child message
 * (server/sessions/conversation-service.ts `runTurn`): ONE append of the child's message and the
 * bot's two replies together with the dialog snapshot; the child's message is acknowledged once
 * that append has committed.
 * Closed loop (every conversation sends its next turn as soon as the last commits → saturation
 * turns/s) and open loop (turns offered at a fixed rate, latency measured from when each was due,
 * so queueing counts). Prints a table; never asserts. Alone: `npx tsx bench/store.ts --seconds 5`.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMemoryStore, createStore, type Store } from '../server/store/index.js';
import type { WireActivity } from '../server/protocol/index.js';
import { startPostgres } from '../tests/helpers/postgres.js';
import { fmt, LatencySample, printTable, ratio, verdict } from './lib/stats.js';

/** Options: `seconds` per measurement (default 10; 2 with `smoke`), `conversations` (1,000). */
export interface StoreBenchOptions {
  readonly seconds?: number;
  readonly conversations?: number;
  readonly smoke?: boolean;
  /** Offered rate for the open loop (default 200 turns/s). */
  readonly openRate?: number;
  /** Which stores to run (default all three). */
  readonly stores?: readonly StoreKind[];
  /** PostgreSQL pool size (default: the store's). */
  readonly poolSize?: number;
  /** PostgreSQL append batches in flight (default: the store's). */
  readonly appendConcurrency?: number;
}

export type StoreKind = 'memory' | 'pglite' | 'postgres';

/** One measured line. */
export interface StoreBenchRow {
  readonly store: StoreKind;
  readonly mode: 'closed' | 'open';
  /** Offered turns/s for the open loop; null for the closed loop. */
  readonly offered: number | null;
  readonly turns: number;
  readonly failed: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Group commit: appends per SQL statement (null for memory). */
  readonly appendsPerStatement: number | null;
  /** CPU time per turn in µs: this process (all threads, PGlite's worker too) and the private PostgreSQL cluster (null when not measured). */
  readonly cpuPerTurnUs: { readonly process: number; readonly database: number | null };
}

/** Everything the benchmark measured, plus the targets' verdicts. */
export interface StoreBenchResult {
  readonly conversations: number;
  readonly seconds: number;
  readonly rows: readonly StoreBenchRow[];
  readonly targets: readonly { readonly target: string; readonly measured: string; readonly isMet: boolean }[];
}

/** A realistic persisted XState snapshot (about 700 bytes of JSON). */
function snapshotFor(turn: number): unknown {
  return {
    status: 'active',
    value: { talking: 'listening' },
    historyValue: {},
    context: {
      locale: 'en-GB',
      turn,
      askedAboutTrustedAdult: turn > 2,
      findings: [{ category: 'secrecy', urgency: 'soon', confidence: 0.82, rule: 'secrecy.keep-secret', evidence: { start: 4, end: 19 } }],
      lastKeys: ['listen.reflect', 'listen.ask-more'],
      checkIn: null,
    },
    children: {},
    machine: 'child',
  };
}

const CHILD_TEXT = 'he said if i tell anyone he will send the pics to my friends 😢 what do i do';

function turnActivities(conversation: number, turn: number): { child: WireActivity; bot: WireActivity[] } {
  return {
    child: { type: 'message', text: `${CHILD_TEXT} (${conversation}:${turn})`, from: { id: 'child', name: 'child', role: 'user' } },
    bot: [
      { type: 'message', text: 'That sounds really frightening. You did the right thing telling someone.', from: { id: 'harbour', name: 'Harbour', role: 'bot' }, channelData: { sender: 'bot' } },
      { type: 'message', text: 'Is there a grown-up you trust who you could tell today?', from: { id: 'harbour', name: 'Harbour', role: 'bot' }, channelData: { sender: 'bot' }, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'Yes' }, { type: 'imBack', title: 'No', value: 'No' }] } },
    ],
  };
}

async function oneTurn(store: Store, conversationId: string, conversation: number, turn: number): Promise<void> {
  const { child, bot } = turnActivities(conversation, turn);
  await store.conversations.append(conversationId, [{ clientActivityId: `c-${turn}`, activity: child }, ...bot.map((activity) => ({ activity }))], {
    snapshot: { snapshot: snapshotFor(turn), machineVersion: 'child@1', contentVersion: 'en-GB@1' },
  });
}

interface Loop {
  turns: number;
  failed: number;
  latency: LatencySample;
  elapsedMs: number;
}

/** Every conversation runs turns back to back for `seconds`. */
async function closedLoop(store: Store, ids: readonly string[], seconds: number, nextTurn: number[]): Promise<Loop> {
  const latency = new LatencySample();
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    ids.map(async (id, n) => {
      while (performance.now() < end) {
        const t = performance.now();
        const turn = (nextTurn[n] = (nextTurn[n] ?? 0) + 1);
        try {
          await oneTurn(store, id, n, turn);
          latency.add(performance.now() - t);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return { turns: latency.count, failed, latency, elapsedMs: performance.now() - started };
}

/** Turns offered at `rate` per second, round-robin over the conversations; latency from when each was due. */
async function openLoop(store: Store, ids: readonly string[], seconds: number, rate: number, nextTurn: number[]): Promise<Loop> {
  const latency = new LatencySample();
  let failed = 0;
  const total = Math.round(seconds * rate);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const busy = new Set<number>();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    // Never early: a turn sent before it is due would subtract from its own latency.
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    const n = i % ids.length;
    if (busy.has(n)) {
      // The conversation's previous turn has not committed: a child would wait; count it failed.
      failed += 1;
      continue;
    }
    busy.add(n);
    const turn = (nextTurn[n] = (nextTurn[n] ?? 0) + 1);
    inFlight.push(
      oneTurn(store, ids[n] as string, n, turn).then(
        () => {
          latency.add(performance.now() - due);
          busy.delete(n);
        },
        () => {
          failed += 1;
          busy.delete(n);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { turns: latency.count, failed, latency, elapsedMs: performance.now() - started };
}

interface Opened {
  store: Store;
  stats(): { statements: number; appends: number } | null;
  /** CPU ms used so far by the database server's processes, or null when not known. */
  databaseCpuMs(): number | null;
  close(): Promise<void>;
}

const CLOCK_TICKS_PER_S = 100; // Linux USER_HZ (`getconf CLK_TCK`)

/** utime + stime (+ cutime + cstime: children it reaped) of a process in ms, from /proc; 0 if it is gone. */
function procCpuMs(pid: number, withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

/**
 * CPU of a private cluster: the postmaster listening on `port` (with the backends it reaped) and its
 * live children (backends, WAL writer, checkpointer …). Null if it cannot be found (not Linux).
 */
function clusterCpu(port: number): () => number | null {
  let postmaster: number | null = null;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmdline[0]?.endsWith('/postgres') === true && cmdline.join(' ').includes(`-p ${port} `)) postmaster = Number(name);
    }
  } catch {
    return () => null;
  }
  if (postmaster === null) return () => null;
  const root = postmaster;
  return () => {
    let total = procCpuMs(root, true);
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) total += procCpuMs(Number(name));
      } catch {
        // gone meanwhile
      }
    }
    return total;
  };
}

async function openStore(kind: StoreKind, options: StoreBenchOptions): Promise<Opened> {
  if (kind === 'memory') {
    const store = createMemoryStore();
    return { store, stats: () => null, databaseCpuMs: () => null, close: () => store.close() };
  }
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'harbour-bench-pglite-'));
    const store = await createStore({ dataDir: join(dir, 'store') });
    return {
      store,
      stats: () => store.appendStats(),
      databaseCpuMs: () => null,
      close: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const external = process.env.DATABASE_URL;
  const cluster = external ? null : await startPostgres();
  const databaseUrl = external ?? (await cluster?.createDatabase(`bench_${Date.now()}`)) ?? '';
  const store = await createStore({
    databaseUrl,
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    ...(options.appendConcurrency === undefined ? {} : { appendConcurrency: options.appendConcurrency }),
  });
  return {
    store,
    stats: () => store.appendStats(),
    databaseCpuMs: cluster === null ? () => null : clusterCpu(cluster.port),
    close: async () => {
      await store.close();
      await cluster?.stop();
    },
  };
}

/**
 * Measures one store (closed loop, then open loop). Its own function, so nothing of one store's run
 * stays reachable from the caller once it returns (see collectGarbage).
 */
async function measureStore(
  kind: StoreKind,
  options: StoreBenchOptions,
  { seconds, conversations, rate }: { seconds: number; conversations: number; rate: number },
): Promise<StoreBenchRow[]> {
  const rows: StoreBenchRow[] = [];
  const { store, stats, databaseCpuMs, close } = await openStore(kind, options);
  try {
    const now = new Date();
    const ids = Array.from({ length: conversations }, () => randomUUID());
    for (const id of ids) await store.conversations.create({ id, locale: 'en-GB', now });
    const nextTurn = ids.map(() => 0);
    await closedLoop(store, ids, Math.min(1, seconds / 4), nextTurn); // warm-up, not counted
    const s0 = stats();
    const cpu0 = { process: process.cpuUsage(), database: databaseCpuMs() };
    const closed = await closedLoop(store, ids, seconds, nextTurn);
    const processCpu = process.cpuUsage(cpu0.process);
    const database1 = databaseCpuMs();
    const perTurn = (ms: number): number => (ms * 1000) / Math.max(1, closed.turns);
    const closedCpu = {
      process: perTurn((processCpu.user + processCpu.system) / 1000),
      database: cpu0.database === null || database1 === null ? null : perTurn(database1 - cpu0.database),
    };
    const s1 = stats();
    const open = await openLoop(store, ids, seconds, rate, nextTurn);
    const s2 = stats();
    const perStatement = (a: typeof s0, b: typeof s0): number | null =>
      a === null || b === null ? null : (b.appends - a.appends) / Math.max(1, b.statements - a.statements);
    for (const [mode, loop, batch] of [
      ['closed', closed, perStatement(s0, s1)],
      ['open', open, perStatement(s1, s2)],
    ] as const) {
      rows.push({
        store: kind,
        mode,
        offered: mode === 'open' ? rate : null,
        turns: loop.turns,
        failed: loop.failed,
        turnsPerSecond: (loop.turns * 1000) / loop.elapsedMs,
        p50Ms: loop.latency.percentile(50),
        p99Ms: loop.latency.percentile(99),
        appendsPerStatement: batch,
        cpuPerTurnUs: mode === 'closed' ? closedCpu : { process: Number.NaN, database: null },
      });
    }
  } finally {
    await close();
  }
  return rows;
}

/**
 * A full garbage collection now. Each store starts from a clean heap, so one store's garbage (the
 * memory store keeps every activity in Maps) is not collected during the next store's measurement.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Runs the benchmark, prints the table and the targets, and returns the figures. */
export async function benchStore(options: StoreBenchOptions = {}): Promise<StoreBenchResult> {
  const seconds = options.seconds ?? (options.smoke === true ? 2 : 10);
  const conversations = options.conversations ?? 1000;
  const rate = options.openRate ?? 200;
  const kinds = options.stores ?? (['memory', 'pglite', 'postgres'] as const);
  const rows: StoreBenchRow[] = [];
  for (const kind of kinds) {
    collectGarbage();
    rows.push(...(await measureStore(kind, options, { seconds, conversations, rate })));
  }

  const memoryClosed = rows.find((r) => r.store === 'memory' && r.mode === 'closed');
  printTable(
    `Store: ${fmt(conversations)} conversations, ${seconds} s each; a turn = one append of child message + 2 bot replies + snapshot, as the server commits it`,
    ['store', 'loop', 'turns', 'failed', 'turns/s', 'p50 ms', 'p99 ms', 'appends/commit', 'CPU µs/turn bench+db', 'vs memory'],
    rows.map((r) => [
      r.store === 'memory' ? 'memory (NOT durable)' : r.store,
      r.mode === 'closed' ? 'closed' : `open @ ${fmt(r.offered ?? 0)}/s`,
      fmt(r.turns),
      fmt(r.failed),
      fmt(r.turnsPerSecond),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      r.appendsPerStatement === null ? '—' : fmt(r.appendsPerStatement, 1),
      r.mode === 'closed' ? `${fmt(r.cpuPerTurnUs.process)}${r.cpuPerTurnUs.database === null ? '' : ` + ${fmt(r.cpuPerTurnUs.database)}`}` : '',
      r.mode === 'closed' && memoryClosed ? ratio(r.turnsPerSecond, memoryClosed.turnsPerSecond, 3) : '',
    ]),
  );
  const targets: { target: string; measured: string; isMet: boolean }[] = [];
  for (const [kind, share] of [['postgres', 0.25], ['pglite', 0.1]] as const) {
    const closed = rows.find((r) => r.store === kind && r.mode === 'closed');
    if (closed && memoryClosed) {
      const measured = closed.turnsPerSecond / memoryClosed.turnsPerSecond;
      targets.push({ target: `${kind} ≥ ${share * 100}% of memory turns/s`, measured: `${fmt(measured * 100, 1)}%`, isMet: measured >= share });
    }
    const open = rows.find((r) => r.store === kind && r.mode === 'open');
    if (open) targets.push({ target: `${kind} p99 ≤ 20 ms at ${fmt(rate)} turns/s`, measured: `${fmt(open.p99Ms, 2)} ms`, isMet: open.p99Ms <= 20 && open.failed === 0 });
  }
  printTable('Store targets', ['target', 'measured', 'verdict'], targets.map((t) => [t.target, t.measured, verdict(t.isMet)]));
  return { conversations, seconds, rows, targets };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = argument('seconds');
  const conversations = argument('conversations');
  const pool = argument('pool');
  const appendConcurrency = argument('append-concurrency');
  const stores = argument('stores');
  await benchStore({
    ...(seconds === undefined ? {} : { seconds: Number(seconds) }),
    ...(conversations === undefined ? {} : { conversations: Number(conversations) }),
    ...(pool === undefined ? {} : { poolSize: Number(pool) }),
    ...(appendConcurrency === undefined ? {} : { appendConcurrency: Number(appendConcurrency) }),
    ...(stores === undefined ? {} : { stores: stores.split(',') as StoreKind[] }),
    smoke: process.argv.includes('--smoke'),
  });
}
