package dev.gerbang.auth;

import java.util.List;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.auth.impl.SessionServiceImpl;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Sign-up, sign-in and sessions: the routes, the session store, and the node's session gate. */
public final class AuthFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;

  public AuthFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(SessionService.class, SessionService.ADDRESS,
        new SessionServiceImpl(services.database(), notify.notices(services), services.events()));
  }

  @Override
  public void start(Vertx vertx) {
    Metrics metrics = Metrics.of(vertx);
    metrics.zero("gerbang.signins", "outcome", List.of("ok", "mfa_pending", "wrong_credentials", "locked"), "method", "password");
    metrics.zero("gerbang.registrations", "method", "password");
    metrics.zero("gerbang.refresh.reuse");
    c.gate().listen(c.events());
    // A rotation made on another node: read the keys again (off the event loop) and sign with the new one. The
    // node that rotated signs with it already.
    c.events().listen(KeysRotated.ADDRESS, KeysRotated::fromJson, rotated -> {
      if (!rotated.signingKid().equals(c.tokens().signingKid())) {
        vertx.executeBlocking(() -> Keys.loadOrCreate(c.secrets(), c.authSettings().jwtSecret()))
            .onSuccess(keys -> c.tokens().use(keys));
      }
    });
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    SessionIssuer issuer = new SessionIssuer(c);
    new AuthRoutes(c, issuer).mount(api);
    new SessionRoutes(c, issuer).mount(api);
  }
}
