package dev.gerbang.audit.impl;

import dev.gerbang.audit.AuditService;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

public final class AuditServiceImpl implements AuditService {
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;

  public AuditServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("audit");
    this.pager = database.pager();
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
    String event = query.getString("event", "");
    String userId = query.getString("userId", "");
    Tuple filters = Tuple.of(event, event, userId, userId, userId, query.getLong("from", 0L))
        .addLong(query.getLong("to", Long.MAX_VALUE));
    return pager.page(Keyset.newestFirst("audit.search"), sql, "search", "searchCount", filters, query.getString("cursor"),
        query.getInteger("limit", 20), AuditServiceImpl::toJson).map(page -> page.toJson(item -> item));
  }

  private static JsonObject toJson(Row row) {
    String detail = row.getString("detail");
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("at", Rows.iso(row, "created_at"))
        .put("event", row.getString("event"))
        .put("userId", row.getString("user_id"))
        .put("actorId", row.getString("actor_id"))
        .put("ip", row.getString("ip"))
        .put("requestId", row.getString("request_id"))
        .put("detail", detail == null ? null : new JsonObject(detail));
  }
}
