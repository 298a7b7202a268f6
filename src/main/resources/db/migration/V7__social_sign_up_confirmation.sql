-- Social sign-in never creates or links an account by an email the provider has not verified.

-- Identities linked to an account while its email was not yet proven to belong to its owner. The owner
-- proves it later (password reset, email verification), and those identities are then removed: they may
-- be a stranger's, linked before the owner ever signed up ("pre-account takeover"). New links are never
-- made that way any more, so only identities from before this migration can carry the flag.
ALTER TABLE identities ADD COLUMN linked_unverified BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE identities SET linked_unverified = TRUE
WHERE user_id IN (SELECT id FROM users WHERE email_verified = FALSE)
   OR (email_verified = FALSE
       AND created_at <= (SELECT u.created_at FROM users u WHERE u.id = identities.user_id) + 5000);

-- A first social sign-in whose email the provider did not verify (Facebook never does): the account is
-- created only once the email is confirmed by our own link, opened in the browser that signed in (its
-- hash is browser_hash). The token in the link is derived from the id with the server key; only its
-- SHA-256 is kept, as for the other emailed links.
CREATE TABLE social_signups (
  id               VARCHAR(36)   NOT NULL PRIMARY KEY,
  token_hash       VARCHAR(64)   NOT NULL,
  browser_hash     VARCHAR(64)   NOT NULL,
  provider         VARCHAR(30)   NOT NULL,
  subject          VARCHAR(255)  NOT NULL,
  email            VARCHAR(254)  NOT NULL,
  email_normalized VARCHAR(254)  NOT NULL,
  name             VARCHAR(100)  NOT NULL,
  avatar_url       VARCHAR(2048),
  locale           VARCHAR(10)   NOT NULL,
  redirect_path    VARCHAR(512)  NOT NULL,
  created_at       BIGINT        NOT NULL,
  expires_at       BIGINT        NOT NULL,
  used_at          BIGINT
);
CREATE UNIQUE INDEX social_signups_token_key ON social_signups (token_hash);
CREATE INDEX social_signups_email_idx ON social_signups (email_normalized, created_at);
CREATE INDEX social_signups_expires_idx ON social_signups (expires_at);
