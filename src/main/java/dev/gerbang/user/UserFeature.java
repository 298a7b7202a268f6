package dev.gerbang.user;

import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import dev.gerbang.notify.PushService;
import dev.gerbang.user.impl.UserServiceImpl;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The accounts' store and the signed-in user's own account: profile, password, deletion. */
public final class UserFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;
  private final MeCache me;

  public UserFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
    this.me = new MeCache(components.events(), components.config().reader().intIn("session.meCacheMegabytes", 0, 4096) * 1024L * 1024L);
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(UserService.class, UserService.ADDRESS, new UserServiceImpl(services.database(), notify.outbox(services), services.events()));
  }

  @Override
  public void start(Vertx vertx) {
    me.listen();
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new UserRoutes(c, new SessionIssuer(c), PushService.proxy(vertx), me).mount(api);
  }
}
