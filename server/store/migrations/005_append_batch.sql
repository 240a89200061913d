-- harbour_append_batch(requests jsonb) → jsonb: the same requests and results as harbour_append
-- (migration 002), done set-based: one INSERT of every activity of the batch, one UPDATE of the
-- conversations, one snapshot upsert, instead of five statements per request. It needs each
-- conversation at most once per batch (the batcher never sends one twice); a batch that has one
-- twice goes to harbour_append, which runs requests one after another.
--
-- Two statements, on purpose: the first locks every conversation of the batch (FOR UPDATE, in id
-- order so two batches never deadlock); the second runs with a snapshot taken after the locks, so
-- the duplicate check sees any append of the same client id that committed while we waited.

CREATE FUNCTION harbour_append_batch(p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  ids     text[];
  results jsonb;
BEGIN
  SELECT array_agg(e->>'c') INTO ids FROM jsonb_array_elements(p_requests) AS e;
  IF cardinality(ids) IS DISTINCT FROM (SELECT count(DISTINCT id)::integer FROM unnest(ids) AS id) THEN
    RETURN harbour_append(p_requests);
  END IF;

  PERFORM 1 FROM conversations WHERE id = ANY (ids) ORDER BY id FOR UPDATE;

  WITH req AS (
    SELECT x.*, jsonb_array_length(x.a) AS n,
           (SELECT last_seq FROM conversations WHERE id = x.c) AS prev,
           (SELECT jsonb_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
              FROM activities WHERE conversation_id = x.c AND client_activity_id = x.k) AS dup
      FROM (SELECT r.ord, r.value->>'c' AS c, r.value->>'k' AS k, (r.value->>'t')::timestamptz AS t,
                   r.value->'a' AS a, r.value->'s' AS s, r.value ? 'd' AS has_d, (r.value->>'d')::timestamptz AS d
              FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, ord)) AS x
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
  snapshotted AS (
    INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
    SELECT ok.c, ok.prev + ok.n, COALESCE(ok.s->'v', 'null'::jsonb), ok.s->>'m', ok.s->>'cv', ok.t
      FROM ok
     WHERE ok.s IS NOT NULL
    ON CONFLICT (conversation_id) DO UPDATE
      SET seq = EXCLUDED.seq, snapshot = EXCLUDED.snapshot, machine_version = EXCLUDED.machine_version,
          content_version = EXCLUDED.content_version, created_at = EXCLUDED.created_at
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
