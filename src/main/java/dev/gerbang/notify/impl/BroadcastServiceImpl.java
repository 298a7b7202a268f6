package dev.gerbang.notify.impl;

import dev.gerbang.account.Mails;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.AdminMessage;
import dev.gerbang.notify.Broadcast;
import dev.gerbang.notify.BroadcastQueued;
import dev.gerbang.notify.BroadcastService;
import dev.gerbang.notify.BroadcastStatus;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Admin broadcasts: the job row and its claim, and the batches that reach its recipients. A batch is one
 * transaction: it first moves the job's cursor (only for the claimant, only from where it read it), then records
 * each recipient in broadcast_recipients and writes their notice only when that row is new. A crash rolls the
 * whole batch back, cursor included; a claimant that lost its claim moves no cursor and writes nothing.
 */
public final class BroadcastServiceImpl implements BroadcastService {
  private final Pool pool;
  private final Sql sql;
  private final Notices notices;
  private final AuditLog audit;
  private final Events events;

  public BroadcastServiceImpl(Database database, Notices notices, AuditLog audit, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("broadcasts");
    this.notices = notices;
    this.audit = audit;
    this.events = events;
  }

  private static Broadcast broadcast(Row row) {
    String title = row.getString("title");
    String body = row.getString("body");
    String path = row.getString("path");
    AdminMessage message = switch (AdminMessage.Audience.valueOf(row.getString("audience").toUpperCase(Locale.ROOT))) {
      case USERS -> AdminMessage.toUsers(title, body, path,
          new JsonArray(row.getString("target_user_ids")).stream().map(String::valueOf).toList());
      case ROLE -> AdminMessage.toRole(title, body, path, row.getString("target_role"));
      case ALL -> AdminMessage.toAll(title, body, path);
    };
    return new Broadcast(row.getString("id"), message, row.getString("created_by"), BroadcastStatus.of(row.getString("status")),
        Rows.millis(row, "recipients"), Rows.iso(row, "created_at"), Rows.iso(row, "started_at"), Rows.iso(row, "finished_at"));
  }

