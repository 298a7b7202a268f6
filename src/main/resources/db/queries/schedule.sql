-- name: ensure
INSERT INTO scheduled_jobs (name, last_started_at, runs) VALUES (?, 0, 0) ON CONFLICT (name) DO NOTHING;

-- Of the nodes that try within one interval, exactly one updates the row.
-- name: claim
UPDATE scheduled_jobs SET last_started_at = ?, runs = runs + 1, last_node = ? WHERE name = ? AND last_started_at <= ?;
