package dev.gerbang.notify.impl;

import dev.gerbang.account.Mails;
import dev.gerbang.db.Database;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import dev.gerbang.notify.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class NotificationServiceImpl implements NotificationService {
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final Notices notices;

  public NotificationServiceImpl(Database database, Notices notices) {
    this.pool = database.pool();
    this.sql = database.sql("notifications");
    this.pager = database.pager();
    this.notices = notices;
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("type", row.getString("type"))
        .put("title", row.getString("title"))
        .put("body", row.getString("body"))
        .put("path", row.getString("path"))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("readAt", Rows.iso(row, "read_at"));
  }

  @Override
  public Future<JsonObject> list(String userId, JsonObject query) {
    String which = query.getBoolean("unread", false) ? "unread" : "all";
    return pager.page(Keyset.newestFirst("notifications.page"), sql, "page", "pageCount", Tuple.of(userId, which),
        query.getString("cursor"), query.getInteger("limit", 20), NotificationServiceImpl::toJson)
        .map(page -> page.toJson(item -> item));
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
  public Future<JsonArray> since(String userId, String lastId, int limit) {
    return pool.preparedQuery(sql.get("since")).execute(Tuple.of(userId, lastId, limit)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(toJson(row)));
      return items;
    });
  }

  @Override
  public Future<JsonObject> preferences(String userId) {
    return pool.preparedQuery(sql.get("preferences")).execute(Tuple.of(userId)).map(rows -> {
      JsonObject chosen = new JsonObject();
      rows.forEach(row -> chosen.put(row.getString("event_type"), new JsonObject()
          .put("inApp", Rows.bool(row, "in_app")).put("email", Rows.bool(row, "email")).put("push", Rows.bool(row, "push"))));
      return chosen;
    });
  }

  @Override
  public Future<Void> savePreferences(String userId, JsonObject preferences) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (String type : preferences.fieldNames()) {
        JsonObject choice = preferences.getJsonObject(type);
        Tuple row = Tuple.of(userId, type, choice.getBoolean("inApp"), choice.getBoolean("email"), choice.getBoolean("push"), now);
        chain = chain.compose(done -> conn.preparedQuery(sql.get("savePreference")).execute(row));
      }
      return chain.mapEmpty();
    });
  }

  @Override
  public Future<Integer> message(JsonObject message) {
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> recipients(conn, message.getJsonObject("to")).compose(recipients -> {
      Future<?> chain = Future.succeededFuture();
      for (Row to : recipients) {
        JsonObject mail = Mails.adminMessage(to.getString("email"), to.getString("name"), to.getString("locale"),
            message.getString("title"), message.getString("body"), message.getString("path"));
        Notices.Notice notice = new Notices.Notice(NoticeType.ADMIN_MESSAGE, to.getString("id"),
            new JsonObject().put("title", message.getString("title")).put("body", message.getString("body")),
            message.getString("path"), mail);
        chain = chain.compose(done -> batch.add(conn, notice));
      }
      return chain.map(done -> recipients.size());
    })).onSuccess(count -> batch.delivered());
  }

  @Override
  public Future<Integer> purge(long before) {
    return pool.preparedQuery(sql.get("purge")).execute(Tuple.of(before)).map(RowSet::rowCount);
  }

  private Future<List<Row>> recipients(SqlConnection conn, JsonObject to) {
    List<Row> found = new ArrayList<>();
    if (to.getJsonArray("userIds") != null) {
      Future<?> chain = Future.succeededFuture();
      for (Object id : to.getJsonArray("userIds").stream().distinct().toList()) {
        chain = chain.compose(done -> conn.preparedQuery(sql.get("recipientsByIds")).execute(Tuple.of(id))
            .onSuccess(rows -> rows.forEach(found::add)));
      }
      return chain.map(done -> found);
    }
    Future<RowSet<Row>> rows = to.getString("role") != null
        ? conn.preparedQuery(sql.get("recipientsByRole")).execute(Tuple.of(to.getString("role")))
        : conn.preparedQuery(sql.get("recipientsAll")).execute();
    return rows.map(all -> {
      all.forEach(found::add);
      return found;
    });
  }
}
