-- name: insert
INSERT INTO sessions (id, user_id, user_agent, ip, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: insertToken
INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (?, ?, ?);

-- name: findToken
SELECT t.token_hash, t.session_id, t.issued_at, t.replaced_at, s.user_id, s.expires_at, s.revoked_at, u.disabled,
       s.created_at AS session_created_at
FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
WHERE t.token_hash = ?;

-- name: replaceToken
UPDATE refresh_tokens SET replaced_at = ? WHERE token_hash = ? AND replaced_at IS NULL;

-- name: touch
UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = ?;

-- name: lookup
SELECT s.id, s.user_id, s.created_at, s.expires_at, s.revoked_at, u.username, u.disabled, u.locale,
       (SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.id = ?;

-- name: revoke
UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL;

-- name: activeIdsOfUser
SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND id <> ?;

-- name: revokeAllOfUser
UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?;

-- name: listActive
SELECT id, user_agent, ip, created_at, last_used_at, expires_at FROM sessions
WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
ORDER BY last_used_at DESC;

-- name: deleteExpired
DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?);

-- How many sessions the user ever had, and how many with this user agent (empty string for none).
-- name: signInHistory
SELECT COUNT(*), COALESCE(SUM(CASE WHEN COALESCE(user_agent, '') = ? THEN 1 ELSE 0 END), 0) FROM sessions WHERE user_id = ?;
