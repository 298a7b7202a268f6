package dev.gerbang.auth.impl;

import dev.gerbang.account.Mail;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.auth.NewSession;
import dev.gerbang.auth.RefreshResult;
import dev.gerbang.auth.RefreshResult.Outcome;
import dev.gerbang.auth.Revocations;
import dev.gerbang.auth.SessionEnd;
import dev.gerbang.auth.SessionService;
import dev.gerbang.auth.SessionState;
import dev.gerbang.auth.SessionSummary;
import dev.gerbang.auth.SessionsRevoked;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class SessionServiceImpl implements SessionService {
  private final Pool pool;
  private final Sql sql;
  private final Notices notices;
  private final Revocations revocations;
  private final Events events;
  private final AuditLog audit;

  public SessionServiceImpl(Database database, Notices notices, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("sessions");
    this.notices = notices;
    this.revocations = new Revocations(database);
    this.events = events;
    this.audit = new AuditLog(database);
  }

  @Override
  public Future<Void> create(NewSession session, Actor actor) {
    long now = System.currentTimeMillis();
    String id = session.id();
    Tuple row = Tuple.of(id, session.userId(), session.userAgent(), session.ip(), now, now).addLong(session.expiresAt());
    Mail newDeviceMail = session.newDeviceMail();
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> newDevice(conn, session)
        .compose(isNew -> conn.preparedQuery(sql.get("insert")).execute(row)
            .compose(done -> conn.preparedQuery(sql.get("insertToken")).execute(Tuple.of(session.refreshHash(), id, now)))
            .compose(done -> isNew ? batch.add(conn, new Notices.Notice(NoticeType.NEW_SIGN_IN, session.userId(),
                newDeviceMail.variables(), "/settings", newDeviceMail.toJson())) : Future.succeededFuture())
            .compose(done -> auditSignIn(conn, actor, session))))
        .onSuccess(done -> batch.delivered())
        .mapEmpty();
  }

  /**
   * login (with the session's id) for a password or a passkey, the passkey's mfa_succeeded first; oauth_login (with
   * the provider and what it did) for a provider.
   */
  private Future<Void> auditSignIn(SqlConnection conn, Actor actor, NewSession session) {
    if (session.provider() != null) {
      return audit.write(conn, actor, "oauth_login", session.userId(),
          new JsonObject().put("provider", session.provider()).put("outcome", session.providerOutcome()));
    }
    JsonObject passkey = new JsonObject().put("method", "passkey").put("passwordless", true);
    Future<Void> factor = session.passkey()
        ? audit.write(conn, actor, "mfa_succeeded", session.userId(), passkey) : Future.succeededFuture();
    return factor.compose(done -> audit.write(conn, actor, "login", session.userId(),
        new JsonObject().put("sessionId", session.id())));
  }

  /** A device is new when the account has signed in before, but never with this user agent. */
  private Future<Boolean> newDevice(SqlConnection conn, NewSession session) {
    if (session.newDeviceMail() == null) {
      return Future.succeededFuture(false);
    }
    String userId = session.userId();
    String agent = session.userAgent() == null ? "" : session.userAgent();
    return conn.preparedQuery(sql.get("signInHistory")).execute(Tuple.of(agent, userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return ((Number) row.getValue(0)).longValue() > 0 && ((Number) row.getValue(1)).longValue() == 0;
        });
  }

  @Override
  public Future<RefreshResult> refresh(String tokenHash, String successorHash, long graceMs, long ttlMs, long absoluteMs,
                                       Actor actor) {
    return pool.withTransaction(conn -> findToken(conn, tokenHash).compose(token -> {
      long now = System.currentTimeMillis();
      if (token == null) {
        return outcome(Outcome.INVALID, null, null);
      }
      long absoluteEnd = Rows.millis(token, "session_created_at") + absoluteMs;
      boolean dead = token.getValue("revoked_at") != null || Rows.millis(token, "expires_at") < now || absoluteEnd < now
          || Rows.bool(token, "disabled");
      if (dead) {
        return outcome(Outcome.INVALID, token, null);
      }
      if (token.getValue("replaced_at") == null) {
        return conn.preparedQuery(sql.get("replaceToken")).execute(Tuple.of(now, tokenHash)).compose(updated -> {
          if (updated.rowCount() == 0) {
            // Another request rotated it between our read and our write: judge it as a replaced token.
            return findToken(conn, tokenHash).compose(fresh -> replaced(conn, fresh, successorHash, graceMs, actor));
          }
          String sessionId = token.getString("session_id");
          return conn.preparedQuery(sql.get("insertToken")).execute(Tuple.of(successorHash, sessionId, now))
              .compose(done -> conn.preparedQuery(sql.get("touch")).execute(Tuple.of(now, Math.min(now + ttlMs, absoluteEnd), sessionId)))
              .compose(done -> outcome(Outcome.ROTATED, token, now));
        });
      }
      return replaced(conn, token, successorHash, graceMs, actor);
    })).map(this::announceReuse);
  }

  private Future<RefreshResult> replaced(SqlConnection conn, Row token, String successorHash, long graceMs, Actor actor) {
    long now = System.currentTimeMillis();
    long replacedAt = Rows.millis(token, "replaced_at");
    if (now - replacedAt <= graceMs) {
      return findToken(conn, successorHash).compose(successor -> successor == null
          ? outcome(Outcome.INVALID, token, null)
          : outcome(Outcome.GRACE, token, Rows.millis(successor, "issued_at")));
    }
    String sessionId = token.getString("session_id");
    String userId = token.getString("user_id");
    return conn.preparedQuery(sql.get("revoke"))
        .execute(Tuple.of(now, SessionEnd.REFRESH_REUSE.reason(), sessionId, userId))
        .compose(done -> audit.write(conn, actor, SessionEnd.REFRESH_REUSE.auditEvent(), userId,
            new JsonObject().put("sessionId", sessionId)))
        .compose(done -> outcome(Outcome.REUSED, token, null));
  }

  /** After the commit: a reused refresh token ended its session, which every node must now refuse. */
  private RefreshResult announceReuse(RefreshResult result) {
    if (result.outcome() == Outcome.REUSED) {
      events.announce(new SessionsRevoked(result.userId(), List.of(result.sessionId())));
    }
    return result;
  }

  private Future<Row> findToken(SqlConnection conn, String hash) {
    return conn.preparedQuery(sql.get("findToken")).execute(Tuple.of(hash)).map(rows -> Rows.first(rows, row -> row));
  }

  private static Future<RefreshResult> outcome(Outcome outcome, Row token, Long issuedAt) {
    return Future.succeededFuture(new RefreshResult(outcome, token == null ? null : token.getString("session_id"),
        token == null ? null : token.getString("user_id"), issuedAt));
  }

  @Override
  public Future<SessionState> lookup(String sessionId) {
    return pool.preparedQuery(sql.get("lookup")).execute(Tuple.of(sessionId)).map(rows -> Rows.first(rows, row -> {
      String roles = row.getString("roles");
      boolean active = row.getValue("revoked_at") == null && Rows.millis(row, "expires_at") > System.currentTimeMillis()
          && !Rows.bool(row, "disabled");
      return new SessionState(row.getString("id"), row.getString("user_id"), Rows.millis(row, "created_at"),
          row.getString("username"), roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), active,
          row.getString("locale"));
    }));
  }

  @Override
  public Future<Boolean> revoke(String userId, String sessionId, SessionEnd reason, Actor actor) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("revoke"))
        .execute(Tuple.of(System.currentTimeMillis(), reason.reason(), sessionId, userId))
        .compose(rows -> rows.rowCount() != 1 ? Future.succeededFuture(false)
            : audited(conn, actor, reason, userId, new JsonObject().put("sessionId", sessionId)).map(true)))
        .onSuccess(revoked -> {
          if (revoked) {
            events.announce(new SessionsRevoked(userId, List.of(sessionId)));
          }
        });
  }

  @Override
  public Future<List<String>> revokeAll(String userId, String exceptSessionId, SessionEnd reason, Actor actor) {
    return pool.withTransaction(conn -> revocations.endAll(conn, userId, exceptSessionId, reason)
            .compose(ids -> audited(conn, actor, reason, userId, new JsonObject().put("sessions", ids.size())).map(ids)))
        .onSuccess(ids -> events.announce(new SessionsRevoked(userId, ids)));
  }

  /** The audit row of sessions ended for this reason, unless the change that ended them writes its own. */
  private Future<Void> audited(SqlConnection conn, Actor actor, SessionEnd reason, String userId, JsonObject detail) {
    return reason.auditEvent() == null ? Future.succeededFuture() : audit.write(conn, actor, reason.auditEvent(), userId, detail);
  }

  @Override
  public Future<List<SessionSummary>> list(String userId) {
    return pool.preparedQuery(sql.get("listActive")).execute(Tuple.of(userId, System.currentTimeMillis())).map(rows -> {
      List<SessionSummary> sessions = new ArrayList<>();
      rows.forEach(row -> sessions.add(new SessionSummary(row.getString("id"), row.getString("user_agent"), row.getString("ip"),
          Rows.iso(row, "created_at"), Rows.iso(row, "last_used_at"), Rows.iso(row, "expires_at"))));
      return sessions;
    });
  }
}
