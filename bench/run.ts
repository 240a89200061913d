/**
 * `npm run bench` (full) and `npm run bench -- --smoke` (about 5 s per part, for `npm test`).
 *
 * Chat: N concurrent child conversations over `/chat` (N = 100, 1,000, 5,000; smoke: 100, 1,000)
 * against four servers, each in its own child process, in the same run:
 *   echo                a bare `ws` echo server: the physical limit
 *   botbuilder          the same scripted helpline dialog on Microsoft's botbuilder SDK as a minimal
 *                       ActivityHandler (a step counter; the child's words not read): the peer's
 *                       lower bound
 *   botbuilder-dialogs  the same journey written the idiomatic way, botbuilder-dialogs (WaterfallDialog
 *                       and Choice / Confirm / Text prompts that read every answer): the peer as a
 *                       botbuilder developer would write it
 *   harbour             Harbour itself (buildApp, conversations in memory, per-address caps lifted)
 * Closed loop gives saturation turns/s and server CPU µs per turn; an open loop at an offered
 * 200 turns/s across 1,000 conversations gives the latency a child feels (p50/p99). Memory per
 * conversation is the server's RSS growth after opening N conversations (after a full GC).
 * Then the store (bench/store.ts), detector (bench/detector.ts) and console alert
 * (bench/console-alert.ts) benchmarks, when present.
 *
 * Loopback only; every phase is bounded in time and count; the run stops by itself. Figures are
 * printed beside their baselines with the targets; no timing is asserted. The exit status is
 * non-zero only when something broke (a server failed to start, turns failed or timed out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServerChild, type ServerChild } from './lib/child-server.js';
import { CHILD_SCRIPT, closeAll, closedLoop, openConversations, openLoop, type LoadMode, type PhaseResult } from './lib/load.js';
import { fmt, printTable, ratio, verdict } from './lib/stats.js';

const isSmoke = process.argv.includes('--smoke');
/** `BENCH_COUNTS=1000` narrows the conversation counts while working on one; `npm test` runs the defaults. */
const COUNTS = process.env['BENCH_COUNTS']?.split(',').map(Number) ?? (isSmoke ? [100, 1000] : [100, 1000, 5000]);
const CLOSED_MS = isSmoke ? 1500 : 8000;
/** The closed loop goes on past CLOSED_MS until every conversation has made one pass of the script, up to this. */
const CLOSED_MAX_MS = isSmoke ? 6000 : 90_000;
const OPEN_MS = isSmoke ? 2000 : 10_000;
const OPEN_RATE = 200;
const OPEN_CONVERSATIONS = 1000;
/**
 * Before anything is measured, each server runs the same script closed-loop on its own set of
 * conversations (opened, driven, closed), so that the measured phases see code the JIT has
 * optimised, as a server that has been up for a while does: at the start of a cold run V8's
 * optimising compiler took ~12% of harbour's CPU samples (perf, 4-7 s after start). The measured
 * conversations start afresh afterwards, so the mix of script steps they take is unchanged.
 * The warm-up is counted in turns, not only in time (since session 30): 200 conversations for 3 s
 * left harbour's JIT still compiling through the measured phase (~200 TurboFan compiles and ~40
 * deopts in it, V8's compiler threads ~80 µs of CPU a turn, a quarter of the figure), because a
 * function that runs on one step of nine needs thousands of turns to be optimised. A thousand
 * conversations making two passes of the script each (18,000 turns) bring the measured phase to
 * what a second, fresh set of conversations measures on the same server.
 */
const WARMUP_MS = isSmoke ? 500 : 3000;
const WARMUP_CONVERSATIONS = isSmoke ? 200 : 1000;
/** Turns each warm-up conversation makes at least (two passes of the script; none in the smoke run). */
const WARMUP_TURNS = isSmoke ? 0 : 2 * CHILD_SCRIPT.length;
/** The warm-up stops here even if some conversation is short of WARMUP_TURNS. */
const WARMUP_MAX_MS = isSmoke ? WARMUP_MS : 120_000;
const ORIGIN = 'http://127.0.0.1:8080';

interface TargetSpec {
  readonly name: 'echo' | PeerName | 'harbour';
  readonly file: string;
  readonly mode: LoadMode;
  readonly env?: Record<string, string>;
}

type PeerName = 'botbuilder' | 'botbuilder-dialogs';

/** The two botbuilder peers, each named by what it is (bench/README.md, "The two botbuilder peers"). */
const PEERS: readonly { readonly name: PeerName; readonly label: string }[] = [
  { name: 'botbuilder', label: 'botbuilder (ActivityHandler)' },
  { name: 'botbuilder-dialogs', label: 'botbuilder-dialogs (WaterfallDialog + prompts)' },
];

