package dev.gerbang.auth.impl;

import dev.gerbang.auth.Revocations;
import dev.gerbang.auth.SessionService;
import dev.gerbang.auth.SessionsRevoked;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;

public final class SessionServiceImpl implements SessionService {
  private final Pool pool;
  private final Sql sql;
  private final Notices notices;
  private final Revocations revocations;
  private final Events events;

  public SessionServiceImpl(Database database, Notices notices, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("sessions");
    this.notices = notices;
    this.revocations = new Revocations(database);
    this.events = events;
  }

  @Override
  public Future<Void> create(JsonObject session) {
    long now = System.currentTimeMillis();
    String id = session.getString("id");
    Tuple row = Tuple.of(id, session.getString("userId"), session.getString("userAgent"), session.getString("ip"),
        now, now).addLong(session.getLong("expiresAt"));
    JsonObject newDeviceMail = session.getJsonObject("newDeviceMail");
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> newDevice(conn, session, newDeviceMail)
        .compose(isNew -> conn.preparedQuery(sql.get("insert")).execute(row)
            .compose(done -> conn.preparedQuery(sql.get("insertToken")).execute(Tuple.of(session.getString("refreshHash"), id, now)))
            .compose(done -> isNew ? batch.add(conn, new Notices.Notice(NoticeType.NEW_SIGN_IN, session.getString("userId"),
                newDeviceMail.getJsonObject("variables"), "/settings", newDeviceMail)) : Future.succeededFuture())))
        .onSuccess(done -> batch.delivered())
        .mapEmpty();
  }

  /** A device is new when the account has signed in before, but never with this user agent. */
  private Future<Boolean> newDevice(SqlConnection conn, JsonObject session, JsonObject mail) {
    if (mail == null) {
      return Future.succeededFuture(false);
    }
    String userId = session.getString("userId");
    String agent = session.getString("userAgent") == null ? "" : session.getString("userAgent");
    return conn.preparedQuery(sql.get("signInHistory")).execute(Tuple.of(agent, userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return ((Number) row.getValue(0)).longValue() > 0 && ((Number) row.getValue(1)).longValue() == 0;
        });
  }

  @Override
  public Future<JsonObject> refresh(String tokenHash, String successorHash, long graceMs, long ttlMs, long absoluteMs) {
    return pool.withTransaction(conn -> findToken(conn, tokenHash).compose(token -> {
      long now = System.currentTimeMillis();
      if (token == null) {
        return outcome("invalid", null);
      }
      long absoluteEnd = Rows.millis(token, "session_created_at") + absoluteMs;
      boolean dead = token.getValue("revoked_at") != null || Rows.millis(token, "expires_at") < now || absoluteEnd < now
          || Rows.bool(token, "disabled");
      if (dead) {
        return outcome("invalid", token);
      }
      if (token.getValue("replaced_at") == null) {
        return conn.preparedQuery(sql.get("replaceToken")).execute(Tuple.of(now, tokenHash)).compose(updated -> {
          if (updated.rowCount() == 0) {
            // Another request rotated it between our read and our write: judge it as a replaced token.
            return findToken(conn, tokenHash).compose(fresh -> replaced(conn, fresh, successorHash, graceMs));
          }
          String sessionId = token.getString("session_id");
          return conn.preparedQuery(sql.get("insertToken")).execute(Tuple.of(successorHash, sessionId, now))
              .compose(done -> conn.preparedQuery(sql.get("touch")).execute(Tuple.of(now, Math.min(now + ttlMs, absoluteEnd), sessionId)))
              .compose(done -> outcome("rotated", token).map(json -> json.put("issuedAt", now)));
        });
      }
      return replaced(conn, token, successorHash, graceMs);
    })).map(this::announceReuse);
  }

  private Future<JsonObject> replaced(SqlConnection conn, Row token, String successorHash, long graceMs) {
    long now = System.currentTimeMillis();
    long replacedAt = Rows.millis(token, "replaced_at");
    if (now - replacedAt <= graceMs) {
      return findToken(conn, successorHash).compose(successor -> successor == null
          ? outcome("invalid", token)
          : outcome("grace", token).map(json -> json.put("issuedAt", Rows.millis(successor, "issued_at"))));
    }
    String sessionId = token.getString("session_id");
    return conn.preparedQuery(sql.get("revoke"))
        .execute(Tuple.of(now, "refresh_reuse", sessionId, token.getString("user_id")))
        .compose(done -> outcome("reused", token));
  }

  /** After the commit: a reused refresh token ended its session, which every node must now refuse. */
  private JsonObject announceReuse(JsonObject outcome) {
    if ("reused".equals(outcome.getString("outcome"))) {
      events.announce(new SessionsRevoked(outcome.getString("userId"), List.of(outcome.getString("sessionId"))));
    }
    return outcome;
  }

  private Future<Row> findToken(SqlConnection conn, String hash) {
    return conn.preparedQuery(sql.get("findToken")).execute(Tuple.of(hash)).map(rows -> Rows.first(rows, row -> row));
  }

  private static Future<JsonObject> outcome(String outcome, Row token) {
    JsonObject json = new JsonObject().put("outcome", outcome);
    if (token != null) {
      json.put("sessionId", token.getString("session_id")).put("userId", token.getString("user_id"));
    }
    return Future.succeededFuture(json);
  }

  @Override
  public Future<JsonObject> lookup(String sessionId) {
    return pool.preparedQuery(sql.get("lookup")).execute(Tuple.of(sessionId)).map(rows -> Rows.first(rows, row -> {
      String roles = row.getString("roles");
      boolean active = row.getValue("revoked_at") == null && Rows.millis(row, "expires_at") > System.currentTimeMillis()
          && !Rows.bool(row, "disabled");
      return new JsonObject()
          .put("sessionId", row.getString("id"))
          .put("userId", row.getString("user_id"))
          .put("signedInAt", Rows.millis(row, "created_at"))
          .put("username", row.getString("username"))
          .put("roles", new JsonArray(roles == null || roles.isEmpty() ? java.util.List.of() : Arrays.asList(roles.split(","))))
          .put("active", active);
    }));
  }

  @Override
  public Future<Boolean> revoke(String userId, String sessionId, String reason) {
    return pool.preparedQuery(sql.get("revoke")).execute(Tuple.of(System.currentTimeMillis(), reason, sessionId, userId))
        .map(rows -> {
          boolean revoked = rows.rowCount() == 1;
          if (revoked) {
            events.announce(new SessionsRevoked(userId, List.of(sessionId)));
          }
          return revoked;
        });
  }

  @Override
  public Future<JsonArray> revokeAll(String userId, String exceptSessionId, String reason) {
    return pool.withTransaction(conn -> revocations.endAll(conn, userId, exceptSessionId, reason)).map(ids -> {
      events.announce(new SessionsRevoked(userId, ids));
      return new JsonArray(ids);
    });
  }

  @Override
  public Future<JsonArray> list(String userId) {
    return pool.preparedQuery(sql.get("listActive")).execute(Tuple.of(userId, System.currentTimeMillis())).map(rows -> {
      JsonArray sessions = new JsonArray();
      rows.forEach(row -> sessions.add(new JsonObject()
          .put("id", row.getString("id"))
          .put("userAgent", row.getString("user_agent"))
          .put("ip", row.getString("ip"))
          .put("createdAt", Rows.iso(row, "created_at"))
          .put("lastUsedAt", Rows.iso(row, "last_used_at"))
          .put("expiresAt", Rows.iso(row, "expires_at"))));
      return sessions;
    });
  }
}
