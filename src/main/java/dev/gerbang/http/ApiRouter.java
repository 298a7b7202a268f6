package dev.gerbang.http;

import dev.gerbang.Components;
import dev.gerbang.account.AccountRoutes;
import dev.gerbang.admin.AdminRoutes;
import dev.gerbang.admin.MessageRoutes;
import dev.gerbang.admin.SystemRoutes;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.AuthRoutes;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.auth.SessionRoutes;
import dev.gerbang.notify.NotificationRoutes;
import dev.gerbang.notify.NotificationService;
import dev.gerbang.notify.OutboxService;
import dev.gerbang.notify.PushRoutes;
import dev.gerbang.notify.PushService;
import dev.gerbang.social.FlowSecrets;
import dev.gerbang.social.Providers;
import dev.gerbang.social.SocialRoutes;
import dev.gerbang.social.SocialService;
import dev.gerbang.medical.MedicalRoutes;
import dev.gerbang.content.ContentRoutes;
import dev.gerbang.security.BodyLimits;
import dev.gerbang.security.RateLimit;
import dev.gerbang.user.UserRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Everything under /api: each feature mounts its routes here. */
public final class ApiRouter {
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, Components c) {
    Router api = Router.router(vertx);
    if (c.config().rateLimitEnabled()) {
      api.route().handler(new RateLimit(c.rateLimiter(), c.config()));
    }
    BodyLimits limits = new BodyLimits(c.config());
    api.route().handler(limits.declared());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(c.config().maxBodyBytes());
    api.route().handler(body);
    api.route().handler(limits.received());
    api.get("/openapi.json").handler(new OpenApi());

    SessionIssuer issuer = new SessionIssuer(c);
    new AuthRoutes(c, issuer).mount(api);
    new SessionRoutes(c, issuer).mount(api);
    new UserRoutes(c, issuer, PushService.proxy(vertx)).mount(api);
    new AccountRoutes(c).mount(api);
    new SocialRoutes(c, issuer, new Providers(vertx, c.config()), SocialService.proxy(vertx),
        new FlowSecrets(c.derivationKey())).mount(api);
    MedicalRoutes.mount(api, vertx, c);
    new AdminRoutes(c, AuditService.proxy(vertx), OutboxService.proxy(vertx)).mount(api);
    new ContentRoutes(vertx, c).mount(api);
    new SystemRoutes(c, vertx).mount(api);
    new NotificationRoutes(vertx, c).mount(api);
    new MessageRoutes(c, NotificationService.proxy(vertx)).mount(api);
    new PushRoutes(vertx, c).mount(api);
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
