package dev.gerbang.auth;

import dev.gerbang.Components;
import dev.gerbang.account.Mails;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.ClientInfo;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Opens sessions and hands out token pairs: the JSON body every sign-in answers with, and the refresh
 * cookie for browsers (HttpOnly, SameSite=Strict, Secure, scoped to /api/auth). Any way of signing in
 * (password now, social login later) ends here.
 */
public final class SessionIssuer {
  public static final String COOKIE = "gerbang_refresh";
  private static final String COOKIE_PATH = "/api/auth";

  private final Components c;

  public SessionIssuer(Components components) {
    this.c = components;
  }

  /**
   * A sign-in whose first factor passed (a password: provider null; or a provider, with its outcome): the session's
   * token pair, or, when the account needs a second step ({@link SecondStep}), that step's body and no session.
   */
  public Future<JsonObject> signIn(RoutingContext ctx, User user, String provider, String outcome) {
    return ctx.vertx().eventBus().<JsonObject>request(SecondStep.ADDRESS, SecondStep.question(user, provider, outcome))
        .transform(asked -> {
          if (asked.succeeded()) {
            JsonObject answer = asked.result().body();
            return answer == null ? open(ctx, user, provider, outcome) : Future.succeededFuture(answer);
          }
          if (asked.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
            return open(ctx, user, provider, outcome);
          }
          return Future.failedFuture(asked.cause());
        });
  }

  /** Opens a session for a password sign-in and answers {accessToken, tokenType, expiresIn, refreshToken, user}. */
  public Future<JsonObject> open(RoutingContext ctx, User user) {
    return open(ctx, user, null, null);
  }

  /**
   * Opens a session for a sign-in with this provider (null: a password), which found, linked or created the account
   * (outcome), and answers the token pair. The session's audit row is written with it.
   */
  public Future<JsonObject> open(RoutingContext ctx, User user, String provider, String outcome) {
    return open(ctx, user, provider, outcome, false);
  }

  /** Opens a session for a sign-in with a passkey alone; its mfa_succeeded row is written with the session's. */
  public Future<JsonObject> openWithPasskey(RoutingContext ctx, User user) {
    return open(ctx, user, null, null, true);
  }

  private Future<JsonObject> open(RoutingContext ctx, User user, String provider, String outcome, boolean passkey) {
    String sessionId = Ids.newId();
    String refreshToken = c.refreshTokens().newToken();
    long now = System.currentTimeMillis();
    NewSession session = new NewSession(sessionId, user.id(), RefreshTokens.hash(refreshToken), ClientInfo.userAgent(ctx),
        ClientInfo.ip(ctx), now + refreshTtlMillis(), Mails.newSignIn(user.email(), user.name(), user.locale(),
            Devices.describe(ClientInfo.userAgent(ctx)), ClientInfo.ip(ctx)), provider, outcome, passkey);
    return c.sessions().create(session, Audit.actor(ctx)).map(done -> pair(ctx, user, sessionId, refreshToken, now));
  }

  JsonObject pair(RoutingContext ctx, User user, String sessionId, String refreshToken, long issuedAt) {
    String accessToken = c.tokens().issue(user.id(), sessionId, user.username(), user.roles(), issuedAt);
    long expiresIn = Math.max(0, c.tokens().ttlSeconds() - (System.currentTimeMillis() - issuedAt) / 1000);
    setCookie(ctx, refreshToken);
    return new JsonObject()
        .put("accessToken", accessToken)
        .put("tokenType", "Bearer")
        .put("expiresIn", expiresIn)
        .put("refreshToken", refreshToken)
        .put("sessionId", sessionId)
        .put("user", user.toJson());
  }

  long refreshTtlMillis() {
    return TimeUnit.DAYS.toMillis(c.authSettings().refreshTokenTtlDays());
  }

  private void setCookie(RoutingContext ctx, String refreshToken) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, refreshToken)
        .setPath(COOKIE_PATH)
        .setHttpOnly(true)
        .setSecure(c.authSettings().cookieSecure())
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(TimeUnit.MILLISECONDS.toSeconds(refreshTtlMillis())));
  }

  public void clearCookie(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, "")
        .setPath(COOKIE_PATH)
        .setHttpOnly(true)
        .setSecure(c.authSettings().cookieSecure())
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(0));
  }
}
