package dev.gerbang.auth;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.security.SameOrigin;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Refresh, logout and the list of one's own sessions (devices). */
public final class SessionRoutes {
  private final Components c;
  private final SessionIssuer issuer;

  public SessionRoutes(Components components, SessionIssuer issuer) {
    this.c = components;
    this.issuer = issuer;
  }

  public void mount(Router api) {
    api.post("/auth/refresh").handler(this::refresh);
    api.post("/auth/logout").handler(c.auth().required()).handler(this::logout);
    api.post("/auth/logout-all").handler(c.auth().required()).handler(this::logoutAll);
    api.get("/auth/sessions").handler(c.auth().required()).handler(this::list);
    api.delete("/auth/sessions/:id").handler(c.auth().required()).handler(this::revoke);
  }

  private void refresh(RoutingContext ctx) {
    String token;
    boolean viaCookie = ctx.body() == null || ctx.body().length() <= 0;
    if (!viaCookie) {
      Validator v = Validator.body(ctx, "refreshToken");
      token = v.secret("refreshToken", 200);
      v.validate();
    } else {
      Cookie cookie = ctx.request().getCookie(SessionIssuer.COOKIE);
      token = cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
      if (token != null && !SameOrigin.allows(ctx, c.config())) {
        ctx.fail(Problem.forbidden("detail.forbidden.cross_site_session"));
        return;
      }
    }
    if (token == null) {
      ctx.fail(Problem.unauthorized("detail.unauthorized.refresh_missing"));
      return;
    }
    String successor = c.refreshTokens().successor(token);
    long graceMs = c.authSettings().refreshGraceSeconds() * 1000L;
    c.sessions().refresh(RefreshTokens.hash(token), RefreshTokens.hash(successor), graceMs, issuer.refreshTtlMillis(),
            c.authSettings().sessionAbsoluteHours() * 3_600_000L, Audit.actor(ctx))
        .compose(result -> switch (result.outcome()) {
          case ROTATED, GRACE -> c.users().find(result.userId()).map(user -> user == null
              ? null
              : issuer.pair(ctx, user, result.sessionId(), successor, result.issuedAt()));
          case REUSED -> {
            // A leaked token, or a client that lost a rotation: counted, never with whose.
            Metrics.of(ctx.vertx()).count("gerbang.refresh.reuse");
            yield Future.failedFuture(Problem.invalidToken("detail.invalid_token.refresh_reused"));
          }
          case INVALID -> Future.<JsonObject>succeededFuture(null);
        })
        .onSuccess(pair -> {
          if (pair == null) {
            issuer.clearCookie(ctx);
            ctx.fail(Problem.invalidToken("detail.invalid_token.refresh_invalid"));
          } else {
            if (viaCookie) {
              // A browser's session lives in the HttpOnly cookie: a script in the page must not read its successor.
              pair.remove("refreshToken");
            }
            Responses.ok(ctx, pair);
          }
        })
        .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    c.sessions().revoke(me.userId(), me.sessionId(), SessionEnd.LOGOUT, Audit.actor(ctx)).onSuccess(done -> {
      issuer.clearCookie(ctx);
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void logoutAll(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    c.sessions().revokeAll(me.userId(), null, SessionEnd.LOGOUT_ALL, Audit.actor(ctx)).onSuccess(ids -> {
      issuer.clearCookie(ctx);
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    c.sessions().list(me.userId()).onSuccess(sessions -> {
      JsonArray items = new JsonArray();
      sessions.forEach(session -> items.add(session.toJson()
          .put("device", Devices.describe(session.userAgent()))
          .put("current", me.sessionId().equals(session.id()))));
      Responses.ok(ctx, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("detail.not_found.session"));
      return;
    }
    c.sessions().revoke(me.userId(), id, SessionEnd.REVOKED_BY_USER, Audit.actor(ctx)).onSuccess(revoked -> {
      if (!revoked) {
        ctx.fail(Problem.notFound("detail.not_found.session"));
        return;
      }
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }

}
