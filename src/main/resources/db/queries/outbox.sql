-- name: insert
INSERT INTO outbox (id, channel, recipient, user_id, template, locale, variables, status, attempts, next_attempt_at, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?);

-- Rows that are due: pending ones whose time has come, and sending ones whose claim expired (a node died
-- mid-send).
-- name: due
SELECT id FROM outbox
WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?)
ORDER BY next_attempt_at, id
LIMIT ?;

-- name: claim
UPDATE outbox SET status = 'sending', locked_until = ?, attempts = attempts + 1
WHERE id = ? AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?));

-- name: find
SELECT * FROM outbox WHERE id = ?;

-- name: markSent
UPDATE outbox SET status = 'sent', sent_at = ?, locked_until = NULL, last_error = NULL WHERE id = ? AND status = 'sending';

-- name: markHeld
UPDATE outbox SET status = 'held', locked_until = NULL, last_error = ? WHERE id = ? AND status = 'sending';

-- name: markFailed
UPDATE outbox SET status = ?, next_attempt_at = ?, locked_until = NULL, last_error = ? WHERE id = ? AND status = 'sending';

-- name: releaseHeld
UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'held' AND channel = ?;

-- name: retry
UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = 0, last_error = NULL
WHERE id = ? AND status IN ('dead', 'held');

-- name: search
SELECT * FROM outbox
WHERE (? = '' OR status = ?)
  AND (created_at < ? OR (created_at = ? AND id < ?))
ORDER BY created_at DESC, id DESC
LIMIT ?;

-- name: searchCount
SELECT COUNT(*) FROM outbox WHERE (? = '' OR status = ?);
