/**
 * Rounds: the benchmark measures each figure more than once and judges its targets on the median.
 * One full run on this shared machine moved harbour's CPU per turn against echo's from 6.41× to
 * 9.31× with the same code (bench/HISTORY.md, session 37), so a verdict from one measurement says
 * more about the host than about the code. Pure functions only: bench/run.ts and bench/detector.ts
 * do the measuring, tests/bench/rounds.test.ts checks these on figures it gives them.
 */
import { fmt } from './stats.js';

/** The most rounds BENCH_ROUNDS accepts (each full round is several minutes). */
export const MAX_ROUNDS = 20;

/**
 * The number of rounds from BENCH_ROUNDS (unset or blank: `fallback`). Throws an Error that says
 * what is allowed when the value is not a whole number from 1 to MAX_ROUNDS.
 */
export function parseRounds(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1 || value > MAX_ROUNDS) {
    throw new Error(`BENCH_ROUNDS must be a whole number from 1 to ${MAX_ROUNDS}, got "${raw}"`);
  }
  return value;
}

/**
 * The order to run `items` in on round `round` (0-based): the list rotated left by `round`, so
 * that over consecutive rounds each item takes each place in turn, and none always runs first or
 * last while the host warms or cools. Round 0 is the list as given.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  if (!Number.isInteger(round) || round < 0) throw new Error(`round must be a whole number from 0, got ${round}`);
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * The median of the finite values (a round that failed gives NaN and is left out); the mean of the
 * middle two for an even count; NaN when there is none.
 */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One target judged over rounds: every round's value, their median, and the verdict on the median. */
export interface RoundsVerdict {
  readonly values: readonly number[];
  readonly median: number;
  /** Whether the median meets the target; false when no round gave a figure. */
  readonly isMet: boolean;
  /** How many of the rounds met it on their own (for the spread, not the verdict). */
  readonly roundsMet: number;
}

/** Judges a target on the median of the rounds' values; `meets` says whether one figure meets it. */
export function judgeRounds(values: readonly number[], meets: (value: number) => boolean): RoundsVerdict {
  const m = median(values);
  return {
    values,
    median: m,
    isMet: Number.isFinite(m) && meets(m),
    roundsMet: values.filter((v) => Number.isFinite(v) && meets(v)).length,
  };
}

/** Every round's value, then the median when there is more than one: "3.36 / 4.55 / 3.60 → median 3.60" (with `unit` after each). */
export function formatRounds(values: readonly number[], digits: number, unit = ''): string {
  const each = values.map((v) => (Number.isFinite(v) ? `${fmt(v, digits)}${unit}` : '—')).join(' / ');
  return values.length > 1 ? `${each} → median ${fmt(median(values), digits)}${Number.isFinite(median(values)) ? unit : ''}` : each;
}

/** What the chat targets read from one server's measurement at one N in one round. */
export interface RoundFigures {
  readonly target: string;
  readonly count: number;
  /** 0-based. */
  readonly round: number;
  readonly turnsPerSecond: number;
  readonly cpuMicrosPerTurn: number;
  readonly rssPerConversation: number;
  /** The open loop's p99 (ms), measured at one N only. */
  readonly openP99Ms?: number;
}

/** One line of the targets table. */
export interface TargetLine {
  readonly name: string;
  readonly digits: number;
  readonly unit: string;
  readonly verdict: RoundsVerdict;
}

/** What the chat targets compare against: issue #2's figures and the run's shape. */
export interface ChatTargetSpec {
  readonly counts: readonly number[];
  readonly rounds: number;
  readonly peers: readonly { readonly name: string; readonly label: string }[];
  readonly openConversations: number;
  readonly openRate: number;
}

/**
 * Issue #2's chat targets over the rounds: a ratio is taken within each round (harbour and its
 * baseline measured minutes apart, not a median of one against a median of the other), and the
 * verdict is on the median of those ratios. A round where either server gave no figure counts as
 * no figure. Targets: turns/s ≥ 4× each botbuilder peer and CPU per turn ≤ 6× echo's at every N,
 * open-loop p99 ≤ 10 ms, memory per conversation ≤ 1.5× echo's at the largest N.
 */
export function chatTargets(figures: readonly RoundFigures[], spec: ChatTargetSpec): TargetLine[] {
  const rounds = Array.from({ length: spec.rounds }, (_, r) => r);
  const find = (target: string, count: number, round: number): RoundFigures | undefined =>
    figures.find((f) => f.target === target && f.count === count && f.round === round);
  const has = (target: string, count: number): boolean => rounds.some((round) => find(target, count, round) !== undefined);
  const eachRatio = (a: string, b: string, count: number, figure: (f: RoundFigures) => number): number[] =>
    rounds.map((round) => {
      const x = find(a, count, round);
      const y = find(b, count, round);
      return x && y ? figure(x) / figure(y) : Number.NaN;
    });
  const lines: TargetLine[] = [];
  const add = (name: string, values: readonly number[], digits: number, unit: string, meets: (value: number) => boolean): void => {
    lines.push({ name, digits, unit, verdict: judgeRounds(values, meets) });
  };
  for (const count of spec.counts) {
    for (const { name, label } of spec.peers) {
      if (has('harbour', count) && has(name, count)) {
        add(`turns/s ≥ 4× ${label} at ${fmt(count)}`, eachRatio('harbour', name, count, (f) => f.turnsPerSecond), 2, '×', (r) => r >= 4);
      }
    }
    if (has('harbour', count) && has('echo', count)) {
      add(`CPU/turn ≤ 6× echo at ${fmt(count)}`, eachRatio('harbour', 'echo', count, (f) => f.cpuMicrosPerTurn), 2, '×', (r) => r <= 6);
    }
  }
  const p99s = rounds.map((round) => find('harbour', spec.openConversations, round)?.openP99Ms ?? Number.NaN);
  if (p99s.some((p99) => Number.isFinite(p99))) {
    add(`p99 ≤ 10 ms at ${spec.openRate} turns/s over ${fmt(spec.openConversations)}`, p99s, 2, ' ms', (p99) => p99 <= 10);
  }
  const top = Math.max(...spec.counts);
  if (has('harbour', top) && has('echo', top)) {
    add(
      `memory/conv ≤ 1.5× echo at ${fmt(top)}${top < 5000 ? ' (full run checks 5,000)' : ''}`,
      eachRatio('harbour', 'echo', top, (f) => f.rssPerConversation),
      2,
      '×',
      (r) => r <= 1.5,
    );
  }
  return lines;
}

/**
 * The order of every round at one N: round r (0-based) runs `items` rotated by r, without those in
 * `firstRoundOnly` after round 0. The rotation starts again at each N, so that over as many rounds
 * as there are repeated items each takes each place once (a Latin square) at every N; counting it
 * on across N, as the first version did, left echo never first or last at 1,000 (4 servers in the
 * first round, 3 after, so the offsets stopped covering the places).
 */
export function roundPlan<T>(items: readonly T[], rounds: number, firstRoundOnly: (item: T) => boolean = () => false): T[][] {
  return Array.from({ length: rounds }, (_, round) =>
    roundOrder(
      items.filter((item) => round === 0 || !firstRoundOnly(item)),
      round,
    ),
  );
}
