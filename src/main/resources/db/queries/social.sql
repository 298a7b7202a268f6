-- name: insertFlow
INSERT INTO oauth_flows (id, state_hash, provider, mode, user_id, redirect_path, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: findFlow
SELECT * FROM oauth_flows WHERE id = ?;

-- Single use: of two callbacks with one flow, only one marks it used.
-- name: useFlow
UPDATE oauth_flows SET used_at = ? WHERE id = ? AND state_hash = ? AND provider = ? AND used_at IS NULL AND expires_at > ?;

-- A late callback whose browser no longer names its flow (the cookie expired, or a newer sign-in replaced it).
-- name: findFlowByState
SELECT expires_at FROM oauth_flows WHERE state_hash = ? AND provider = ? AND used_at IS NULL;

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
SELECT id, email_verified, email_normalized, disabled, password_hash FROM users WHERE id = ?;

-- name: setEmailVerified
UPDATE users SET email_verified = TRUE, updated_at = ? WHERE id = ?;

-- name: latestSignUp
SELECT MAX(created_at) FROM social_signups WHERE email_normalized = ? AND used_at IS NULL;

-- A new pending sign-up for an email makes the older ones of that email unusable.
-- name: retireSignUps
UPDATE social_signups SET expires_at = ? WHERE email_normalized = ? AND used_at IS NULL AND expires_at > ?;

-- name: insertSignUp
INSERT INTO social_signups (id, token_hash, browser_hash, provider, subject, email, email_normalized, name, avatar_url,
                            locale, redirect_path, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: findSignUp
SELECT * FROM social_signups WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?;

-- Single use: of two confirmations with one link, only one marks it used.
-- name: useSignUp
UPDATE social_signups SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?;

-- name: deleteOldSignUps
DELETE FROM social_signups WHERE expires_at < ?;
