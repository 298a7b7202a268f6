package dev.gerbang.http;

import dev.gerbang.config.AppConfig;
import dev.gerbang.security.BodyLimits;
import dev.gerbang.security.RateLimit;
import dev.gerbang.security.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** Everything under /api: the defences every request passes, then each feature's routes. */
public final class ApiRouter {
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, AppConfig config, RateLimiter limiter, List<? extends ApiRoutes> features) {
    Router api = Router.router(vertx);
    if (config.rateLimitEnabled()) {
      api.route().handler(new RateLimit(limiter, config));
    }
    BodyLimits limits = new BodyLimits(config);
    api.route().handler(limits.declared());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    api.route().handler(body);
    api.route().handler(limits.received());
    api.get("/openapi.json").handler(new OpenApi());
    features.forEach(feature -> feature.mount(api, vertx));
    return api;
  }

  /** The methods some route of the router serves at this path (under /api), for the Allow header of a 405. */
  public static String allowedMethods(Router api, String path) {
    java.util.TreeSet<String> methods = new java.util.TreeSet<>();
    for (io.vertx.ext.web.Route route : api.getRoutes()) {
      if (route.getPath() != null && route.methods() != null) {
        String pattern = "/api" + route.getPath().replaceAll(":[A-Za-z0-9_]+", "[^/]+");
        if (path.matches(pattern)) {
          route.methods().forEach(m -> methods.add(m.name()));
        }
      }
    }
    return String.join(", ", methods);
  }
}
