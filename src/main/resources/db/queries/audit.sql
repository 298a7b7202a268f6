-- name: insert
INSERT INTO audit_log (id, created_at, event, user_id, actor_id, ip, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- Newest first; empty strings switch a filter off; the first page passes a cursor past every row.
-- name: search
SELECT * FROM audit_log
WHERE (? = '' OR event = ?) AND (? = '' OR user_id = ? OR actor_id = ?)
  AND created_at >= ? AND created_at <= ?
  AND (created_at < ? OR (created_at = ? AND id < ?))
ORDER BY created_at DESC, id DESC
LIMIT ?;

-- name: searchCount
SELECT COUNT(*) FROM audit_log
WHERE (? = '' OR event = ?) AND (? = '' OR user_id = ? OR actor_id = ?)
  AND created_at >= ? AND created_at <= ?;
