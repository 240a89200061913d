import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';
import { hashPassword } from '../../../server/auth/passwords.js';
import { ALWAYS_OPEN, type OpeningHours } from '../../../server/handoff/hours.js';
import type { WaitEstimator } from '../../../server/handoff/estimate.js';
import { LiveHandoffService } from '../../../server/handoff/service.js';
import { FALLBACK_WORDS } from '../../../server/handoff/words.js';
import consolePlugin, { type ConsolePluginOptions } from '../../../server/routes/console/index.js';
import { handoffCaseRepository } from '../../../server/store/console-cases.js';
import { consoleStore } from '../../../server/store/console-repositories.js';
import type { CounsellorRole } from '../../../server/store/console-types.js';
import { sqlDbOf } from '../../../server/store/index.js';
import type { Store } from '../../../server/store/types.js';
import { buildTestApp, type TestAppOptions } from '../../helpers/app.js';

/** The console's origin in tests: PUBLIC_URL's default. */
export const CONSOLE_ORIGIN = 'http://127.0.0.1:3000';
export const PASSWORD = 'a long enough passphrase';

/** A movable clock shared by the app, the handoff service and the console. */
export class TestClock {
  constructor(public ms = Date.parse('2026-05-04T10:00:00Z')) {}
  readonly now = (): Date => new Date(this.ms);
  readonly nowMs = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface ConsoleTestApp {
  readonly app: FastifyInstance;
  readonly handoff: LiveHandoffService;
  readonly clock: TestClock;
}

/** Harbour with the live handoff service and the console, on a shared test store. */
export async function buildConsoleApp(
  store: Store,
  options: {
    clock?: TestClock;
    hours?: OpeningHours;
    maxWaitSeconds?: number;
    estimator?: WaitEstimator;
    console?: Partial<ConsolePluginOptions>;
    app?: Partial<TestAppOptions>;
  } = {},
): Promise<ConsoleTestApp> {
  const clock = options.clock ?? new TestClock();
  const db = sqlDbOf(store);
  const repos = consoleStore(db);
  const handoff = new LiveHandoffService({
    now: clock.now,
    hours: options.hours ?? ALWAYS_OPEN,
    maxWaitSeconds: options.maxWaitSeconds ?? 900,
    ...(options.estimator ? { estimator: options.estimator } : {}),
    words: () => FALLBACK_WORDS,
    audit: repos.audit,
    participants: repos.participants,
    cases: handoffCaseRepository(db),
  });
  const app = await buildTestApp({
    store,
    handoff,
    now: clock.nowMs,
    ...options.app,
    extra: {
      plugins: [{ plugin: consolePlugin, options: { handoff, now: clock.now, sweepMs: 0, script: 'export {};', ...options.console } }],
      ...options.app?.extra,
    },
  });
  await app.ready();
  return { app, handoff, clock };
}

let counter = 0;

/** Creates an account with {@link PASSWORD}; returns its username. */
export async function addAccount(store: Store, role: CounsellorRole, firstName = role === 'supervisor' ? 'Ruth' : 'Sam'): Promise<string> {
  const username = `${firstName.toLowerCase()}${++counter}`;
  await consoleStore(sqlDbOf(store)).accounts.create({ username, firstName, role, passwordHash: await hashPassword(PASSWORD), now: new Date() });
  return username;
}

/** A signed-in console user: the cookie header and CSRF token to send. */
export interface Signed {
  readonly cookie: string;
  readonly csrf: string;
  readonly accountId: string;
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Signed> {
  const res = await app.inject({ method: 'POST', url: '/console/api/session', headers: { origin: CONSOLE_ORIGIN }, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0]!;
  const body = res.json<{ csrfToken: string; account: { id: string } }>();
  return { cookie, csrf: body.csrfToken, accountId: body.account.id };
}

/** An API call as a signed-in console would make it. */
export function call(
  app: FastifyInstance,
  who: Signed,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: { origin: CONSOLE_ORIGIN, cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': who.csrf }) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** A console socket for tests: records frames, waits for one matching (bounded, never a sleep). */
export class ConsoleClient {
  readonly frames: Record<string, unknown>[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private waiters: { match: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  next(match: (f: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const found = this.frames.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching console frame; got ${JSON.stringify(this.frames)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  /** Waits for a frame of a type, optionally one arriving after `from` frames. */
  type(type: string, from = 0, extra: (f: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    return this.next((f) => f['type'] === type && this.frames.indexOf(f) >= from && extra(f));
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
}

/** Opens the console socket in-process. */
export async function openConsole(app: FastifyInstance, who: Signed, origin = CONSOLE_ORIGIN): Promise<ConsoleClient> {
  let client: ConsoleClient | undefined;
  const ws = await app.injectWS('/console/socket', { headers: { origin, cookie: who.cookie } }, {
    onInit: (socket) => {
      client = new ConsoleClient(socket);
    },
  });
  return client ?? new ConsoleClient(ws);
}
