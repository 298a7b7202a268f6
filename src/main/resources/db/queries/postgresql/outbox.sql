-- PostgreSQL forms of the statements in ../outbox.sql, and one only PostgreSQL has.

-- Claims a batch in one statement: rows another node is claiming right now are skipped, not waited for, so
-- several nodes drain one outbox side by side and each row goes to exactly one of them. A claim that outlives
-- its node (locked_until passed) is taken over like a due row.
-- A query around the update, because the JDBC client asks the driver for generated keys on plain updates and
-- then reads no rows from a RETURNING.
-- name: claimBatch
WITH claimed AS (
  UPDATE outbox SET status = 'sending', locked_until = ?, attempts = attempts + 1
  WHERE id IN (SELECT id FROM outbox
               WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?)
               ORDER BY next_attempt_at, id
               LIMIT ?
               FOR UPDATE SKIP LOCKED)
  RETURNING *)
SELECT * FROM claimed;
