-- Payments (docs/payments.md): the admins' catalogue, the users' orders with their lines, and every notification
-- or webhook a payment provider sent, as received and with what was decided about it. Portable SQL (SQLite and
-- PostgreSQL). Amounts are integers in the currency's minor units as the app counts them (IDR: whole rupiah).

CREATE TABLE products (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  name        VARCHAR(120)  NOT NULL,
  description VARCHAR(2000) NOT NULL,
  price       BIGINT        NOT NULL,
  currency    VARCHAR(3)    NOT NULL,
  active      BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at  BIGINT        NOT NULL,
  updated_at  BIGINT        NOT NULL
);
CREATE INDEX products_name_idx ON products (name, id);

-- status is the stored state; a pending order whose expires_at has passed reads as expired (a query-time rule),
-- and is written as expired the next time something touches it.
CREATE TABLE orders (
  id               VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id          VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
  status           VARCHAR(12)  NOT NULL,
  amount           BIGINT       NOT NULL,
  currency         VARCHAR(3)   NOT NULL,
  provider         VARCHAR(12),
  -- The provider's handle on the payment: Snap token, Checkout Session id; then Stripe's payment intent.
  provider_ref     VARCHAR(255),
  provider_payment VARCHAR(255),
  redirect_url     VARCHAR(2048),
  -- The client's Idempotency-Key and a hash of the body it came with (same key, other body: refused).
  idempotency_key  VARCHAR(255),
  request_hash     VARCHAR(64),
  created_at       BIGINT       NOT NULL,
  updated_at       BIGINT       NOT NULL,
  expires_at       BIGINT       NOT NULL,
  paid_at          BIGINT
);
CREATE UNIQUE INDEX orders_idempotency_key ON orders (user_id, idempotency_key);
CREATE INDEX orders_user_idx ON orders (user_id, created_at, id);
CREATE INDEX orders_created_idx ON orders (created_at, id);
CREATE INDEX orders_payment_idx ON orders (provider_payment);

-- The lines as they were sold: name and unit price copied from the catalogue when the order was placed.
CREATE TABLE order_items (
  order_id   VARCHAR(36)  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line       INTEGER      NOT NULL,
  product_id VARCHAR(36)  REFERENCES products (id) ON DELETE SET NULL,
  name       VARCHAR(120) NOT NULL,
  unit_price BIGINT       NOT NULL,
  quantity   INTEGER      NOT NULL,
  PRIMARY KEY (order_id, line)
);

-- Every verified notification or webhook, whatever was decided (verdict: applied, unchanged, duplicate, refused,
-- mismatch, unconfirmed, unknown-order). order_id is not a foreign key: an event naming no order is kept too.
CREATE TABLE payment_events (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  provider    VARCHAR(12)   NOT NULL,
  event_id    VARCHAR(255)  NOT NULL,
  order_id    VARCHAR(36),
  kind        VARCHAR(60)   NOT NULL,
  verdict     VARCHAR(16)   NOT NULL,
  detail      VARCHAR(4000),
  received_at BIGINT        NOT NULL
);
-- A provider's event is applied at most once, whatever the races between two deliveries.
CREATE UNIQUE INDEX payment_events_applied_key ON payment_events (provider, event_id) WHERE verdict = 'applied';
CREATE INDEX payment_events_order_idx ON payment_events (order_id, received_at);
CREATE INDEX payment_events_flagged_idx ON payment_events (verdict, received_at);
