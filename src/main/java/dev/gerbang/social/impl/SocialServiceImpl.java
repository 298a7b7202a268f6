package dev.gerbang.social.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.events.Events;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.Outbox;
import dev.gerbang.social.Flow;
import dev.gerbang.social.FlowMode;
import dev.gerbang.social.FlowUse;
import dev.gerbang.social.Identity;
import dev.gerbang.social.LinkResult;
import dev.gerbang.social.PendingSignUp;
import dev.gerbang.social.Profile;
import dev.gerbang.social.SignInResult;
import dev.gerbang.social.SignInResult.Outcome;
import dev.gerbang.social.SignUpResult;
import dev.gerbang.social.SocialService;
import dev.gerbang.user.Emails;
import dev.gerbang.user.Names;
import dev.gerbang.user.UserChanged;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class SocialServiceImpl implements SocialService {
  /** Expired flows are kept this long, so that a late callback is told "expired" rather than "mismatch". */
  private static final long EXPIRED_FLOWS_KEPT_MS = 24 * 3_600_000L;

  private final Pool pool;
  private final Sql sql;
  private final Outbox outbox;
  private final Events events;
  private final SignUps signUps;
  private final AuditLog audit;
  private final Webhooks webhooks;

  public SocialServiceImpl(Database database, Outbox outbox, Events events) {
    this.audit = new AuditLog(database);
    this.events = events;
    this.pool = database.pool();
    this.sql = database.sql("social");
    this.outbox = outbox;
    this.webhooks = new Webhooks(database);
    this.signUps = new SignUps(pool, sql, outbox, webhooks);
  }

  @Override
  public Future<Void> startFlow(Flow flow) {
    long now = System.currentTimeMillis();
    return pool.preparedQuery(sql.get("deleteOldFlows")).execute(Tuple.of(now - EXPIRED_FLOWS_KEPT_MS))
        .compose(done -> pool.preparedQuery(sql.get("insertFlow")).execute(Tuple.of(flow.id(), flow.stateHash(), flow.provider(),
            flow.mode().id(), flow.userId(), flow.redirectPath()).addLong(now).addLong(flow.expiresAt())))
        .mapEmpty();
  }

  @Override
  public Future<FlowUse> useFlow(String flowId, String stateHash, String provider) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("findFlow")).execute(Tuple.of(flowId)).compose(rows -> {
      Row flow = Rows.first(rows, row -> row);
      if (flow == null || !flow.getString("state_hash").equals(stateHash) || !flow.getString("provider").equals(provider)
          || flow.getValue("used_at") != null) {
        return expiredOrMismatch(conn, stateHash, provider, now);
      }
      if (Rows.millis(flow, "expires_at") <= now) {
        return Future.succeededFuture(FlowUse.refused(FlowUse.Outcome.EXPIRED));
      }
      return conn.preparedQuery(sql.get("useFlow")).execute(Tuple.of(now, flowId, stateHash, provider, now))
          .map(updated -> updated.rowCount() == 0 ? FlowUse.refused(FlowUse.Outcome.MISMATCH)
              : new FlowUse(FlowUse.Outcome.OK, FlowMode.of(flow.getString("mode")), flow.getString("user_id"),
                  flow.getString("redirect_path")));
    }));
  }

  /** The state of an unused flow that has expired, whichever flow the browser's cookie names now: EXPIRED. */
  private Future<FlowUse> expiredOrMismatch(SqlConnection conn, String stateHash, String provider, long now) {
    return conn.preparedQuery(sql.get("findFlowByState")).execute(Tuple.of(stateHash, provider)).map(rows -> {
      Long expiresAt = Rows.first(rows, row -> Rows.millis(row, "expires_at"));
      return FlowUse.refused(expiresAt != null && expiresAt <= now ? FlowUse.Outcome.EXPIRED : FlowUse.Outcome.MISMATCH);
    });
  }

  static Future<Row> identity(SqlConnection conn, Sql sql, Profile profile) {
    return conn.preparedQuery(sql.get("findIdentity")).execute(Tuple.of(profile.provider(), profile.subject()))
        .map(rows -> Rows.first(rows, row -> row));
  }

  /** Links on the caller's connection; only ever for an account whose email is proven (never flagged linked_unverified). */
  static Future<Void> insertIdentity(SqlConnection conn, Sql sql, String userId, Profile profile) {
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertIdentity")).execute(Tuple.of(Ids.newId(), userId, profile.provider(),
        profile.subject(), profile.email(), profile.emailVerified())
        .addLong(now).addLong(now)).mapEmpty();
  }

  private static SignInResult outcome(SignInResult.Outcome outcome, String userId) {
    return new SignInResult(outcome, userId);
  }

  @Override
  public Future<SignInResult> signIn(Profile profile, PendingSignUp signUp, Actor actor) {
    return pool.withTransaction(conn -> identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        String userId = known.getString("user_id");
        return conn.preparedQuery(sql.get("touchIdentity")).execute(Tuple.of(System.currentTimeMillis(),
                profile.email(), profile.emailVerified(), known.getString("id")))
            .compose(done -> conn.preparedQuery(sql.get("userById")).execute(Tuple.of(userId)))
            .map(rows -> outcome(Rows.bool(rows.iterator().next(), "disabled") ? Outcome.DISABLED : Outcome.EXISTING, userId));
      }
      String email = profile.email();
      if (email == null || email.isBlank()) {
        return Future.succeededFuture(outcome(Outcome.NO_EMAIL, null));
      }
      return conn.preparedQuery(sql.get("userByEmail")).execute(Tuple.of(Emails.normalize(email))).compose(rows -> {
        Row account = Rows.first(rows, row -> row);
        boolean providerVerified = profile.emailVerified();
        if (account == null) {
          // An unverified email may be anyone's: the account waits until our own link proves it.
          return providerVerified ? create(conn, sql, webhooks, profile).map(userId -> outcome(Outcome.CREATED, userId))
              : signUps.start(conn, profile, signUp).compose(sent -> !sent ? Future.succeededFuture(outcome(Outcome.CONFIRM_EMAIL_SENT, null))
                  : audit.write(conn, actor, "oauth_sign_up_pending", null, new JsonObject().put("provider", profile.provider()))
                      .map(outcome(Outcome.CONFIRM_EMAIL, null)));
        }
        String userId = account.getString("id");
        if (!providerVerified || !Rows.bool(account, "email_verified")) {
          return Future.succeededFuture(outcome(Outcome.LINK_REQUIRED, null));
        }
        if (Rows.bool(account, "disabled")) {
          return Future.succeededFuture(outcome(Outcome.DISABLED, userId));
        }
        return insertIdentity(conn, sql, userId, profile).map(outcome(Outcome.LINKED, userId));
      });
    })).onSuccess(result -> {
      if (result.outcome() == Outcome.CONFIRM_EMAIL) {
        outbox.wake();
      }
    }).recover(failure -> SqlErrors.uniqueViolation(failure) != null
        // A sign-up with the same email committed meanwhile: treat it as an account to link from settings.
        ? Future.succeededFuture(outcome(Outcome.LINK_REQUIRED, null))
        : Future.failedFuture(failure));
  }

  /**
   * A new account for a provider-verified email, or (from a confirmed sign-up) an email our link proved, with the
   * identity linked: answers its id.
   */
  static Future<String> create(SqlConnection conn, Sql sql, Webhooks webhooks, Profile profile) {
    String email = profile.email();
    String userId = Ids.newId();
    long now = System.currentTimeMillis();
    String name = Names.singleLine(profile.name(), Names.MAX_LENGTH);
    Tuple user = Tuple.of(userId, email.strip(), Emails.normalize(email), name.isEmpty() ? Names.singleLine(email, Names.MAX_LENGTH) : name,
        profile.locale() == null ? "en" : profile.locale(), true)
        .addLong(now).addLong(now).addString(profile.avatarUrl());
    return conn.preparedQuery(sql.get("insertUser")).execute(user)
        .compose(done -> conn.preparedQuery(sql.get("insertRole")).execute(Tuple.of(userId, now)))
        .compose(done -> insertIdentity(conn, sql, userId, profile))
        .compose(done -> webhooks.emit(conn, "user.registered", new JsonObject().put("userId", userId)))
        .map(userId);
  }

  @Override
  public Future<SignUpResult> confirmSignUp(String tokenHash, String browserHash) {
    return signUps.confirm(tokenHash, browserHash);
  }

  @Override
  public Future<LinkResult> link(String userId, Profile profile, Actor actor) {
    return pool.withTransaction(conn -> linkIn(conn, userId, profile).compose(result -> result.outcome() != LinkResult.Outcome.LINKED
            ? Future.succeededFuture(result)
            : audit.write(conn, actor, "identity_linked", userId, new JsonObject().put("provider", profile.provider())).map(result)))
        .onSuccess(result -> {
          if (result.emailVerified()) {
            events.announce(UserChanged.of(userId, UserChanged.Aspect.EMAIL));
          }
        }).recover(failure -> SqlErrors.uniqueViolation(failure) != null
            ? Future.succeededFuture(new LinkResult(LinkResult.Outcome.PROVIDER_ALREADY_LINKED, false))
            : Future.failedFuture(failure));
  }

  private Future<LinkResult> linkIn(SqlConnection conn, String userId, Profile profile) {
    return identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        return Future.succeededFuture(new LinkResult(known.getString("user_id").equals(userId) ? LinkResult.Outcome.LINKED : LinkResult.Outcome.TAKEN, false));
      }
      return conn.preparedQuery(sql.get("userById")).execute(Tuple.of(userId)).compose(rows -> {
        Row account = Rows.first(rows, row -> row);
        if (account == null) {
          return Future.failedFuture(Failure.notFound("detail.not_found.user"));
        }
        if (Rows.bool(account, "email_verified")) {
          return insertIdentity(conn, sql, userId, profile).map(new LinkResult(LinkResult.Outcome.LINKED, false));
        }
        // Until the account's email is proven, a link could be a stranger's who signed up with someone else's
        // address: only the provider that verified this very address may link, and that proves the email too.
        boolean sameVerifiedEmail = profile.emailVerified() && profile.email() != null
            && Emails.normalize(profile.email()).equals(account.getString("email_normalized"));
        if (!sameVerifiedEmail) {
          return Future.succeededFuture(new LinkResult(LinkResult.Outcome.VERIFY_EMAIL_FIRST, false));
        }
        return conn.preparedQuery(sql.get("setEmailVerified")).execute(Tuple.of(System.currentTimeMillis(), userId))
            .compose(done -> insertIdentity(conn, sql, userId, profile))
            .map(new LinkResult(LinkResult.Outcome.LINKED, true));
      });
    });
  }

  @Override
  public Future<Boolean> unlink(String userId, String provider, Actor actor) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("userById")).execute(Tuple.of(userId))
        .compose(users -> {
          Row user = Rows.first(users, row -> row);
          boolean hasPassword = user != null && user.getString("password_hash") != null;
          return conn.preparedQuery(sql.get("identitiesOfUser")).execute(Tuple.of(userId)).compose(rows -> {
            boolean linked = false;
            int count = 0;
            for (Row row : rows) {
              count++;
              linked |= row.getString("provider").equals(provider);
            }
            if (!linked) {
              return Future.succeededFuture(false);
            }
            if (!hasPassword && count == 1) {
              return Future.failedFuture(Failure.conflict("last-sign-in-method",
                  "detail.conflict.last_sign_in_method", null));
            }
            return conn.preparedQuery(sql.get("deleteIdentity")).execute(Tuple.of(userId, provider))
                .compose(done -> audit.write(conn, actor, "identity_unlinked", userId, new JsonObject().put("provider", provider)))
                .map(true);
          });
        }));
  }

  @Override
  public Future<List<Identity>> identities(String userId) {
    return pool.preparedQuery(sql.get("identitiesOfUser")).execute(Tuple.of(userId)).map(rows -> {
      List<Identity> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Identity(row.getString("provider"), row.getString("email"),
          Rows.bool(row, "email_verified"), Rows.iso(row, "created_at"), Rows.iso(row, "last_used_at"))));
      return list;
    });
  }
}
