package dev.gerbang.security;

import dev.gerbang.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * CORS, closed by default: only the configured origins get Access-Control-Allow-* headers (with
 * credentials, never a wildcard); a preflight from any other origin is refused. Without configured
 * origins a browser on another site can read nothing from the API.
 */
public final class Cors implements Handler<RoutingContext> {
  private static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
  private static final String HEADERS = "Authorization, Content-Type, X-Request-Id, Idempotency-Key";
  private static final String EXPOSED = "X-Request-Id, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
  private final Set<String> origins;

  public Cors(List<String> allowedOrigins) {
    this.origins = Set.copyOf(allowedOrigins);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
        && ctx.request().getHeader("Access-Control-Request-Method") != null;
    if (origin == null || !origins.contains(origin)) {
      if (preflight) {
        ctx.fail(Problem.forbidden("detail.forbidden.cors"));
      } else {
        ctx.next();
      }
      return;
    }
    var headers = ctx.response().headers();
    headers.set("Access-Control-Allow-Origin", origin)
        .set("Access-Control-Allow-Credentials", "true")
        .add("Vary", "Origin");
    if (preflight) {
      headers.set("Access-Control-Allow-Methods", METHODS)
          .set("Access-Control-Allow-Headers", HEADERS)
          .set("Access-Control-Max-Age", "600");
      ctx.response().setStatusCode(204).end();
    } else {
      headers.set("Access-Control-Expose-Headers", EXPOSED);
      ctx.next();
    }
  }
}
