-- Safeguarding holds: a conversation with an unreleased hold is never deleted, neither by the
-- retention job nor by the child's "delete my chat". The console (engineer F) places and releases them.
CREATE TABLE holds (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  placed_by       text NOT NULL,
  reason          text NOT NULL,
  placed_at       timestamptz NOT NULL,
  released_at     timestamptz
);
CREATE INDEX holds_active_idx ON holds (conversation_id) WHERE released_at IS NULL;
