package dev.gerbang.audit.impl;

import dev.gerbang.audit.AuditEntry;
import dev.gerbang.audit.AuditEvent;
import dev.gerbang.audit.AuditPage;
import dev.gerbang.audit.AuditQuery;
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
  public Future<Void> record(AuditEntry entry) {
    JsonObject detail = entry.detail();
    Tuple row = Tuple.of(Ids.newId(), System.currentTimeMillis(), entry.event(), entry.userId(), entry.actorId(), entry.ip())
        .addString(entry.requestId())
        .addString(detail == null ? null : detail.encode());
    return pool.preparedQuery(sql.get("insert")).execute(row).mapEmpty();
  }

  @Override
  public Future<AuditPage> search(AuditQuery query) {
    String event = query.event() == null ? "" : query.event();
    String userId = query.userId() == null ? "" : query.userId();
    Tuple filters = Tuple.of(event, event, userId, userId, userId, query.from() == null ? 0L : query.from())
        .addLong(query.to() == null ? Long.MAX_VALUE : query.to());
    return pager.page(Keyset.newestFirst("audit.search"), sql, "search", "searchCount", filters, query.cursor(), query.limit(),
        AuditServiceImpl::toEvent).map(page -> new AuditPage(page.items(), page.nextCursor(), page.total()));
  }

  private static AuditEvent toEvent(Row row) {
    String detail = row.getString("detail");
    return new AuditEvent(row.getString("id"), Rows.iso(row, "created_at"), row.getString("event"), row.getString("user_id"),
        row.getString("actor_id"), row.getString("ip"), row.getString("request_id"),
        detail == null ? null : new JsonObject(detail));
  }
}
