package dev.gerbang.security;

import dev.gerbang.config.AppConfig;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * The CSRF check for the few endpoints that a cookie authenticates (refresh, logout by cookie): besides the
 * SameSite=Strict cookie, a browser request must come from our own origin. Browsers always send Origin on
 * POST and Sec-Fetch-Site on every request; a non-browser client sends neither and carries no cookie jar
 * an attacker could ride.
 */
public final class SameOrigin {
  private SameOrigin() {
  }

  public static boolean allows(RoutingContext ctx, AppConfig config) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = ctx.request().getHeader("Origin");
    return origin == null || origin.equals(originOf(config.publicUrl()));
  }

  static String originOf(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