const ALL_TARGETS: readonly TargetSpec[] = [
  { name: 'echo', file: 'echo.ts', mode: 'echo' },
  { name: 'botbuilder', file: 'botbuilder.ts', mode: 'chat' },
  { name: 'botbuilder-dialogs', file: 'botbuilder-dialogs.ts', mode: 'chat' },
  { name: 'harbour', file: 'harbour.ts', mode: 'chat', env: { BENCH_ALLOWED_ORIGIN: ORIGIN } },
];
/** `BENCH_ONLY=echo,harbour` narrows the servers while working on one; `npm test` runs all four. */
const ONLY = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());
const TARGETS = ONLY ? ALL_TARGETS.filter((t) => ONLY.includes(t.name)) : ALL_TARGETS;
/** `BENCH_PARTS=chat,store` narrows the parts (chat, store, detector, console); `npm test` runs them all. */
const PARTS = process.env['BENCH_PARTS']?.split(',').map((s) => s.trim());
const runs = (part: string): boolean => PARTS === undefined || PARTS.includes(part);

interface Measured {
  readonly target: string;
  readonly count: number;
  readonly opened: number;
  readonly openFailed: number;
  readonly openMs: number;
  readonly rssPerConversation: number;
  readonly heapPerConversation: number;
  readonly closed: PhaseResult;
  readonly cpuMicrosPerTurn: number;
  /** Of it, on threads other than the main one (V8's compiler and collector helpers). */
  readonly otherThreadsMicrosPerTurn: number;
  readonly open?: PhaseResult;
  readonly openCpuMicrosPerTurn?: number;
}

let problems = 0;
function problem(message: string): void {
  problems += 1;
  console.error(`bench: ${message}`);
}

function checkFileLimit(): void {
  const needed = Math.max(...COUNTS) + WARMUP_CONVERSATIONS + 300;
  let limit = Number.NaN;
  try {
    limit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    // fall through: unknown
  }
  const shown = Number.isFinite(limit) ? String(limit) : 'unknown';
  console.log(`ulimit -n: ${shown} (each process needs about ${needed} for ${fmt(Math.max(...COUNTS))} conversations)`);
  if (Number.isFinite(limit) && limit < needed) {
    console.error(`bench: open-file limit too low. Run:  ulimit -n ${needed * 2}  and try again.`);
    process.exit(1);
  }
}

