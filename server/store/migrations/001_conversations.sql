-- Conversations, every activity with its per-conversation seq, dialog snapshots, resume tokens.
-- Everything derived from a conversation references it ON DELETE CASCADE, so deleting the
-- conversation row deletes all of it (retention, "delete my chat").

CREATE TABLE conversations (
  id               text PRIMARY KEY,
  locale           text NOT NULL,
  created_at       timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  ended_at         timestamptz,
  end_reason       text,
  last_seq         integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  check_in_due_at  timestamptz
);
CREATE INDEX conversations_check_in_due_idx ON conversations (check_in_due_at)
  WHERE check_in_due_at IS NOT NULL;
CREATE INDEX conversations_last_activity_idx ON conversations (last_activity_at);

-- The activity is jsonb: PostgreSQL keeps every string value exactly (the child's words); only
-- key order and whitespace of the JSON text are not kept, which no one reads.
CREATE TABLE activities (
  conversation_id    text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq                integer NOT NULL CHECK (seq > 0),
  client_activity_id text,
  activity           jsonb NOT NULL,
  created_at         timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  -- NULLs are distinct, so only client-chosen ids (child messages) must be unique.
  CONSTRAINT activities_client_id_unique UNIQUE (conversation_id, client_activity_id)
);

-- The latest dialog snapshot per conversation, with the versions it was made with.
CREATE TABLE snapshots (
  conversation_id text PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  snapshot        jsonb NOT NULL,
  machine_version text NOT NULL,
  content_version text NOT NULL,
  created_at      timestamptz NOT NULL
);

-- Resume tokens: only a hash is stored.
CREATE TABLE resume_tokens (
  token_hash      text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  issued_at       timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz
);
CREATE INDEX resume_tokens_conversation_idx ON resume_tokens (conversation_id);
