-- Used Direct Line stream tickets (the one-use `t=` in a streamUrl), in the database rather than in
-- one process's memory, so a ticket used on one instance is refused on every other. Rows are kept
-- only until the ticket expires (a minute by default); `claim` sweeps expired rows as it goes.
-- The nonce is a random id from inside the encrypted ticket: it grants nothing on its own.
CREATE TABLE stream_tickets_used (
  nonce           text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX stream_tickets_used_expires_idx ON stream_tickets_used (expires_at);
CREATE INDEX stream_tickets_used_conversation_idx ON stream_tickets_used (conversation_id);
