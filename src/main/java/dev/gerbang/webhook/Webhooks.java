package dev.gerbang.webhook;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits webhook events inside the producer's transaction: one call,
 * {@code webhooks.emit(conn, "order.paid", new JsonObject().put("orderId", id))}, chained into the transaction
 * that makes the change, writes one delivery row per enabled endpoint subscribed to the type, so deliveries exist
 * exactly when the change committed (and none when it rolled back). The webhook verticle sends them within a
 * second (webhooks.pollMillis), signed, with retries. data holds ids and no personal or health data: receivers
 * fetch what they need through the API. Build one per data service with {@code new Webhooks(services.database())}.
 */
public final class Webhooks {
  /** The event types endpoints may subscribe to. */
  public static final List<String> EVENT_TYPES = List.of("user.registered", "user.deleted", "article.published",
      "comment.created", "medical_record.created", "order.paid", "order.refunded");
  /** Sent by an admin's "send test event", to one endpoint whatever it subscribed to. */
  public static final String TEST_EVENT = "webhook.test";

  private final Sql sql;

  public Webhooks(Database database) {
    this.sql = database.sql("webhooks");
  }

  /** Queues the event for every enabled endpoint subscribed to its type, in the caller's transaction. */
  public Future<Void> emit(SqlConnection conn, String type, JsonObject data) {
    if (!EVENT_TYPES.contains(type)) {
      return Future.failedFuture(new IllegalArgumentException("not a webhook event type: " + type));
    }
    return conn.preparedQuery(sql.get("subscribers")).execute(Tuple.of(true)).compose(rows -> {
      List<String> endpoints = new ArrayList<>();
      rows.forEach(row -> {
        if (new JsonArray(row.getString("event_types")).contains(type)) {
          endpoints.add(row.getString("id"));
        }
      });
      if (endpoints.isEmpty()) {
        return Future.succeededFuture();
      }
      String messageId = "msg_" + Ids.newId();
      String body = body(type, data);
      Future<Void> chain = Future.succeededFuture();
      for (String endpointId : endpoints) {
        chain = chain.compose(done -> insert(conn, endpointId, messageId, type, body).mapEmpty());
      }
      return chain;
    });
  }

  /** The Standard Webhooks body: {type, timestamp (ISO-8601, UTC), data}. */
  public static String body(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
        .put("data", data).encode();
  }

  /** One delivery row, due now; answers its id. */
  public Future<String> insert(SqlConnection conn, String endpointId, String messageId, String type, String body) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertDelivery"))
        .execute(Tuple.of(id, endpointId, messageId, type, body, now).addLong(now)).map(done -> id);
  }
}
