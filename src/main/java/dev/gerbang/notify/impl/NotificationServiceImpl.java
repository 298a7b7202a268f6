package dev.gerbang.notify.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Schedule;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notification;
import dev.gerbang.notify.NotificationPage;
import dev.gerbang.notify.NotificationPreferences;
import dev.gerbang.notify.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The inbox, the preferences, and the retention purge. */
public final class NotificationServiceImpl implements NotificationService {
  private final Schedule schedule;
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;

  public NotificationServiceImpl(Database database, Schedule schedule) {
    this.schedule = schedule;
    this.pool = database.pool();
    this.sql = database.sql("notifications");
    this.pager = database.pager();
  }

  static Notification notification(Row row) {
    return new Notification(row.getString("id"), row.getString("type"), row.getString("title"), row.getString("body"),
        row.getString("path"), Rows.iso(row, "created_at"), Rows.iso(row, "read_at"));
  }

  @Override
  public Future<NotificationPage> list(String userId, JsonObject query) {
    String which = query.getBoolean("unread", false) ? "unread" : "all";
    return pager.page(Keyset.newestFirst("notifications.page"), sql, "page", "pageCount", Tuple.of(userId, which),
        query.getString("cursor"), query.getInteger("limit", 20), NotificationServiceImpl::notification)
        .map(page -> new NotificationPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<Long> unreadCount(String userId) {
    return pool.preparedQuery(sql.get("unreadCount")).execute(Tuple.of(userId)).map(Rows::count);
  }

  @Override
  public Future<Boolean> markRead(String userId, String id) {
    return pool.preparedQuery(sql.get("markRead")).execute(Tuple.of(System.currentTimeMillis(), id, userId))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Integer> markAllRead(String userId) {
    return pool.preparedQuery(sql.get("markAllRead")).execute(Tuple.of(System.currentTimeMillis(), userId))
        .map(RowSet::rowCount);
  }

  @Override
  public Future<Boolean> delete(String userId, String id) {
    return pool.preparedQuery(sql.get("delete")).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<List<Notification>> since(String userId, String lastId, int limit) {
    return pool.preparedQuery(sql.get("since")).execute(Tuple.of(userId, lastId, limit)).map(rows -> {
      List<Notification> items = new ArrayList<>();
      rows.forEach(row -> items.add(notification(row)));
      return items;
    });
  }

  @Override
  public Future<NotificationPreferences> preferences(String userId) {
    return pool.preparedQuery(sql.get("preferences")).execute(Tuple.of(userId)).map(rows -> {
      Map<NoticeType, NoticeType.Channels> chosen = new EnumMap<>(NoticeType.class);
      // A type this server no longer knows is left out, as if never chosen.
      rows.forEach(row -> NoticeType.of(row.getString("event_type")).ifPresent(type -> chosen.put(type,
          new NoticeType.Channels(Rows.bool(row, "in_app"), Rows.bool(row, "email"), Rows.bool(row, "push")))));
      return new NotificationPreferences(chosen);
    });
  }

  @Override
  public Future<Void> savePreferences(String userId, NotificationPreferences preferences) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (var choice : preferences.chosen().entrySet()) {
        NoticeType.Channels channels = choice.getValue();
        Tuple row = Tuple.of(userId, choice.getKey().id(), channels.inApp(), channels.email(), channels.push(), now);
        chain = chain.compose(done -> conn.preparedQuery(sql.get("savePreference")).execute(row));
      }
      return chain.mapEmpty();
    });
  }

  @Override
  public Future<Integer> purge(long before) {
    // Every node's timer asks every hour; one of them purges (55 min: no two runs within one hour's ticks).
    return schedule.claim("notifications.purge", 55 * 60_000L).compose(mine -> !mine ? Future.succeededFuture(0)
        : pool.preparedQuery(sql.get("purgeBroadcasts")).execute(Tuple.of(before))
            .compose(done -> pool.preparedQuery(sql.get("purge")).execute(Tuple.of(before))).map(RowSet::rowCount));
  }
}
