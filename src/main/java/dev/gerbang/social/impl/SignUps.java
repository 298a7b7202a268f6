package dev.gerbang.social.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.Outbox;
import dev.gerbang.user.Emails;
import dev.gerbang.user.Names;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * First social sign-ins whose email the provider did not verify: the profile waits in social_signups, and
 * the account exists only once our own emailed link is opened in the browser that signed in. Without that,
 * a stranger could sign in with the victim's address at a provider that does not check it, and own the
 * account the victim later recovers ("pre-account takeover").
 */
final class SignUps {
  private final Pool pool;
  private final Sql sql;
  private final Outbox outbox;

  SignUps(Pool pool, Sql sql, Outbox outbox) {
    this.pool = pool;
    this.sql = sql;
    this.outbox = outbox;
  }

  /** Stores the pending sign-up and queues its mail on the caller's transaction. */
  Future<JsonObject> start(SqlConnection conn, JsonObject profile, JsonObject signUp) {
    String email = profile.getString("email").strip();
    String normalized = Emails.normalize(email);
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("latestSignUp")).execute(Tuple.of(normalized)).compose(rows -> {
      Long latest = Rows.first(rows, row -> row.getValue(0) instanceof Number n ? n.longValue() : null);
      if (latest != null && now - latest < signUp.getLong("cooldownMs", 0L)) {
        // The link sent a moment ago still works: no second mail to an inbox someone may be flooding.
        return Future.succeededFuture(SocialServiceImpl.outcome("confirm_email_sent", null));
      }
      String name = Names.singleLine(profile.getString("name"), Names.MAX_LENGTH);
      Tuple row = Tuple.of(signUp.getString("id"), signUp.getString("tokenHash"), signUp.getString("browserHash"),
              profile.getString("provider"), profile.getString("subject"), email, normalized,
              name.isEmpty() ? Names.singleLine(email, Names.MAX_LENGTH) : name)
          .addString(profile.getString("avatarUrl"))
          .addString(profile.getString("locale", "en"))
          .addString(signUp.getString("redirectPath"))
          .addLong(now)
          .addLong(signUp.getLong("expiresAt"));
      return conn.preparedQuery(sql.get("deleteOldSignUps")).execute(Tuple.of(now))
          .compose(done -> conn.preparedQuery(sql.get("retireSignUps")).execute(Tuple.of(now, normalized, now)))
          .compose(done -> conn.preparedQuery(sql.get("insertSignUp")).execute(row))
          .compose(done -> outbox.enqueue(conn, signUp.getJsonObject("mail")))
          .map(SocialServiceImpl.outcome("confirm_email", null));
    });
  }

  Future<JsonObject> confirm(String tokenHash, String browserHash) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("findSignUp")).execute(Tuple.of(tokenHash, now)).compose(rows -> {
      Row pending = Rows.first(rows, row -> row);
      if (pending == null) {
        return Future.succeededFuture(SocialServiceImpl.outcome("invalid", null));
      }
      if (browserHash == null || !MessageDigest.isEqual(pending.getString("browser_hash").getBytes(StandardCharsets.US_ASCII),
          browserHash.getBytes(StandardCharsets.US_ASCII))) {
        return Future.succeededFuture(SocialServiceImpl.outcome("other_browser", null));
      }
      JsonObject profile = new JsonObject()
          .put("provider", pending.getString("provider"))
          .put("subject", pending.getString("subject"))
          .put("email", pending.getString("email"))
          .put("emailVerified", false)
          .put("name", pending.getString("name"))
          .put("avatarUrl", pending.getString("avatar_url"))
          .put("locale", pending.getString("locale"));
      return conn.preparedQuery(sql.get("useSignUp")).execute(Tuple.of(now, pending.getString("id"), now)).compose(used -> {
        if (used.rowCount() == 0) {
          return Future.succeededFuture(SocialServiceImpl.outcome("invalid", null));
        }
        return complete(conn, profile).map(result -> result
            .put("provider", profile.getString("provider"))
            .put("redirectPath", pending.getString("redirect_path")));
      });
    }));
  }

  /** The identity may have been linked meanwhile, or the email registered: never two accounts for one address. */
  private Future<JsonObject> complete(SqlConnection conn, JsonObject profile) {
    return SocialServiceImpl.identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        return Future.succeededFuture(SocialServiceImpl.outcome("existing", known.getString("user_id")));
      }
      return conn.preparedQuery(sql.get("userByEmail")).execute(Tuple.of(Emails.normalize(profile.getString("email"))))
          .compose(rows -> rows.size() > 0
              ? Future.succeededFuture(SocialServiceImpl.outcome("account_exists", null))
              : SocialServiceImpl.create(conn, sql, profile));
    });
  }
}
