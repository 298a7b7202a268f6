package dev.gerbang.account.impl;

import dev.gerbang.account.AccountService;
import dev.gerbang.account.EmailChange;
import dev.gerbang.account.EmailToken;
import dev.gerbang.account.Mail;
import dev.gerbang.account.Mails;
import dev.gerbang.account.PasswordReset;
import dev.gerbang.account.TokenKind;
import dev.gerbang.account.TokenOwner;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.auth.Revocations;
import dev.gerbang.auth.SessionEnd;
import dev.gerbang.auth.SessionsRevoked;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import dev.gerbang.notify.Outbox;
import dev.gerbang.events.Events;
import dev.gerbang.user.Emails;
import dev.gerbang.user.UserChanged;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class AccountServiceImpl implements AccountService {
  private final Pool pool;
  private final Sql sql;
  private final Outbox outbox;
  private final Notices notices;
  private final Revocations revocations;
  private final Events events;
  private final AuditLog audit;

  public AccountServiceImpl(Database database, Outbox outbox, Notices notices, Events events) {
    this.audit = new AuditLog(database);
    this.pool = database.pool();
    this.sql = database.sql("account_tokens");
    this.outbox = outbox;
    this.notices = notices;
    this.revocations = new Revocations(database);
    this.events = events;
  }

  /** "Your password was changed": a security notice, so its email goes out whatever the preferences say. */
  private static Notices.Notice passwordChanged(String userId, Mail noticeMail) {
    return new Notices.Notice(NoticeType.PASSWORD_CHANGED, userId, noticeMail.variables(), "/settings", noticeMail.toJson());
  }

  /** Inserts a token and its mails on the caller's connection: also used by sign-up, inside its transaction. */
  public static Future<Void> insertToken(SqlConnection conn, Sql sql, Outbox outbox, EmailToken token, List<Mail> mails) {
    long now = System.currentTimeMillis();
    String userId = token.userId();
    String kind = token.kind().id();
    Future<?> chain = conn.preparedQuery(sql.get("revokeOutstanding")).execute(Tuple.of(now, userId, kind))
        .compose(done -> conn.preparedQuery(sql.get("insert")).execute(Tuple.of(token.tokenId(),
            token.tokenHash(), userId, kind, token.newEmail(), now).addLong(token.expiresAt())));
    for (Mail mail : mails) {
      chain = chain.compose(done -> outbox.enqueue(conn, mail.toJson().put("userId", userId)));
    }
    return chain.mapEmpty();
  }

  @Override
  public Future<Boolean> issue(EmailToken token, List<Mail> mails, long cooldownMs, Actor actor) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("latestCreatedAt"))
        .execute(Tuple.of(token.userId(), token.kind().id()))
        .compose(rows -> {
          Long latest = Rows.first(rows, row -> row.getValue(0) instanceof Number n ? n.longValue() : null);
          if (cooldownMs > 0 && latest != null && System.currentTimeMillis() - latest < cooldownMs) {
            return Future.succeededFuture(false);
          }
          return insertToken(conn, sql, outbox, token, mails)
              .compose(done -> token.kind().issuedEvent() == null ? Future.succeededFuture()
                  : audit.write(conn, actor, token.kind().issuedEvent(), token.userId(), null))
              .map(true);
        }))
        .onSuccess(issued -> outbox.wake());
  }

  private Future<Row> usable(SqlConnection conn, String tokenHash, TokenKind kind) {
    return conn.preparedQuery(sql.get("findUsable")).execute(Tuple.of(tokenHash, kind.id(), System.currentTimeMillis()))
        .map(rows -> Rows.first(rows, row -> row));
  }

  /** Marks the token used; false when a parallel request used it first (exactly one of them wins). */
  private Future<Boolean> use(SqlConnection conn, String tokenHash, TokenKind kind) {
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("use")).execute(Tuple.of(now, tokenHash, kind.id(), now)).map(rows -> rows.rowCount() == 1);
  }

  private Future<Void> revokeOthers(SqlConnection conn, String userId, TokenKind kind) {
    return conn.preparedQuery(sql.get("revokeOutstanding")).execute(Tuple.of(System.currentTimeMillis(), userId, kind.id())).mapEmpty();
  }

  @Override
  public Future<TokenOwner> findUsable(String tokenHash, TokenKind kind) {
    return pool.withConnection(conn -> usable(conn, tokenHash, kind)).map(row -> row == null ? null
        : new TokenOwner(row.getString("user_id"), row.getString("email"), row.getString("name"), row.getString("locale"),
            Rows.bool(row, "disabled"), row.getString("new_email")));
  }

  @Override
  public Future<String> verifyEmail(String tokenHash, Actor actor) {
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> usable(conn, tokenHash, TokenKind.VERIFY_EMAIL).compose(row -> {
      if (row == null) {
        return Future.succeededFuture(null);
      }
      String userId = row.getString("user_id");
      return use(conn, tokenHash, TokenKind.VERIFY_EMAIL).compose(won -> !won ? Future.succeededFuture((String) null)
          : conn.preparedQuery(sql.get("setEmailVerified")).execute(Tuple.of(System.currentTimeMillis(), userId))
              .compose(done -> revokeOthers(conn, userId, TokenKind.VERIFY_EMAIL))
              .compose(done -> removeUnprovenIdentities(conn, batch, row))
              .compose(removed -> audit.write(conn, actor, "email_verified", userId, null))
              .map(userId));
    })).onSuccess(userId -> {
      if (userId != null) {
        events.announce(UserChanged.of(userId, UserChanged.Aspect.EMAIL));
      }
      batch.delivered();
    });
  }

  /**
   * The owner just proved the mailbox: sign-in providers linked before that may be a stranger's, who gave the
   * owner's address to a provider that does not check it. They are removed, and the owner is told which.
   */
  private Future<List<String>> removeUnprovenIdentities(SqlConnection conn, Notices.Batch batch, Row user) {
    String userId = user.getString("user_id");
    return conn.preparedQuery(sql.get("unprovenIdentities")).execute(Tuple.of(userId)).compose(rows -> {
      List<String> providers = new ArrayList<>();
      rows.forEach(row -> providers.add(row.getString("provider")));
      if (providers.isEmpty()) {
        return Future.succeededFuture(providers);
      }
      String names = String.join(", ", providers.stream().map(AccountServiceImpl::displayName).toList());
      Mail mail = Mails.identitiesRemoved(user.getString("email"), user.getString("name"), user.getString("locale"), names);
      return conn.preparedQuery(sql.get("deleteUnprovenIdentities")).execute(Tuple.of(userId))
          .compose(done -> batch.add(conn, new Notices.Notice(NoticeType.IDENTITIES_REMOVED, userId,
              mail.variables(), "/settings", mail.toJson())))
          .map(providers);
    });
  }

  private static String displayName(String provider) {
    return provider.isEmpty() ? provider : Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
  }

  @Override
  public Future<PasswordReset> resetPassword(String tokenHash, String passwordHash, Mail noticeMail, Actor actor) {
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> usable(conn, tokenHash, TokenKind.PASSWORD_RESET).compose(row -> {
      if (row == null) {
        return Future.succeededFuture(null);
      }
      return use(conn, tokenHash, TokenKind.PASSWORD_RESET).compose(won -> won
          ? reset(conn, batch, row, passwordHash, noticeMail, actor) : Future.succeededFuture((PasswordReset) null));
    })).onSuccess(result -> {
      if (result != null) {
        announceEnded(result.userId(), result.sessionIds());
        events.announce(UserChanged.of(result.userId(), UserChanged.Aspect.EMAIL, UserChanged.Aspect.PROFILE));
      }
      batch.delivered();
    });
  }

  /**
   * The reset its token won: the new hash, the other reset links and every session ended, the notice queued, the
   * links made while the email was unproven removed, and the audit row.
   */
  private Future<PasswordReset> reset(SqlConnection conn, Notices.Batch batch, Row token, String passwordHash, Mail noticeMail,
                                      Actor actor) {
    String userId = token.getString("user_id");
    return setPassword(conn, userId, passwordHash)
        .compose(done -> revokeOthers(conn, userId, TokenKind.PASSWORD_RESET))
        .compose(done -> revocations.endAll(conn, userId, null, SessionEnd.PASSWORD_RESET))
        .compose(ended -> batch.add(conn, passwordChanged(userId, noticeMail))
            .compose(id -> removeUnprovenIdentities(conn, batch, token))
            .map(removed -> new PasswordReset(userId, ended, removed)))
        .compose(reset -> audit.write(conn, actor, "password_reset", userId, new JsonObject()
                .put("sessionsRevoked", reset.sessionIds().size()).put("identitiesRemoved", new JsonArray(reset.identitiesRemoved())))
            .map(reset));
  }

  private Future<Void> setPassword(SqlConnection conn, String userId, String passwordHash) {
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("setPassword")).execute(Tuple.of(passwordHash, now, now, userId)).mapEmpty();
  }

  @Override
  public Future<List<String>> changePassword(String userId, String passwordHash, String keepSessionId, Mail noticeMail,
                                             Actor actor) {
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> setPassword(conn, userId, passwordHash)
            .compose(done -> revocations.endAll(conn, userId, keepSessionId, SessionEnd.PASSWORD_CHANGED))
            .compose(ended -> batch.add(conn, passwordChanged(userId, noticeMail))
                .compose(id -> audit.write(conn, actor, "password_changed", userId,
                    new JsonObject().put("sessionsRevoked", ended.size())))
                .map(done -> ended)))
        .onSuccess(ended -> {
          announceEnded(userId, ended);
          events.announce(UserChanged.of(userId, UserChanged.Aspect.PROFILE));
          batch.delivered();
        });
  }

  /** After the commit: the sessions a password change or reset ended, refused from now on, on every node. */
  private void announceEnded(String userId, List<String> ended) {
    if (!ended.isEmpty()) {
      events.announce(new SessionsRevoked(userId, ended));
    }
  }

  @Override
  public Future<EmailChange> confirmEmailChange(String tokenHash, Actor actor) {
    return pool.withTransaction(conn -> usable(conn, tokenHash, TokenKind.EMAIL_CHANGE).compose(row -> {
      if (row == null) {
        return Future.succeededFuture(null);
      }
      String userId = row.getString("user_id");
      String newEmail = row.getString("new_email");
      return use(conn, tokenHash, TokenKind.EMAIL_CHANGE).compose(won -> !won ? Future.succeededFuture((EmailChange) null)
          : conn.preparedQuery(sql.get("changeEmail"))
              .execute(Tuple.of(newEmail, Emails.normalize(newEmail), System.currentTimeMillis(), userId))
              .compose(done -> revokeOthers(conn, userId, TokenKind.EMAIL_CHANGE))
              .compose(done -> audit.write(conn, actor, "email_changed", userId, null))
              .map(done -> new EmailChange(userId, newEmail)));
    })).onSuccess(result -> {
      if (result != null) {
        events.announce(UserChanged.of(result.userId(), UserChanged.Aspect.EMAIL));
      }
    }).recover(failure -> SqlErrors.uniqueViolation(failure) == null ? Future.failedFuture(failure)
        : Future.failedFuture(Failure.conflict("email-taken", "detail.conflict.email_taken", "email")));
  }
}
