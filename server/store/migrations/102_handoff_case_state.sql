-- Where each handed-off case stands (engineer F), so the queue is rebuilt after a restart:
-- queued (waiting), live (a counsellor had it), closed (ended, or the child left).
ALTER TABLE handoff_cases ADD COLUMN state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'live', 'closed'));
ALTER TABLE handoff_cases ADD COLUMN returned_at timestamptz;
CREATE INDEX handoff_cases_open_idx ON handoff_cases (state) WHERE state <> 'closed';
