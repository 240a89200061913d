import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../server/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts with no environment at all, on port 3000, with every limit explicit', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:3000'],
      trustProxy: false,
      locale: 'en-GB',
      country: 'GB',
      logLevel: 'info',
    });
    expect(config.limits).toEqual({
      maxTextChars: 2000,
      maxPayloadBytes: 16_384,
      messagesPerMinute: 30,
      maxConnectionsPerAddress: 50,
      maxSockets: 10_000,
      maxBufferedBytes: 1_048_576,
      heartbeatMs: 30_000,
      tokenOfflineTtlMs: 30 * 60_000,
      resumeWaitMs: 400,
      checkInSweepMs: 5000,
      shutdownTimeoutMs: 10_000,
      retentionDays: 30,
      retentionSweepMs: 3_600_000,
    });
  });

  it('reads every variable it documents, and only those', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(env);
    expect([...read].sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
    for (const variable of CONFIG_VARIABLES) expect(variable.meaning.length).toBeGreaterThan(10);
  });

  it('takes values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://chat.helpline.example/',
      ALLOWED_ORIGINS: 'https://www.helpline.example, https://helpline.example:8443',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      TOKEN_OFFLINE_TTL: '2h',
      MESSAGES_PER_MINUTE: '12',
      DATABASE_URL: 'postgres://app:app@127.0.0.1:5432/harbour',
    });
    expect(config.publicUrl).toBe('https://chat.helpline.example');
    expect(config.allowedOrigins).toEqual(['https://www.helpline.example', 'https://helpline.example:8443']);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.limits.tokenOfflineTtlMs).toBe(7_200_000);
    expect(config.limits.messagesPerMinute).toBe(12);
    expect(config.databaseUrl).toBe('postgres://app:app@127.0.0.1:5432/harbour');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example' }).allowedOrigins).toEqual(['https://chat.example']);
  });

  it('stops start-up naming each bad variable and what is allowed', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^PORT="abc" is not allowed: use a whole number from 0 to 65535\.$/],
      [{ PORT: '70000' }, /^PORT="70000" .*0 to 65535/],
      [{ ALLOWED_ORIGINS: 'https://helpline.example/chat' }, /^ALLOWED_ORIGINS has "https:\/\/helpline.example\/chat".*no path, no wildcard/],
      [{ ALLOWED_ORIGINS: '*' }, /^ALLOWED_ORIGINS has "\*"/],
      [{ ALLOWED_ORIGINS: ' , ' }, /^ALLOWED_ORIGINS is empty/],
      [{ PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL="ftp:\/\/x" is not allowed/],
      [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL is not allowed: use a postgres:\/\//],
      [{ TRUST_PROXY: 'yes please' }, /^TRUST_PROXY="yes please" is not allowed/],
      [{ LOCALE: 'english' }, /^LOCALE="english" is not allowed/],
      [{ COUNTRY: 'gb' }, /^COUNTRY="gb" is not allowed: use a two-letter capital code/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud" is not allowed: use one of fatal, error/],
      [{ MAX_TEXT_CHARS: '0' }, /^MAX_TEXT_CHARS="0" is not allowed: use a whole number from 1 to 20000\.$/],
      [{ MAX_PAYLOAD_BYTES: '100' }, /^MAX_PAYLOAD_BYTES="100" is not allowed/],
      [{ MAX_TEXT_CHARS: '10000', MAX_PAYLOAD_BYTES: '16384' }, /^MAX_PAYLOAD_BYTES=16384 is too small for MAX_TEXT_CHARS=10000: use at least 31024/],
      [{ MESSAGES_PER_MINUTE: '-1' }, /^MESSAGES_PER_MINUTE="-1"/],
      [{ MAX_CONNECTIONS_PER_ADDRESS: '0' }, /^MAX_CONNECTIONS_PER_ADDRESS="0"/],
      [{ MAX_SOCKETS: '1.5' }, /^MAX_SOCKETS="1.5"/],
      [{ MAX_BUFFERED_BYTES: '10' }, /^MAX_BUFFERED_BYTES="10"/],
      [{ HEARTBEAT_MS: '5' }, /^HEARTBEAT_MS="5" is not allowed: use a whole number from 1000/],
      [{ TOKEN_OFFLINE_TTL: 'forever' }, /^TOKEN_OFFLINE_TTL="forever" is not allowed: use a duration from 1s to 168h/],
      [{ TOKEN_OFFLINE_TTL: '500ms' }, /^TOKEN_OFFLINE_TTL="500ms"/],
      [{ RESUME_WAIT_MS: '99999' }, /^RESUME_WAIT_MS="99999"/],
      [{ CHECKIN_SWEEP_MS: '1' }, /^CHECKIN_SWEEP_MS="1"/],
      [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /^SHUTDOWN_TIMEOUT_MS="soon"/],
      [{ HELPLINE_NAME: 'x'.repeat(81) }, /^HELPLINE_NAME is too long/],
    ];
    for (const [env, message] of cases) {
      const problems = problemsOf(env);
      expect({ env, problems: problems.length }).toEqual({ env, problems: 1 });
      expect(problems[0]).toMatch(message);
    }
  });

  it('lists every problem at once, with the error code', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).code).toBe('HARBOUR_ERR_CONFIG_INVALID');
    expect((caught as ConfigError).message).toMatch(/2 problem\(s\):\n  - PORT="x".*\n  - LOG_LEVEL="y"/);
  });

  it('documents every variable in server/README.md and the README configuration table', () => {
    for (const file of ['../../server/README.md', '../../README.md']) {
      const readme = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const variable of CONFIG_VARIABLES) {
        const shown = variable.default === '' ? '(unset)' : `\`${variable.default}\``;
        expect(readme, file).toContain(`| \`${variable.name}\` | ${shown} |`);
      }
    }
  });
});
