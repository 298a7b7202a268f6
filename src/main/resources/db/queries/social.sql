-- name: insertFlow
INSERT INTO oauth_flows (id, state_hash, provider, mode, user_id, redirect_path, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: findFlow
SELECT * FROM oauth_flows WHERE id = ?;

-- Single use: of two callbacks with one flow, only one marks it used.
-- name: useFlow
UPDATE oauth_flows SET used_at = ? WHERE id = ? AND state_hash = ? AND provider = ? AND used_at IS NULL AND expires_at > ?;

-- name: deleteOldFlows
DELETE FROM oauth_flows WHERE expires_at < ?;

-- name: findIdentity
SELECT * FROM identities WHERE provider = ? AND subject = ?;

-- name: touchIdentity
UPDATE identities SET last_used_at = ?, email = ?, email_verified = ? WHERE id = ?;

-- name: insertIdentity
INSERT INTO identities (id, user_id, provider, subject, email, email_verified, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: identitiesOfUser
SELECT provider, email, email_verified, created_at, last_used_at FROM identities WHERE user_id = ? ORDER BY provider;

-- name: deleteIdentity
DELETE FROM identities WHERE user_id = ? AND provider = ?;

-- name: insertUser
INSERT INTO users (id, email, email_normalized, username, username_normalized, name, locale, password_hash,
                   email_verified, disabled, created_at, updated_at, password_changed_at, avatar_url)
VALUES (?, ?, ?, NULL, NULL, ?, ?, NULL, ?, FALSE, ?, ?, NULL, ?);

-- name: insertRole
INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, 'user', ?);

-- name: userByEmail
SELECT id, email_verified, disabled, password_hash FROM users WHERE email_normalized = ?;

-- name: userById
SELECT id, email_verified, disabled, password_hash FROM users WHERE id = ?;
