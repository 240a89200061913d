import type { WireActivity } from '../protocol/index.js';
import { boolArray, int4Array, PG_OID, textArray, timestamptzArray } from './pg-binary.js';
import type { SqlDb } from './sql-db.js';

/**
 * A run of consecutive activities of one append, stored as one row (migration 008): the first
 * activity `a` with its client id `k`, the later ones `m` (none carries a client id), and `o`, the
 * first one's offset in the append (absent for the first run: 0).
 */
export interface AppendRun {
  readonly k: string | null;
  readonly a: WireActivity;
  readonly m?: readonly WireActivity[];
  readonly o?: number;
}

/** One append as `harbour_append_batch` expects it (see migrations/002, 005, 008 and 009). */
export interface AppendRequest {
  readonly c: string;
  readonly k: string | null;
  readonly t: string;
  /** How many activities the runs hold. */
  readonly n: number;
  readonly a: readonly AppendRun[];
  readonly s?: { readonly v: unknown; readonly m: string; readonly cv: string };
  /** Present (true) when the check-in deadline is set, to `d` (null clears it); absent keeps it. */
  readonly hd?: true;
  readonly d?: string | null;
}

/**
 * One append of at most one run, its documents already JSON: a row of `harbour_append_cols`'s
 * arrays (migration 010). Times are Unix milliseconds.
 */
export interface AppendRow {
  readonly c: string;
  /** The first activity's client id. */
  readonly k: string | null;
  readonly t: number;
  readonly n: number;
  /** The first activity; null for an append of none. */
  readonly a: string | null;
  /** The later activities as a JSON array; null when there are none. */
  readonly m: string | null;
  /** The snapshot's value, its machine and content versions; all null without a snapshot. */
  readonly s: string | null;
  readonly sm: string | null;
  readonly scv: string | null;
  /** Whether to set the check-in deadline, to `d` (null clears it). */
  readonly hd: boolean;
  readonly d: number | null;
}

/** An append as the batcher takes it: a request serialised to JSON, or a row of the columnar function. */
export type EncodedAppend = string | AppendRow;

/**
 * The row as a request of `harbour_append_batch` (migration 009's format), for a batch that also
 * carries an append of several runs: the documents are spliced in as they are.
 */
export function requestJsonOf(row: AppendRow): string {
  const run = row.a === null ? '' : `{"k":${JSON.stringify(row.k)},"a":${row.a}${row.m === null ? '' : `,"m":${row.m}`}}`;
  const snapshot =
    row.sm === null ? '' : `,"s":{"v":${row.s ?? 'null'},"m":${JSON.stringify(row.sm)},"cv":${JSON.stringify(row.scv)}}`;
  const deadline = row.hd ? `,"hd":true,"d":${row.d === null ? 'null' : `"${new Date(row.d).toISOString()}"`}` : '';
  return `{"c":${JSON.stringify(row.c)},"k":${JSON.stringify(row.k)},"t":"${new Date(row.t).toISOString()}","n":${row.n},"a":[${run}]${snapshot}${deadline}}`;
}

/** The parameters of `harbour_append_cols` for these rows: eleven arrays in binary format. */
export function appendColumns(rows: readonly AppendRow[]): Buffer[] {
  return [
    textArray(PG_OID.text, rows.map((row) => row.c)),
    textArray(PG_OID.text, rows.map((row) => row.k)),
    timestamptzArray(rows.map((row) => row.t)),
    int4Array(rows.map((row) => row.n)),
    textArray(PG_OID.json, rows.map((row) => row.a)),
    textArray(PG_OID.json, rows.map((row) => row.m)),
    textArray(PG_OID.json, rows.map((row) => row.s)),
    textArray(PG_OID.text, rows.map((row) => row.sm)),
    textArray(PG_OID.text, rows.map((row) => row.scv)),
    boolArray(rows.map((row) => row.hd)),
    timestamptzArray(rows.map((row) => row.d)),
  ];
}

