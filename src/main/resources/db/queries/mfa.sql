-- Second factors (docs/mfa.md). Times are epoch ms.

-- name: totp
SELECT secret, confirmed_at, last_step FROM mfa_totp WHERE user_id = ?;

-- A new secret waiting for its first code replaces one that waited too, never a confirmed one.
-- name: totpStart
INSERT INTO mfa_totp (user_id, secret, confirmed_at, last_step, created_at) VALUES (?, ?, NULL, 0, ?)
ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = 0, created_at = excluded.created_at
WHERE mfa_totp.confirmed_at IS NULL;

-- Takes a time step for a confirmed secret: no row changes when the step (or a later one) was used already.
-- name: totpUseStep
UPDATE mfa_totp SET last_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_step < ?;

-- name: totpConfirm
UPDATE mfa_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ? AND confirmed_at IS NULL AND last_step < ?;

-- name: totpDelete
DELETE FROM mfa_totp WHERE user_id = ?;

-- Every password sign-in asks: one statement for the factors in short and the policy (no row in mfa_policy: the default).
-- name: signInFactors
SELECT (SELECT COUNT(*) FROM mfa_totp WHERE user_id = ? AND confirmed_at IS NOT NULL) AS totp,
  (SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL) AS recovery,
  (SELECT COUNT(*) FROM mfa_passkeys WHERE user_id = ?) AS passkeys,
  (SELECT required_roles FROM mfa_policy WHERE id = 1) AS required_roles;

-- name: totpConfirmed
SELECT COUNT(*) FROM mfa_totp WHERE user_id = ? AND confirmed_at IS NOT NULL;

-- name: recoveryDelete
DELETE FROM mfa_recovery_codes WHERE user_id = ?;

-- name: recoveryInsert
INSERT INTO mfa_recovery_codes (id, user_id, code_hash, used_at, created_at) VALUES (?, ?, ?, NULL, ?);

-- name: recoveryLeft
SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL;

-- name: recoveryUnused
SELECT id, code_hash FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL;

-- name: recoveryUse
UPDATE mfa_recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL;

-- name: passkeys
SELECT * FROM mfa_passkeys WHERE user_id = ? ORDER BY created_at, id;

-- name: passkeyByCredential
SELECT * FROM mfa_passkeys WHERE credential_id = ?;

-- name: passkeyInsert
INSERT INTO mfa_passkeys (id, user_id, credential_id, public_key, sign_count, aaguid, name, created_at, last_used_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL);

-- name: passkeyUse
UPDATE mfa_passkeys SET sign_count = ?, last_used_at = ? WHERE credential_id = ?;

-- name: passkeyRename
UPDATE mfa_passkeys SET name = ? WHERE id = ? AND user_id = ?;

-- name: passkeyDelete
DELETE FROM mfa_passkeys WHERE id = ? AND user_id = ?;

-- name: passkeysDelete
DELETE FROM mfa_passkeys WHERE user_id = ?;

-- name: pendingPurge
DELETE FROM mfa_pending WHERE expires_at < ?;

-- name: pendingInsert
INSERT INTO mfa_pending (id, token_hash, user_id, provider, outcome, enrolment, attempts, expires_at)
VALUES (?, ?, ?, ?, ?, ?, 0, ?);

-- Counts one more attempt with an unexpired token.
-- name: pendingAttempt
UPDATE mfa_pending SET attempts = attempts + 1 WHERE token_hash = ? AND expires_at > ?;

-- name: pendingByToken
SELECT * FROM mfa_pending WHERE token_hash = ? AND expires_at > ?;

-- name: pendingDelete
DELETE FROM mfa_pending WHERE id = ?;

-- name: pendingDeleteUser
DELETE FROM mfa_pending WHERE user_id = ?;

-- name: challengePurge
DELETE FROM mfa_challenges WHERE expires_at < ?;

-- name: challengeInsert
INSERT INTO mfa_challenges (id, purpose, user_id, pending_id, challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?);

-- name: challenge
SELECT * FROM mfa_challenges WHERE id = ?;

-- name: challengeDelete
DELETE FROM mfa_challenges WHERE id = ?;

-- name: policy
SELECT required_roles, updated_by, updated_at FROM mfa_policy WHERE id = 1;

-- name: policySet
INSERT INTO mfa_policy (id, required_roles, updated_by, updated_at) VALUES (1, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET required_roles = excluded.required_roles, updated_by = excluded.updated_by,
  updated_at = excluded.updated_at;
