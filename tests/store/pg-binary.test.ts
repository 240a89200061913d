import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { appendColumns, requestJsonOf, type AppendRow } from '../../server/store/append-batcher.js';
import { boolArray, int4Array, PG_OID, textArray, timestamptzArray } from '../../server/store/pg-binary.js';
import { startPostgres, type PrivatePostgres } from '../helpers/postgres.js';

// The columnar append sends its arrays in PostgreSQL's binary format. These tests send each kind
// of array to a real PostgreSQL and read back what the server understood.

const WORDS = ['he said dont tell 😢', 'Mae ŵyn yn y cae, ŷd a ŵy', 'مرحبا', 'e\u0301 👩‍👧 𝒳', '', '  spaces  '];

describe('binary arrays for PostgreSQL', () => {
  let postgres: PrivatePostgres;
  let client: pg.Client;
  beforeAll(async () => {
    postgres = await startPostgres();
    client = new pg.Client({ connectionString: postgres.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await postgres?.stop();
  });
  const back = async (sql: string, value: Buffer): Promise<unknown> => (await client.query(sql, [value])).rows[0]?.v;

  it('keeps every character of text, NULLs in place, and empty arrays', async () => {
    expect(await back('SELECT $1::text[] AS v', textArray(PG_OID.text, WORDS))).toEqual(WORDS);
    expect(await back('SELECT $1::text[] AS v', textArray(PG_OID.text, [null, 'ŵ', null]))).toEqual([null, 'ŵ', null]);
    expect(await back('SELECT $1::text[] AS v', textArray(PG_OID.text, [null]))).toEqual([null]);
    expect(await back('SELECT $1::text[] AS v', textArray(PG_OID.text, []))).toEqual([]);
    expect(await back('SELECT cardinality($1::text[]) AS v', textArray(PG_OID.text, []))).toBe(0);
    // Lengths are bytes, not UTF-16 units: the element after a 4-byte character is intact.
    expect(await back('SELECT octet_length(($1::text[])[1]) AS v', textArray(PG_OID.text, ['😢ŵ', 'x']))).toBe(6);
    expect(await back('SELECT ($1::text[])[2] AS v', textArray(PG_OID.text, ['😢ŵ', 'x']))).toBe('x');
  });

  it('keeps json text exactly as written, key order and spacing included, and the server checks it', async () => {
    const documents = [JSON.stringify({ text: WORDS[1], from: { role: 'user', id: 'c' }, a: 1 }), '{ "z" : [1, 2],  "a" : null }', '"😢"', null];
    expect(await back('SELECT array_to_json($1::json[])::text AS v', textArray(PG_OID.json, documents))).toBe(
      `[${documents.map((d) => d ?? 'null').join(',')}]`,
    );
    expect(await back('SELECT cardinality($1::json[]) AS v', textArray(PG_OID.json, []))).toBe(0);
    await expect(back('SELECT $1::json[] AS v', textArray(PG_OID.json, ['{"text": "unfinished'])))
      .rejects.toThrow(/invalid input syntax for type json/);
    // The element type written must be the one the statement casts to.
    await expect(back('SELECT $1::json[] AS v', textArray(PG_OID.text, ['{}']))).rejects.toThrow(/element type 25 \(text\) instead of expected 114 \(json\)/);
  });

  it('keeps timestamps to the millisecond, before and after 2000, with NULLs', async () => {
    const times = ['2026-12-06T19:30:15.123Z', '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00.000Z', '2038-01-19T03:14:08.001Z'].map(Date.parse);
    const read = (await back('SELECT $1::timestamptz[] AS v', timestamptzArray([...times, null]))) as (Date | null)[];
    expect(read.map((date) => date?.toISOString() ?? null)).toEqual([...times.map((t) => new Date(t).toISOString()), null]);
    expect(await back("SELECT to_char(($1::timestamptz[])[1] AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS v", timestamptzArray(times))).toBe(
      '2026-12-06 19:30:15.123000',
    );
    expect(await back('SELECT cardinality($1::timestamptz[]) AS v', timestamptzArray([]))).toBe(0);
    expect(() => timestamptzArray([Number.NaN])).toThrow(RangeError);
  });

  it('sends whole numbers and booleans, with NULLs', async () => {
    expect(await back('SELECT $1::integer[] AS v', int4Array([0, 3, -7, 2_147_483_647, null]))).toEqual([0, 3, -7, 2_147_483_647, null]);
    expect(await back('SELECT $1::boolean[] AS v', boolArray([true, false, null]))).toEqual([true, false, null]);
    expect(await back('SELECT cardinality($1::integer[]) AS v', int4Array([]))).toBe(0);
    expect(await back('SELECT cardinality($1::boolean[]) AS v', boolArray([]))).toBe(0);
    expect(() => int4Array([1.5])).toThrow(RangeError);
  });

  it("gives harbour_append_cols's eleven arrays, one element per append, in order", async () => {
    const rows: AppendRow[] = [
      { c: 'a', k: 'm1', t: Date.parse('2026-01-05T09:00:00.001Z'), n: 3, a: '{"text":"😢"}', m: '[{"text":"x"},{}]', s: '{"v":1}', sm: 'child@1', scv: 'cy-GB@1', hd: true, d: null },
      { c: 'b', k: null, t: Date.parse('2026-01-05T09:00:00.002Z'), n: 0, a: null, m: null, s: null, sm: null, scv: null, hd: false, d: null },
    ];
    const result = await client.query(
      `SELECT $1::text[] AS c, $2::text[] AS k, $3::timestamptz[] AS t, $4::integer[] AS n, array_to_json($5::json[])::text AS a,
              array_to_json($6::json[])::text AS m, array_to_json($7::json[])::text AS s, $8::text[] AS sm, $9::text[] AS scv,
              $10::boolean[] AS hd, $11::timestamptz[] AS d`,
      appendColumns(rows),
    );
    expect(result.rows[0]).toEqual({
      c: ['a', 'b'],
      k: ['m1', null],
      t: [new Date('2026-01-05T09:00:00.001Z'), new Date('2026-01-05T09:00:00.002Z')],
      n: [3, 0],
      a: '[{"text":"😢"},null]',
      m: '[[{"text":"x"},{}],null]',
      s: '[{"v":1},null]',
      sm: ['child@1', null],
      scv: ['cy-GB@1', null],
      hd: [true, false],
      d: [null, null],
    });
  });
});

describe('requestJsonOf', () => {
  it("writes a row as harbour_append_batch's request, documents spliced in unchanged", () => {
    const turn: AppendRow = {
      c: 'conv "1"', k: 'm1', t: Date.parse('2026-01-05T09:00:00.001Z'), n: 2, a: '{"text":"ŵ 😢","type":"message"}', m: '[{"text":"ok"}]',
      s: '{"value":"x"}', sm: 'child@1', scv: 'en-GB@1', hd: true, d: Date.parse('2026-01-05T10:00:00.000Z'),
    };
    expect(JSON.parse(requestJsonOf(turn))).toEqual({
      c: 'conv "1"', k: 'm1', t: '2026-01-05T09:00:00.001Z', n: 2,
      a: [{ k: 'm1', a: { text: 'ŵ 😢', type: 'message' }, m: [{ text: 'ok' }] }],
      s: { v: { value: 'x' }, m: 'child@1', cv: 'en-GB@1' }, hd: true, d: '2026-01-05T10:00:00.000Z',
    });
    expect(requestJsonOf(turn)).toContain('"a":{"text":"ŵ 😢","type":"message"}');
    const empty: AppendRow = { ...turn, k: null, n: 0, a: null, m: null, s: null, sm: null, scv: null, hd: true, d: null };
    expect(JSON.parse(requestJsonOf(empty))).toEqual({ c: 'conv "1"', k: null, t: '2026-01-05T09:00:00.001Z', n: 0, a: [], hd: true, d: null });
    expect(JSON.parse(requestJsonOf({ ...empty, hd: false }))).toEqual({ c: 'conv "1"', k: null, t: '2026-01-05T09:00:00.001Z', n: 0, a: [] });
  });
});
