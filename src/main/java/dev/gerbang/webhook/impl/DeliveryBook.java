package dev.gerbang.webhook.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Sql;
import dev.gerbang.webhook.AttemptResult;
import dev.gerbang.webhook.WebhookJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook verticle's side of the deliveries, with the outbox's claiming discipline: on PostgreSQL one
 * statement claims a batch with FOR UPDATE SKIP LOCKED, on SQLite each claim is a conditional update; claims
 * expire, so a node that dies mid-send leaves its deliveries to the others. Recording an attempt keeps the
 * endpoint's failure streak and disables it, audited, once the streak has lasted the window.
 */
final class DeliveryBook {
  private static final Actor SYSTEM = Actor.system("webhooks");

  private final Pool pool;
  private final Sql sql;
  private final AuditLog audit;
  private final boolean skipLocked;

  DeliveryBook(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("webhooks");
    this.audit = new AuditLog(database);
    this.skipLocked = database.dialect() == Database.Dialect.POSTGRESQL;
  }

  Future<List<WebhookJob>> claimDue(int limit, long lockMs) {
    long now = System.currentTimeMillis();
    if (skipLocked) {
      return pool.preparedQuery(sql.get("claimBatch")).execute(Tuple.of(now + lockMs, now, true, now, now, limit)).map(rows -> {
        List<WebhookJob> claimed = new ArrayList<>();
        rows.forEach(row -> claimed.add(WebhookRows.job(row, now)));
        return claimed;
      });
    }
    return pool.preparedQuery(sql.get("due")).execute(Tuple.of(true, now, now, limit)).compose(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getString("id")));
      List<WebhookJob> claimed = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        // One conditional update per row: when two claimers race for it, one of them updates nothing.
        chain = chain.compose(x -> pool.preparedQuery(sql.get("claim")).execute(Tuple.of(now + lockMs, now, id, now, now))
            .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture()
                : pool.preparedQuery(sql.get("job")).execute(Tuple.of(id)).map(found -> {
                  found.forEach(row -> claimed.add(WebhookRows.job(row, now)));
                  return null;
                })));
      }
      return chain.map(done -> claimed);
    });
  }

  Future<Boolean> record(AttemptResult result, long disableAfterMillis) {
    long now = System.currentTimeMillis();
    String endpointId = result.endpointId();
    Integer code = result.statusCode() == 0 ? null : result.statusCode();
    if (result.delivered()) {
      return pool.withTransaction(conn -> conn.preparedQuery(sql.get("markDelivered")).execute(Tuple.of(code, now, result.deliveryId()))
          .compose(done -> conn.preparedQuery(sql.get("endpointSucceeded")).execute(Tuple.of(endpointId)))
          .map(done -> false));
    }
    boolean last = result.retryAt() < 0;
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("markFailed"))
        .execute(Tuple.of(last ? "failed" : "pending", last ? now : result.retryAt(), code, result.error(), result.deliveryId()))
        .compose(done -> conn.preparedQuery(sql.get("endpointFailed")).execute(Tuple.of(now, endpointId)))
        .compose(done -> conn.preparedQuery(sql.get("disableFailing")).execute(Tuple.of(false, now,
            "failing for more than " + disableAfterMillis / 1000 + " s", now, endpointId, true).addLong(now - disableAfterMillis)))
        .compose(disabled -> disabled.rowCount() == 0 ? Future.succeededFuture(false)
            : audit.write(conn, SYSTEM, "webhook_endpoint_disabled", null, new JsonObject().put("endpointId", endpointId)
                .put("reason", "consecutive failures").put("disableAfterSeconds", disableAfterMillis / 1000)).map(true)));
  }
}
