-- The admin overview and the node's gauges. Each reads an index range (see V17 and the indexes of V1, V3, V4, V6):
-- a bucket is the start of its UTC day or hour, as whole days or hours since 1970.

-- name: activeSessions
SELECT COUNT(*) AS n FROM sessions WHERE revoked_at IS NULL AND expires_at > ?;

-- name: outboxWaiting
SELECT channel, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status IN (?, ?) GROUP BY channel;

-- name: outboxByState
SELECT status, channel, COUNT(*) AS n FROM outbox WHERE status IN (?, ?, ?, ?) GROUP BY status, channel;

-- name: outboxSentSince
SELECT channel, COUNT(*) AS n FROM outbox WHERE status = ? AND created_at >= ? GROUP BY channel;

-- name: signUpsPerDay
SELECT created_at / 86400000 AS bucket, COUNT(*) AS n FROM users WHERE created_at >= ? GROUP BY created_at / 86400000;

-- name: signInsPerHour
SELECT event, created_at / 3600000 AS bucket, COUNT(*) AS n FROM audit_log
WHERE event IN (?, ?, ?, ?, ?, ?) AND created_at >= ? GROUP BY event, created_at / 3600000;

-- name: usersByRole
SELECT role, COUNT(*) AS n FROM user_roles GROUP BY role;

-- name: articlesPerDay
SELECT listed_at / 86400000 AS bucket, COUNT(*) AS n FROM articles
WHERE status = ? AND deleted_at IS NULL AND listed_at >= ? GROUP BY listed_at / 86400000;

-- name: commentsPerDay
SELECT created_at / 86400000 AS bucket, COUNT(*) AS n FROM comments WHERE created_at >= ? GROUP BY created_at / 86400000;
