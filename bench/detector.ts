/**
 * Red-flag detector throughput on one core, with cross-turn context, beside a plain regex keyword
 * list run over the same messages in the same process. Prints a table; returns the figures.
 * Run alone: `npx tsx bench/detector.ts --seconds 5 [--rounds 3]`. Targets: ≥ 10,000 messages/s, p99 ≤ 1 ms.
 * Time is the process's own CPU time (process.cpuUsage), so other work on a shared machine does
 * not count against the detector; wall-clock p99 is printed beside it.
 */
import { cpus, loadavg } from 'node:os';
import { detect, EMPTY_DETECTOR_STATE, type Category, type RedFlagsSource, type SafetyModel } from '../dialogs/safety/index.js';
import { loadDataset } from '../tests/fixtures/flags/dataset.js';
import { loadSafetyModel, readSafetySource } from '../tests/fixtures/flags/source.js';
import { formatRounds, judgeRounds, median, roundOrder } from './lib/rounds.js';

export interface BenchFigures {
  readonly name: string;
  readonly messages: number;
  /** Messages per second of CPU time on one core (the process's own time, so other load on the machine does not count), over whole untimed passes. */
  readonly messagesPerSecond: number;
  /** The same from the per-message timings (what this bench printed before session 30: the timing calls weigh on it). */
  readonly timedMessagesPerSecond: number;
  /** Per-message CPU time (process.cpuUsage, µs resolution), minus the cost of measuring. */
  readonly p50Microseconds: number;
  readonly p99Microseconds: number;
  readonly maxMicroseconds: number;
  /** Wall-clock per message, which includes time the process was waiting for a core. */
  readonly wallP99Microseconds: number;
}

export interface DetectorBenchResult {
  /** The detector's figures: the one round's, or each field's median over the rounds. */
  readonly detector: BenchFigures;
  readonly baseline: BenchFigures;
  /** Every round's figures, in round order. */
  readonly detectorRounds: readonly BenchFigures[];
  readonly baselineRounds: readonly BenchFigures[];
  readonly targets: { readonly messagesPerSecond: number; readonly p99Microseconds: number };
  /** Both targets met by the median over the rounds (msg/s and p99 judged each on its own median). */
  readonly meetsTargets: boolean;
  /** 1-minute load average when the run started (2 cores here; above 2 means sharing). */
  readonly loadAverage: number;
}

const TARGET_RATE = 10_000;
const TARGET_P99_US = 1000;

