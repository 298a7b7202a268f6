-- The secrets a cluster's nodes share (JWT and token keys, the VAPID key pair), so that no key file is copied
-- from node to node by hand. Only cluster mode (PostgreSQL) writes here; material is AES-GCM ciphertext under a
-- key derived from the cluster's secret, which lives in the environment, not in the database. A single node
-- keeps its keys in its data dir instead, and this table stays empty.
CREATE TABLE shared_secrets (
  name       VARCHAR(60) NOT NULL PRIMARY KEY,
  material   TEXT        NOT NULL,
  updated_at BIGINT      NOT NULL
);
