package dev.gerbang.webhook.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.webhook.AttemptResult;
import dev.gerbang.webhook.SecretBox;
import dev.gerbang.webhook.WebhookDelivery;
import dev.gerbang.webhook.WebhookDeliveryPage;
import dev.gerbang.webhook.WebhookEndpoint;
import dev.gerbang.webhook.WebhookInput;
import dev.gerbang.webhook.WebhookJob;
import dev.gerbang.webhook.WebhookService;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class WebhookServiceImpl implements WebhookService {
  private static final String NO_ENDPOINT = "detail.not_found.webhook";

  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final AuditLog audit;
  private final SecretBox box;
  private final Webhooks webhooks;
  private final DeliveryBook book;

  public WebhookServiceImpl(Database database, SecretBox box) {
    this.pool = database.pool();
    this.sql = database.sql("webhooks");
    this.pager = database.pager();
    this.audit = new AuditLog(database);
    this.box = box;
    this.webhooks = new Webhooks(database);
    this.book = new DeliveryBook(database);
  }

  private Future<Row> endpointRow(SqlClient client, String id) {
    return client.preparedQuery(sql.get("findEndpoint")).execute(Tuple.of(id)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      return row == null ? Future.failedFuture(Failure.notFound(NO_ENDPOINT)) : Future.succeededFuture(row);
    });
  }

  private Future<WebhookEndpoint> endpoint(SqlClient client, String id) {
    return endpointRow(client, id).map(WebhookRows::endpoint);
  }

  @Override
  public Future<List<WebhookEndpoint>> list() {
    return pool.preparedQuery(sql.get("listEndpoints")).execute().map(rows -> {
      List<WebhookEndpoint> endpoints = new ArrayList<>();
      rows.forEach(row -> endpoints.add(WebhookRows.endpoint(row)));
      return endpoints;
    });
  }

  @Override
  public Future<WebhookEndpoint> find(String id) {
    return endpoint(pool, id);
  }

  @Override
  public Future<WebhookEndpoint> create(Actor actor, WebhookInput input) {
    String id = Ids.newId();
    String secret = SecretBox.newSecret();
    long now = System.currentTimeMillis();
    Tuple row = Tuple.of(id, input.url(), input.description(), new JsonArray(input.eventTypes()).encode(), input.enabled(),
        box.seal(id, secret)).addLong(now).addLong(now);
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("insertEndpoint")).execute(row)
        .compose(done -> audit.write(conn, actor, "webhook_endpoint_created", null, new JsonObject().put("endpointId", id)
            .put("url", input.url()).put("eventTypes", new JsonArray(input.eventTypes()))))
        .compose(done -> endpoint(conn, id)))
        .map(created -> created.withSecret(secret));
  }

  @Override
  public Future<WebhookEndpoint> update(Actor actor, String id, WebhookInput changes) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> endpointRow(conn, id).compose(row -> {
      boolean wasEnabled = Rows.bool(row, "enabled");
      boolean enabled = changes.has("enabled") ? changes.enabled() : wasEnabled;
      Long failingSince = Rows.millis(row, "failing_since");
      Long disabledAt = Rows.millis(row, "disabled_at");
      String reason = row.getString("disabled_reason");
      if (enabled && !wasEnabled) {
        failingSince = null;
        disabledAt = null;
        reason = null;
      } else if (!enabled && wasEnabled) {
        disabledAt = now;
        reason = "disabled by an admin";
      }
      Tuple update = Tuple.of(changes.has("url") ? changes.url() : row.getString("url"),
              changes.has("description") ? changes.description() : row.getString("description"),
              changes.has("eventTypes") ? new JsonArray(changes.eventTypes()).encode() : row.getString("event_types"),
              enabled, failingSince, disabledAt)
          .addString(reason).addLong(now).addString(id);
      return conn.preparedQuery(sql.get("updateEndpoint")).execute(update)
          .compose(done -> audit.write(conn, actor, "webhook_endpoint_updated", null,
              new JsonObject().put("endpointId", id).put("changes", changes.toJson())))
          .compose(done -> endpoint(conn, id));
    }));
  }

  @Override
  public Future<Void> delete(Actor actor, String id) {
    return pool.withTransaction(conn -> endpointRow(conn, id)
        .compose(row -> conn.preparedQuery(sql.get("deleteEndpoint")).execute(Tuple.of(id)))
        .compose(done -> audit.write(conn, actor, "webhook_endpoint_deleted", null, new JsonObject().put("endpointId", id))));
  }

  @Override
  public Future<WebhookEndpoint> rotateSecret(Actor actor, String id, int overlapMinutes) {
    String secret = SecretBox.newSecret();
    long now = System.currentTimeMillis();
    long until = now + overlapMinutes * 60_000L;
    return pool.withTransaction(conn -> endpointRow(conn, id)
        .compose(row -> conn.preparedQuery(sql.get("rotateSecret"))
            .execute(Tuple.of(box.seal(id, secret), row.getString("secret"), until, now, id)))
        .compose(done -> audit.write(conn, actor, "webhook_secret_rotated", null,
            new JsonObject().put("endpointId", id).put("overlapMinutes", overlapMinutes)))
        .compose(done -> endpoint(conn, id)))
        .map(rotated -> rotated.withSecret(secret));
  }

  @Override
  public Future<WebhookDeliveryPage> deliveries(String endpointId, JsonObject query) {
    String status = query.getString("status", "");
    return endpoint(pool, endpointId).compose(found -> pager.page(Keyset.newestFirst("webhook_deliveries.list"), sql,
            "deliveries", "deliveriesCount", Tuple.of(endpointId, status, status), query.getString("cursor"),
            query.getInteger("limit", 20), WebhookRows::delivery))
        .map(page -> new WebhookDeliveryPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<WebhookDelivery> resend(Actor actor, String endpointId, String deliveryId) {
    return pool.withTransaction(conn -> delivery(conn, endpointId, deliveryId)
        .compose(found -> conn.preparedQuery(sql.get("resend"))
            .execute(Tuple.of(System.currentTimeMillis(), deliveryId, endpointId)))
        .compose(updated -> updated.rowCount() == 0
            ? Future.failedFuture(Failure.conflict("delivery-in-progress",
                "detail.conflict.delivery_in_progress", null))
            : audit.write(conn, actor, "webhook_delivery_resent", null,
                new JsonObject().put("endpointId", endpointId).put("deliveryId", deliveryId)))
        .compose(done -> delivery(conn, endpointId, deliveryId)));
  }

  private Future<WebhookDelivery> delivery(SqlConnection conn, String endpointId, String deliveryId) {
    return conn.preparedQuery(sql.get("findDelivery")).execute(Tuple.of(deliveryId, endpointId)).compose(rows -> {
      WebhookDelivery found = Rows.first(rows, WebhookRows::delivery);
      return found == null ? Future.failedFuture(Failure.notFound("detail.not_found.webhook_delivery")) : Future.succeededFuture(found);
    });
  }

  @Override
  public Future<WebhookDelivery> sendTest(Actor actor, String endpointId) {
    String body = Webhooks.body(Webhooks.TEST_EVENT, new JsonObject().put("endpointId", endpointId));
    return pool.withTransaction(conn -> endpointRow(conn, endpointId)
        .compose(row -> webhooks.insert(conn, endpointId, "msg_" + Ids.newId(), Webhooks.TEST_EVENT, body))
        .compose(deliveryId -> audit.write(conn, actor, "webhook_test_sent", null,
                new JsonObject().put("endpointId", endpointId).put("deliveryId", deliveryId))
            .compose(done -> delivery(conn, endpointId, deliveryId))));
  }

  @Override
  public Future<List<WebhookJob>> claimDue(int limit, long lockMs) {
    return book.claimDue(limit, lockMs);
  }

  @Override
  public Future<Boolean> record(AttemptResult result, long disableAfterMillis) {
    return book.record(result, disableAfterMillis);
  }
}
