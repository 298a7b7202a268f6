-- Social login: the provider accounts linked to a user, and the short-lived sign-in flows.

CREATE TABLE identities (
  id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id        VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider       VARCHAR(30)  NOT NULL,
  subject        VARCHAR(255) NOT NULL,
  email          VARCHAR(254),
  email_verified BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at     BIGINT       NOT NULL,
  last_used_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX identities_provider_subject_key ON identities (provider, subject);
CREATE UNIQUE INDEX identities_user_provider_key ON identities (user_id, provider);

-- One row per started sign-in or link: the state sent to the provider is stored as its SHA-256; the PKCE
-- verifier and the OIDC nonce are derived from the id with the server key, so nothing secret is stored.
CREATE TABLE oauth_flows (
  id            VARCHAR(36)  NOT NULL PRIMARY KEY,
  state_hash    VARCHAR(64)  NOT NULL,
  provider      VARCHAR(30)  NOT NULL,
  mode          VARCHAR(10)  NOT NULL,
  user_id       VARCHAR(36)  REFERENCES users (id) ON DELETE CASCADE,
  redirect_path VARCHAR(512) NOT NULL,
  created_at    BIGINT       NOT NULL,
  expires_at    BIGINT       NOT NULL,
  used_at       BIGINT
);
CREATE INDEX oauth_flows_expires_idx ON oauth_flows (expires_at);
