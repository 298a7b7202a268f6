package dev.gerbang.mfa.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.mfa.Challenge;
import dev.gerbang.mfa.PendingSignIn;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The short-lived rows of a sign-in in progress: pending second steps and WebAuthn challenges, each used once. */
final class SignInSteps {
  private final Pool pool;
  private final Sql sql;

  SignInSteps(Pool pool, Sql sql) {
    this.pool = pool;
    this.sql = sql;
  }

  private Future<RowSet<Row>> run(SqlClient client, String name, Object... values) {
    return client.preparedQuery(sql.get(name)).execute(Tuple.from(values));
  }

  Future<Void> startPending(PendingSignIn p) {
    return run(pool, "pendingPurge", System.currentTimeMillis())
        .compose(done -> run(pool, "pendingInsert", p.id(), p.tokenHash(), p.userId(), p.provider(), p.outcome(), p.enrolment(),
            p.expiresAt()))
        .mapEmpty();
  }

  Future<PendingSignIn> usePending(String tokenHash, boolean guess) {
    long now = System.currentTimeMillis();
    Future<Boolean> counted = guess ? run(pool, "pendingAttempt", tokenHash, now).map(rows -> rows.rowCount() > 0) : Future.succeededFuture(true);
    return counted.compose(found -> !found ? Future.succeededFuture(null)
        : run(pool, "pendingByToken", tokenHash, now).map(rows -> Rows.first(rows, row -> new PendingSignIn(row.getString("id"),
            row.getString("token_hash"), row.getString("user_id"), row.getString("provider"), row.getString("outcome"),
            Rows.bool(row, "enrolment"), row.getInteger("attempts"), Rows.millis(row, "expires_at")))));
  }

  Future<Boolean> finishPending(String pendingId) {
    return run(pool, "pendingDelete", pendingId).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> saveChallenge(Challenge c) {
    return run(pool, "challengePurge", System.currentTimeMillis())
        .compose(done -> run(pool, "challengeInsert", c.id(), c.purpose(), c.userId(), c.pendingId(), c.challenge(), c.expiresAt()))
        .mapEmpty();
  }

  Future<Challenge> takeChallenge(String challengeId) {
    return pool.withTransaction(conn -> run(conn, "challenge", challengeId).compose(rows -> {
      Challenge found = Rows.first(rows, row -> new Challenge(row.getString("id"), row.getString("purpose"), row.getString("user_id"),
          row.getString("pending_id"), row.getString("challenge"), Rows.millis(row, "expires_at")));
      if (found == null) {
        return Future.succeededFuture(null);
      }
      return run(conn, "challengeDelete", challengeId).map(deleted -> deleted.rowCount() == 1
          && found.expiresAt() > System.currentTimeMillis() ? found : null);
    }));
  }
}
