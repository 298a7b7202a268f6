package dev.gerbang.notify.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.notify.DeviceRegistration;
import dev.gerbang.notify.MobileDevice;
import dev.gerbang.notify.PushDevices;
import dev.gerbang.notify.PushDevicesChanged;
import dev.gerbang.notify.PushRegistration;
import dev.gerbang.notify.PushService;
import dev.gerbang.notify.PushSubscription;
import dev.gerbang.notify.PushTarget;
import dev.gerbang.notify.WebPushDevice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

public final class PushServiceImpl implements PushService {
  private final Pool pool;
  private final Sql sql;
  private final Events events;
  private final AuditLog audit;

  /** events: every change to a user's devices is announced (PushDevicesChanged) after it committed. */
  public PushServiceImpl(Database database, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("push");
    this.events = events;
    this.audit = new AuditLog(database);
  }

  @Override
  public Future<PushRegistration> subscribe(String userId, PushSubscription subscription, int maxPerUser, Actor actor) {
    Tuple row = Tuple.of(Ids.newId(), userId, subscription.endpoint(), subscription.p256dh(), subscription.auth(),
        subscription.userAgent()).addLong(System.currentTimeMillis());
    return upsert(row, Kind.BROWSER, subscription.endpoint(), userId, maxPerUser, actor);
  }

  @Override
  public Future<PushRegistration> registerDevice(String userId, DeviceRegistration device, int maxPerUser, Actor actor) {
    Tuple row = Tuple.of(Ids.newId(), userId, device.token(), device.platform(), device.name(), System.currentTimeMillis());
    return upsert(row, Kind.PHONE, device.token(), userId, maxPerUser, actor);
  }

  /** The statements and audit events of each kind of push target. */
  private enum Kind {
    BROWSER("subscriptionByEndpoint", "upsertSubscription", "trimSubscriptions", "deleteSubscription", "push_subscribed",
        "push_unsubscribed", "subscriptionId"),
    PHONE("deviceByToken", "upsertDevice", "trimDevices", "deleteDevice", "push_device_registered", "push_device_removed",
        "deviceId");

    final String findByKey;
    final String upsert;
    final String trim;
    final String delete;
    final String added;
    final String removed;
    final String idField;

    Kind(String findByKey, String upsert, String trim, String delete, String added, String removed, String idField) {
      this.findByKey = findByKey;
      this.upsert = upsert;
      this.trim = trim;
      this.delete = delete;
      this.added = added;
      this.removed = removed;
      this.idField = idField;
    }
  }

  /** Inserts or takes over the row with this key, then drops the user's oldest beyond the limit; audited with it. */
  private Future<PushRegistration> upsert(Tuple row, Kind kind, String key, String userId, int max, Actor actor) {
    String[] previousOwner = new String[1];
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get(kind.findByKey)).execute(Tuple.of(key))
        .compose(before -> conn.preparedQuery(sql.get(kind.upsert)).execute(row)
            .compose(done -> conn.preparedQuery(sql.get(kind.trim)).execute(Tuple.of(userId, userId, max)))
            .compose(done -> conn.preparedQuery(sql.get(kind.findByKey)).execute(Tuple.of(key)))
            .map(after -> {
              previousOwner[0] = Rows.first(before, r -> r.getString("user_id"));
              return new PushRegistration(Rows.first(after, r -> r.getString("id")),
                  before.size() == 0 ? PushRegistration.Outcome.CREATED : PushRegistration.Outcome.UPDATED);
            }))
        .compose(saved -> audit.write(conn, actor, kind.added, userId, new JsonObject().put(kind.idField, saved.id())).map(saved)))
        // A browser or phone someone else had registered moves to this user: both lists changed.
        .onSuccess(registered -> events.announce(previousOwner[0] == null ? PushDevicesChanged.of(userId)
            : PushDevicesChanged.of(previousOwner[0], userId)));
  }

  @Override
  public Future<Boolean> unsubscribe(String userId, String id, Actor actor) {
    return delete(Kind.BROWSER, userId, id, actor);
  }

  @Override
  public Future<Boolean> removeDevice(String userId, String id, Actor actor) {
    return delete(Kind.PHONE, userId, id, actor);
  }

  /** Deletes one of the user's own targets with its audit row; false (and nothing written) when they have none with this id. */
  private Future<Boolean> delete(Kind kind, String userId, String id, Actor actor) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get(kind.delete)).execute(Tuple.of(id, userId))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                : audit.write(conn, actor, kind.removed, userId, new JsonObject().put(kind.idField, id)).map(true)))
        .onSuccess(removed -> {
          if (removed) {
            events.announce(PushDevicesChanged.of(userId));
          }
        });
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
