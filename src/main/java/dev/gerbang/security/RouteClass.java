package dev.gerbang.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The three kinds of API request that get their own limits: the sign-in family (what an attacker guessing
 * passwords or tokens calls), other writes, and reads. New endpoints are writes or reads by their method;
 * a new sign-in endpoint (an OAuth callback, say) must be added to AUTH.
 */
public enum RouteClass {
  AUTH, WRITE, READ;

  static final Set<String> AUTH_PATHS = Set.of(
      "/api/auth/login",
      "/api/auth/register",
      "/api/auth/refresh",
      "/api/auth/password/check",
      "/api/auth/password/forgot",
      "/api/auth/password/reset",
      "/api/auth/verify-email",
      "/api/auth/verify-email/resend",
      "/api/auth/email-change/confirm",
      "/api/auth/mfa",
      "/api/auth/mfa/passkey/options",
      "/api/auth/mfa/enrol/totp",
      "/api/auth/mfa/enrol/passkey/options",
      "/api/auth/passkey/options",
      "/api/auth/passkey");

  public static RouteClass of(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    // Social sign-in start and callback (/api/auth/oauth/{provider}[/callback]) are sign-in attempts too; the
    // provider list is not. Their CSRF defence is the state bound to the flow cookie, not an Origin check:
    // the callback is, by design, a cross-site navigation from the provider.
    if (AUTH_PATHS.contains(path) || path.startsWith("/api/auth/oauth/") && !path.equals("/api/auth/oauth/providers")) {
      return AUTH;
    }
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS ? READ : WRITE;
  }
}
