-- The counsellor console (engineer F): accounts, console sessions, who took part in which chat,
-- the audit log, case notes, referrals and detector feedback. Everything that holds words about
-- a conversation references it ON DELETE CASCADE, so retention deletes it with the conversation.
-- The audit log keeps no message text, only who did what and when, and outlives the conversation.

CREATE TABLE counsellor_accounts (
  id              text PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  first_name      text NOT NULL,
  role            text NOT NULL CHECK (role IN ('counsellor', 'supervisor')),
  password_hash   text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL
);

-- Only a SHA-256 of the cookie value is stored.
CREATE TABLE console_sessions (
  id_hash      text PRIMARY KEY,
  account_id   text NOT NULL REFERENCES counsellor_accounts (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at     timestamptz,
  end_reason   text
);
CREATE INDEX console_sessions_account_idx ON console_sessions (account_id);

CREATE TABLE chat_participants (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  account_id      text NOT NULL REFERENCES counsellor_accounts (id) ON DELETE CASCADE,
  how             text NOT NULL CHECK (how IN ('accept', 'join', 'transfer')),
  at              timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, account_id, how)
);

CREATE TABLE console_audit (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL,
  actor_id        text,
  action          text NOT NULL,
  conversation_id text,
  detail          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX console_audit_conversation_idx ON console_audit (conversation_id);

CREATE TABLE case_notes (
  id              text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  author_id       text NOT NULL,
  text            text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX case_notes_conversation_idx ON case_notes (conversation_id);

CREATE TABLE referrals (
  id              text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  author_id       text NOT NULL,
  to_whom         text NOT NULL,
  why             text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX referrals_conversation_idx ON referrals (conversation_id);

-- Counsellors' marks on the detector, for content editors to tune against. The message text is
-- the child's exact words, so it goes when the conversation goes.
CREATE TABLE detector_feedback (
  id               text PRIMARY KEY,
  conversation_id  text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  author_id        text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('false_alarm', 'missed')),
  seq              integer NOT NULL,
  rule             text,
  category         text,
  detector_version text,
  message_text     text NOT NULL,
  comment          text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL
);
