-- The activities and the dialog snapshot are stored as json, not jsonb (issue #2, session 35).
--
-- Why: nothing in the database looks inside these documents; they are written by an append and read
-- back whole by `after()` and `latestSnapshot()`. jsonb_in cost about 110 instructions a byte in
-- PostgreSQL 15 (it builds and sorts a tree); json_in only checks the text (about a third of that).
-- Counted with callgrind on the store bench's turns: 428,900 instructions an append in the backend
-- before, 293,500 with json columns and migration 010's columnar function.
--
-- What a reader sees: the same values. The text is kept as written, so an object's keys come back
-- in the order they were written (jsonb gave them back sorted by length, then bytes), and no reader
-- depends on key order. Upgrading rewrites both tables once, under an exclusive lock; retention
-- keeps them to 30 days of conversations.
ALTER TABLE activities ALTER COLUMN activity TYPE json USING activity::json,
                       ALTER COLUMN rest TYPE json USING rest::json;
ALTER TABLE snapshots ALTER COLUMN snapshot TYPE json USING snapshot::json;

-- The jsonb functions go: an instance still running the code before this migration fails its
-- appends loudly (no function harbour_append_batch(jsonb)) instead of writing in an old format.
DROP FUNCTION harbour_append_batch(jsonb);
DROP FUNCTION harbour_append(jsonb);

-- harbour_append and harbour_append_batch take json. The request format is migration 008's, with one
-- change: the check-in deadline is set only when "hd" is true (then "d" is the deadline, or null
-- to clear it); without "hd" it is kept, whatever "d" says. json_to_recordset reads each request's
-- fields in one pass and keeps the json fields' text as written (json's -> would lex the whole
-- request again for every field it takes). Results are the same, as json.
CREATE FUNCTION harbour_append(p_requests json) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  req     record;
  prev    integer;
  n       integer;
  dup     json;
  results json[] := '{}';
BEGIN
  FOR req IN
    SELECT x.*, sv.v AS sv, sv.m AS sm, sv.cv AS scv
      FROM ROWS FROM (json_to_recordset(p_requests)
                      AS (c text, k text, t timestamptz, n integer, a json, s json, hd boolean, d timestamptz))
           WITH ORDINALITY AS x(c, k, t, n, a, s, hd, d, ord)
      LEFT JOIN LATERAL json_to_record(x.s) AS sv(v json, m text, cv text) ON true
     ORDER BY x.ord
  LOOP
    SELECT last_seq INTO prev FROM conversations WHERE id = req.c FOR UPDATE;
    IF NOT FOUND THEN
      results := results || json_build_object('st', 'missing');
      CONTINUE;
    END IF;

    IF req.k IS NOT NULL THEN
      SELECT json_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
        INTO dup
        FROM activities
       WHERE conversation_id = req.c AND client_activity_id = req.k;
      IF FOUND THEN
        results := results || json_build_object('st', 'dup', 'row', dup);
        CONTINUE;
      END IF;
    END IF;

    n := COALESCE(req.n, json_array_length(req.a));
    IF n > 0 THEN
      INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
      SELECT req.c, prev + 1 + COALESCE(e.o, e.ord::integer - 1), e.k, e.a, e.m, req.t
        FROM ROWS FROM (json_to_recordset(req.a) AS (k text, a json, m json, o integer)) WITH ORDINALITY
             AS e(k, a, m, o, ord);
    END IF;

    UPDATE conversations
       SET last_seq = prev + n,
           last_activity_at = GREATEST(last_activity_at, req.t),
           check_in_due_at = CASE WHEN req.hd THEN req.d ELSE check_in_due_at END
     WHERE id = req.c;

    IF req.s IS NOT NULL THEN
      INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
      VALUES (req.c, prev + n, COALESCE(req.sv, 'null'::json), req.sm, req.scv, req.t)
      ON CONFLICT (conversation_id) DO UPDATE
        SET seq = EXCLUDED.seq, snapshot = EXCLUDED.snapshot, machine_version = EXCLUDED.machine_version,
            content_version = EXCLUDED.content_version, created_at = EXCLUDED.created_at;
    END IF;

    results := results || json_build_object('st', 'ok', 'first', prev + 1);
  END LOOP;
  RETURN array_to_json(results);
