/**
 * Harbour's configuration: every environment variable, read once at boot and validated. A bad value
 * stops start-up with a message naming the variable and what is allowed (fail fast at boot).
 * `CONFIG_VARIABLES` is the single table the README's configuration table is checked against.
 */

/** The validated configuration the server runs with. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Exact-match list of origins allowed to open `/chat` and load `/widget.js` cross-origin. */
  readonly allowedOrigins: readonly string[];
  readonly publicUrl: string;
  /** Fastify's `trustProxy`: false, true, a hop count, or a list of addresses / CIDRs. */
  readonly trustProxy: boolean | number | readonly string[];
  readonly helplineName: string;
  readonly locale: string;
  readonly country: string;
  readonly logLevel: LogLevel;
  readonly limits: Limits;
  /** DIRECTLINE_SECRET: when set, Direct Line 3.0 is served at /v3/directline (docs/directline.md). */
  readonly directlineSecret?: string;
}

/** Every limit of `/chat`, explicit and configurable. */
export interface Limits {
  /** Characters (UTF-16 code units) in one child message. */
  readonly maxTextChars: number;
  /** Bytes in one WebSocket frame; bigger frames close the socket with 1009. */
  readonly maxPayloadBytes: number;
  /** Child messages per conversation per minute; more get an `error` with `retryAfterMs`. */
  readonly messagesPerMinute: number;
  /** Open sockets per client address (held in memory only). */
  readonly maxConnectionsPerAddress: number;
  /** Open sockets in total; more close with 1013. */
  readonly maxSockets: number;
  /** Bytes waiting to be sent to one socket before it is closed as a slow reader. */
  readonly maxBufferedBytes: number;
  /** Interval of WebSocket pings; a socket that misses one is ended. */
  readonly heartbeatMs: number;
  /** A resume token is revoked after this long with no socket (ms). */
  readonly tokenOfflineTtlMs: number;
  /** How long a new socket waits for a `session.resume` before starting a new conversation (ms). */
  readonly resumeWaitMs: number;
  /** How often due check-in deadlines are swept (ms). */
  readonly checkInSweepMs: number;
  /** How long graceful shutdown waits for in-flight turns before closing the store (ms). */
  readonly shutdownTimeoutMs: number;
  /** Conversations idle this many days are deleted, unless under a safeguarding hold. */
  readonly retentionDays: number;
  /** How often the retention job runs (ms). */
  readonly retentionSweepMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One row of the configuration table. */
export interface ConfigVariable {
  readonly name: string;
  /** The default as written in the environment ('' means unset). */
  readonly default: string;
  readonly meaning: string;
}

/** Every environment variable Harbour reads, with its default and meaning (README table). */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: '3000', meaning: 'TCP port to listen on (0 picks a free one).' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'Address to listen on; 0.0.0.0 in a container.' },
  { name: 'DATA_DIR', default: './data', meaning: 'Folder for the embedded database and generated secrets.' },
  { name: 'DATABASE_URL', default: '', meaning: 'postgres:// URL; when set, PostgreSQL is used instead of the embedded database.' },
  {
    name: 'PUBLIC_URL',
    default: 'http://127.0.0.1:$PORT',
    meaning: 'The address people reach Harbour at (behind a proxy: the https:// address).',
  },
  {
    name: 'ALLOWED_ORIGINS',
    default: 'PUBLIC_URL, plus http://localhost:$PORT when PUBLIC_URL is the default',
    meaning: 'Comma-separated origins (scheme://host[:port], exact match) whose pages may embed the chat.',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    meaning: 'Trust X-Forwarded-* from a reverse proxy: false, true, a hop count, or comma-separated addresses/CIDRs.',
  },
  { name: 'HELPLINE_NAME', default: 'Harbour', meaning: 'The helpline name shown on the demo page and in the widget.' },
  { name: 'LOCALE', default: 'en-GB', meaning: 'Default language of the bot (a folder in content/).' },
  { name: 'COUNTRY', default: 'GB', meaning: 'Two-letter country code whose services are shown.' },
  { name: 'LOG_LEVEL', default: 'info', meaning: `One of ${LOG_LEVELS.join(', ')}. Logs never hold message text or client addresses.` },
  { name: 'MAX_TEXT_CHARS', default: '2000', meaning: 'Longest child message in characters; longer gets an error and the socket stays open.' },
  { name: 'MAX_PAYLOAD_BYTES', default: '16384', meaning: 'Largest WebSocket frame in bytes; bigger closes the socket with 1009.' },
  { name: 'MESSAGES_PER_MINUTE', default: '30', meaning: 'Child messages per conversation per minute; more get a kind error with retryAfterMs.' },
  {
    name: 'MAX_CONNECTIONS_PER_ADDRESS',
    default: '50',
    meaning: 'Open chat sockets per client address (generous: a school shares one address). Kept in memory only.',
  },
  { name: 'MAX_SOCKETS', default: '10000', meaning: 'Open chat sockets in total; more are closed with 1013 (try again later).' },
  { name: 'MAX_BUFFERED_BYTES', default: '1048576', meaning: 'Unsent bytes allowed to pile up for one slow socket before it is closed.' },
  { name: 'HEARTBEAT_MS', default: '30000', meaning: 'WebSocket ping interval; a socket that does not answer by the next ping is ended.' },
  { name: 'TOKEN_OFFLINE_TTL', default: '30m', meaning: 'A resume token dies after this long offline (e.g. 90s, 30m, 2h).' },
  { name: 'RESUME_WAIT_MS', default: '400', meaning: 'How long a new socket waits for a session.resume frame before greeting a new conversation.' },
  { name: 'CHECKIN_SWEEP_MS', default: '5000', meaning: 'How often the server looks for check-in deadlines that are due.' },
  {
    name: 'DIRECTLINE_SECRET',
    default: '',
    meaning: 'Turns on Direct Line 3.0 for Bot Framework Web Chat (docs/directline.md): the secret, 32+ characters. Unset: off.',
  },
  { name: 'SHUTDOWN_TIMEOUT_MS', default: '10000', meaning: 'On SIGTERM, how long to let messages in flight finish before closing the database.' },
  {
    name: 'RETENTION_DAYS',
    default: '30',
    meaning: 'Conversations with no activity for this many days are deleted with everything derived from them, except those under a safeguarding hold.',
  },
  { name: 'RETENTION_SWEEP_MS', default: '3600000', meaning: 'How often the retention job looks for conversations to delete.' },
];

