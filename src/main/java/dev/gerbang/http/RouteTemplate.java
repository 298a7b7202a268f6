package dev.gerbang.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route template of one request, from the routes Vert.x web reports it passed ({@code HttpServerRequest#routed},
 * in the order they match: "/api/" for the API's mount, then "/articles/:slug"): the template of the route that
 * answered ("/api/articles/:slug"), never the raw path, so neither a meter's label (metrics) nor a span's name
 * (tracing) can hold an id. A request no route answered has none, whatever its path; the static files and the SPA's
 * fallback page answer by one regular expression, which is no template either. One per request, on its event loop.
 */
public final class RouteTemplate {
  /** The API sub-router's mount: Vert.x names it by its path without the wildcard. */
  private static final Set<String> API_MOUNT = Set.of("/api/", "/api/*");
  /** The methods of HTTP's standard set; a client may send any token, which must not name anything. */
  private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
      "OPTIONS", "TRACE", "CONNECT");
  /** "/api" + a route of the API's, made once per route: each key is the path of a route we wrote. */
  private static final ConcurrentHashMap<String, String> UNDER_API = new ConcurrentHashMap<>();

  private boolean api;
  private String last;

  /** Whether a method is one of HTTP's standard set (the others share one label or name). */
  public static boolean standardMethod(String method) {
    return STANDARD_METHODS.contains(method);
  }

  /**
   * One more route the request matched, as Vert.x web names it (null: a route without a path, a handler on every
   * request, which names nothing). The API's mount counts once: a failure routes the request through it again.
   */
  public void passed(String route) {
    if (route == null || route.equals(last)) {
      return;
    }
    if (API_MOUNT.contains(route)) {
      if (api) {
        return;
      }
      api = true;
    }
    last = route;
  }

  /** Whether no route with a path answered: none matched, or only the API's mount (a 404 or 405 under /api). */
  public boolean unmatched() {
    return last == null || API_MOUNT.contains(last);
  }

  /** Whether the regular expression of the static files and the SPA's fallback page answered. */
  public boolean staticFiles() {
    return last != null && last.startsWith("^");
  }

  /** The template of the route that answered, as a client's path would read it; null when unmatched or static. */
  public String template() {
    if (unmatched() || staticFiles()) {
      return null;
    }
    if (!api) {
      return last;
    }
    String template = UNDER_API.get(last);
    if (template == null) {
      template = "/api" + last;
      UNDER_API.putIfAbsent(last, template);
    }
    return template;
  }
}
