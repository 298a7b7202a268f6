-- PostgreSQL forms of the statements in ../webhooks.sql, and one only PostgreSQL has.

-- Claims a batch in one statement, as the outbox does: rows another node is claiming are skipped, not waited for.
-- name: claimBatch
WITH claimed AS (
  UPDATE webhook_deliveries SET status = 'sending', locked_until = ?, attempts = attempts + 1, last_attempt_at = ?
  WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
               WHERE e.enabled = ? AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.locked_until < ?))
               ORDER BY d.next_attempt_at, d.id
               LIMIT ?
               FOR UPDATE OF d SKIP LOCKED)
  RETURNING *)
SELECT c.*, e.url, e.secret, e.previous_secret, e.previous_secret_until
FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id;
