-- harbour_append_cols updates each conversation row by the ctid its lock read (issue #2, session 43;
-- bench/HISTORY.md "Session 43, the PostgreSQL turn").
--
-- The first statement locks the batch's conversation rows FOR UPDATE and reads last_seq; now it also
-- reads each row's ctid, and the UPDATE of conversations finds the rows by that ctid (a Tid Scan)
-- instead of descending conversations_pkey again. Safe: the rows stay locked by this transaction
-- from that statement to commit, so no one else can write a newer version, and this function writes
-- them once; a lock that waited for another transaction's update returns the newest version, whose
-- ctid it is (tests/store/activities-unreferenced-s43.test.ts runs that case). Should a locked row not
-- be found by its ctid anyway, the function raises an exception and nothing of the batch is written.
-- Callgrind, the store bench's turn, batches of 300: 220,200 -> 214,200 backend instructions an
-- append (-2.7%). Requests, results and everything written are unchanged.
CREATE OR REPLACE FUNCTION harbour_append_cols(
  p_c text[], p_k text[], p_t timestamptz[], p_n integer[], p_a json[], p_m json[],
  p_s json[], p_sm text[], p_scv text[], p_hd boolean[], p_d timestamptz[]
) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  size    integer := cardinality(p_c);
  locked  text[];
  prevs   integer[];
  tids    tid[];
  results json;
  updated_all boolean;
BEGIN
  IF cardinality(p_k) <> size OR cardinality(p_t) <> size OR cardinality(p_n) <> size OR cardinality(p_a) <> size
     OR cardinality(p_m) <> size OR cardinality(p_s) <> size OR cardinality(p_sm) <> size
     OR cardinality(p_scv) <> size OR cardinality(p_hd) <> size OR cardinality(p_d) <> size THEN
    RAISE EXCEPTION 'harbour_append_cols: the arrays differ in length';
  END IF;
  IF size <> (SELECT count(DISTINCT id)::integer FROM unnest(p_c) AS id) THEN
    RAISE EXCEPTION 'harbour_append_cols: a conversation appears twice in one batch';
  END IF;

  SELECT array_agg(l.id), array_agg(l.last_seq), array_agg(l.ctid) INTO locked, prevs, tids
    FROM (SELECT cv.id, cv.last_seq, cv.ctid
            FROM conversations cv
           WHERE cv.id IN (SELECT unnest(p_c))
           ORDER BY cv.id
             FOR UPDATE OF cv) AS l;

  WITH req AS (
    SELECT x.*, p.prev, p.tid,
           CASE WHEN x.k IS NOT NULL AND p.prev IS NOT NULL THEN
             (SELECT json_build_object('seq', seq, 'k', client_activity_id, 'a', activity, 't', created_at)
                FROM activities
               WHERE conversation_id = x.c AND client_activity_id = x.k)
           END AS dup
      FROM unnest(p_c, p_k, p_t, p_n, p_a, p_m, p_s, p_sm, p_scv, p_hd, p_d) WITH ORDINALITY
           AS x(c, k, t, n, a, m, s, sm, scv, hd, d, ord)
      LEFT JOIN unnest(locked, prevs, tids) AS p(c, prev, tid) ON p.c = x.c
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
     WHERE cv.ctid = ok.tid
    RETURNING 1
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
           ORDER BY ord),
         (SELECT count(*) FROM updated) = (SELECT count(*) FROM ok)
    INTO results, updated_all
    FROM req;
  IF NOT updated_all THEN
    RAISE EXCEPTION 'harbour_append_cols: a locked conversation row was not found by its ctid';
  END IF;
  RETURN COALESCE(results, '[]'::json);
END
$$;