/** The baseline: one case-insensitive regex per category from the lexicon's literal phrases. */
function keywordBaseline(): (text: string) => Category[] {
  const rf = readSafetySource().redFlags as RedFlagsSource;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const regexes = Object.entries(rf.categories).map(([category, c]) => {
    const words = c.rules.flatMap((r) => r.phrases).filter((p) => !p.includes('{') && !p.includes('...'));
    return { category: category as Category, re: new RegExp(`\\b(?:${words.map(escape).join('|')})\\b`, 'i') };
  });
  return (text) => regexes.filter((r) => r.re.test(text)).map((r) => r.category);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** CPU microseconds used by this process so far. */
function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** One pass over every conversation, untimed; the number of messages. */
function pass(conversations: readonly (readonly string[])[], step: (text: string, fresh: boolean) => void): number {
  let n = 0;
  for (const turns of conversations)
    for (let i = 0; i < turns.length; i += 1) {
      step(turns[i] ?? '', i === 0);
      n += 1;
    }
  return n;
}

/**
 * Runs `step` over the conversations for about `seconds` of CPU time: half in whole passes timed only
 * around each pass (the throughput), half timing every message (the percentiles). Since session 30
 * the throughput no longer comes from the per-message timings: two `process.cpuUsage()` calls a
 * message cost about as much as the detector's own work, and subtracting their median cost left the
 * detector at ~8,500 msg/s where whole passes of the same messages measured 13,000–19,000.
 */
function measure(name: string, seconds: number, conversations: readonly (readonly string[])[], step: (text: string, fresh: boolean) => void): BenchFigures {
  // Warm up (JIT, stem and word caches) on one pass before timing.
  pass(conversations, step);
  let passed = 0;
  let passCpu = 0;
  do {
    const c0 = cpuMicros();
    passed += pass(conversations, step);
    passCpu += cpuMicros() - c0;
  } while (passCpu < (seconds * 1e6) / 2);
  // What measuring costs: two cpuUsage calls around nothing.
  const probe: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const a = cpuMicros();
    probe.push(cpuMicros() - a);
  }
  const overhead = [...probe].sort((x, y) => x - y)[Math.floor(probe.length / 2)] ?? 0;
  const cpu: number[] = [];
  const wall: number[] = [];
  const budget = (seconds * 1e6) / 2;
  let spent = 0;
  const maxRounds = 10_000;
  for (let round = 0; round < maxRounds && spent < budget; round += 1)
    for (const turns of conversations)
      for (let i = 0; i < turns.length; i += 1) {
        const w0 = performance.now();
        const c0 = cpuMicros();
        step(turns[i] ?? '', i === 0);
        const dc = Math.max(0, cpuMicros() - c0 - overhead);
        wall.push((performance.now() - w0) * 1000);
        cpu.push(dc);
        spent += dc + overhead;
      }
  const sortedCpu = Float64Array.from(cpu).sort();
  const sortedWall = Float64Array.from(wall).sort();
  const total = cpu.reduce((a, b) => a + b, 0);
  return {
    name,
    messages: passed + cpu.length,
    messagesPerSecond: Math.round(passed / (Math.max(1, passCpu) / 1e6)),
    timedMessagesPerSecond: Math.round(cpu.length / (Math.max(1, total) / 1e6)),
    p50Microseconds: percentile(sortedCpu, 0.5),
    p99Microseconds: percentile(sortedCpu, 0.99),
    maxMicroseconds: sortedCpu[sortedCpu.length - 1] ?? 0,
    wallP99Microseconds: Math.round(percentile(sortedWall, 0.99)),
  };
}

/** Each field's median over the rounds (each its own median: no single round need have them all). */
function medianFigures(name: string, rounds: readonly BenchFigures[]): BenchFigures {
  const m = (figure: (f: BenchFigures) => number): number => median(rounds.map(figure));
  return {
    name,
    messages: Math.round(m((f) => f.messages)),
    messagesPerSecond: Math.round(m((f) => f.messagesPerSecond)),
    timedMessagesPerSecond: Math.round(m((f) => f.timedMessagesPerSecond)),
    p50Microseconds: m((f) => f.p50Microseconds),
    p99Microseconds: m((f) => f.p99Microseconds),
    maxMicroseconds: m((f) => f.maxMicroseconds),
    wallP99Microseconds: Math.round(m((f) => f.wallP99Microseconds)),
  };
}

/**
 * Measures the detector and the keyword baseline, prints a table and returns the figures. With
 * `rounds` above 1 the two alternate (detector first in round 1, the keyword list first in round
 * 2, and so on), each for `seconds / 2` of CPU time a round, and the targets are judged on the
 * median msg/s and the median p99 of the detector's rounds.
 */
