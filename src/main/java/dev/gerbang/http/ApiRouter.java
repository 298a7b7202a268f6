package dev.gerbang.http;

import dev.gerbang.Components;
import dev.gerbang.admin.AdminRoutes;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.AuthRoutes;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.auth.SessionRoutes;
import dev.gerbang.content.ContentRoutes;
import dev.gerbang.user.UserRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Everything under /api: each feature mounts its routes here. */
public final class ApiRouter {
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, Components c) {
    Router api = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(c.config().maxBodyBytes());
    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
      api.route().method(method).handler(body);
    }
    api.get("/openapi.json").handler(new OpenApi());

    SessionIssuer issuer = new SessionIssuer(c);
    new AuthRoutes(c, issuer).mount(api);
    new SessionRoutes(c, issuer).mount(api);
    new UserRoutes(c, issuer).mount(api);
    new AdminRoutes(c, AuditService.proxy(vertx)).mount(api);
    new ContentRoutes(vertx, c).mount(api);
    return api;
  }
}
