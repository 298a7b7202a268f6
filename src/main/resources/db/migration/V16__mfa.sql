-- Second factors (docs/mfa.md): a TOTP secret (AES-GCM ciphertext under a key from the key file or the
-- environment, never usable from the database alone), hashed recovery codes, WebAuthn passkeys, the sign-in
-- attempts waiting for their second step, the WebAuthn challenges handed out, and the admins' policy.
CREATE TABLE mfa_totp (
  user_id      VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret       VARCHAR(255) NOT NULL,
  -- Null while enrolment waits for its first code.
  confirmed_at BIGINT,
  -- The last time step a code was accepted for: a code of that step or an earlier one is a replay.
  last_step    BIGINT       NOT NULL DEFAULT 0,
  created_at   BIGINT       NOT NULL
);

CREATE TABLE mfa_recovery_codes (
  id         VARCHAR(36) NOT NULL PRIMARY KEY,
  user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  VARCHAR(64) NOT NULL,
  used_at    BIGINT,
  created_at BIGINT      NOT NULL
);
CREATE INDEX mfa_recovery_codes_user_idx ON mfa_recovery_codes (user_id);

CREATE TABLE mfa_passkeys (
  id            VARCHAR(36)   NOT NULL PRIMARY KEY,
  user_id       VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id VARCHAR(1400) NOT NULL,
  public_key    VARCHAR(2000) NOT NULL,
  sign_count    BIGINT        NOT NULL DEFAULT 0,
  aaguid        VARCHAR(40),
  name          VARCHAR(60)   NOT NULL,
  created_at    BIGINT        NOT NULL,
  last_used_at  BIGINT
);
CREATE UNIQUE INDEX mfa_passkeys_credential_key ON mfa_passkeys (credential_id);
CREATE INDEX mfa_passkeys_user_idx ON mfa_passkeys (user_id);

-- A password or social sign-in that still needs its second factor (or, under the role policy, an enrolment):
-- the token's SHA-256, never the token.
CREATE TABLE mfa_pending (
  id         VARCHAR(36) NOT NULL PRIMARY KEY,
  token_hash VARCHAR(64) NOT NULL,
  user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider   VARCHAR(40),
  outcome    VARCHAR(20),
  enrolment  BOOLEAN     NOT NULL DEFAULT FALSE,
  attempts   INTEGER     NOT NULL DEFAULT 0,
  expires_at BIGINT      NOT NULL
);
CREATE UNIQUE INDEX mfa_pending_token_key ON mfa_pending (token_hash);
CREATE INDEX mfa_pending_expires_idx ON mfa_pending (expires_at);

-- WebAuthn challenges, each used once: for a registration (user set), a passkey sign-in (no user) or a second
-- step (the pending sign-in's id).
CREATE TABLE mfa_challenges (
  id         VARCHAR(36)  NOT NULL PRIMARY KEY,
  purpose    VARCHAR(20)  NOT NULL,
  user_id    VARCHAR(36),
  pending_id VARCHAR(36),
  challenge  VARCHAR(200) NOT NULL,
  expires_at BIGINT       NOT NULL
);
CREATE INDEX mfa_challenges_expires_idx ON mfa_challenges (expires_at);

-- The roles that must use a second factor, as admins last set them (no row: the configured default).
CREATE TABLE mfa_policy (
  id             INTEGER      NOT NULL PRIMARY KEY,
  required_roles VARCHAR(200) NOT NULL,
  updated_by     VARCHAR(36),
  updated_at     BIGINT       NOT NULL
);