  @Override
  public Future<Broadcast> queue(Actor sender, AdminMessage message, String idempotencyKey) {
    String id = Ids.newId();
    String fingerprint = message.fingerprint();
    Tuple row = Tuple.of(id, sender.userId(), idempotencyKey, fingerprint, message.title(), message.body(), message.path(),
            message.audience().name().toLowerCase(Locale.ROOT), message.role())
        .addString(message.audience() == AdminMessage.Audience.USERS ? new JsonArray(message.userIds()).encode() : null)
        .addLong(System.currentTimeMillis());
    boolean[] created = {false};
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("insert")).execute(row).compose(inserted -> {
      if (inserted.rowCount() == 1) {
        created[0] = true;
        JsonObject detail = new JsonObject().put("broadcastId", id).put("title", message.title()).put("to", message.to());
        return audit.write(conn, sender, "admin_message_sent", null, detail).compose(done -> find(conn, id));
      }
      // The same sender and key: a retry of the request that made this job, or a key reused for another message.
      return conn.preparedQuery(sql.get("findByKey")).execute(Tuple.of(sender.userId(), idempotencyKey)).compose(rows -> {
        Row earlier = Rows.first(rows, r -> r);
        if (earlier == null) {
          return Future.failedFuture(new IllegalStateException("broadcast insert conflicted, but no job holds its key"));
        }
        if (!fingerprint.equals(earlier.getString("fingerprint"))) {
          return Future.failedFuture(Failure.conflict("idempotency-key-reused",
              "detail.conflict.idempotency_key_reused", null));
        }
        return Future.succeededFuture(broadcast(earlier));
      });
    })).onSuccess(job -> {
      if (created[0]) {
        events.announce(new BroadcastQueued(job.id()));
      }
    });
  }

  @Override
  public Future<Broadcast> find(String id) {
    return pool.preparedQuery(sql.get("find")).execute(Tuple.of(id)).map(rows -> Rows.first(rows, BroadcastServiceImpl::broadcast));
  }

  private Future<Broadcast> find(SqlConnection conn, String id) {
    return conn.preparedQuery(sql.get("find")).execute(Tuple.of(id)).map(rows -> Rows.first(rows, BroadcastServiceImpl::broadcast));
  }

  @Override
  public Future<String> claim(String token, long lockMs) {
    long now = System.currentTimeMillis();
    return pool.preparedQuery(sql.get("due")).execute(Tuple.of(now, 5)).compose(rows -> {
      List<String> candidates = new ArrayList<>();
      rows.forEach(row -> candidates.add(row.getString("id")));
      return claimFirst(candidates, 0, token, now, lockMs);
    });
  }

  /** Tries the candidates in turn: another node may have claimed one since they were read. */
  private Future<String> claimFirst(List<String> candidates, int i, String token, long now, long lockMs) {
    if (i == candidates.size()) {
      return Future.succeededFuture();
    }
    String id = candidates.get(i);
    return pool.preparedQuery(sql.get("claim")).execute(Tuple.of(token, now + lockMs, now, id, now))
        .compose(updated -> updated.rowCount() == 1 ? Future.succeededFuture(id) : claimFirst(candidates, i + 1, token, now, lockMs));
  }

  @Override
  public Future<Void> release(String id, String token) {
    return pool.preparedQuery(sql.get("release")).execute(Tuple.of(id, token)).mapEmpty();
  }

  @Override
  public Future<Broadcast> step(String id, String token, int batchSize, long lockMs) {
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("find")).execute(Tuple.of(id)).compose(rows -> {
      Row job = Rows.first(rows, r -> r);
      if (job == null || !token.equals(job.getString("claim_token")) || !"running".equals(job.getString("status"))) {
        return Future.failedFuture(claimLost());
      }
      AdminMessage message = broadcast(job).message();
      String cursor = job.getString("cursor_user_id");
      return next(conn, message, cursor, batchSize).compose(next -> next.last() == null
          ? finish(conn, id, token)
          : reach(conn, batch, id, token, cursor, message, next, lockMs));
    }).compose(done -> find(conn, id))).onSuccess(job -> batch.delivered());
  }

  private static Failure claimLost() {
    return Failure.conflict("broadcast-claim-lost", "detail.conflict.broadcast_claim_lost", null);
  }

  private Future<Void> finish(SqlConnection conn, String id, String token) {
    return conn.preparedQuery(sql.get("finish")).execute(Tuple.of(System.currentTimeMillis(), id, token))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(claimLost()));
  }

  /** The next batch: the users found (enabled accounts), and the last id it covers, or null when nobody is left. */
  private record Next(List<Row> users, String last) {
  }

  private Future<Next> next(SqlConnection conn, AdminMessage message, String cursor, int batchSize) {
    return switch (message.audience()) {
      case ALL -> conn.preparedQuery(sql.get("nextOfAll")).execute(Tuple.of(cursor, batchSize)).map(BroadcastServiceImpl::next);
      case ROLE -> conn.preparedQuery(sql.get("nextOfRole")).execute(Tuple.of(message.role(), cursor, batchSize))
          .map(BroadcastServiceImpl::next);
      case USERS -> {
        // The ids named, in order: the cursor moves past each, found or not.
        List<String> ids = message.userIds().stream().filter(userId -> userId.compareTo(cursor) > 0).limit(batchSize).toList();
        List<Row> found = new ArrayList<>();
        Future<?> chain = Future.succeededFuture();
        for (String userId : ids) {
          chain = chain.compose(done -> conn.preparedQuery(sql.get("user")).execute(Tuple.of(userId)).onSuccess(rows -> rows.forEach(found::add)));
        }
        yield chain.map(done -> new Next(found, ids.isEmpty() ? null : ids.get(ids.size() - 1)));
      }
    };
  }

  private static Next next(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Row> users = new ArrayList<>();
    rows.forEach(users::add);
    return new Next(users, users.isEmpty() ? null : users.get(users.size() - 1).getString("id"));
  }

  private Future<Void> reach(SqlConnection conn, Notices.Batch batch, String id, String token, String cursor,
                             AdminMessage message, Next next, long lockMs) {
    Tuple advance = Tuple.of(next.last(), System.currentTimeMillis() + lockMs, id, token, cursor);
    return conn.preparedQuery(sql.get("advance")).execute(advance).compose(updated -> {
      if (updated.rowCount() != 1) {
        return Future.failedFuture(claimLost());
      }
      int[] reached = {0};
      Future<?> chain = Future.succeededFuture();
      for (Row to : next.users()) {
        chain = chain.compose(done -> conn.preparedQuery(sql.get("reached")).execute(Tuple.of(id, to.getString("id")))
            .compose(added -> {
              if (added.rowCount() == 0) {
                return Future.succeededFuture();
              }
              reached[0]++;
              return batch.add(conn, notice(message, to));
            }));
      }
      return chain.compose(done -> conn.preparedQuery(sql.get("addRecipients")).execute(Tuple.of(reached[0], id))).mapEmpty();
    });
  }

  private static Notices.Notice notice(AdminMessage message, Row to) {
    JsonObject mail = Mails.adminMessage(to.getString("email"), to.getString("name"), to.getString("locale"),
        message.title(), message.body(), message.path());
    return new Notices.Notice(NoticeType.ADMIN_MESSAGE, to.getString("id"),
        new JsonObject().put("title", message.title()).put("body", message.body()), message.path(), mail);
  }
}
