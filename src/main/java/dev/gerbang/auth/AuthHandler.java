package dev.gerbang.auth;

import dev.gerbang.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer authentication, as the users described it: decode and verify the access token, find the session
 * and user it names, and attach them to the request. 401 when any of that fails; 403 when the caller
 * lacks every one of the roles a route asks for.
 */
public final class AuthHandler {
  private static final int MAX_TOKEN_LENGTH = 4096;

  private final Tokens tokens;
  private final SessionGate gate;

  public AuthHandler(Tokens tokens, SessionGate gate) {
    this.tokens = tokens;
    this.gate = gate;
  }

  /** Any signed-in user, or, when roles are given, one holding at least one of them. */
  public Handler<RoutingContext> required(String... anyOfRoles) {
    return ctx -> {
      String token = bearerToken(ctx);
      if (token == null) {
        ctx.fail(Problem.unauthorized("detail.unauthorized.no_token"));
        return;
      }
      authenticate(ctx, token, anyOfRoles);
    };
  }

  /**
   * For public routes that show more to signed-in callers (authors see their drafts): attaches the caller
   * when a token is sent, continues anonymously when none is, and is a 401 when a token is sent but is not
   * valid (a client with a broken token should learn it, not silently get the anonymous view).
   */
  public Handler<RoutingContext> optional() {
    return ctx -> {
      String token = bearerToken(ctx);
      if (token == null && ctx.request().getHeader("Authorization") == null) {
        ctx.next();
      } else if (token == null) {
        ctx.fail(Problem.invalidToken("detail.invalid_token.not_bearer"));
      } else {
        authenticate(ctx, token);
      }
    };
  }

  private void authenticate(RoutingContext ctx, String token, String... anyOfRoles) {
    tokens.verify(token)
        .recover(failure -> io.vertx.core.Future.failedFuture(
            Problem.invalidToken("detail.invalid_token.expired")))
        .compose(claims -> {
          // Claims of the wrong type (a number for "sub") are a bad token, not a server error.
          String sub = claims.getValue("sub") instanceof String s ? s : null;
          String sid = claims.getValue("sid") instanceof String s ? s : null;
          if (sub == null || sid == null) {
            return io.vertx.core.Future.failedFuture(Problem.invalidToken("detail.invalid_token.expired"));
          }
          return gate.check(sid, sub);
        })
        .onSuccess(user -> {
          if (user == null) {
            ctx.fail(Problem.invalidToken("detail.invalid_token.session_ended"));
          } else if (anyOfRoles.length > 0 && !user.hasAnyRole(anyOfRoles)) {
            user.attach(ctx);
            ctx.fail(Problem.forbidden("detail.forbidden.role").with("roles", String.join(", ", anyOfRoles)));
          } else {
            user.attach(ctx);
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? null : token;
  }
}
