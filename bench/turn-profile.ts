/**
 * `npx tsx bench/turn-profile.ts [conversations] [seconds]`: where a `/chat` turn's server time and
 * a live conversation's memory go. Not part of `npm run bench` (which compares against baselines);
 * this is the tool for deciding what to cut.
 *
 * Part A, in process, no sockets: the conversation service with the real content, dialog and the
 * in-memory store, driven through the bench's child script. Each stage is timed where it runs
 * (wrappers around the detector, DialogHost.send/persisted, content.render, store.append, the
 * subscriber's toWire + JSON.stringify) and the frame parse and text checks are timed on the frame
 * the load generator sends. "service, other" is the turn total minus the timed stages.
 *
 * `PROFILE_PART=A PROFILE_CPU=<file>` profiles part A's measured loop; `PROFILE_ALLOC=<file.heapprofile>`
 * samples what it allocates, by call site (collected objects included), and prints the bytes a turn
 * allocated with the 20 Harbour functions that allocated most (built-ins and XState counted for
 * the Harbour function that called them). Run it under tsx: a bundle is one file, so every site
 * would be the bundle's.
 * `PROFILE_A_COUNT=<n>` (default 500) and `PROFILE_A_TURNS=<n>` (default 20) set part A's conversations and measured
 * turns each: at 100 conversations, 20 turns is 2,000 turns, too few for a CPU profile of optimised code.
 *
 * Part B, real sockets: buildApp listening on loopback in THIS process, the load generator
 * (bench/lib/load.ts) in a child process, so this process's CPU time is the server's alone.
 * Prints server CPU µs per turn, time inside ChatSocket.send, and what each open conversation
 * holds on the heap: a heap snapshot before and after opening N conversations, self size by
 * constructor, divided by N. `PROFILE_HEAP_KEEP=<dir>` keeps both heap snapshots (before.heapsnapshot,
 * after-open.heapsnapshot) to find what retains a constructor's objects (DevTools, Retainers).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { createHarbourMachine, MACHINE_VERSION } from '../dialogs/index.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { loadContent } from '../server/content/load.js';
import type { Content } from '../server/content/types.js';
import { ChatSocket } from '../server/routes/chat/chat-socket.js';
import { parseFrame } from '../server/routes/chat/frames.js';
import { wireJson } from '../server/sessions/activities.js';
import { HarbourConversationService } from '../server/sessions/conversation-service.js';
import { DialogHost } from '../server/sessions/dialog-host.js';
import { checkChildText } from '../server/sessions/text.js';
import { createMemoryStore } from '../server/store/index.js';
import type { Store } from '../server/store/types.js';
import { CHILD_SCRIPT, closeAll, closedLoop, openConversations } from './lib/load.js';
import { fmt, printTable } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** PROFILE_CONTENT=<dir> profiles against another content folder (e.g. a committed copy while content is being edited). */
const CONTENT_DIR = process.env['PROFILE_CONTENT'] ?? `${ROOT}content`;
const ORIGIN = 'http://127.0.0.1:8080';

// ---- timers ----------------------------------------------------------------------------------

const totals = new Map<string, number>();
let depth = new Map<string, number>();
function timed<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  return function (this: unknown, ...args: A): R {
    // Re-entrant calls (a wrapper inside the same wrapper) count once.
    const level = depth.get(name) ?? 0;
    if (level > 0) return fn.apply(this, args);
    depth.set(name, 1);
    const started = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      totals.set(name, (totals.get(name) ?? 0) + (performance.now() - started));
      depth.set(name, 0);
    }
  };
}
function add(name: string, ms: number): void {
  totals.set(name, (totals.get(name) ?? 0) + ms);
}
function resetTimers(): void {
  totals.clear();
  depth = new Map();
}

/** Content whose render is timed, and whose dialog deps time the detector. */
function instrumentContent(content: Content): Content {
  const deps = content.dialogDeps;
  return {
    ...content,
    render: timed('render (content.render)', content.render.bind(content)),
    dialogDeps: { ...deps, detect: timed('detector (detect)', deps.detect) },
  };
}

