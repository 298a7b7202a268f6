package dev.gerbang.metrics.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Sql;
import dev.gerbang.metrics.Count;
import dev.gerbang.metrics.Levels;
import dev.gerbang.metrics.Overview;
import dev.gerbang.metrics.StatsService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

public final class StatsServiceImpl implements StatsService {
  static final long DAY = 86_400_000L;
  static final long HOUR = 3_600_000L;
  /** Sign-in outcomes as the overview names them, from the audit log's events. */
  /** Audit events of sign-ins: a session opened (after the second step, when there is one), a wrong first or second factor, a lock. */
  private static final Map<String, String> SIGN_IN_EVENTS = Map.of("login", "ok", "oauth_login", "ok",
      "login_failed", "failed", "mfa_failed", "failed", "passkey_login_failed", "failed", "login_locked", "locked");

  private final Pool pool;
  private final Sql sql;

  public StatsServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("stats");
  }

  @Override
  public Future<Levels> levels(long now) {
    return activeSessions(now).compose(active -> counts("outboxWaiting", Tuple.of("pending", "held"),
            row -> new Count(row.getString("channel"), longOf(row, "oldest"), longOf(row, "n")))
        .map(waiting -> new Levels(active, waiting)));
  }

  @Override
  public Future<Overview> overview(long now) {
    long days30 = (now / DAY - 29) * DAY;
    long hours48 = (now / HOUR - 47) * HOUR;
    Future<List<Count>> signUps = counts("signUpsPerDay", Tuple.of(days30), StatsServiceImpl::bucket);
    Future<List<Count>> signIns = counts("signInsPerHour",
        Tuple.of("login", "oauth_login", "login_failed", "mfa_failed", "passkey_login_failed", "login_locked").addLong(hours48),
        row -> new Count(SIGN_IN_EVENTS.get(row.getString("event")), longOf(row, "bucket"), longOf(row, "n")));
    Future<List<Count>> roles = counts("usersByRole", Tuple.tuple(), row -> new Count(row.getString("role"), 0, longOf(row, "n")));
    Future<List<Count>> articles = counts("articlesPerDay", Tuple.of("published", days30), StatsServiceImpl::bucket);
    Future<List<Count>> comments = counts("commentsPerDay", Tuple.of(days30), StatsServiceImpl::bucket);
    Future<List<Count>> outbox = outbox(now);
    Future<Long> active = activeSessions(now);
    return Future.all(List.of(signUps, signIns, roles, articles, comments, outbox, active))
        .map(all -> new Overview(signUps.result(), signIns.result(), roles.result(), articles.result(), comments.result(),
            outbox.result(), active.result()));
  }

  /** Every message not sent yet by state and channel, and those sent in the last 24 hours. */
  private Future<List<Count>> outbox(long now) {
    Future<List<Count>> open = counts("outboxByState", Tuple.of("pending", "sending", "held", "dead"),
        row -> new Count(row.getString("status") + "/" + row.getString("channel"), 0, longOf(row, "n")));
    Future<List<Count>> sent = counts("outboxSentSince", Tuple.of("sent", now - DAY),
        row -> new Count("sent/" + row.getString("channel"), 0, longOf(row, "n")));
    return Future.all(open, sent).map(both -> {
      List<Count> all = new ArrayList<>(open.result());
      all.addAll(sent.result());
      return all;
    });
  }

  private Future<Long> activeSessions(long now) {
    return pool.preparedQuery(sql.get("activeSessions")).execute(Tuple.of(now))
        .map(rows -> longOf(rows.iterator().next(), "n"));
  }

  private Future<List<Count>> counts(String statement, Tuple arguments, Function<Row, Count> mapper) {
    return pool.preparedQuery(sql.get(statement)).execute(arguments).map(rows -> {
      List<Count> counts = new ArrayList<>();
      rows.forEach(row -> counts.add(mapper.apply(row)));
      return counts;
    });
  }

  private static Count bucket(Row row) {
    return new Count(null, longOf(row, "bucket"), longOf(row, "n"));
  }

  /** A number column as a long, whichever type the driver answers (INTEGER, BIGINT, NUMERIC); 0 for NULL. */
  private static long longOf(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number number ? number.longValue() : 0L;
  }
}
