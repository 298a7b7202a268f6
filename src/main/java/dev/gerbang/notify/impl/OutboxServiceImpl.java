package dev.gerbang.notify.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.OutboxMessage;
import dev.gerbang.notify.OutboxPage;
import dev.gerbang.notify.OutboxService;
import dev.gerbang.notify.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class OutboxServiceImpl implements OutboxService {
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final boolean skipLocked;
  private final AuditLog audit;

  public OutboxServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("outbox");
    this.skipLocked = database.dialect() == Database.Dialect.POSTGRESQL;
    this.pager = database.pager();
    this.audit = new AuditLog(database);
  }

  static OutboxMessage message(Row row) {
    return new OutboxMessage(row.getString("id"), row.getString("channel"), row.getString("recipient"),
        row.getString("user_id"), row.getString("template"), row.getString("locale"), new JsonObject(row.getString("variables")),
        OutboxStatus.of(row.getString("status")), Rows.millis(row, "attempts"), Rows.iso(row, "next_attempt_at"),
        row.getString("last_error"), Rows.iso(row, "created_at"), Rows.iso(row, "sent_at"));
  }

  @Override
  public Future<List<OutboxMessage>> claimDue(int limit, long lockMs) {
    long now = System.currentTimeMillis();
    if (skipLocked) {
      return pool.preparedQuery(sql.get("claimBatch")).execute(Tuple.of(now + lockMs, now, now, limit)).map(rows -> {
        List<OutboxMessage> claimed = new ArrayList<>();
        rows.forEach(row -> claimed.add(message(row)));
        return claimed;
      });
    }
    // SQLite: one node, one writer at a time; each claim is still a conditional update.
    return pool.preparedQuery(sql.get("due")).execute(Tuple.of(now, now, limit)).compose(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getString("id")));
      List<OutboxMessage> claimed = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        // Each claim is one conditional update: when two nodes race for a row, one of them updates nothing.
        chain = chain.compose(x -> pool.preparedQuery(sql.get("claim")).execute(Tuple.of(now + lockMs, id, now, now))
            .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture()
                : pool.preparedQuery(sql.get("find")).execute(Tuple.of(id))
                    .map(found -> {
                      found.forEach(row -> claimed.add(message(row)));
                      return null;
                    })));
      }
      return chain.map(done -> claimed);
    });
  }

  @Override
  public Future<Void> markSent(String id) {
    return pool.preparedQuery(sql.get("markSent")).execute(Tuple.of(System.currentTimeMillis(), id)).mapEmpty();
  }

  @Override
  public Future<Void> markFailed(String id, boolean dead, long nextAttemptAt, String error) {
    return pool.preparedQuery(sql.get("markFailed")).execute(Tuple.of(dead ? "dead" : "pending", nextAttemptAt, error, id))
        .mapEmpty();
  }

  @Override
  public Future<Void> markHeld(String id, String note) {
    return pool.preparedQuery(sql.get("markHeld")).execute(Tuple.of(note, id)).mapEmpty();
  }

  @Override
  public Future<Integer> releaseHeld(String channel) {
    return pool.preparedQuery(sql.get("releaseHeld")).execute(Tuple.of(System.currentTimeMillis(), channel)).map(rows -> rows.rowCount());
  }

  @Override
  public Future<OutboxPage> search(JsonObject query) {
    String status = query.getString("status", "");
    // Variables stay out of the admin view: they are the mail's business, not the admin's.
    return pager.page(Keyset.newestFirst("outbox.search"), sql, "search", "searchCount", Tuple.of(status, status),
        query.getString("cursor"), query.getInteger("limit", 20), row -> message(row).withoutVariables())
        .map(page -> new OutboxPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<Boolean> retry(String id, Actor actor) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("retry")).execute(Tuple.of(System.currentTimeMillis(), id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : audit.write(conn, actor, "admin_mail_retried", null, new JsonObject().put("messageId", id)).map(true)));
  }
}
