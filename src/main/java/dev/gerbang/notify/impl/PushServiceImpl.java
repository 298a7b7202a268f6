package dev.gerbang.notify.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.PushService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;

public final class PushServiceImpl implements PushService {
  private final Pool pool;
  private final Sql sql;

  public PushServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("push");
  }

  @Override
  public Future<JsonObject> subscribe(String userId, JsonObject subscription, int maxPerUser) {
    String endpoint = subscription.getString("endpoint");
    Tuple row = Tuple.of(Ids.newId(), userId, endpoint, subscription.getString("p256dh"), subscription.getString("auth"),
        subscription.getString("userAgent")).addLong(System.currentTimeMillis());
    return upsert(row, "subscriptionByEndpoint", endpoint, "upsertSubscription", "trimSubscriptions", userId, maxPerUser);
  }

  @Override
  public Future<JsonObject> registerDevice(String userId, JsonObject device, int maxPerUser) {
    String token = device.getString("token");
    Tuple row = Tuple.of(Ids.newId(), userId, token, device.getString("platform"), device.getString("name"),
        System.currentTimeMillis());
    return upsert(row, "deviceByToken", token, "upsertDevice", "trimDevices", userId, maxPerUser);
  }

  /** Inserts or takes over the row with this key, then drops the user's oldest beyond the limit. */
  private Future<JsonObject> upsert(Tuple row, String findByKey, String key, String upsert, String trim, String userId, int max) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get(findByKey)).execute(Tuple.of(key))
        .compose(before -> conn.preparedQuery(sql.get(upsert)).execute(row)
            .compose(done -> conn.preparedQuery(sql.get(trim)).execute(Tuple.of(userId, userId, max)))
            .compose(done -> conn.preparedQuery(sql.get(findByKey)).execute(Tuple.of(key)))
            .map(after -> new JsonObject().put("id", Rows.first(after, r -> r.getString("id")))
                .put("created", before.size() == 0))));
  }

  @Override
  public Future<Boolean> unsubscribe(String userId, String id) {
    return pool.preparedQuery(sql.get("deleteSubscription")).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Boolean> removeDevice(String userId, String id) {
    return pool.preparedQuery(sql.get("deleteDevice")).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<JsonObject> devices(String userId) {
    Future<JsonArray> web = pool.preparedQuery(sql.get("subscriptions")).execute(Tuple.of(userId)).map(rows -> {
      JsonArray items = new JsonArray();
      // The endpoint is a capability URL: only the push service's host is shown.
      rows.forEach(row -> items.add(new JsonObject().put("id", row.getString("id"))
          .put("service", URI.create(row.getString("endpoint")).getHost())
          .put("userAgent", row.getString("user_agent"))
          .put("createdAt", Rows.iso(row, "created_at")).put("lastUsedAt", Rows.iso(row, "last_used_at"))));
      return items;
    });
    Future<JsonArray> mobile = pool.preparedQuery(sql.get("devices")).execute(Tuple.of(userId)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(new JsonObject().put("id", row.getString("id")).put("platform", row.getString("platform"))
          .put("name", row.getString("name"))
          .put("createdAt", Rows.iso(row, "created_at")).put("lastUsedAt", Rows.iso(row, "last_used_at"))));
      return items;
    });
    return Future.all(web, mobile).map(done -> new JsonObject().put("webPush", web.result()).put("mobile", mobile.result()));
  }

  @Override
  public Future<JsonObject> target(String channel, String id) {
    String statement = WEB_PUSH.equals(channel) ? "subscription" : "device";
    return pool.preparedQuery(sql.get(statement)).execute(Tuple.of(id)).map(rows -> Rows.first(rows, row -> WEB_PUSH.equals(channel)
        ? new JsonObject().put("id", row.getString("id")).put("userId", row.getString("user_id"))
            .put("endpoint", row.getString("endpoint")).put("p256dh", row.getString("p256dh")).put("auth", row.getString("auth"))
        : new JsonObject().put("id", row.getString("id")).put("userId", row.getString("user_id"))
            .put("token", row.getString("token")).put("platform", row.getString("platform"))));
  }

  @Override
  public Future<Void> touch(String channel, String id) {
    String statement = WEB_PUSH.equals(channel) ? "touchSubscription" : "touchDevice";
    return pool.preparedQuery(sql.get(statement)).execute(Tuple.of(System.currentTimeMillis(), id)).mapEmpty();
  }

  @Override
  public Future<Void> remove(String channel, String id) {
    String statement = WEB_PUSH.equals(channel) ? "removeSubscription" : "removeDevice";
    return pool.preparedQuery(sql.get(statement)).execute(Tuple.of(id)).mapEmpty();
  }
}
