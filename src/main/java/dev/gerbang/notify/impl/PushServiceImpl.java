package dev.gerbang.notify.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.notify.MobileDevice;
import dev.gerbang.notify.PushDevices;
import dev.gerbang.notify.PushDevicesChanged;
import dev.gerbang.notify.PushRegistration;
import dev.gerbang.notify.PushService;
import dev.gerbang.notify.PushTarget;
import dev.gerbang.notify.WebPushDevice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

public final class PushServiceImpl implements PushService {
  private final Pool pool;
  private final Sql sql;
  private final Events events;

  /** events: every change to a user's devices is announced (PushDevicesChanged) after it committed. */
  public PushServiceImpl(Database database, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("push");
    this.events = events;
  }

  @Override
  public Future<PushRegistration> subscribe(String userId, JsonObject subscription, int maxPerUser) {
    String endpoint = subscription.getString("endpoint");
    Tuple row = Tuple.of(Ids.newId(), userId, endpoint, subscription.getString("p256dh"), subscription.getString("auth"),
        subscription.getString("userAgent")).addLong(System.currentTimeMillis());
    return upsert(row, "subscriptionByEndpoint", endpoint, "upsertSubscription", "trimSubscriptions", userId, maxPerUser);
  }

  @Override
  public Future<PushRegistration> registerDevice(String userId, JsonObject device, int maxPerUser) {
    String token = device.getString("token");
    Tuple row = Tuple.of(Ids.newId(), userId, token, device.getString("platform"), device.getString("name"),
        System.currentTimeMillis());
    return upsert(row, "deviceByToken", token, "upsertDevice", "trimDevices", userId, maxPerUser);
  }

  /** Inserts or takes over the row with this key, then drops the user's oldest beyond the limit. */
  private Future<PushRegistration> upsert(Tuple row, String findByKey, String key, String upsert, String trim, String userId, int max) {
    String[] previousOwner = new String[1];
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get(findByKey)).execute(Tuple.of(key))
        .compose(before -> conn.preparedQuery(sql.get(upsert)).execute(row)
            .compose(done -> conn.preparedQuery(sql.get(trim)).execute(Tuple.of(userId, userId, max)))
            .compose(done -> conn.preparedQuery(sql.get(findByKey)).execute(Tuple.of(key)))
            .map(after -> {
              previousOwner[0] = Rows.first(before, r -> r.getString("user_id"));
              return new PushRegistration(Rows.first(after, r -> r.getString("id")),
                  before.size() == 0 ? PushRegistration.Outcome.CREATED : PushRegistration.Outcome.UPDATED);
            })))
        // A browser or phone someone else had registered moves to this user: both lists changed.
        .onSuccess(registered -> events.announce(previousOwner[0] == null ? PushDevicesChanged.of(userId)
            : PushDevicesChanged.of(previousOwner[0], userId)));
  }

  @Override
  public Future<Boolean> unsubscribe(String userId, String id) {
    return pool.preparedQuery(sql.get("deleteSubscription")).execute(Tuple.of(id, userId)).map(rows -> removed(rows, userId));
  }

  @Override
  public Future<Boolean> removeDevice(String userId, String id) {
    return pool.preparedQuery(sql.get("deleteDevice")).execute(Tuple.of(id, userId)).map(rows -> removed(rows, userId));
  }

  private boolean removed(RowSet<Row> rows, String userId) {
    if (rows.rowCount() == 0) {
      return false;
    }
    events.announce(PushDevicesChanged.of(userId));
    return true;
  }

  @Override
  public Future<PushDevices> devices(String userId) {
    Future<List<WebPushDevice>> web = pool.preparedQuery(sql.get("subscriptions")).execute(Tuple.of(userId)).map(rows -> {
      List<WebPushDevice> items = new ArrayList<>();
      // The endpoint is a capability URL: only the push service's host is shown.
      rows.forEach(row -> items.add(new WebPushDevice(row.getString("id"), URI.create(row.getString("endpoint")).getHost(),
          row.getString("user_agent"), Rows.iso(row, "created_at"), Rows.iso(row, "last_used_at"))));
      return items;
    });
    Future<List<MobileDevice>> mobile = pool.preparedQuery(sql.get("devices")).execute(Tuple.of(userId)).map(rows -> {
      List<MobileDevice> items = new ArrayList<>();
      rows.forEach(row -> items.add(new MobileDevice(row.getString("id"), row.getString("platform"), row.getString("name"),
          Rows.iso(row, "created_at"), Rows.iso(row, "last_used_at"))));
      return items;
    });
    return Future.all(web, mobile).map(done -> new PushDevices(web.result(), mobile.result()));
  }

  @Override
  public Future<PushTarget> target(String channel, String id) {
    boolean browser = WEB_PUSH.equals(channel);
    return pool.preparedQuery(sql.get(browser ? "subscription" : "device")).execute(Tuple.of(id)).map(rows -> Rows.first(rows, row -> browser
        ? PushTarget.browser(row.getString("id"), row.getString("user_id"), row.getString("endpoint"), row.getString("p256dh"),
            row.getString("auth"))
        : PushTarget.phone(row.getString("id"), row.getString("user_id"), row.getString("token"), row.getString("platform"))));
  }

  @Override
  public Future<Void> touch(String channel, String id, String userId) {
    String statement = WEB_PUSH.equals(channel) ? "touchSubscription" : "touchDevice";
    return pool.preparedQuery(sql.get(statement)).execute(Tuple.of(System.currentTimeMillis(), id))
        .onSuccess(done -> events.announce(PushDevicesChanged.of(userId))).mapEmpty();
  }

  @Override
  public Future<Void> remove(String channel, String id, String userId) {
    String statement = WEB_PUSH.equals(channel) ? "removeSubscription" : "removeDevice";
    return pool.preparedQuery(sql.get(statement)).execute(Tuple.of(id))
        .onSuccess(done -> events.announce(PushDevicesChanged.of(userId))).mapEmpty();
  }
}
