package dev.gerbang.social.impl;

import dev.gerbang.db.Database;
import dev.gerbang.events.Events;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.Outbox;
import dev.gerbang.social.SocialService;
import dev.gerbang.user.Emails;
import dev.gerbang.user.Names;
import dev.gerbang.user.UserChanged;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

public final class SocialServiceImpl implements SocialService {
  /** Expired flows are kept this long, so that a late callback is told "expired" rather than "mismatch". */
  private static final long EXPIRED_FLOWS_KEPT_MS = 24 * 3_600_000L;

  private final Pool pool;
  private final Sql sql;
  private final Outbox outbox;
  private final Events events;
  private final SignUps signUps;

  public SocialServiceImpl(Database database, Outbox outbox, Events events) {
    this.events = events;
    this.pool = database.pool();
    this.sql = database.sql("social");
    this.outbox = outbox;
    this.signUps = new SignUps(pool, sql, outbox);
  }

  @Override
  public Future<Void> startFlow(JsonObject flow) {
    long now = System.currentTimeMillis();
    return pool.preparedQuery(sql.get("deleteOldFlows")).execute(Tuple.of(now - EXPIRED_FLOWS_KEPT_MS))
        .compose(done -> pool.preparedQuery(sql.get("insertFlow")).execute(Tuple.of(flow.getString("id"),
            flow.getString("stateHash"), flow.getString("provider"), flow.getString("mode"), flow.getString("userId"),
            flow.getString("redirectPath")).addLong(now).addLong(flow.getLong("expiresAt"))))
        .mapEmpty();
  }

