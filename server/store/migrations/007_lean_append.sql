-- Less work per append, measured in bench/store.ts with PostgreSQL (see docs/storage.md):
--
-- 1. The unique index on client ids holds only activities that have one (the child's messages).
--    A full UNIQUE constraint also indexed every bot reply under a NULL key, which no lookup ever
--    reads and which NULLs never conflict on: two of the three index entries a turn wrote there were
--    dead weight. Same name, same rule for client ids; the duplicate checks
--    (`client_activity_id = <id>`) imply IS NOT NULL, so they use the partial index.
ALTER TABLE activities DROP CONSTRAINT activities_client_id_unique;
CREATE UNIQUE INDEX activities_client_id_unique ON activities (conversation_id, client_activity_id)
  WHERE client_activity_id IS NOT NULL;

-- 2. harbour_append_batch: the same requests, results and locking as in migration 005, with fewer
--    passes over the conversations:
--    - the locking statement reads last_seq from the rows it locks (one pass) and finds them through
--      the primary key. 005's `id = ANY (ids)` was planned as a sequential scan comparing every row
--      with every id of the batch while the table is small (1,000 conversations: 125 x 1,000
--      comparisons per batch, about 8% of the backend's CPU in a perf profile);
--    - the second statement takes each request's previous seq from what the lock read, instead of
--      looking the conversation up again per request. Safe: the rows stay locked by this
--      transaction until it commits, so last_seq cannot change in between;
--    - the duplicate check runs only for requests that carry a client id;
--    - the snapshot is written by a plain UPDATE where the conversation already has one, and INSERTed
--      otherwise. 005's INSERT … ON CONFLICT DO UPDATE first tried an insertion, then locked the
--      existing row (one more WAL record per append) before updating it. No other writer can add a
--      snapshot for these conversations meanwhile: every snapshot write happens in harbour_append or
--      here, with the conversation row locked first.
CREATE OR REPLACE FUNCTION harbour_append_batch(p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  ids     text[];
  locked  text[];
  prevs   integer[];
  results jsonb;
BEGIN
  SELECT array_agg(e->>'c') INTO ids FROM jsonb_array_elements(p_requests) AS e;
  IF cardinality(ids) IS DISTINCT FROM (SELECT count(DISTINCT id)::integer FROM unnest(ids) AS id) THEN
    RETURN harbour_append(p_requests);
  END IF;

  -- Lock every conversation of the batch in id order (two batches never deadlock), reading the
  -- last seq as locked. A conversation that does not exist is simply absent from `locked`.
  SELECT array_agg(l.id), array_agg(l.last_seq) INTO locked, prevs
    FROM (SELECT cv.id, cv.last_seq
            FROM conversations cv
           WHERE cv.id IN (SELECT unnest(ids))
           ORDER BY cv.id
             FOR UPDATE OF cv) AS l;

  -- A new statement, so a new snapshot: the duplicate check sees an append of the same client id
  -- that committed while we waited for the locks.
  WITH req AS (
    SELECT x.*, jsonb_array_length(x.a) AS n, p.prev,
           CASE WHEN x.k IS NOT NULL AND p.prev IS NOT NULL THEN
             (SELECT jsonb_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
                FROM activities
               WHERE conversation_id = x.c AND client_activity_id = x.k)
           END AS dup
      FROM (SELECT r.ord, r.value->>'c' AS c, r.value->>'k' AS k, (r.value->>'t')::timestamptz AS t,
                   r.value->'a' AS a, r.value->'s' AS s, r.value ? 'd' AS has_d, (r.value->>'d')::timestamptz AS d
              FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, ord)) AS x
      LEFT JOIN unnest(locked, prevs) AS p(c, prev) ON p.c = x.c
  ),
  ok AS (SELECT * FROM req WHERE prev IS NOT NULL AND dup IS NULL),
  inserted AS (
    INSERT INTO activities (conversation_id, seq, client_activity_id, activity, created_at)
    SELECT ok.c, ok.prev + e.ord::integer, e.value->>'k', e.value->'a', ok.t
      FROM ok, jsonb_array_elements(ok.a) WITH ORDINALITY AS e(value, ord)
  ),
  updated AS (
    UPDATE conversations cv
       SET last_seq = ok.prev + ok.n,
           last_activity_at = GREATEST(cv.last_activity_at, ok.t),
           check_in_due_at = CASE WHEN ok.has_d THEN ok.d ELSE cv.check_in_due_at END
      FROM ok
     WHERE cv.id = ok.c
  ),
  snapshot_updated AS (
    UPDATE snapshots sn
       SET seq = ok.prev + ok.n, snapshot = COALESCE(ok.s->'v', 'null'::jsonb), machine_version = ok.s->>'m',
           content_version = ok.s->>'cv', created_at = ok.t
      FROM ok
     WHERE sn.conversation_id = ok.c AND ok.s IS NOT NULL
    RETURNING sn.conversation_id
  ),
  snapshot_inserted AS (
    INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
    SELECT ok.c, ok.prev + ok.n, COALESCE(ok.s->'v', 'null'::jsonb), ok.s->>'m', ok.s->>'cv', ok.t
      FROM ok
     WHERE ok.s IS NOT NULL AND ok.c NOT IN (SELECT conversation_id FROM snapshot_updated)
  )
  SELECT jsonb_agg(
           CASE WHEN prev IS NULL THEN '{"st":"missing"}'::jsonb
                WHEN dup IS NOT NULL THEN jsonb_build_object('st', 'dup', 'row', dup)
                ELSE jsonb_build_object('st', 'ok', 'first', prev + 1) END
           ORDER BY ord)
    INTO results
    FROM req;
  RETURN COALESCE(results, '[]'::jsonb);
END
$$;
