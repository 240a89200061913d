-- One activities row per append instead of one per activity (issue #6, docs/storage.md).
--
-- A turn appends the child's message and the bot's replies together. Stored one row each, it cost
-- three heap tuples, three primary-key entries and three foreign-key checks (one SPI query each);
-- now it is one of each. A row holds a run of consecutive activities of one append:
--
--   seq                 the first activity's seq; the row covers seq .. seq + length(rest)
--   client_activity_id  the FIRST activity's client id (or NULL)
--   activity            the first activity, exactly as before
--   rest                the activities after it, in order, as a jsonb array; NULL when there are none
--
-- A run never holds a client id after its first activity: an append whose later activities carry
-- client ids is cut into several rows, each starting at one of them (the store does the cutting,
-- see server/store/sql-conversations.ts). So every client id stays the client_activity_id of
-- exactly one row, the row that starts with it, and the unique index on
-- (conversation_id, client_activity_id) keeps the same rule as before: a client id once per
-- conversation, a later activity's id colliding with a stored one fails the append (23505).
-- A duplicate check that finds the row finds the original activity (the row's first) and its seq.
--
-- Upgrading: existing rows are runs of one (rest IS NULL) and read back exactly as they were; adding
-- a nullable column without a default rewrites nothing, so this applies at once on a large table.
-- Readers: `after()` (server/store/sql-conversations.ts) expands the runs; nothing else reads the
-- table. Run every instance on the new code together: an older instance would read only the first
-- activity of each new row.
ALTER TABLE activities ADD COLUMN rest jsonb;

-- The request format of both functions (migration 002) changes only inside "a": each element is
-- now a run: { "k": client id of its first activity or null, "a": first activity,
-- "m": [later activities] (optional), "o": its first activity's offset in the append (optional,
-- default: its position, as when every element was one activity) }, and the request may say how
-- many activities it carries in "n" (default: the number of elements). A request in the old
-- format (one activity per element, no "m", "o" or "n") is still a valid request.
-- Results are unchanged.
CREATE OR REPLACE FUNCTION harbour_append(p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  req     jsonb;
  conv    text;
  prev    integer;
  n       integer;
  at      timestamptz;
  dup     jsonb;
  results jsonb := '[]'::jsonb;
BEGIN
  FOR req IN
    SELECT r.value FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, ord) ORDER BY r.ord
  LOOP
    conv := req->>'c';
    at := (req->>'t')::timestamptz;
    SELECT last_seq INTO prev FROM conversations WHERE id = conv FOR UPDATE;
    IF NOT FOUND THEN
      results := results || jsonb_build_array(jsonb_build_object('st', 'missing'));
      CONTINUE;
    END IF;

    IF req->>'k' IS NOT NULL THEN
      SELECT jsonb_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
        INTO dup
        FROM activities
       WHERE conversation_id = conv AND client_activity_id = req->>'k';
      IF FOUND THEN
        results := results || jsonb_build_array(jsonb_build_object('st', 'dup', 'row', dup));
        CONTINUE;
      END IF;
    END IF;

    n := COALESCE((req->>'n')::integer, jsonb_array_length(req->'a'));
    IF n > 0 THEN
      INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
      SELECT conv, prev + 1 + COALESCE((e.value->>'o')::integer, e.ord::integer - 1), e.value->>'k', e.value->'a',
             e.value->'m', at
        FROM jsonb_array_elements(req->'a') WITH ORDINALITY AS e(value, ord);
    END IF;

    UPDATE conversations
       SET last_seq = prev + n,
           last_activity_at = GREATEST(last_activity_at, at),
           check_in_due_at = CASE WHEN req ? 'd' THEN (req->>'d')::timestamptz ELSE check_in_due_at END
     WHERE id = conv;

    IF req ? 's' THEN
      INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
      VALUES (conv, prev + n, COALESCE(req->'s'->'v', 'null'::jsonb), req->'s'->>'m', req->'s'->>'cv', at)
      ON CONFLICT (conversation_id) DO UPDATE
        SET seq = EXCLUDED.seq, snapshot = EXCLUDED.snapshot, machine_version = EXCLUDED.machine_version,
            content_version = EXCLUDED.content_version, created_at = EXCLUDED.created_at;
    END IF;

    results := results || jsonb_build_array(jsonb_build_object('st', 'ok', 'first', prev + 1));
  END LOOP;
  RETURN results;
END
$$;

-- harbour_append_batch: migration 007's locking and statements, with the runs above.
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
    SELECT x.*, p.prev,
           CASE WHEN x.k IS NOT NULL AND p.prev IS NOT NULL THEN
             (SELECT jsonb_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
                FROM activities
               WHERE conversation_id = x.c AND client_activity_id = x.k)
           END AS dup
      FROM (SELECT r.ord, r.value->>'c' AS c, r.value->>'k' AS k, (r.value->>'t')::timestamptz AS t,
                   r.value->'a' AS a, COALESCE((r.value->>'n')::integer, jsonb_array_length(r.value->'a')) AS n,
                   r.value->'s' AS s, r.value ? 'd' AS has_d, (r.value->>'d')::timestamptz AS d
              FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, ord)) AS x
      LEFT JOIN unnest(locked, prevs) AS p(c, prev) ON p.c = x.c
  ),
  ok AS (SELECT * FROM req WHERE prev IS NOT NULL AND dup IS NULL),
  inserted AS (
    INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
    SELECT ok.c, ok.prev + 1 + COALESCE((e.value->>'o')::integer, e.ord::integer - 1), e.value->>'k', e.value->'a',
           e.value->'m', ok.t
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
