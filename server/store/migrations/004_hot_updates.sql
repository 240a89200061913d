-- Every append updates its conversation row (last_seq, last_activity_at) and upserts the snapshot.
-- Leave room on each page and keep last_activity_at unindexed so those updates can be HOT
-- (heap-only: no index entries written). The retention sweep, which reads last_activity_at,
-- runs rarely and scans the table instead.
DROP INDEX conversations_last_activity_idx;
ALTER TABLE conversations SET (fillfactor = 70);
ALTER TABLE snapshots SET (fillfactor = 50);
