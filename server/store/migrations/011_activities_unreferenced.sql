-- activities keeps no foreign key to conversations; a trigger deletes a conversation's activities
-- with it (issue #2, session 43; bench/HISTORY.md "Session 43, the PostgreSQL turn").
--
-- Why: the foreign key checked every inserted activities row with its own SPI query
-- (RI_FKey_check_ins: executor start, an index scan of conversations, a FOR KEY SHARE lock, end),
-- about 43,000 of the backend's 280,000 instructions an append (callgrind, the store bench's turn,
-- batches of 300). Nothing inserts into activities except harbour_append, harbour_append_batch and
-- harbour_append_cols, and each of them first locks the conversation row FOR UPDATE and writes
-- only for a conversation it found: that lock is stronger than the key-share lock the check took,
-- and it is held until commit, so the row the check looked for is always there.
--
-- What stays the same:
-- - Deleting a conversation deletes its activities, in the same statement's after-trigger phase,
--   as ON DELETE CASCADE did (the other tables keep their foreign keys). The trigger's DELETE runs
--   with a fresh snapshot, so it also removes the rows of an append that committed while the
--   conversation's delete waited for its lock; an append that comes after the delete finds no
--   conversation and writes nothing ("missing"), as before.
-- - TRUNCATE conversations CASCADE empties activities too (a TRUNCATE trigger).
-- - Reads, seqs, client ids and their uniqueness are unchanged: the primary key and the partial
--   unique index stay.
-- What differs: a hand-written INSERT INTO activities for a conversation that does not exist is no
-- longer refused by the database. Write activities through the append functions only.

ALTER TABLE activities DROP CONSTRAINT activities_conversation_id_fkey;

-- Statement-level, with the deleted rows as a transition table: the retention sweep deletes up to
-- a few hundred conversations in one statement, and their activities go in one DELETE.
CREATE FUNCTION harbour_delete_activities() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM activities a USING harbour_gone g WHERE a.conversation_id = g.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER conversations_delete_activities
  AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS harbour_gone
  FOR EACH STATEMENT EXECUTE FUNCTION harbour_delete_activities();

CREATE FUNCTION harbour_truncate_activities() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE activities;
  RETURN NULL;
END
$$;
CREATE TRIGGER conversations_truncate_activities
  AFTER TRUNCATE ON conversations
  FOR EACH STATEMENT EXECUTE FUNCTION harbour_truncate_activities();
