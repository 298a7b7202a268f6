-- The recipient's language and, when they chose, their channels for one event type (else NULLs).
-- name: recipient
SELECT u.locale, p.in_app, p.email, p.push
FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = ?
WHERE u.id = ? AND u.disabled = FALSE;

-- name: insert
INSERT INTO notifications (id, user_id, type, title, body, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: pushTargets
SELECT 'webpush' AS channel, id FROM push_subscriptions WHERE user_id = ?
UNION ALL
SELECT 'fcm' AS channel, id FROM push_devices WHERE user_id = ?;

-- name: page
SELECT * FROM notifications
WHERE user_id = ? AND (? = 'all' OR read_at IS NULL)
  AND (created_at < ? OR (created_at = ? AND id < ?))
ORDER BY created_at DESC, id DESC
LIMIT ?;

-- name: pageCount
SELECT COUNT(*) FROM notifications WHERE user_id = ? AND (? = 'all' OR read_at IS NULL);

-- name: unreadCount
SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL;

-- Marking an already read row keeps its first read time, and still finds it.
-- name: markRead
UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?;

-- name: markAllRead
UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL;

-- name: delete
DELETE FROM notifications WHERE id = ? AND user_id = ?;

-- Ids are UUIDv7: their text order is their creation order, so a stream resumes after the last id it sent.
-- name: since
SELECT * FROM notifications WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?;

-- name: preferences
SELECT event_type, in_app, email, push FROM notification_preferences WHERE user_id = ?;

-- name: savePreference
INSERT INTO notification_preferences (user_id, event_type, in_app, email, push, updated_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (user_id, event_type) DO UPDATE
SET in_app = excluded.in_app, email = excluded.email, push = excluded.push, updated_at = excluded.updated_at;

-- Notifications older than the retention period go, read or not.
-- name: purge
DELETE FROM notifications WHERE created_at < ?;

-- Admin broadcasts that finished before then go too, with their lists of recipients (ON DELETE CASCADE).
-- name: purgeBroadcasts
DELETE FROM broadcasts WHERE status = 'done' AND finished_at < ?;