/** Thrown at boot when configuration is invalid; the message lists every problem. */
export class ConfigError extends Error {
  readonly code = 'HARBOUR_ERR_CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Harbour cannot start: the configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the configuration from `env` (default `process.env`). Throws a
 * {@link ConfigError} naming every bad variable and what it allows.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}="${raw}" is not allowed: use a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return Number(raw);
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';
  const dataDir = read('DATA_DIR') ?? './data';

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    problems.push('DATABASE_URL is not allowed: use a postgres:// or postgresql:// URL, or leave it unset for the embedded database.');
  }

  const defaultPublicUrl = `http://127.0.0.1:${port}`;
  let publicUrl = read('PUBLIC_URL') ?? defaultPublicUrl;
  const publicOrigin = originOf(publicUrl);
  if (publicOrigin === null) {
    problems.push(`PUBLIC_URL="${publicUrl}" is not allowed: use an http:// or https:// address such as https://chat.example.org.`);
    publicUrl = defaultPublicUrl;
  } else {
    publicUrl = publicUrl.replace(/\/+$/, '');
  }

  let allowedOrigins: string[];
  const originsRaw = read('ALLOWED_ORIGINS');
  if (originsRaw === undefined) {
    allowedOrigins = [originOf(publicUrl) ?? defaultPublicUrl];
    if (read('PUBLIC_URL') === undefined) allowedOrigins.push(`http://localhost:${port}`);
  } else {
    allowedOrigins = [];
    for (const item of originsRaw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const origin = originOf(item);
      if (origin === null || origin !== item.replace(/\/$/, '')) {
        problems.push(
          `ALLOWED_ORIGINS has "${item}", which is not allowed: list exact origins like https://www.helpline.org (scheme, host and optional port; no path, no wildcard).`,
        );
      } else {
        allowedOrigins.push(origin);
      }
    }
    if (allowedOrigins.length === 0 && problems.length === 0) {
      problems.push('ALLOWED_ORIGINS is empty: list at least one origin, such as https://www.helpline.org.');
    }
  }

  const trustProxy = parseTrustProxy(read('TRUST_PROXY'), problems);

  const helplineName = read('HELPLINE_NAME') ?? 'Harbour';
  if (helplineName.length > 80) problems.push('HELPLINE_NAME is too long: use at most 80 characters.');

  const locale = read('LOCALE') ?? 'en-GB';
  if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale)) {
    problems.push(`LOCALE="${locale}" is not allowed: use a language tag such as en-GB or cy-GB.`);
  }
  const country = read('COUNTRY') ?? 'GB';
  if (!/^[A-Z]{2}$/.test(country)) {
    problems.push(`COUNTRY="${country}" is not allowed: use a two-letter capital code such as GB or IE.`);
  }

  const logLevelRaw = read('LOG_LEVEL') ?? 'info';
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL="${logLevelRaw}" is not allowed: use one of ${LOG_LEVELS.join(', ')}.`);

  const maxTextChars = int('MAX_TEXT_CHARS', 2000, 1, 20_000);
  const maxPayloadBytes = int('MAX_PAYLOAD_BYTES', 16_384, 1024, 1_048_576);
  // A message of the longest allowed text must fit in one frame (3 UTF-8 bytes per UTF-16 unit, plus the envelope).
  const neededPayload = maxTextChars * 3 + 1024;
  if (maxPayloadBytes < neededPayload) {
    problems.push(
      `MAX_PAYLOAD_BYTES=${maxPayloadBytes} is too small for MAX_TEXT_CHARS=${maxTextChars}: use at least ${neededPayload}, or lower MAX_TEXT_CHARS.`,
    );
  }

  const limits: Limits = {
    maxTextChars,
    maxPayloadBytes,
    messagesPerMinute: int('MESSAGES_PER_MINUTE', 30, 1, 10_000),
    maxConnectionsPerAddress: int('MAX_CONNECTIONS_PER_ADDRESS', 50, 1, 1_000_000),
    maxSockets: int('MAX_SOCKETS', 10_000, 1, 1_000_000),
    maxBufferedBytes: int('MAX_BUFFERED_BYTES', 1_048_576, 16_384, 1_073_741_824),
    heartbeatMs: int('HEARTBEAT_MS', 30_000, 1000, 600_000),
    tokenOfflineTtlMs: parseDuration('TOKEN_OFFLINE_TTL', read('TOKEN_OFFLINE_TTL'), 30 * 60_000, problems),
    resumeWaitMs: int('RESUME_WAIT_MS', 400, 0, 10_000),
    checkInSweepMs: int('CHECKIN_SWEEP_MS', 5000, 100, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    retentionDays: int('RETENTION_DAYS', 30, 1, 3650),
    retentionSweepMs: int('RETENTION_SWEEP_MS', 3_600_000, 60_000, 86_400_000),
  };

  const directlineSecret = read('DIRECTLINE_SECRET');
  if (directlineSecret !== undefined && !/^[\x21-\x7e]{32,512}$/.test(directlineSecret)) {
    problems.push(
      'DIRECTLINE_SECRET is not allowed: use 32 to 512 visible characters without spaces (e.g. `openssl rand -base64 48`), or leave it unset to turn Direct Line off.',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    dataDir,
    databaseUrl,
    allowedOrigins: Object.freeze([...new Set(allowedOrigins)]),
    publicUrl,
    trustProxy,
    helplineName,
    locale,
    country,
    logLevel,
    limits: Object.freeze(limits),
    ...(directlineSecret !== undefined ? { directlineSecret } : {}),
  });
}

/** The origin (`scheme://host[:port]`) of an http(s) URL, or null. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function parseTrustProxy(raw: string | undefined, problems: string[]): Config['trustProxy'] {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length > 0 && list.every((item) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item))) return list;
  problems.push(
    `TRUST_PROXY="${raw}" is not allowed: use false, true, a number of proxy hops, or comma-separated addresses/CIDRs such as 10.0.0.0/8.`,
  );
  return false;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseDuration(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(raw);
  const ms = match ? Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1000) : NaN;
  if (!Number.isFinite(ms) || ms < 1000 || ms > 7 * 24 * 3_600_000) {
    problems.push(`${name}="${raw}" is not allowed: use a duration from 1s to 168h, such as 90s, 30m or 2h (a bare number means seconds).`);
    return fallback;
  }
  return ms;
}
