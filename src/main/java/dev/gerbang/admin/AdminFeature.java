package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.audit.AuditService;
import dev.gerbang.notify.BroadcastService;
import dev.gerbang.notify.OutboxService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The admin API: users and roles, the audit trail, the outbox, messages to users, and the system page. */
public final class AdminFeature implements Feature {
  private final Components c;

  public AdminFeature(Components components) {
    this.c = components;
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new AdminRoutes(c, AuditService.proxy(vertx), OutboxService.proxy(vertx)).mount(api);
    new SystemRoutes(c, vertx).mount(api);
    new KeyRoutes(c, vertx).mount(api);
    new MessageRoutes(c, BroadcastService.proxy(vertx)).mount(api);
  }
}
