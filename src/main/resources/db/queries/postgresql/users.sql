-- PostgreSQL forms of the statements in ../users.sql that differ.

-- name: findById
SELECT u.*, (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u WHERE u.id = ?;

-- name: findByEmail
SELECT u.*, (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u WHERE u.email_normalized = ?;

-- name: search
SELECT u.*, (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u
WHERE (? = '' OR lower(u.email) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\' OR u.username_normalized LIKE ? ESCAPE '\')
  AND (? = '' OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?))
  AND (? = '' OR (? = 'disabled' AND u.disabled = TRUE) OR (? = 'active' AND u.disabled = FALSE)
       OR (? = 'unverified' AND u.email_verified = FALSE))
  AND (u.created_at < ? OR (u.created_at = ? AND u.id < ?))
ORDER BY u.created_at DESC, u.id DESC
LIMIT ?;

