-- Notifications: the in-app inbox, each user's channel preferences, and the devices push goes to.

-- One row per recipient of an event. Title and body are rendered in the recipient's language when the
-- event happens, and never hold health data (a medical record notice says only that one is available).
CREATE TABLE notifications (
  id         VARCHAR(36)   NOT NULL PRIMARY KEY,
  user_id    VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type       VARCHAR(40)   NOT NULL,
  title      VARCHAR(200)  NOT NULL,
  body       VARCHAR(1000) NOT NULL,
  path       VARCHAR(500),
  created_at BIGINT        NOT NULL,
  read_at    BIGINT
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id, read_at);

-- A user's choice per event type; a missing row means the type's defaults.
CREATE TABLE notification_preferences (
  user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event_type VARCHAR(40) NOT NULL,
  in_app     BOOLEAN     NOT NULL,
  email      BOOLEAN     NOT NULL,
  push       BOOLEAN     NOT NULL,
  updated_at BIGINT      NOT NULL,
  PRIMARY KEY (user_id, event_type)
);

-- Web Push subscriptions (one per browser). The endpoint is the push service's URL for that browser: it is
-- unique, and when another account signs in on the same browser the subscription moves to that account.
CREATE TABLE push_subscriptions (
  id           VARCHAR(36)   NOT NULL PRIMARY KEY,
  user_id      VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  endpoint     VARCHAR(2048) NOT NULL,
  p256dh       VARCHAR(100)  NOT NULL,
  auth         VARCHAR(40)   NOT NULL,
  user_agent   VARCHAR(255),
  created_at   BIGINT        NOT NULL,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX push_subscriptions_endpoint_key ON push_subscriptions (endpoint);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id, created_at);

-- Mobile devices registered for Firebase Cloud Messaging.
CREATE TABLE push_devices (
  id           VARCHAR(36)   NOT NULL PRIMARY KEY,
  user_id      VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token        VARCHAR(1024) NOT NULL,
  platform     VARCHAR(10)   NOT NULL,
  name         VARCHAR(100),
  created_at   BIGINT        NOT NULL,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX push_devices_token_key ON push_devices (token);
CREATE INDEX push_devices_user_idx ON push_devices (user_id, created_at);

-- Replies: a comment may answer another comment of the same article.
ALTER TABLE comments ADD COLUMN parent_id VARCHAR(36) REFERENCES comments (id) ON DELETE SET NULL;

-- The moderation list (GET /api/comments) pages every comment newest first.
CREATE INDEX comments_created_idx ON comments (created_at, id);
