-- Jobs that run on a schedule (the hourly purge of old notifications, ...) run once per interval for the
-- whole cluster, not once per node: a node starts a run only by moving last_started_at forward with a
-- conditional update, which exactly one node wins per interval.
CREATE TABLE scheduled_jobs (
  name            VARCHAR(60) NOT NULL PRIMARY KEY,
  last_started_at BIGINT      NOT NULL,
  runs            BIGINT      NOT NULL,
  last_node       VARCHAR(80)
);
