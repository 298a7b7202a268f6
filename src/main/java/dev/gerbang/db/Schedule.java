package dev.gerbang.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Runs of scheduled jobs, once per interval for the whole cluster: every node's timer asks, and only the one
 * whose conditional update moves the job's last start forward runs it (table scheduled_jobs). A run that dies
 * halfway is not retried before the next interval, which suits idempotent clean-ups.
 */
public final class Schedule {
  private final Pool pool;
  private final Sql sql;
  private final String node;

  public Schedule(Database database, String node) {
    this.pool = database.pool();
    this.sql = database.sql("schedule");
    this.node = node;
  }

  /** Whether this node should run the job now: true for exactly one caller per interval, cluster-wide. */
  public Future<Boolean> claim(String job, long intervalMillis) {
    long now = System.currentTimeMillis();
    return pool.preparedQuery(sql.get("ensure")).execute(Tuple.of(job))
        .compose(done -> pool.preparedQuery(sql.get("claim")).execute(Tuple.of(now, node, job, now - intervalMillis)))
        .map(updated -> updated.rowCount() == 1);
  }
}