async function measure(spec: TargetSpec, count: number): Promise<Measured | null> {
  let server: ServerChild;
  try {
    server = await startServerChild(spec.name, spec.file, spec.env ?? {});
  } catch (error) {
    problem(error instanceof Error ? error.message : String(error));
    return null;
  }
  try {
    const before = await server.memory();
    const opened = await openConversations(server.port, spec.mode, count, { origin: ORIGIN, deadlineMs: isSmoke ? 60_000 : 180_000 });
    const after = await server.memory();
    if (opened.failed > 0) problem(`${spec.name}: ${opened.failed} of ${count} conversations failed to open`);
    // Memory is measured above, on the cold server as before warm-ups existed (a heap grown by the
    // warm-up would hide new conversations' objects in its free space); the warm-up comes next,
    // while the measured conversations wait, opened and greeted.
    const warm = await openConversations(server.port, spec.mode, WARMUP_CONVERSATIONS, { origin: ORIGIN, deadlineMs: 60_000 });
    await closedLoop(warm.conversations, WARMUP_MS, { everyConversationTurns: WARMUP_TURNS, maxMs: WARMUP_MAX_MS });
    await closeAll(warm.conversations);

    const cpu0 = await server.cpuMicros();
    const other0 = await server.otherThreadsMicros();
    const closed = await closedLoop(opened.conversations, CLOSED_MS, { everyConversationTurns: spec.mode === 'chat' ? CHILD_SCRIPT.length : 0, maxMs: CLOSED_MAX_MS });
    const cpu1 = await server.cpuMicros();
    const other1 = await server.otherThreadsMicros();
    let open: PhaseResult | undefined;
    let openCpu: number | undefined;
    if (count === OPEN_CONVERSATIONS) {
      open = await openLoop(opened.conversations, OPEN_RATE, OPEN_MS);
      const cpu2 = await server.cpuMicros();
      openCpu = open.turns > 0 ? (cpu2 - cpu1) / open.turns : Number.NaN;
    }
    const failed = closed.failedTurns + (open?.failedTurns ?? 0);
    if (failed > 0) problem(`${spec.name} at ${count}: ${failed} turns failed or timed out`);
    await closeAll(opened.conversations);
    const n = Math.max(1, opened.conversations.length);
    return {
      target: spec.name,
      count,
      opened: opened.conversations.length,
      openFailed: opened.failed,
      openMs: opened.ms,
      rssPerConversation: (after.rss - before.rss) / n,
      heapPerConversation: (after.heapUsed + after.external - before.heapUsed - before.external) / n,
      closed,
      cpuMicrosPerTurn: closed.turns > 0 ? (cpu1 - cpu0) / closed.turns : Number.NaN,
      otherThreadsMicrosPerTurn: closed.turns > 0 ? (other1 - other0) / closed.turns : Number.NaN,
      ...(open ? { open, openCpuMicrosPerTurn: openCpu } : {}),
    };
  } catch (error) {
    problem(`${spec.name} at ${count}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  } finally {
    await server.stop();
  }
}

const perSecond = (phase: PhaseResult): number => (phase.turns * 1000) / phase.ms;
const kib = (bytes: number): string => fmt(bytes / 1024, 1);

function report(results: readonly Measured[]): void {
  const find = (target: string, count: number): Measured | undefined => results.find((r) => r.target === target && r.count === count);
  for (const count of COUNTS) {
    const rows = TARGETS.map((t) => find(t.name, count))
      .filter((m): m is Measured => m !== undefined)
      .map((m) => [
        m.target,
        `${fmt(m.opened)}/${fmt(m.count)}`,
        fmt(perSecond(m.closed)),
        fmt(m.cpuMicrosPerTurn, 1),
        fmt(m.otherThreadsMicrosPerTurn, 1),
        `${fmt((100 * m.cpuMicrosPerTurn * m.closed.turns) / (m.closed.ms * 1000))}%`,
        fmt(m.closed.loadCpuMicros / Math.max(1, m.closed.turns), 1),
        fmt(m.closed.latency.percentile(50), 2),
        fmt(m.closed.latency.percentile(99), 2),
        kib(m.rssPerConversation),
        kib(m.heapPerConversation),
        fmt(m.closed.frames / Math.max(1, m.closed.turns), 1),
        fmt(m.closed.ms / 1000, 1),
        fmt(m.closed.failedTurns),
      ]);
    printTable(
      `Closed loop, ${fmt(count)} conversations, ${fmt(CLOSED_MS / 1000, 1)} s and until each has made one pass of the script (saturation; after a warm-up of ${fmt(WARMUP_MS / 1000, 1)} s${WARMUP_TURNS > 0 ? ` and ${fmt(WARMUP_TURNS)} turns each` : ''} on ${fmt(WARMUP_CONVERSATIONS)} others)`,
      ['server', 'open', 'turns/s', 'CPU µs/turn', 'of it other threads', 'server busy', 'load µs/turn', 'p50 ms', 'p99 ms', 'RSS KiB/conv', 'heap KiB/conv', 'frames/turn', 'phase s', 'failed'],
      rows,
    );
    // 'server busy' is the server's CPU over the phase as a share of one core; 'load µs/turn' is
    // the load generator's own CPU a turn. Below ~100% busy, turns/s is not the server's ceiling.
    const harbour = find('harbour', count);
    const echo = find('echo', count);
    for (const { name, label } of PEERS) {
      const peer = find(name, count);
      if (peer && echo) {
        console.log(
          `${label} vs echo: ${fmt((100 * perSecond(peer.closed)) / perSecond(echo.closed), 1)}% of its turns/s, ` +
            `${ratio(peer.cpuMicrosPerTurn, echo.cpuMicrosPerTurn)} CPU/turn`,
        );
      }
      if (harbour && peer) {
        console.log(
          `harbour vs ${label}: ${ratio(perSecond(harbour.closed), perSecond(peer.closed))} turns/s, ` +
            `${ratio(harbour.cpuMicrosPerTurn, peer.cpuMicrosPerTurn)} CPU/turn`,
        );
      }
    }
    if (harbour) {
      console.log(
        `harbour vs echo: ${ratio(perSecond(harbour.closed), echo ? perSecond(echo.closed) : Number.NaN)} turns/s, ` +
          `${ratio(harbour.cpuMicrosPerTurn, echo?.cpuMicrosPerTurn ?? Number.NaN)} CPU/turn, ` +
          `${ratio(harbour.rssPerConversation, echo?.rssPerConversation ?? Number.NaN)} memory/conv`,
      );
    }
  }
  const openRows = TARGETS.map((t) => find(t.name, OPEN_CONVERSATIONS))
    .filter((m): m is Measured & { open: PhaseResult } => m?.open !== undefined)
    .map((m) => [
      m.target,
      fmt(perSecond(m.open), 1),
      fmt(m.openCpuMicrosPerTurn ?? Number.NaN, 1),
      fmt(m.open.latency.percentile(50), 2),
      fmt(m.open.latency.percentile(99), 2),
      fmt(m.open.latency.percentile(100), 2),
      fmt(m.open.backlogged),
      fmt(m.open.failedTurns),
    ]);
  printTable(
    `Open loop, offered ${OPEN_RATE} turns/s across ${fmt(OPEN_CONVERSATIONS)} conversations, ${fmt(OPEN_MS / 1000, 1)} s (latency from the scheduled send)`,
    ['server', 'turns/s', 'CPU µs/turn', 'p50 ms', 'p99 ms', 'max ms', 'backlogged', 'failed'],
    openRows,
  );

  // Targets (issue 2): printed as met / MISSED, never asserted.
  const targetRows: string[][] = [];
  for (const count of COUNTS) {
    const harbour = find('harbour', count);
    const echo = find('echo', count);
    for (const { name, label } of PEERS) {
      const peer = find(name, count);
      if (harbour && peer) {
        const r = perSecond(harbour.closed) / perSecond(peer.closed);
        targetRows.push([`turns/s ≥ 4× ${label} at ${fmt(count)}`, `${fmt(r, 2)}×`, verdict(r >= 4)]);
      }
    }
    if (harbour && echo) {
      const r = harbour.cpuMicrosPerTurn / echo.cpuMicrosPerTurn;
      targetRows.push([`CPU/turn ≤ 6× echo at ${fmt(count)}`, `${fmt(r, 2)}×`, verdict(r <= 6)]);
    }
  }
  const harbourOpen = find('harbour', OPEN_CONVERSATIONS)?.open;
  if (harbourOpen) {
    const p99 = harbourOpen.latency.percentile(99);
    targetRows.push([`p99 ≤ 10 ms at ${OPEN_RATE} turns/s over ${fmt(OPEN_CONVERSATIONS)}`, `${fmt(p99, 2)} ms`, verdict(p99 <= 10)]);
  }
  const top = Math.max(...COUNTS);
  const harbourTop = find('harbour', top);
  const echoTop = find('echo', top);
  if (harbourTop && echoTop) {
    const r = harbourTop.rssPerConversation / echoTop.rssPerConversation;
    targetRows.push([`memory/conv ≤ 1.5× echo at ${fmt(top)}${top < 5000 ? ' (full run checks 5,000)' : ''}`, `${fmt(r, 2)}×`, verdict(r <= 1.5)]);
  }
  printTable('Targets', ['target', 'measured', 'verdict'], targetRows);
}

/**
 * Runs a benchmark module another engineer owns (bench/store.ts, bench/detector.ts,
 * bench/console-alert.ts); each prints its own table beside its own baseline.
 */
async function runPart(file: string, exportName: string, options: Record<string, unknown>): Promise<void> {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (!existsSync(path)) {
    problem(`${file} is missing`);
    return;
  }
  const started = performance.now();
  try {
    const module = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    const run = module[exportName];
    if (typeof run !== 'function') {
      problem(`${file} does not export ${exportName}()`);
      return;
    }
    console.log(`\n── ${file} (${exportName})`);
    await (run as (options: Record<string, unknown>) => Promise<unknown>)(options);
    console.log(`(${file}: ${fmt((performance.now() - started) / 1000, 1)} s)`);
  } catch (error) {
    problem(`${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Harbour benchmark${isSmoke ? ' (smoke)' : ''}: Node ${process.version}, loopback only`);
  checkFileLimit();
  if (runs('chat')) {
    const results: Measured[] = [];
    for (const count of COUNTS) {
      for (const spec of TARGETS) {
        const measured = await measure(spec, count);
        if (measured) results.push(measured);
      }
    }
    report(results);
  }
  if (runs('store')) await runPart('store.ts', 'benchStore', { smoke: isSmoke });
  if (runs('detector')) await runPart('detector.ts', 'benchDetector', { seconds: isSmoke ? 5 : 20 });
  if (runs('console')) await runPart('console-alert.ts', 'benchConsoleAlert', { smoke: isSmoke });
  console.log(`\nbench: finished in ${fmt((performance.now() - started) / 1000, 1)} s${problems > 0 ? `, ${problems} problem(s)` : ''}`);
  process.exit(problems > 0 ? 1 : 0);
}

void main();
