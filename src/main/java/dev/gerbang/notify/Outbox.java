package dev.gerbang.notify;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Writes messages into the outbox inside the caller's transaction, so that a message exists exactly when
 * the change that caused it committed. Used by the data services; the notify verticle sends them.
 */
public final class Outbox {
  /** Published after a commit that added messages: the notify verticle drains at once instead of at its next tick. */
  public static final String WAKE = "gerbang.outbox.wake";

  private final Vertx vertx;
  private final Sql sql;

  public Outbox(Vertx vertx, Database database) {
    this.vertx = vertx;
    this.sql = database.sql("outbox");
  }

  /** Adds {recipient, userId?, template, locale, variables} as a pending email; answers its id. */
  public Future<String> enqueue(SqlClient conn, JsonObject mail) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    Tuple row = Tuple.of(id, "email", mail.getString("recipient"), mail.getString("userId"), mail.getString("template"),
            mail.getString("locale", "en"))
        .addString(mail.getJsonObject("variables", new JsonObject()).encode())
        .addLong(now)
        .addLong(now);
    return conn.preparedQuery(sql.get("insert")).execute(row).map(done -> id);
  }

  /**
   * Adds one push to one device as a pending message: channel webpush or fcm, the subscription's or device's id
   * as recipient, and the notification's text (which never holds health data) as variables.
   */
  public Future<String> enqueuePush(SqlConnection conn, String channel, String targetId, String userId, String type,
                                    String locale, JsonObject payload) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    Tuple row = Tuple.of(id, channel, targetId, userId, type, locale).addString(payload.encode()).addLong(now).addLong(now);
    return conn.preparedQuery(sql.get("insert")).execute(row).map(done -> id);
  }

  public void wake() {
    vertx.eventBus().publish(WAKE, null);
  }
}
