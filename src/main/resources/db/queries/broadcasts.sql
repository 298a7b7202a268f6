-- Admin broadcasts (V11): the job rows, their claims, and the batches that fan them out.

-- A second POST with the same (admin, Idempotency-Key) inserts nothing; the caller then reads the first.
-- name: insert
INSERT INTO broadcasts (id, created_by, idempotency_key, fingerprint, title, body, path, audience, target_role,
                        target_user_ids, status, cursor_user_id, recipients, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', '', 0, ?)
ON CONFLICT DO NOTHING;

-- name: find
SELECT * FROM broadcasts WHERE id = ?;

-- name: findByKey
SELECT * FROM broadcasts WHERE created_by = ? AND idempotency_key = ?;

-- Jobs to run: not done, and claimed by nobody (or by a node whose claim ran out), oldest first.
-- name: due
SELECT id FROM broadcasts
WHERE status <> 'done' AND (locked_until IS NULL OR locked_until < ?)
ORDER BY created_at, id
LIMIT ?;

-- One conditional update: of two nodes racing for a job, one updates nothing.
-- name: claim
UPDATE broadcasts SET status = 'running', claim_token = ?, locked_until = ?, started_at = COALESCE(started_at, ?)
WHERE id = ? AND status <> 'done' AND (locked_until IS NULL OR locked_until < ?);

-- The first write of a batch: moves the cursor past the batch and extends the claim, only for the claimant and
-- only from where it read the cursor; otherwise the batch is rolled back.
-- name: advance
UPDATE broadcasts SET cursor_user_id = ?, locked_until = ?
WHERE id = ? AND claim_token = ? AND cursor_user_id = ? AND status = 'running';

-- name: addRecipients
UPDATE broadcasts SET recipients = recipients + ? WHERE id = ?;

-- name: finish
UPDATE broadcasts SET status = 'done', finished_at = ?, claim_token = NULL, locked_until = NULL
WHERE id = ? AND claim_token = ? AND status = 'running';

-- A node stopping gives its claim up, so that the job goes on at once elsewhere (or after its restart).
-- name: release
UPDATE broadcasts SET claim_token = NULL, locked_until = NULL WHERE id = ? AND claim_token = ?;

-- name: reached
INSERT INTO broadcast_recipients (broadcast_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING;

-- The next batch of recipients after the cursor, enabled accounts only, in id order.
-- name: nextOfAll
SELECT id, email, name, locale FROM users WHERE disabled = FALSE AND id > ? ORDER BY id LIMIT ?;

-- name: nextOfRole
SELECT u.id, u.email, u.name, u.locale FROM users u JOIN user_roles r ON r.user_id = u.id
WHERE u.disabled = FALSE AND r.role = ? AND u.id > ?
ORDER BY u.id
LIMIT ?;

-- name: user
SELECT id, email, name, locale FROM users WHERE disabled = FALSE AND id = ?;