/** What `harbour_append_batch` says about one request. */
export type AppendOutcome =
  | { readonly st: 'ok'; readonly first: number }
  | { readonly st: 'missing' }
  | {
      readonly st: 'dup';
      readonly row: { readonly seq: number; readonly k: string | null; readonly a: WireActivity; readonly t: string };
    };

const SINGLE_SQL = 'SELECT harbour_append($1::text::json) AS r';
const BATCH_SQL = 'SELECT harbour_append_batch($1::text::json) AS r';
const COLUMNS_SQL =
  'SELECT harbour_append_cols($1::text[], $2::text[], $3::timestamptz[], $4::integer[], $5::json[], $6::json[], ' +
  '$7::json[], $8::text[], $9::text[], $10::boolean[], $11::timestamptz[]) AS r';

interface Item {
  readonly conversationId: string;
  readonly append: EncodedAppend;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The batch as one JSON array in UTF-8, for `pg`, which sends a Buffer parameter as is (binary
 * format; for `$1::text` that is the text's bytes). Each request's bytes are written straight into
 * one buffer: joining the requests into one string first cost more than the rest of the append's
 * work in this process (a ~150 kB string built, then measured and encoded again by `pg`; see
 * docs/storage.md). PGlite keeps the string: its parameters are copied to its worker thread.
 */
export function utf8JsonArray(batch: readonly { readonly json: string }[]): Buffer {
  let size = batch.length + 1; // "[", "]" and the commas between
  const lengths = batch.map((item) => Buffer.byteLength(item.json));
  for (const length of lengths) size += length;
  const out = Buffer.allocUnsafe(Math.max(2, size));
  let at = 0;
  out[at++] = 0x5b;
  batch.forEach((item, index) => {
    if (index > 0) out[at++] = 0x2c;
    at += out.write(item.json, at, lengths[index] as number, 'utf8');
  });
  out[at++] = 0x5d;
  return out;
}

/**
 * Most requests in one PostgreSQL statement: bounds the statement's size (~0.8 MB for 512 turns)
 * and how long one batch holds its conversations' row locks (reads take none). Each statement has
 * a fixed cost on both sides (executor set-up, commit and WAL flush in PostgreSQL; the protocol,
 * promises and result rows here), so fewer, fuller batches cost less per append: with 2 batches in
 * flight (DEFAULT_APPEND_CONCURRENCY), 512 against 128 with 4 in flight gave 19,400-19,800 turns/s
 * against 16,800-18,400 at 1,000 conversations, and 15,500 against 10,500 at 3,000, with less CPU
 * per turn in both processes (docs/storage.md, 3 Dec 2026).
 */
export const MAX_BATCH = 512;
/**
 * PGlite runs in a worker thread (server/store/pglite-worker.ts), so a batch no longer blocks the
 * server's event loop; each statement has a fixed cost (parse, plan, commit, the protocol in
 * JavaScript), so bigger batches cost the worker less CPU per append. 128: the worker runs one
 * statement at a time, so a batch keeps other statements (a resume's read) waiting for about 20 ms
 * at most under saturation.
 * See docs/storage.md for the measurements.
 */
export const MAX_BATCH_PGLITE = 128;

/**
 * Group commit: appends waiting while the database is busy go together in one statement
 * (`harbour_append_cols` when every append of the batch is one run at most, else
 * `harbour_append_batch`; one round trip, one WAL flush), up to `db.concurrency` batches
 * in flight. No timers: an append to an idle database goes at once; while batches are in flight, a
 * new one waits until it holds at least half their mean size or one of them commits (see #pump).
 * Appends to one conversation commit in call order, and a batch holds at most one append per
 * conversation (the set-based SQL needs that): a conversation's next append waits for the batch
 * carrying its previous one.
 */
export class AppendBatcher {
  #pending: Item[] = [];
  readonly #busy = new Set<string>();
  #active = 0;
  /** Appends in the batches in flight. */
  #inFlight = 0;
  #idle: (() => void)[] = [];
  readonly #db: SqlDb;
  readonly #maxBatch: number;
  #statements = 0;
  #appends = 0;

  constructor(db: SqlDb, maxBatch = db.driver === 'pglite' ? MAX_BATCH_PGLITE : MAX_BATCH) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  /**
   * Queues one request, already serialised to JSON or as a row of the columnar function; resolves
   * once committed.
   */
  submit(conversationId: string, append: EncodedAppend): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.#pending.push({ conversationId, append, resolve, reject });
      this.#pump();
    });
  }

  /** How many appends were committed by how many statements (appends / statements = batch size). */
  stats(): { readonly statements: number; readonly appends: number } {
    return { statements: this.#statements, appends: this.#appends };
  }

  /** Resolves when nothing is queued or in flight. */
  drain(): Promise<void> {
    if (this.#active === 0 && this.#pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#active < this.#db.concurrency && this.#pending.length > 0) {
      // While other batches are in flight, a batch waits until it has at least half their mean
      // size: their completion (or more appends) pumps again. Without this, a slot freed while the
      // others are busy carries the few appends that came back meanwhile, and with three or more
      // slots the batches split into many small ones, each paying a statement, a commit and a WAL
      // flush (session 34: 3 slots, 1,000 conversations, 72 appends a statement instead of 228).
      // With nothing in flight an append goes at once, as before.
      if (this.#active > 0 && this.#pending.length * 2 * this.#active < this.#inFlight) break;
      const batch: Item[] = [];
      const rest: Item[] = [];
      const taken = new Set<string>();
      const blocked = new Set<string>();
      for (const item of this.#pending) {
        const id = item.conversationId;
        if (batch.length < this.#maxBatch && !this.#busy.has(id) && !taken.has(id) && !blocked.has(id)) {
          batch.push(item);
          taken.add(id);
        } else {
          rest.push(item);
          blocked.add(id);
        }
      }
      if (batch.length === 0) break;
      this.#pending = rest;
      for (const id of taken) this.#busy.add(id);
      this.#active += 1;
      this.#inFlight += batch.length;
      void this.#run(batch).finally(() => {
        this.#active -= 1;
        this.#inFlight -= batch.length;
        for (const id of taken) this.#busy.delete(id);
        this.#pump();
        if (this.#active === 0 && this.#pending.length === 0) {
          for (const resolve of this.#idle.splice(0)) resolve();
        }
      });
    }
  }

  async #run(batch: readonly Item[]): Promise<void> {
    try {
      const outcomes = await this.#send(batch);
      batch.forEach((item, index) => item.resolve(outcomes[index] as AppendOutcome));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One bad request must not fail its neighbours: retry each alone, in order.
      for (const item of batch) {
        try {
          const [outcome] = await this.#send([item]);
          item.resolve(outcome as AppendOutcome);
        } catch (itemError) {
          item.reject(itemError);
        }
      }
    }
  }

  async #send(batch: readonly Item[]): Promise<AppendOutcome[]> {
    this.#statements += 1;
    this.#appends += batch.length;
    let rows: { r: AppendOutcome[] }[];
    if (batch.every((item) => typeof item.append !== 'string')) {
      // Every append one run at most (every turn): the columnar function (migration 010).
      rows = await this.#db.query(COLUMNS_SQL, appendColumns(batch.map((item) => item.append as AppendRow)));
    } else {
      // One request alone costs less in the per-request function (fewer statements); from two on,
      // the set-based one wins. Both give the same outcomes (tests/store/conversations.test.ts).
      const sql = batch.length === 1 ? SINGLE_SQL : BATCH_SQL;
      const jsons = batch.map((item) => ({ json: typeof item.append === 'string' ? item.append : requestJsonOf(item.append) }));
      const requests = this.#db.driver === 'postgres' ? utf8JsonArray(jsons) : `[${jsons.map((item) => item.json).join(',')}]`;
      rows = await this.#db.query(sql, [requests]);
    }
    const outcomes = rows[0]?.r;
    if (!Array.isArray(outcomes) || outcomes.length !== batch.length) {
      // Never put the outcome itself in the message: it may hold a child's words.
      throw new Error(`harbour_append returned no list of ${batch.length} outcomes`);
    }
    return outcomes;
  }
}
