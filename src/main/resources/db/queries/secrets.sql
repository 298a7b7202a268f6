-- The secrets a cluster's nodes share (cluster mode, PostgreSQL only), read and made at start-up.

-- Held to the end of the transaction: nodes starting together make each secret once.
-- name: lock
SELECT pg_advisory_xact_lock(?);

-- name: read
SELECT material FROM shared_secrets WHERE name = ?;

-- name: upsert
INSERT INTO shared_secrets (name, material, updated_at) VALUES (?, ?, ?)
ON CONFLICT (name) DO UPDATE SET material = EXCLUDED.material, updated_at = EXCLUDED.updated_at;
