-- Outgoing webhooks: the endpoints admins register and one delivery row per (event, endpoint).

-- secret and previous_secret are the endpoints' signing secrets encrypted with AES-256-GCM under the server's
-- webhook key (kept with the other shared secrets), never in clear: the server must read them back to sign.
-- previous_secret stays valid until previous_secret_until after a rotation. failing_since is the time of the
-- first failed attempt since the last success: the endpoint is disabled once it is older than the window.
CREATE TABLE webhook_endpoints (
  id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
  url                   VARCHAR(2000) NOT NULL,
  description           VARCHAR(500),
  event_types           VARCHAR(1000) NOT NULL,
  enabled               BOOLEAN       NOT NULL,
  secret                VARCHAR(200)  NOT NULL,
  previous_secret       VARCHAR(200),
  previous_secret_until BIGINT,
  failing_since         BIGINT,
  disabled_at           BIGINT,
  disabled_reason       VARCHAR(200),
  created_at            BIGINT        NOT NULL,
  updated_at            BIGINT        NOT NULL
);

-- Written in the transaction of the change that causes the event, so a delivery exists exactly when the change
-- committed. message_id is the webhook-id header: one per event, the same on every retry and every endpoint.
-- payload is the exact body that is signed and sent. status: pending -> sending -> delivered, or back to pending
-- with a later next_attempt_at, or failed (after the last attempt, or a 4xx answer); an admin can send it again.
CREATE TABLE webhook_deliveries (
  id               VARCHAR(36)  NOT NULL PRIMARY KEY,
  endpoint_id      VARCHAR(36)  NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  message_id       VARCHAR(40)  NOT NULL,
  event_type       VARCHAR(60)  NOT NULL,
  payload          TEXT         NOT NULL,
  status           VARCHAR(10)  NOT NULL,
  attempts         INTEGER      NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT       NOT NULL,
  locked_until     BIGINT,
  last_status_code INTEGER,
  last_error       VARCHAR(500),
  last_attempt_at  BIGINT,
  delivered_at     BIGINT,
  created_at       BIGINT       NOT NULL
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at, id);
