-- Admin broadcasts: an admin's message to some accounts, a role or everyone is one job row, answered at once;
-- the notify verticle fans it out in small transactions (a batch of users each), so that no transaction holds
-- the database (SQLite's only write lock) for the whole audience. Portable SQL: SQLite and PostgreSQL.
CREATE TABLE broadcasts (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  -- The admin who sent it (NULL for the server's own, such as the demo's welcome).
  created_by      VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
  -- The client's Idempotency-Key: a retried POST with the same key answers this job instead of making another.
  idempotency_key VARCHAR(255),
  -- SHA-256 of the message, so that a key reused for another message is told apart from a retry.
  fingerprint     VARCHAR(64)  NOT NULL,
  title           VARCHAR(200) NOT NULL,
  body            VARCHAR(1000) NOT NULL,
  path            VARCHAR(500) NOT NULL,
  -- users (target_user_ids, a JSON array of at most 100 ids), role (target_role) or all.
  audience        VARCHAR(10)  NOT NULL,
  target_role     VARCHAR(20),
  target_user_ids TEXT,
  -- queued, running, done.
  status          VARCHAR(10)  NOT NULL,
  -- Users are reached in id order; this is the last id a committed batch covered ('' before the first), so a
  -- job taken over after a crash starts after it.
  cursor_user_id  VARCHAR(36)  NOT NULL,
  recipients      INTEGER      NOT NULL,
  -- The claim: one node runs a job at a time, under a token of its own, until locked_until (extended by every
  -- batch); a node that dies leaves the job to the others when it runs out.
  claim_token     VARCHAR(36),
  locked_until    BIGINT,
  created_at      BIGINT       NOT NULL,
  started_at      BIGINT,
  finished_at     BIGINT
);
-- NULLs are distinct in a unique index on both databases: messages without a key never collide.
CREATE UNIQUE INDEX broadcasts_idempotency_key ON broadcasts (created_by, idempotency_key);
CREATE INDEX broadcasts_due_idx ON broadcasts (status, created_at, id);

-- Who a broadcast reached: the notice is written only when this row is new, so nobody gets one twice, whatever
-- a crash or a late claimant does.
CREATE TABLE broadcast_recipients (
  broadcast_id VARCHAR(36) NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
  user_id      VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (broadcast_id, user_id)
);