function instrumentStore(store: Store): Store {
  const conversations = store.conversations;
  const append = conversations.append.bind(conversations);
  // append is async; for the memory store its work is synchronous up to the returned promise.
  (conversations as { append: typeof append }).append = (...args) => {
    const started = performance.now();
    const result = append(...args);
    add('store append (memory)', performance.now() - started);
    return result;
  };
  return store;
}

let hostsInstrumented = false;
function instrumentDialogHost(): void {
  if (hostsInstrumented) return;
  hostsInstrumented = true;
  const proto = DialogHost.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  proto['send'] = timed('dialog send (incl. detector)', proto['send']!);
  proto['persisted'] = timed('dialog snapshot (persisted)', proto['persisted']!);
}

async function dialogFor(content: Content) {
  return { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION };
}

// ---- part A ----------------------------------------------------------------------------------

async function partA(count: number, turnsEach: number): Promise<void> {
  const content = instrumentContent(await loadContent(CONTENT_DIR));
  instrumentDialogHost();
  const store = instrumentStore(createMemoryStore());
  const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child() { return silent; }, level: 'silent' };
  const service = new HarbourConversationService({
    store,
    content,
    dialog: await dialogFor(content),
    handoff: { isCounsellorOnShift: async () => false, request: async () => ({ outcome: 'unavailable', reason: 'none_available' }), withdraw: async () => undefined } as never,
    limits: { maxTextChars: 2000, messagesPerMinute: 1_000_000, tokenOfflineTtlMs: 30 * 60_000 },
    tokenKey: randomBytes(32),
    log: silent as never,
    recoveryKey: 'helplines.now.child',
  });
  let ids: string[] = [];
  const startConversations = async (): Promise<string[]> => {
    const started: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const { conversationId } = await service.start({});
      started.push(conversationId);
      // As the socket does: every committed activity leaves as JSON.
      service.subscribe(conversationId, (item) => {
        if (item.kind !== 'stored') return;
        const t = performance.now();
        wireJson(item);
        add('wire JSON (wireJson)', performance.now() - t);
      });
    }
    return started;
  };
  ids = await startConversations();
  const textOf = (turn: number): string =>
    CHILD_SCRIPT[turn < CHILD_SCRIPT.length ? turn : 1 + ((turn - 1) % (CHILD_SCRIPT.length - 1))] ?? 'ok';

  const runRound = async (turn: number): Promise<number> => {
    let ms = 0;
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i]!;
      const frameText = JSON.stringify({ type: 'message', id: `c${i}-t${turn}`, text: textOf(turn), from: { id: 'child', role: 'user' } });
      const started = performance.now();
      let t = performance.now();
      const frame = parseFrame(frameText);
      add('frame parse (JSON + schema)', performance.now() - t);
      if (frame.kind !== 'message') throw new Error('bench frame refused');
      t = performance.now();
      checkChildText(frame.text, 2000);
      add('text checks', performance.now() - t);
      const result = await service.childMessage(id, { clientActivityId: frame.id, text: frame.text });
      if (result.outcome !== 'committed') throw new Error(`turn refused: ${result.code}`);
      ms += performance.now() - started;
    }
    return ms;
  };

  // Warm up (JIT), then measure. PROFILE_FIRST_PASS=1 measures the script's first pass instead, on
  // new conversations after the warm-up ones went through it and round the loop (as the bench's
  // 5,000 conversations do: each makes about one pass in its phase).
  const firstPass = process.env['PROFILE_FIRST_PASS'] === '1';
  const warmTurns = firstPass ? CHILD_SCRIPT.length + 3 : Math.min(3, turnsEach);
  for (let turn = 0; turn < warmTurns; turn += 1) await runRound(turn);
  const from = firstPass ? 0 : 3;
  const to = firstPass ? CHILD_SCRIPT.length : turnsEach + 3;
  if (firstPass) ids = await startConversations();
  resetTimers();
  let total = 0;
  let turns = 0;
  const profiler = process.env['PROFILE_CPU'] && process.env['PROFILE_PART'] === 'A' ? await startCpuProfile() : null;
  const allocations = process.env['PROFILE_ALLOC'] ? await startAllocationProfile() : null;
  const cpu0 = process.cpuUsage();
  for (let turn = from; turn < to; turn += 1) {
    total += await runRound(turn);
    turns += ids.length;
  }
  const cpu = process.cpuUsage(cpu0);
  if (profiler) await profiler.stop(process.env['PROFILE_CPU']!);
  const sampled = allocations ? await allocations.stop(process.env['PROFILE_ALLOC']!) : null;
  const perTurn = (ms: number): string => fmt((ms * 1000) / turns, 1);
  const get = (name: string): number => totals.get(name) ?? 0;
  const detector = get('detector (detect)');
  const rows: string[][] = [];
  // Stages are timed by the wall clock; on a shared machine that counts time this process waited
  // for a core. The last column scales each stage by the loop's CPU time over its wall time.
  const cpuShare = Math.min(1, (cpu.user + cpu.system) / 1000 / total);
  const stage = (name: string, ms: number): void => {
    rows.push([name, perTurn(ms), `${fmt((ms / total) * 100, 1)}%`, fmt((ms * 1000 * cpuShare) / turns, 1)]);
  };
  stage('frame parse (JSON + schema)', get('frame parse (JSON + schema)'));
  stage('text checks', get('text checks'));
  stage('detector (detect)', detector);
  stage('dialog transition (send − detector)', get('dialog send (incl. detector)') - detector);
  stage('dialog snapshot (persisted)', get('dialog snapshot (persisted)'));
  stage('render (content.render)', get('render (content.render)'));
  stage('store append (memory)', get('store append (memory)'));
  stage('wire JSON (wireJson: toWire + stringify)', get('wire JSON (wireJson)'));
  // Everything timed above, once each (the dialog's send includes the detector).
  const timedSum = total - rows.reduce((sum, row) => sum + Number(row[1]!.replace(/,/g, '')), 0) / (1000 / turns);
  // (the process's CPU time over the loop, user + system, is the last column's total)
  stage('service, other (queue, effects, builders, acks, GC…)', timedSum);
  rows.push(['total (wall, in process)', perTurn(total), '100%', fmt((total * 1000 * cpuShare) / turns, 1)]);
  printTable(
    `Part A: one turn through the conversation service, ${fmt(count)} conversations × ${fmt(turnsEach)} turns (µs per turn; wall time per stage, so a loaded machine inflates them)`,
    ['stage', 'wall µs/turn', 'share', '≈ CPU µs/turn'],
    rows,
  );
  if (sampled) printAllocations(sampled, turns);
  await service.drain();
}

