-- harbour_append(requests jsonb) → jsonb: applies many appends (possibly to many conversations)
-- in ONE statement, so one round trip and one commit serve a whole batch (group commit).
--
-- Each request: { "c": conversation id, "k": first client id or null, "t": now (ISO),
--   "a": [ { "k": client id or null, "a": activity } ... ],
--   "s": { "v": snapshot, "m": machine version, "cv": content version }   (optional)
--   "d": check-in due (ISO or null)                                       (optional; absent = keep) }
-- Each result, in order: { "st": "ok", "first": first seq } | { "st": "missing" }
--   | { "st": "dup", "row": { "seq", "k", "a", "t" } } (nothing written).
--
-- The conversation row is locked FOR UPDATE before the duplicate check, so two concurrent appends
-- of the same client id are serialised: the second sees the first's committed row.

CREATE FUNCTION harbour_append(p_requests jsonb) RETURNS jsonb
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

    n := jsonb_array_length(req->'a');
    IF n > 0 THEN
      INSERT INTO activities (conversation_id, seq, client_activity_id, activity, created_at)
      SELECT conv, prev + e.ord::integer, e.value->>'k', e.value->'a', at
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
