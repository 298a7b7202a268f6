package dev.gerbang.auth;

import dev.gerbang.http.AccessLog;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Who is calling: attached to the routing context by {@link AuthHandler} once token and session check out. */
public record AuthUser(String userId, String sessionId, String username, Set<String> roles) {
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
  }

  /** The caller, or null on a route without authentication. */
  public static AuthUser of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
