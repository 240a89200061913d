/**
 * One-dimensional arrays in PostgreSQL's binary format (what `array_recv` reads), for `pg` and
 * PGlite, which send a Buffer (Uint8Array) parameter as binary. The statement must cast the parameter to the same array
 * type (`$1::text[]`, `$1::json[]`, …): the server checks that the element type written here is
 * the one it expects. Used by the columnar append (server/store/append-batcher.ts, migration 010).
 *
 * Layout: dimensions (int32), has-NULLs flag (int32), element type OID (int32), then for each
 * dimension its length and lower bound (int32 each), then each element as its byte length (int32,
 * -1 for NULL) followed by its bytes. An empty array has no dimensions.
 */

/** Element type OIDs (pg_type) of the arrays written here. */
export const PG_OID = { bool: 16, int4: 23, text: 25, json: 114, timestamptz: 1184 } as const;

/** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in Unix milliseconds. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/** Writes the header; returns where the first element goes. */
function writeHeader(out: Buffer, oid: number, count: number, hasNull: boolean): number {
  out.writeInt32BE(count === 0 ? 0 : 1, 0);
  out.writeInt32BE(hasNull ? 1 : 0, 4);
  out.writeInt32BE(oid, 8);
  if (count === 0) return 12;
  out.writeInt32BE(count, 12);
  out.writeInt32BE(1, 16);
  return 20;
}

const headerSize = (count: number): number => (count === 0 ? 12 : 20);

/**
 * An array of `text` or `json` elements: each string's UTF-8 bytes (json's binary form is its
 * text). The caller has refused strings PostgreSQL cannot keep (NUL, lone surrogates; see text.ts):
 * Buffer would silently turn a lone surrogate into U+FFFD.
 */
export function textArray(oid: typeof PG_OID.text | typeof PG_OID.json, values: readonly (string | null)[]): Buffer {
  const lengths = new Array<number>(values.length);
  let size = headerSize(values.length);
  let hasNull = false;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (value === null || value === undefined) {
      hasNull = true;
      lengths[index] = -1;
      size += 4;
    } else {
      const length = Buffer.byteLength(value, 'utf8');
      lengths[index] = length;
      size += 4 + length;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = writeHeader(out, oid, values.length, hasNull);
  for (let index = 0; index < values.length; index += 1) {
    const length = lengths[index] as number;
    out.writeInt32BE(length, at);
    at += 4;
    if (length > 0) at += out.write(values[index] as string, at, length, 'utf8');
  }
  return out;
}

/** Fixed-size elements, none NULL or some: `write` puts one value at `at`. */
function fixedArray<T>(oid: number, width: number, values: readonly T[], write: (out: Buffer, value: T, at: number) => void): Buffer {
  let nulls = 0;
  for (const value of values) if (value === null) nulls += 1;
  const out = Buffer.allocUnsafe(headerSize(values.length) + values.length * 4 + (values.length - nulls) * width);
  let at = writeHeader(out, oid, values.length, nulls > 0);
  for (const value of values) {
    if (value === null) {
      out.writeInt32BE(-1, at);
      at += 4;
    } else {
      out.writeInt32BE(width, at);
      write(out, value, at + 4);
      at += 4 + width;
    }
  }
  return out;
}

/** An `integer[]`; throws a RangeError for a value that is not a 32-bit integer. */
export function int4Array(values: readonly (number | null)[]): Buffer {
  return fixedArray(PG_OID.int4, 4, values, (out, value, at) => {
    if (!Number.isInteger(value)) throw new RangeError(`not a whole number: ${value}`);
    out.writeInt32BE(value as number, at);
  });
}

/** A `boolean[]`. */
export function boolArray(values: readonly (boolean | null)[]): Buffer {
  return fixedArray(PG_OID.bool, 1, values, (out, value, at) => {
    out[at] = value === true ? 1 : 0;
  });
}

/**
 * A `timestamptz[]` from Unix milliseconds (Date.getTime()): PostgreSQL keeps microseconds since
 * 2000-01-01 UTC, so every millisecond is kept exactly. Throws a RangeError for a value that is not
 * a whole number of milliseconds (an invalid Date gives NaN).
 */
export function timestamptzArray(values: readonly (number | null)[]): Buffer {
  return fixedArray(PG_OID.timestamptz, 8, values, (out, value, at) => {
    if (!Number.isInteger(value)) throw new RangeError(`not a time in whole milliseconds: ${value}`);
    out.writeBigInt64BE(BigInt((value as number) - PG_EPOCH_MS) * 1000n, at);
  });
}
