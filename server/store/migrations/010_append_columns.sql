-- A columnar append (issue #2, session 35): the store sends a batch as parallel arrays in
-- PostgreSQL's binary format (server/store/pg-binary.ts) instead of one JSON document, to
-- PostgreSQL and PGlite alike. Counted with callgrind on the store bench's turns (session 35,
-- spd-pg), PostgreSQL's instructions an append: 428,900 with 008's jsonb batch, 293,500 with json
-- columns and this function. A batch holding an append of several runs (rare) goes to
-- harbour_append_batch (migration 009).
--
-- harbour_append_cols: the same append as harbour_append_batch, its requests as parallel arrays
-- (element i of every array is request i), which `pg` sends in PostgreSQL's binary format: no JSON
-- wrapper to parse and take apart, and each document is checked once by json's input function.
-- Each request holds at most one run (the store sends appends of several runs, rare, to
-- harbour_append_batch): p_a is its first activity (NULL for an append of none), p_m the later
-- ones as a json array (NULL when there are none), p_k the first activity's client id. A snapshot
-- is written when p_sm (its machine version) is not NULL; p_hd says whether to set the check-in
-- deadline to p_d. A conversation may appear once only (the store's batches never repeat one).
CREATE FUNCTION harbour_append_cols(
  p_c text[], p_k text[], p_t timestamptz[], p_n integer[], p_a json[], p_m json[],
  p_s json[], p_sm text[], p_scv text[], p_hd boolean[], p_d timestamptz[]
) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  size    integer := cardinality(p_c);
  locked  text[];
  prevs   integer[];
  results json;
BEGIN
  IF cardinality(p_k) <> size OR cardinality(p_t) <> size OR cardinality(p_n) <> size OR cardinality(p_a) <> size
     OR cardinality(p_m) <> size OR cardinality(p_s) <> size OR cardinality(p_sm) <> size
     OR cardinality(p_scv) <> size OR cardinality(p_hd) <> size OR cardinality(p_d) <> size THEN
    RAISE EXCEPTION 'harbour_append_cols: the arrays differ in length';
  END IF;
  IF size <> (SELECT count(DISTINCT id)::integer FROM unnest(p_c) AS id) THEN
    RAISE EXCEPTION 'harbour_append_cols: a conversation appears twice in one batch';
  END IF;

  SELECT array_agg(l.id), array_agg(l.last_seq) INTO locked, prevs
    FROM (SELECT cv.id, cv.last_seq
            FROM conversations cv
           WHERE cv.id IN (SELECT unnest(p_c))
           ORDER BY cv.id
             FOR UPDATE OF cv) AS l;

  WITH req AS (
    SELECT x.*, p.prev,
           CASE WHEN x.k IS NOT NULL AND p.prev IS NOT NULL THEN
             (SELECT json_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
                FROM activities
               WHERE conversation_id = x.c AND client_activity_id = x.k)
           END AS dup
      FROM unnest(p_c, p_k, p_t, p_n, p_a, p_m, p_s, p_sm, p_scv, p_hd, p_d) WITH ORDINALITY
           AS x(c, k, t, n, a, m, s, sm, scv, hd, d, ord)
      LEFT JOIN unnest(locked, prevs) AS p(c, prev) ON p.c = x.c
  ),
  ok AS (SELECT * FROM req WHERE prev IS NOT NULL AND dup IS NULL),
  inserted AS (
    INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
    SELECT ok.c, ok.prev + 1, ok.k, ok.a, ok.m, ok.t
      FROM ok
     WHERE ok.a IS NOT NULL
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
       SET seq = ok.prev + ok.n, snapshot = ok.s, machine_version = ok.sm, content_version = ok.scv,
           created_at = ok.t
      FROM ok
     WHERE sn.conversation_id = ok.c AND ok.sm IS NOT NULL
    RETURNING sn.conversation_id
  ),
  snapshot_inserted AS (
    INSERT INTO snapshots (conversation_id, seq, snapshot, machine_version, content_version, created_at)
    SELECT ok.c, ok.prev + ok.n, ok.s, ok.sm, ok.scv, ok.t
      FROM ok
     WHERE ok.sm IS NOT NULL AND ok.c NOT IN (SELECT conversation_id FROM snapshot_updated)
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
