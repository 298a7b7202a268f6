package dev.gerbang.audit;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Writes audit rows inside the caller's transaction: the record of a change (or of a read of someone's health
 * data) exists exactly when the change (or the answer) does, and a crash cannot lose one without the other.
 * For the data services of every feature; {@link Audit} remains for events that have no transaction of their
 * own (a failed sign-in).
 */
public final class AuditLog {
  private final Sql sql;

  public AuditLog(Database database) {
    this.sql = database.sql("audit");
  }

  /** An event about userId (who it concerns), done by the actor; detail may be null. */
  public Future<Void> write(SqlConnection conn, Actor actor, String event, String userId, JsonObject detail) {
    Tuple row = Tuple.of(Ids.newId(), System.currentTimeMillis(), event, userId,
            actor.userId() == null ? userId : actor.userId(), actor.ip())
        .addString(actor.requestId())
        .addString(detail == null ? null : detail.encode());
    return conn.preparedQuery(sql.get("insert")).execute(row).mapEmpty();
  }
}