  @Override
  public Future<JsonObject> useFlow(String flowId, String stateHash, String provider) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("findFlow")).execute(Tuple.of(flowId)).compose(rows -> {
      Row flow = Rows.first(rows, row -> row);
      if (flow == null || !flow.getString("state_hash").equals(stateHash) || !flow.getString("provider").equals(provider)
          || flow.getValue("used_at") != null) {
        return expiredOrMismatch(conn, stateHash, provider, now);
      }
      if (Rows.millis(flow, "expires_at") <= now) {
        return Future.succeededFuture(new JsonObject().put("outcome", "expired"));
      }
      return conn.preparedQuery(sql.get("useFlow")).execute(Tuple.of(now, flowId, stateHash, provider, now))
          .map(updated -> updated.rowCount() == 0 ? new JsonObject().put("outcome", "mismatch") : new JsonObject()
              .put("outcome", "ok")
              .put("mode", flow.getString("mode"))
              .put("userId", flow.getString("user_id"))
              .put("redirectPath", flow.getString("redirect_path")));
    }));
  }

  /** The state of an unused flow that has expired, whichever flow the browser's cookie names now: "expired". */
  private Future<JsonObject> expiredOrMismatch(SqlConnection conn, String stateHash, String provider, long now) {
    return conn.preparedQuery(sql.get("findFlowByState")).execute(Tuple.of(stateHash, provider)).map(rows -> {
      Long expiresAt = Rows.first(rows, row -> Rows.millis(row, "expires_at"));
      return new JsonObject().put("outcome", expiresAt != null && expiresAt <= now ? "expired" : "mismatch");
    });
  }

  static Future<Row> identity(SqlConnection conn, Sql sql, JsonObject profile) {
    return conn.preparedQuery(sql.get("findIdentity")).execute(Tuple.of(profile.getString("provider"), profile.getString("subject")))
        .map(rows -> Rows.first(rows, row -> row));
  }

  /** Links on the caller's connection; only ever for an account whose email is proven (never flagged linked_unverified). */
  static Future<Void> insertIdentity(SqlConnection conn, Sql sql, String userId, JsonObject profile) {
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertIdentity")).execute(Tuple.of(Ids.newId(), userId, profile.getString("provider"),
        profile.getString("subject"), profile.getString("email"), profile.getBoolean("emailVerified", false))
        .addLong(now).addLong(now)).mapEmpty();
  }

  static JsonObject outcome(String outcome, String userId) {
    return new JsonObject().put("outcome", outcome).put("userId", userId);
  }

  @Override
  public Future<JsonObject> signIn(JsonObject profile, JsonObject signUp) {
    return pool.withTransaction(conn -> identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        String userId = known.getString("user_id");
        return conn.preparedQuery(sql.get("touchIdentity")).execute(Tuple.of(System.currentTimeMillis(),
                profile.getString("email"), profile.getBoolean("emailVerified", false), known.getString("id")))
            .compose(done -> conn.preparedQuery(sql.get("userById")).execute(Tuple.of(userId)))
            .map(rows -> Rows.bool(rows.iterator().next(), "disabled") ? outcome("disabled", userId) : outcome("existing", userId));
      }
      String email = profile.getString("email");
      if (email == null || email.isBlank()) {
        return Future.succeededFuture(outcome("no_email", null));
      }
      return conn.preparedQuery(sql.get("userByEmail")).execute(Tuple.of(Emails.normalize(email))).compose(rows -> {
        Row account = Rows.first(rows, row -> row);
        boolean providerVerified = profile.getBoolean("emailVerified", false);
        if (account == null) {
          // An unverified email may be anyone's: the account waits until our own link proves it.
          return providerVerified ? create(conn, profile) : signUps.start(conn, profile, signUp);
        }
        String userId = account.getString("id");
        if (!providerVerified || !Rows.bool(account, "email_verified")) {
          return Future.succeededFuture(outcome("link_required", null));
        }
        if (Rows.bool(account, "disabled")) {
          return Future.succeededFuture(outcome("disabled", userId));
        }
        return insertIdentity(conn, sql, userId, profile).map(outcome("linked", userId));
      });
    })).onSuccess(result -> {
      if ("confirm_email".equals(result.getString("outcome"))) {
        outbox.wake();
      }
    }).recover(failure -> SqlErrors.uniqueViolation(failure) != null
        // A sign-up with the same email committed meanwhile: treat it as an account to link from settings.
        ? Future.succeededFuture(outcome("link_required", null))
        : Future.failedFuture(failure));
  }

  /** A new account for a provider-verified email, or (from a confirmed sign-up) an email our link proved. */
  static Future<JsonObject> create(SqlConnection conn, Sql sql, JsonObject profile) {
    String email = profile.getString("email");
    String userId = Ids.newId();
    long now = System.currentTimeMillis();
    String name = Names.singleLine(profile.getString("name"), Names.MAX_LENGTH);
    Tuple user = Tuple.of(userId, email.strip(), Emails.normalize(email), name.isEmpty() ? Names.singleLine(email, Names.MAX_LENGTH) : name,
        profile.getString("locale", "en"), true)
        .addLong(now).addLong(now).addString(profile.getString("avatarUrl"));
    return conn.preparedQuery(sql.get("insertUser")).execute(user)
        .compose(done -> conn.preparedQuery(sql.get("insertRole")).execute(Tuple.of(userId, now)))
        .compose(done -> insertIdentity(conn, sql, userId, profile))
        .map(outcome("created", userId));
  }

  private Future<JsonObject> create(SqlConnection conn, JsonObject profile) {
    return create(conn, sql, profile);
  }

  @Override
  public Future<JsonObject> confirmSignUp(String tokenHash, String browserHash) {
    return signUps.confirm(tokenHash, browserHash);
  }

  @Override
  public Future<JsonObject> link(String userId, JsonObject profile) {
    return pool.withTransaction(conn -> identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        return Future.succeededFuture(outcome(known.getString("user_id").equals(userId) ? "linked" : "taken", userId));
      }
      return conn.preparedQuery(sql.get("userById")).execute(Tuple.of(userId)).compose(rows -> {
        Row account = Rows.first(rows, row -> row);
        if (account == null) {
          return Future.failedFuture(Failure.notFound("No such user"));
        }
        if (Rows.bool(account, "email_verified")) {
          return insertIdentity(conn, sql, userId, profile).map(outcome("linked", userId));
        }
        // Until the account's email is proven, a link could be a stranger's who signed up with someone else's
        // address: only the provider that verified this very address may link, and that proves the email too.
        boolean sameVerifiedEmail = profile.getBoolean("emailVerified", false) && profile.getString("email") != null
            && Emails.normalize(profile.getString("email")).equals(account.getString("email_normalized"));
        if (!sameVerifiedEmail) {
          return Future.succeededFuture(outcome("verify_email_first", userId));
        }
        return conn.preparedQuery(sql.get("setEmailVerified")).execute(Tuple.of(System.currentTimeMillis(), userId))
            .compose(done -> insertIdentity(conn, sql, userId, profile))
            .map(outcome("linked", userId).put("emailVerified", true));
      });
    })).onSuccess(result -> {
      if (result.getBoolean("emailVerified", false)) {
        events.announce(UserChanged.of(userId, UserChanged.Aspect.EMAIL));
      }
    }).recover(failure -> SqlErrors.uniqueViolation(failure) != null
        ? Future.succeededFuture(outcome("provider_already_linked", userId))
        : Future.failedFuture(failure));
  }

  @Override
  public Future<Boolean> unlink(String userId, String provider) {
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
                  "This is your only way to sign in: set a password or link another provider first", null));
            }
            return conn.preparedQuery(sql.get("deleteIdentity")).execute(Tuple.of(userId, provider)).map(true);
          });
        }));
  }

  @Override
  public Future<JsonArray> identities(String userId) {
    return pool.preparedQuery(sql.get("identitiesOfUser")).execute(Tuple.of(userId)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(row -> list.add(new JsonObject()
          .put("provider", row.getString("provider"))
          .put("email", row.getString("email"))
          .put("emailVerified", Rows.bool(row, "email_verified"))
          .put("createdAt", Rows.iso(row, "created_at"))
          .put("lastUsedAt", Rows.iso(row, "last_used_at"))));
      return list;
    });
  }
}
