-- Accounts, sessions and the audit log. Portable SQL: it runs on SQLite and PostgreSQL alike.
-- Ids are UUIDv7 strings made by the application; times are epoch milliseconds (BIGINT).

CREATE TABLE users (
  id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
  email               VARCHAR(254)  NOT NULL,
  -- Email is unique case-insensitively but is not the key: users change it, ids are referenced everywhere.
  email_normalized    VARCHAR(254)  NOT NULL,
  username            VARCHAR(32),
  username_normalized VARCHAR(32),
  name                VARCHAR(100)  NOT NULL,
  bio                 VARCHAR(500),
  avatar_url          VARCHAR(2048),
  locale              VARCHAR(10)   NOT NULL DEFAULT 'en',
  password_hash       VARCHAR(255),
  email_verified      BOOLEAN       NOT NULL DEFAULT FALSE,
  disabled            BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at          BIGINT        NOT NULL,
  updated_at          BIGINT        NOT NULL,
  password_changed_at BIGINT
);
CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized);
CREATE UNIQUE INDEX users_username_normalized_key ON users (username_normalized);
CREATE INDEX users_created_idx ON users (created_at, id);

CREATE TABLE user_roles (
  user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       VARCHAR(20) NOT NULL,
  granted_at BIGINT      NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role_idx ON user_roles (role, user_id);

CREATE TABLE sessions (
  id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id        VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent     VARCHAR(255),
  ip             VARCHAR(45),
  created_at     BIGINT       NOT NULL,
  last_used_at   BIGINT       NOT NULL,
  expires_at     BIGINT       NOT NULL,
  revoked_at     BIGINT,
  revoked_reason VARCHAR(40)
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);

-- Every refresh token a session was given, hashed (SHA-256). The current one has no replaced_at;
-- presenting a replaced one after the grace window means it leaked, and revokes the session.
CREATE TABLE refresh_tokens (
  token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
  session_id  VARCHAR(36) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  issued_at   BIGINT      NOT NULL,
  replaced_at BIGINT
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Security events. No foreign key on purpose: the trail outlives a deleted account.
CREATE TABLE audit_log (
  id         VARCHAR(36) NOT NULL PRIMARY KEY,
  created_at BIGINT      NOT NULL,
  event      VARCHAR(60) NOT NULL,
  user_id    VARCHAR(36),
  actor_id   VARCHAR(36),
  ip         VARCHAR(45),
  request_id VARCHAR(64),
  detail     TEXT
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at, id);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at);
CREATE INDEX audit_log_event_idx ON audit_log (event, created_at);
