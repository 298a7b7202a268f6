-- name: insertEndpoint
INSERT INTO webhook_endpoints (id, url, description, event_types, enabled, secret, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: listEndpoints
SELECT * FROM webhook_endpoints ORDER BY created_at, id;

-- name: findEndpoint
SELECT * FROM webhook_endpoints WHERE id = ?;

-- name: updateEndpoint
UPDATE webhook_endpoints SET url = ?, description = ?, event_types = ?, enabled = ?, failing_since = ?, disabled_at = ?,
  disabled_reason = ?, updated_at = ?
WHERE id = ?;

-- name: deleteEndpoint
DELETE FROM webhook_endpoints WHERE id = ?;

-- name: rotateSecret
UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, previous_secret_until = ?, updated_at = ? WHERE id = ?;

-- name: subscribers
SELECT id, event_types FROM webhook_endpoints WHERE enabled = ?;

-- name: insertDelivery
INSERT INTO webhook_deliveries (id, endpoint_id, message_id, event_type, payload, status, attempts, next_attempt_at, created_at)
VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?);

-- Deliveries that are due on enabled endpoints: pending ones whose time has come, and sending ones whose claim
-- expired (a node died mid-send). Those of a disabled endpoint wait until it is enabled again.
-- name: due
SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
WHERE e.enabled = ? AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.locked_until < ?))
ORDER BY d.next_attempt_at, d.id
LIMIT ?;

-- name: claim
UPDATE webhook_deliveries SET status = 'sending', locked_until = ?, attempts = attempts + 1, last_attempt_at = ?
WHERE id = ? AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?));

-- name: job
SELECT d.*, e.url, e.secret, e.previous_secret, e.previous_secret_until
FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
WHERE d.id = ?;

-- name: markDelivered
UPDATE webhook_deliveries SET status = 'delivered', locked_until = NULL, last_status_code = ?, last_error = NULL, delivered_at = ?
WHERE id = ? AND status = 'sending';

-- name: markFailed
UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, locked_until = NULL, last_status_code = ?, last_error = ?
WHERE id = ? AND status = 'sending';

-- name: endpointSucceeded
UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?;

-- name: endpointFailed
UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL;

-- Disables an enabled endpoint whose failures began at or before the given time; 1 row when it did so now.
-- name: disableFailing
UPDATE webhook_endpoints SET enabled = ?, disabled_at = ?, disabled_reason = ?, updated_at = ?
WHERE id = ? AND enabled = ? AND failing_since IS NOT NULL AND failing_since <= ?;

-- name: findDelivery
SELECT * FROM webhook_deliveries WHERE id = ? AND endpoint_id = ?;

-- name: resend
UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, attempts = 0, last_error = NULL
WHERE id = ? AND endpoint_id = ? AND status IN ('delivered', 'failed');

-- name: deliveries
SELECT * FROM webhook_deliveries
WHERE endpoint_id = ? AND (? = '' OR status = ?)
  AND (created_at < ? OR (created_at = ? AND id < ?))
ORDER BY created_at DESC, id DESC
LIMIT ?;

-- name: deliveriesCount
SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ? AND (? = '' OR status = ?);