// ---- part B ----------------------------------------------------------------------------------

interface HeapTotals {
  readonly byName: Map<string, { count: number; bytes: number }>;
  readonly total: number;
}

/** Self size by node type + constructor name from a heap snapshot. */
function heapTotals(keepAs?: string): HeapTotals {
  // PROFILE_HEAP_KEEP=<dir> keeps the snapshot (`keepAs`) for a closer look (retainers) in DevTools.
  const keepDir = process.env['PROFILE_HEAP_KEEP'];
  const kept = keepDir !== undefined && keepAs !== undefined;
  const file = writeHeapSnapshot(join(kept ? keepDir : tmpdir(), kept ? keepAs : `harbour-turn-profile-${process.pid}-${Date.now()}.heapsnapshot`));
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const types = snapshot.snapshot.meta.node_types[0];
    const width = fields.length;
    const iType = fields.indexOf('type');
    const iName = fields.indexOf('name');
    const iSize = fields.indexOf('self_size');
    const byName = new Map<string, { count: number; bytes: number }>();
    let total = 0;
    for (let i = 0; i < snapshot.nodes.length; i += width) {
      const type = types[snapshot.nodes[i + iType]!] ?? '?';
      const size = snapshot.nodes[i + iSize]!;
      total += size;
      const name = snapshot.strings[snapshot.nodes[i + iName]!] ?? '';
      const key =
        type === 'object' || type === 'closure' ? `${type} ${name}` : type === 'hidden' || type === 'code' || type === 'array' ? `${type} ${name.slice(0, 40)}` : type;
      const entry = byName.get(key) ?? { count: 0, bytes: 0 };
      entry.count += 1;
      entry.bytes += size;
      byName.set(key, entry);
    }
    return { byName, total };
  } finally {
    if (!kept) rmSync(file, { force: true });
  }
}

