-- name: insert
INSERT INTO account_tokens (id, token_hash, user_id, kind, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?);

-- Issuing a token of a kind revokes the older ones of that kind; using one revokes all the others.
-- name: revokeOutstanding
UPDATE account_tokens SET revoked_at = ? WHERE user_id = ? AND kind = ? AND used_at IS NULL AND revoked_at IS NULL;

-- name: findUsable
SELECT t.*, u.email, u.name, u.locale, u.disabled FROM account_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = ? AND t.kind = ? AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > ?;

-- The single use: of two parallel uses of one token, only one updates a row.
-- name: use
UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?;

-- name: latestCreatedAt
SELECT MAX(created_at) FROM account_tokens WHERE user_id = ? AND kind = ?;

-- name: setEmailVerified
UPDATE users SET email_verified = TRUE, updated_at = ? WHERE id = ?;

-- name: changeEmail
UPDATE users SET email = ?, email_normalized = ?, email_verified = TRUE, updated_at = ? WHERE id = ?;

-- name: setPassword
UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?;

-- name: revokeSession
UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ?;

-- name: activeSessionIds
SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL;

-- Identities linked while the account's email was unproven (see migration V7).
-- name: unprovenIdentities
SELECT provider FROM identities WHERE user_id = ? AND linked_unverified = TRUE ORDER BY provider;

-- name: deleteUnprovenIdentities
DELETE FROM identities WHERE user_id = ? AND linked_unverified = TRUE;
