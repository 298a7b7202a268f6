package dev.gerbang.auth;

import dev.gerbang.http.AccessLog;
import dev.gerbang.http.Language;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Who is calling: attached to the routing context by {@link AuthHandler} once token and session check out; locale is
 * the language of their profile, in which problems answer them.
 */
public record AuthUser(String userId, String sessionId, String username, Set<String> roles, String locale) {
  private static final String KEY = "gerbang.authUser";

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean hasAnyRole(String... wanted) {
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
    ctx.put(AccessLog.USER_ID, userId);
    if (locale != null) {
      ctx.put(Language.USER_LOCALE, locale);
    }
  }

  /** The caller, or null on a route without authentication. */
  public static AuthUser of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
