-- The admin overview and the metrics' gauges read these every few seconds: each count is an index range, never a
-- scan of the table. Sessions still open (the partial index holds only unrevoked ones, by expiry), and the outbox
-- by state and age (the channel rides along, so the counts per channel read the index alone).
CREATE INDEX sessions_live_idx ON sessions (expires_at) WHERE revoked_at IS NULL;
CREATE INDEX outbox_status_created_idx ON outbox (status, created_at, channel);