/** Writes a tally to a file, so that nothing of it stays on the heap. */
function saveTotals(totals: HeapTotals, file: string): void {
  writeFileSync(file, JSON.stringify({ byName: [...totals.byName], total: totals.total }));
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

async function partB(count: number, seconds: number): Promise<void> {
  resetTimers();
  const proto = ChatSocket.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  proto['sendText'] = timed('ChatSocket.sendText (ws frame + write)', proto['sendText']!);
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', ALLOWED_ORIGINS: ORIGIN, LOG_LEVEL: 'silent', RESUME_WAIT_MS: '0' });
  const config = { ...base, limits: { ...base.limits, maxConnectionsPerAddress: 1_000_000, maxSockets: 1_000_000, messagesPerMinute: 1_000_000 } };
  const content = await loadContent(CONTENT_DIR);
  const app = await buildApp({
    config,
    store: createMemoryStore(),
    content,
    dialog: await dialogFor(content),
    secrets: { tokenKey: randomBytes(32) },
    logger: false,
    recoveryKey: 'helplines.now.child',
    widget: { script: '', demoPage: '' },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  const client = fork(fileURLToPath(import.meta.url), ['--client', String(address.port), String(count), String(seconds)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (): Promise<{ type: string; turns?: number; frames?: number; failed?: number }> =>
    new Promise((resolve, reject) => {
      client.once('message', (m) => resolve(m as never));
      client.once('exit', (code) => reject(new Error(`client exited (${code})`)));
    });
  const go = (): void => void client.send('go');

  // Heap: before and after opening the conversations.
  gc();
  // The first tally waits in a file, not on the heap, or the second snapshot would count it
  // (its table of names alone came to about 1 KiB per conversation at 1,000).
  const tallyFile = join(tmpdir(), `harbour-turn-profile-${process.pid}-tally.json`);
  saveTotals(heapTotals('before.heapsnapshot'), tallyFile);
  const usageBefore = process.memoryUsage();
  go();
  const opened = await next();
  if (opened.type !== 'opened') throw new Error('client did not open');
  gc();
  const usageAfter = process.memoryUsage();
  const heapAfter = heapTotals('after-open.heapsnapshot');
  const saved = JSON.parse(readFileSync(tallyFile, 'utf8')) as { byName: [string, { count: number; bytes: number }][]; total: number };
  rmSync(tallyFile, { force: true });
  const heapBefore: HeapTotals = { byName: new Map(saved.byName), total: saved.total };
  // Reading the second snapshot left its parsed JSON (hundreds of MB at 1,000 conversations) in the old
  // generation: collected here, not by the closed loop's collections, which would count it in every turn.
  gc();

  // Closed loop: warm up, then measure.
  go();
  await next();
  resetTimers();
  const profiler = process.env['PROFILE_CPU'] && process.env['PROFILE_PART'] !== 'A' ? await startCpuProfile() : null;
  const cpu0 = process.cpuUsage();
  go();
  const done = await next();
  const cpu = process.cpuUsage(cpu0);
  if (profiler) await profiler.stop(process.env['PROFILE_CPU']!);
  const turns = done.turns ?? 0;
  go(); // close
  await new Promise((resolve) => client.once('exit', resolve));
  await app.close();

  const rows: string[][] = [
    ['server CPU (user + system) µs/turn', fmt((cpu.user + cpu.system) / turns, 1)],
    ['  of which user', fmt(cpu.user / turns, 1)],
    ['  of which system (kernel: socket reads/writes)', fmt(cpu.system / turns, 1)],
    ['ChatSocket.sendText µs/turn (ws frame + write; JSON made before)', fmt(((totals.get('ChatSocket.sendText (ws frame + write)') ?? 0) * 1000) / turns, 1)],
    ['turns measured', fmt(turns)],
    ['frames/turn', fmt((done.frames ?? 0) / Math.max(1, turns), 2)],
    ['failed turns', fmt(done.failed ?? 0)],
  ];
  printTable(`Part B: real sockets, ${fmt(count)} conversations, ${fmt(seconds)} s closed loop (this process = the server)`, ['figure', 'value'], rows);

  const n = count;
  const diff: [string, number, number][] = [];
  for (const [key, after] of heapAfter.byName) {
    const before = heapBefore.byName.get(key) ?? { count: 0, bytes: 0 };
    const bytes = after.bytes - before.bytes;
    if (Math.abs(bytes) / n >= 16) diff.push([key, (after.count - before.count) / n, bytes / n]);
  }
  diff.sort((a, b) => b[2] - a[2]);
  printTable(
    `Per open conversation (heap snapshot diff ÷ ${fmt(n)}): heap ${fmt((usageAfter.heapUsed - usageBefore.heapUsed) / n / 1024, 2)} KiB, RSS ${fmt((usageAfter.rss - usageBefore.rss) / n / 1024, 2)} KiB, snapshot total ${fmt((heapAfter.total - heapBefore.total) / n / 1024, 2)} KiB`,
    ['node type / constructor', 'count/conv', 'bytes/conv'],
    diff.slice(0, 40).map(([key, c, b]) => [key, fmt(c, 2), fmt(b, 0)]),
  );
}

/** PROFILE_CPU=<file.cpuprofile>: a V8 CPU profile of the measured closed loop only (not start-up, not the heap snapshots). */
async function startCpuProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // One sample every 100 µs (V8's default is 1 ms): part A's loop lasts about a second.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * PROFILE_ALLOC=<file.heapprofile>: part A's measured loop as a sampling heap profile that keeps
 * collected objects too (what a turn allocates, by call site: the garbage collector's work).
 */
async function startAllocationProfile(): Promise<{ stop(file: string): Promise<SampledNode> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return {
    async stop(file) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return profile.head as SampledNode;
    },
  };
}

interface SampledNode {
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly selfSize: number;
  readonly children: readonly SampledNode[];
}

/**
 * Bytes a turn allocated (sampled), and the call sites that allocated most: each sample goes to the
 * nearest function of this repository's code on its stack (a built-in such as `Set` or an XState
 * function counts for the Harbour function that called it), as `name (file)`.
 */
function printAllocations(head: SampledNode, turns: number): void {
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SampledNode, owner: string): void => {
    const { functionName, url } = node.callFrame;
    const ours = url.startsWith(`file://${ROOT}`) && !url.includes('/node_modules/');
    const site = ours ? `${functionName || '(anonymous)'} (${url.slice(`file://${ROOT}`.length)})` : owner;
    total += node.selfSize;
    if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, site);
  };
  walk(head, '(outside Harbour code)');
  const rows = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([site, bytes]) => [site, fmt(bytes / turns, 0), `${fmt((bytes / total) * 100, 1)}%`]);
  printTable(`Allocated in part A's loop: ${fmt(total / turns / 1024, 2)} KB a turn (sampled), by nearest Harbour function`, ['function (file)', 'bytes/turn', 'share'], rows);
}

// ---- the load generator child ----------------------------------------------------------------

async function clientMain(port: number, count: number, seconds: number): Promise<void> {
  const waitGo = (): Promise<void> => new Promise((resolve) => process.once('message', () => resolve()));
  await waitGo();
  const opened = await openConversations(port, 'chat', count, { origin: ORIGIN, deadlineMs: 120_000 });
  process.send?.({ type: 'opened', failed: opened.failed });
  await waitGo();
  await closedLoop(opened.conversations, 2000); // warm-up
  process.send?.({ type: 'warm' });
  await waitGo();
  const phase = await closedLoop(opened.conversations, seconds * 1000);
  process.send?.({ type: 'done', turns: phase.turns, frames: phase.frames, failed: phase.failedTurns });
  await waitGo();
  await closeAll(opened.conversations);
  process.exit(0);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--client') return clientMain(Number(args[1]), Number(args[2]), Number(args[3]));
  const count = Number(args[0] ?? 1000);
  const seconds = Number(args[1] ?? 8);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with NODE_OPTIONS=--expose-gc for steadier heap figures)');
  const only = process.env['PROFILE_PART'];
  if (only !== 'B') await partA(Math.min(count, Number(process.env['PROFILE_A_COUNT'] ?? 500)), Number(process.env['PROFILE_A_TURNS'] ?? 20));
  if (only !== 'A') await partB(count, seconds);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
