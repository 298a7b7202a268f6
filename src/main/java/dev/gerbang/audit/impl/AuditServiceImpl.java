package dev.gerbang.audit.impl;

import dev.gerbang.audit.AuditService;
import dev.gerbang.db.Cursor;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Page;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

public final class AuditServiceImpl implements AuditService {
  private final Pool pool;
  private final Sql sql;

  public AuditServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("audit");
  }

  @Override
  public Future<Void> record(JsonObject entry) {
    JsonObject detail = entry.getJsonObject("detail");
    Tuple row = Tuple.of(Ids.newId(), System.currentTimeMillis(), entry.getString("event"), entry.getString("userId"),
        entry.getString("actorId"), entry.getString("ip"))
        .addString(entry.getString("requestId"))
        .addString(detail == null ? null : detail.encode());
    return pool.preparedQuery(sql.get("insert")).execute(row).mapEmpty();
  }

  @Override
  public Future<JsonObject> search(JsonObject query) {
    Cursor cursor;
    try {
      cursor = Cursor.decode(query.getString("cursor"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    String event = query.getString("event", "");
    String userId = query.getString("userId", "");
    long from = query.getLong("from", 0L);
    long to = query.getLong("to", Long.MAX_VALUE);
    int limit = query.getInteger("limit", 20);
    Tuple filters = Tuple.of(event, event, userId, userId, userId, from).addLong(to);
    Tuple page = Rows.extend(filters, cursor.time(), cursor.time(), cursor.id(), limit + 1);
    Future<JsonArray> items = pool.preparedQuery(sql.get("search")).execute(page).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(row -> {
        String detail = row.getString("detail");
        list.add(new JsonObject()
            .put("id", row.getString("id"))
            .put("at", Rows.iso(row, "created_at"))
            .put("atMillis", Rows.millis(row, "created_at"))
            .put("event", row.getString("event"))
            .put("userId", row.getString("user_id"))
            .put("actorId", row.getString("actor_id"))
            .put("ip", row.getString("ip"))
            .put("requestId", row.getString("request_id"))
            .put("detail", detail == null ? null : new JsonObject(detail)));
      });
      return list;
    });
    Future<Long> total = pool.preparedQuery(sql.get("searchCount")).execute(filters).map(Rows::count);
    return Future.all(items, total).map(done -> {
      JsonArray list = items.result();
      Cursor next = null;
      if (list.size() > limit) {
        list.remove(limit);
        JsonObject last = list.getJsonObject(limit - 1);
        next = new Cursor(last.getLong("atMillis"), last.getString("id"));
      }
      list.forEach(item -> ((JsonObject) item).remove("atMillis"));
      return Page.of(list, next, total.result());
    });
  }
}