END
$$;

-- harbour_append_batch: migration 007's locking and statements (see there), over json.
CREATE FUNCTION harbour_append_batch(p_requests json) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  ids     text[];
  locked  text[];
  prevs   integer[];
  results json;
BEGIN
  SELECT array_agg(e.c) INTO ids FROM json_to_recordset(p_requests) AS e(c text);
  IF cardinality(ids) IS DISTINCT FROM (SELECT count(DISTINCT id)::integer FROM unnest(ids) AS id) THEN
    RETURN harbour_append(p_requests);
  END IF;

  SELECT array_agg(l.id), array_agg(l.last_seq) INTO locked, prevs
    FROM (SELECT cv.id, cv.last_seq
            FROM conversations cv
           WHERE cv.id IN (SELECT unnest(ids))
           ORDER BY cv.id
             FOR UPDATE OF cv) AS l;

  WITH req AS (
    SELECT x.c, x.k, x.t, COALESCE(x.n, json_array_length(x.a)) AS n, x.a, x.s, x.hd, x.d, x.ord,
           sv.v AS sv, sv.m AS sm, sv.cv AS scv, p.prev,
           CASE WHEN x.k IS NOT NULL AND p.prev IS NOT NULL THEN
             (SELECT json_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
                FROM activities
               WHERE conversation_id = x.c AND client_activity_id = x.k)
           END AS dup
      FROM ROWS FROM (json_to_recordset(p_requests)
                      AS (c text, k text, t timestamptz, n integer, a json, s json, hd boolean, d timestamptz))
           WITH ORDINALITY AS x(c, k, t, n, a, s, hd, d, ord)
      LEFT JOIN LATERAL json_to_record(x.s) AS sv(v json, m text, cv text) ON true
      LEFT JOIN unnest(locked, prevs) AS p(c, prev) ON p.c = x.c
  ),
  ok AS (SELECT * FROM req WHERE prev IS NOT NULL AND dup IS NULL),
  inserted AS (
    INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
    SELECT ok.c, ok.prev + 1 + COALESCE(e.o, e.ord::integer - 1), e.k, e.a, e.m, ok.t
      FROM ok, ROWS FROM (json_to_recordset(ok.a) AS (k text, a json, m json, o integer)) WITH ORDINALITY
                AS e(k, a, m, o, ord)
     WHERE ok.n > 0
  ),
  updated AS (
    UPDATE conversations cv
       SET last_seq = ok.prev + ok.n,
           last_activity_at = GREATEST(cv.last_activity_at, ok.t),
           check_in_due_at = CASE WHEN ok.hd THEN ok.d ELSE cv.check_in_due_at END
      FROM ok
     WHERE cv.id = ok.c
  ),
  snapshot_updated AS (
    UPDATE snapshots sn
       SET seq = ok.prev + ok.n, snapshot = COALESCE(ok.sv, 'null'::json), machine_version = ok.sm,
           content_version = ok.scv, created_at = ok.t
      FROM ok
     WHERE sn.conversation_id = ok.c AND ok.s IS NOT NULL
    RETURNING sn.conversation_id
  ),
  snapshot_inserted AS (
    INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
    SELECT ok.c, ok.prev + ok.n, COALESCE(ok.sv, 'null'::json), ok.sm, ok.scv, ok.t
      FROM ok
     WHERE ok.s IS NOT NULL AND ok.c NOT IN (SELECT conversation_id FROM snapshot_updated)
  )
  SELECT json_agg(
           CASE WHEN prev IS NULL THEN '{"st":"missing"}'::json
                WHEN dup IS NOT NULL THEN json_build_object('st', 'dup', 'row', dup)
                ELSE json_build_object('st', 'ok', 'first', prev + 1) END
           ORDER BY ord)
    INTO results
    FROM req;
  RETURN COALESCE(results, '[]'::json);
END
$$;
