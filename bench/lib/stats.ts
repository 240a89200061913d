/**
 * Small statistics and table helpers for the benchmarks: percentiles over a latency sample,
 * and fixed-width tables printed to stdout. No timing is ever asserted here; figures are printed.
 */

/** A growable sample of latencies in milliseconds. */
export class LatencySample {
  private values = new Float64Array(1024);
  private size = 0;

  /** Adds one latency (ms). */
  add(ms: number): void {
    if (this.size === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  /** The p-th percentile (0–100) by nearest rank, or NaN when empty. */
  percentile(p: number): number {
    if (this.size === 0) return Number.NaN;
    const sorted = this.values.slice(0, this.size).sort();
    const rank = Math.min(this.size - 1, Math.max(0, Math.ceil((p / 100) * this.size) - 1));
    return sorted[rank] ?? Number.NaN;
  }
}

/** Formats a number with thousands separators and at most `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** `a / b` as "1.23×", or — when either is missing. */
export function ratio(a: number, b: number, digits = 2): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return `${fmt(a / b, digits)}×`;
}

/** Prints a table with a title; columns are right-aligned except the first. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** A verdict for a target line: "met" / "MISSED" with the figures that decided it. */
export function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'MISSED';
}
