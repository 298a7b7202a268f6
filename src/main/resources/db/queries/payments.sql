-- Payments: the catalogue, orders and the providers' events (docs/payments.md).

-- The catalogue by name; ? = 'all' lists inactive products too (admins).
-- name: products
SELECT * FROM products WHERE (? = 'all' OR active = TRUE) ORDER BY name, id;

-- name: product
SELECT * FROM products WHERE id = ?;

-- name: insertProduct
INSERT INTO products (id, name, description, price, currency, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: updateProduct
UPDATE products SET name = ?, description = ?, price = ?, currency = ?, active = ?, updated_at = ? WHERE id = ?;

-- The order with its buyer's email and name (for the provider's customer details and the receipt).
-- name: order
SELECT o.*, u.email AS user_email, u.name AS user_name, u.locale AS user_locale
FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = ?;

-- name: orderByPayment
SELECT id FROM orders WHERE provider_payment = ?;

-- name: orderByIdempotencyKey
SELECT id, request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?;

-- name: items
SELECT * FROM order_items WHERE order_id = ? ORDER BY line;

-- name: insertOrder
INSERT INTO orders (id, user_id, status, amount, currency, idempotency_key, request_hash, created_at, updated_at, expires_at)
VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?);

-- name: insertItem
INSERT INTO order_items (order_id, line, product_id, name, unit_price, quantity) VALUES (?, ?, ?, ?, ?, ?);

-- The one write of a state change: only from the state it was read in, so that two deliveries racing apply once.
-- name: transition
UPDATE orders SET status = ?, updated_at = ?, paid_at = COALESCE(?, paid_at) WHERE id = ? AND status = ?;

-- A payment started at a provider: only while pending, and never at a second provider.
-- The first payment started for an order is the one it keeps: a second one (a double click) changes nothing.
-- name: begin
UPDATE orders SET provider = ?, provider_ref = ?, redirect_url = ?, expires_at = ?, updated_at = ?
WHERE id = ? AND status = 'pending' AND provider IS NULL;

-- name: paymentHandle
UPDATE orders SET provider_payment = ? WHERE id = ? AND provider_payment IS NULL;

-- A user's orders, newest first.
-- name: mine
SELECT o.*, u.email AS user_email FROM orders o LEFT JOIN users u ON u.id = o.user_id
WHERE o.user_id = ?
  AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?))
ORDER BY o.created_at DESC, o.id DESC
LIMIT ?;

-- name: mineCount
SELECT COUNT(*) FROM orders WHERE user_id = ?;

-- Every order for the admins: empty strings switch a filter off; the status is the state as of now (?).
-- name: search
SELECT o.*, u.email AS user_email FROM orders o LEFT JOIN users u ON u.id = o.user_id
WHERE (? = '' OR (CASE WHEN o.status = 'pending' AND o.expires_at <= ? THEN 'expired' ELSE o.status END) = ?)
  AND (? = '' OR o.user_id = ?) AND (? = '' OR o.provider = ?)
  AND o.created_at >= ? AND o.created_at <= ?
  AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?))
ORDER BY o.created_at DESC, o.id DESC
LIMIT ?;

-- name: searchCount
SELECT COUNT(*) FROM orders o
WHERE (? = '' OR (CASE WHEN o.status = 'pending' AND o.expires_at <= ? THEN 'expired' ELSE o.status END) = ?)
  AND (? = '' OR o.user_id = ?) AND (? = '' OR o.provider = ?)
  AND o.created_at >= ? AND o.created_at <= ?;

-- name: appliedEvent
SELECT COUNT(*) FROM payment_events WHERE provider = ? AND event_id = ? AND verdict = 'applied';

-- name: insertEvent
INSERT INTO payment_events (id, provider, event_id, order_id, kind, verdict, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: events
SELECT * FROM payment_events WHERE order_id = ? ORDER BY received_at, id;
