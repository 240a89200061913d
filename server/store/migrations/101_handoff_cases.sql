-- What the console needs about a chat handed to a person (engineer F): urgency, the findings with
-- their evidence spans, and the bot's summary. Kept so a case can be read after the chat ends and
-- after a restart; deleted with the conversation.
CREATE TABLE handoff_cases (
  conversation_id text PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  urgency         text NOT NULL CHECK (urgency IN ('immediate', 'high', 'normal')),
  reason          text NOT NULL,
  findings        jsonb NOT NULL,
  summary         jsonb NOT NULL,
  waiting_since   timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
