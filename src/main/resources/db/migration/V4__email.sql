-- Email: single-use account tokens and the durable outbox the notify verticle drains.

-- Tokens sent by email (verify the email, reset the password, confirm a new email). The token itself is
-- HMAC(server key, id) and is never stored: only its SHA-256 hash, to look it up when it comes back.
CREATE TABLE account_tokens (
  id         VARCHAR(36)  NOT NULL PRIMARY KEY,
  token_hash VARCHAR(64)  NOT NULL,
  user_id    VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       VARCHAR(20)  NOT NULL,
  new_email  VARCHAR(254),
  created_at BIGINT       NOT NULL,
  expires_at BIGINT       NOT NULL,
  used_at    BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX account_tokens_hash_key ON account_tokens (token_hash);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, kind, created_at);

-- Messages to send, written in the same transaction as the change that causes them. Variables are
-- JSON and hold no secret: a link's token is derived again from the token id when the mail is sent.
-- status: pending -> sending -> sent, or back to pending with a later next_attempt_at, or dead after
-- the last attempt; held when no SMTP server is configured (logged, kept, and sent once one is).
CREATE TABLE outbox (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  channel         VARCHAR(20)  NOT NULL,
  recipient       VARCHAR(254) NOT NULL,
  user_id         VARCHAR(36),
  template        VARCHAR(60)  NOT NULL,
  locale          VARCHAR(10)  NOT NULL,
  variables       TEXT         NOT NULL,
  status          VARCHAR(10)  NOT NULL,
  attempts        INTEGER      NOT NULL DEFAULT 0,
  next_attempt_at BIGINT       NOT NULL,
  locked_until    BIGINT,
  last_error      VARCHAR(500),
  created_at      BIGINT       NOT NULL,
  sent_at         BIGINT
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created_idx ON outbox (created_at, id);
