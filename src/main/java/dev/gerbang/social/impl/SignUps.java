package dev.gerbang.social.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.Outbox;
import dev.gerbang.social.PendingSignUp;
import dev.gerbang.social.Profile;
import dev.gerbang.social.SignUpResult;
import dev.gerbang.social.SignUpResult.Outcome;
import dev.gerbang.user.Emails;
import dev.gerbang.user.Names;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.Future;
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
  private final Webhooks webhooks;

  SignUps(Pool pool, Sql sql, Outbox outbox, Webhooks webhooks) {
    this.pool = pool;
    this.sql = sql;
    this.outbox = outbox;
    this.webhooks = webhooks;
  }

  /**
   * Stores the pending sign-up and queues its mail on the caller's transaction; false (nothing stored) when a
   * link went to this address less than the sign-up's cooldown ago.
   */
  Future<Boolean> start(SqlConnection conn, Profile profile, PendingSignUp signUp) {
    String email = profile.email().strip();
    String normalized = Emails.normalize(email);
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("latestSignUp")).execute(Tuple.of(normalized)).compose(rows -> {
      Long latest = Rows.first(rows, row -> row.getValue(0) instanceof Number n ? n.longValue() : null);
      if (latest != null && now - latest < signUp.cooldownMs()) {
        // The link sent a moment ago still works: no second mail to an inbox someone may be flooding.
        return Future.succeededFuture(false);
      }
      String name = Names.singleLine(profile.name(), Names.MAX_LENGTH);
      Tuple row = Tuple.of(signUp.id(), signUp.tokenHash(), signUp.browserHash(), profile.provider(), profile.subject(), email,
              normalized, name.isEmpty() ? Names.singleLine(email, Names.MAX_LENGTH) : name)
          .addString(profile.avatarUrl())
          .addString(profile.locale() == null ? "en" : profile.locale())
          .addString(signUp.redirectPath())
          .addLong(now)
          .addLong(signUp.expiresAt());
      return conn.preparedQuery(sql.get("deleteOldSignUps")).execute(Tuple.of(now))
          .compose(done -> conn.preparedQuery(sql.get("retireSignUps")).execute(Tuple.of(now, normalized, now)))
          .compose(done -> conn.preparedQuery(sql.get("insertSignUp")).execute(row))
          .compose(done -> outbox.enqueue(conn, signUp.mail().toJson()))
          .map(true);
    });
  }

  Future<SignUpResult> confirm(String tokenHash, String browserHash) {
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("findSignUp")).execute(Tuple.of(tokenHash, now)).compose(rows -> {
      Row pending = Rows.first(rows, row -> row);
      if (pending == null) {
        return Future.succeededFuture(SignUpResult.refused(Outcome.INVALID));
      }
      if (browserHash == null || !MessageDigest.isEqual(pending.getString("browser_hash").getBytes(StandardCharsets.US_ASCII),
          browserHash.getBytes(StandardCharsets.US_ASCII))) {
        return Future.succeededFuture(SignUpResult.refused(Outcome.OTHER_BROWSER));
      }
      Profile profile = new Profile(pending.getString("provider"), pending.getString("subject"), pending.getString("email"),
          false, pending.getString("name"), pending.getString("avatar_url"), pending.getString("locale"));
      return conn.preparedQuery(sql.get("useSignUp")).execute(Tuple.of(now, pending.getString("id"), now)).compose(used -> {
        if (used.rowCount() == 0) {
          return Future.succeededFuture(SignUpResult.refused(Outcome.INVALID));
        }
        return complete(conn, profile, pending.getString("redirect_path"));
      });
    }));
  }

  /** The identity may have been linked meanwhile, or the email registered: never two accounts for one address. */
  private Future<SignUpResult> complete(SqlConnection conn, Profile profile, String redirectPath) {
    return SocialServiceImpl.identity(conn, sql, profile).compose(known -> {
      if (known != null) {
        return Future.succeededFuture(new SignUpResult(Outcome.EXISTING, known.getString("user_id"), profile.provider(), redirectPath));
      }
      return conn.preparedQuery(sql.get("userByEmail")).execute(Tuple.of(Emails.normalize(profile.email())))
          .compose(rows -> rows.size() > 0
              ? Future.succeededFuture(new SignUpResult(Outcome.ACCOUNT_EXISTS, null, profile.provider(), redirectPath))
              : SocialServiceImpl.create(conn, sql, webhooks, profile)
                  .map(userId -> new SignUpResult(Outcome.CREATED, userId, profile.provider(), redirectPath)));
    });
  }
}
