/**
 * The console's own environment variables, read once at boot and validated (fail fast with a
 * message naming the variable). The README's configuration table lists them with the rest.
 */
export interface ConsoleConfig {
  /** Minutes without activity before a console session ends. */
  readonly idleMinutes: number;
  /** Hours after sign-in when a console session ends regardless. */
  readonly absoluteHours: number;
  /** Above this estimated wait (seconds), the child is told a person cannot come soon and gets the routes. */
  readonly maxWaitSeconds: number;
  /** Recent accepts needed before a wait is estimated at all. */
  readonly estimateMinSamples: number;
}

export const CONSOLE_VARIABLES = [
  { name: 'CONSOLE_IDLE_MINUTES', default: '15', meaning: 'A console session ends after this many minutes with no activity (console socket traffic counts).' },
  { name: 'CONSOLE_ABSOLUTE_HOURS', default: '10', meaning: 'A console session ends this many hours after sign-in, however busy.' },
  { name: 'HANDOFF_MAX_WAIT_SECONDS', default: '900', meaning: 'Above this estimated wait the child gets the helplines at once (and may still wait).' },
  { name: 'HANDOFF_ESTIMATE_MIN_SAMPLES', default: '3', meaning: 'Recent accepts (last 2 hours) needed before a wait is estimated; fewer: "we don\'t know yet".' },
] as const;

/** Reads and checks the console variables; throws an Error listing every bad one. */
export function loadConsoleConfig(env: Readonly<Record<string, string | undefined>> = process.env): ConsoleConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}="${raw}" is not allowed: use a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return Number(raw);
  };
  const config = {
    idleMinutes: int('CONSOLE_IDLE_MINUTES', 15, 1, 240),
    absoluteHours: int('CONSOLE_ABSOLUTE_HOURS', 10, 1, 24),
    maxWaitSeconds: int('HANDOFF_MAX_WAIT_SECONDS', 900, 0, 86_400),
    estimateMinSamples: int('HANDOFF_ESTIMATE_MIN_SAMPLES', 3, 1, 50),
  };
  if (problems.length > 0) throw new Error(`Harbour cannot start: the console configuration has problems:\n  - ${problems.join('\n  - ')}`);
  return config;
}
