-- A browser's subscription is keyed by its endpoint: subscribing again (new keys, or another account signed in
-- on that browser) updates the row in place.
-- name: upsertSubscription
INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, user_agent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (endpoint) DO UPDATE
SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent,
    created_at = excluded.created_at;

-- name: subscriptionByEndpoint
SELECT id, user_id FROM push_subscriptions WHERE endpoint = ?;

-- name: trimSubscriptions
DELETE FROM push_subscriptions WHERE user_id = ? AND id NOT IN
  (SELECT id FROM push_subscriptions WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?);

-- name: deleteSubscription
DELETE FROM push_subscriptions WHERE id = ? AND user_id = ?;

-- name: subscriptions
SELECT id, endpoint, user_agent, created_at, last_used_at FROM push_subscriptions WHERE user_id = ?
ORDER BY created_at DESC, id DESC;

-- name: subscription
SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = ?;

-- name: touchSubscription
UPDATE push_subscriptions SET last_used_at = ? WHERE id = ?;

-- name: removeSubscription
DELETE FROM push_subscriptions WHERE id = ?;

-- name: upsertDevice
INSERT INTO push_devices (id, user_id, token, platform, name, created_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (token) DO UPDATE
SET user_id = excluded.user_id, platform = excluded.platform, name = excluded.name, created_at = excluded.created_at;

-- name: deviceByToken
SELECT id, user_id FROM push_devices WHERE token = ?;

-- name: trimDevices
DELETE FROM push_devices WHERE user_id = ? AND id NOT IN
  (SELECT id FROM push_devices WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?);

-- name: deleteDevice
DELETE FROM push_devices WHERE id = ? AND user_id = ?;

-- name: devices
SELECT id, platform, name, created_at, last_used_at FROM push_devices WHERE user_id = ? ORDER BY created_at DESC, id DESC;

-- name: device
SELECT id, user_id, token, platform FROM push_devices WHERE id = ?;

-- name: touchDevice
UPDATE push_devices SET last_used_at = ? WHERE id = ?;

-- name: removeDevice
DELETE FROM push_devices WHERE id = ?;