export async function benchDetector(opts: { seconds: number; rounds?: number }): Promise<DetectorBenchResult> {
  const roundCount = opts.rounds ?? 1;
  if (!Number.isInteger(roundCount) || roundCount < 1) throw new Error(`rounds must be a whole number from 1, got ${String(opts.rounds)}`);
  const model: SafetyModel = loadSafetyModel();
  const conversations = loadDataset().map((item) => item.turns.map((t) => t.text));
  const half = Math.max(0.2, opts.seconds / 2);
  let state = EMPTY_DETECTOR_STATE;
  let flagged = 0;
  const detectorStep = (text: string, fresh: boolean): void => {
    const r = detect(text, fresh ? EMPTY_DETECTOR_STATE : state, model);
    state = r.state;
    flagged += r.findings.length > 0 ? 1 : 0;
  };
  const baselineMatch = keywordBaseline();
  let baselineFlagged = 0;
  const baselineStep = (text: string): void => {
    baselineFlagged += baselineMatch(text).length > 0 ? 1 : 0;
  };
  const DETECTOR = 'detect() with cross-turn state';
  const BASELINE = 'regex keyword list (baseline)';
  const detectorRounds: BenchFigures[] = [];
  const baselineRounds: BenchFigures[] = [];
  const loadAverage = loadavg()[0] ?? 0;
  for (let round = 0; round < roundCount; round += 1) {
    for (const which of roundOrder(['detector', 'baseline'] as const, round)) {
      if (which === 'detector') {
        flagged = 0;
        detectorRounds.push(measure(DETECTOR, half, conversations, detectorStep));
      } else {
        baselineFlagged = 0;
        baselineRounds.push(measure(BASELINE, half, conversations, baselineStep));
      }
    }
  }
  const detector = roundCount === 1 ? (detectorRounds[0] as BenchFigures) : medianFigures(DETECTOR, detectorRounds);
  const baseline = roundCount === 1 ? (baselineRounds[0] as BenchFigures) : medianFigures(BASELINE, baselineRounds);
  const rate = judgeRounds(
    detectorRounds.map((f) => f.messagesPerSecond),
    (v) => v >= TARGET_RATE,
  );
  const p99 = judgeRounds(
    detectorRounds.map((f) => f.p99Microseconds),
    (v) => v <= TARGET_P99_US,
  );
  const meetsTargets = rate.isMet && p99.isMet;
  const row = (f: BenchFigures, label: string): string =>
    `${label.padEnd(40)} ${String(f.messagesPerSecond).padStart(9)} ${String(f.timedMessagesPerSecond).padStart(11)} ${String(f.p50Microseconds).padStart(8)} ${String(f.p99Microseconds).padStart(8)} ${String(f.maxMicroseconds).padStart(8)} ${String(f.wallP99Microseconds).padStart(11)} ${String(f.messages).padStart(9)}`;
  console.log(
    `red-flag detector on one core: ${conversations.length} dev-set items (${conversations.flat().length} messages) cycled, state carried across each conversation; ` +
      `${roundCount} round${roundCount === 1 ? '' : 's'}, the detector and the keyword list alternating; load average ${loadAverage.toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(`${'run'.padEnd(40)} ${'msg/s cpu'.padStart(9)} ${'msg/s timed'.padStart(11)} ${'p50 µs'.padStart(8)} ${'p99 µs'.padStart(8)} ${'max µs'.padStart(8)} ${'wall p99 µs'.padStart(11)} ${'messages'.padStart(9)}`);
  const label = (f: BenchFigures, round: number): string => (roundCount === 1 ? f.name : `${f.name}, round ${round + 1}`);
  detectorRounds.forEach((f, round) => console.log(row(f, label(f, round))));
  baselineRounds.forEach((f, round) => console.log(row(f, label(f, round))));
  if (roundCount > 1) {
    console.log(row(detector, `${DETECTOR}, median`));
    console.log(row(baseline, `${BASELINE}, median`));
  }
  const on = roundCount === 1 ? '' : ` on the median of ${roundCount} rounds (msg/s ${formatRounds(rate.values, 0)}; p99 µs ${formatRounds(p99.values, 0)})`;
  console.log(
    `targets ≥ ${TARGET_RATE} msg/s and p99 ≤ ${TARGET_P99_US} µs (CPU time per message)${on}: ${meetsTargets ? 'met' : 'NOT met'}; ` +
      `messages with a finding${roundCount === 1 ? '' : ' in the last round'}: detector ${flagged}, keyword list ${baselineFlagged}`,
  );
  return {
    detector,
    baseline,
    detectorRounds,
    baselineRounds,
    targets: { messagesPerSecond: TARGET_RATE, p99Microseconds: TARGET_P99_US },
    meetsTargets,
    loadAverage,
  };
}

if (process.argv[1]?.endsWith('detector.ts')) {
  const i = process.argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(process.argv[i + 1]) : 5;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new Error('--seconds must be a number from 0 to 600');
  const j = process.argv.indexOf('--rounds');
  const rounds = j >= 0 ? Number(process.argv[j + 1]) : 1;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error('--rounds must be a whole number from 1 to 20');
  await benchDetector({ seconds, rounds });
}
