-- name: insert
INSERT INTO users (id, email, email_normalized, username, username_normalized, name, locale, password_hash,
                   email_verified, disabled, created_at, updated_at, password_changed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, ?, ?, ?);

-- name: insertRole
INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, ?, ?);

-- name: deleteRole
DELETE FROM user_roles WHERE user_id = ? AND role = ?;

-- name: findById
SELECT u.*, (SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u WHERE u.id = ?;

-- name: findByEmail
SELECT u.*, (SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u WHERE u.email_normalized = ?;

-- name: updateProfile
UPDATE users SET name = ?, username = ?, username_normalized = ?, bio = ?, avatar_url = ?, locale = ?, updated_at = ?
WHERE id = ?;

-- name: updatePassword
UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?;

-- name: rehashPassword
UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?;

-- name: setDisabled
UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?;

-- name: delete
DELETE FROM users WHERE id = ?;

-- name: countEnabledAdmins
SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled = FALSE;

-- Search for the admin list. Empty strings switch a filter off; the cursor is (created_at, id) descending,
-- and the first page passes a cursor past every row.
-- name: search
SELECT u.*, (SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles
FROM users u
WHERE (? = '' OR lower(u.email) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\' OR u.username_normalized LIKE ? ESCAPE '\')
  AND (? = '' OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?))
  AND (? = '' OR (? = 'disabled' AND u.disabled = TRUE) OR (? = 'active' AND u.disabled = FALSE)
       OR (? = 'unverified' AND u.email_verified = FALSE))
  AND (u.created_at < ? OR (u.created_at = ? AND u.id < ?))
ORDER BY u.created_at DESC, u.id DESC
LIMIT ?;

-- name: searchCount
SELECT COUNT(*) FROM users u
WHERE (? = '' OR lower(u.email) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\' OR u.username_normalized LIKE ? ESCAPE '\')
  AND (? = '' OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?))
  AND (? = '' OR (? = 'disabled' AND u.disabled = TRUE) OR (? = 'active' AND u.disabled = FALSE)
       OR (? = 'unverified' AND u.email_verified = FALSE));
