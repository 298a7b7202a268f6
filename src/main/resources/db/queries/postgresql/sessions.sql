-- PostgreSQL forms of the statements in ../sessions.sql that differ.

-- name: lookup
SELECT s.id, s.user_id, s.created_at, s.expires_at, s.revoked_at, u.username, u.disabled, u.locale,
       (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.id = ?;

