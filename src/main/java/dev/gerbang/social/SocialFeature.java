package dev.gerbang.social;

import java.util.List;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import dev.gerbang.social.impl.SocialServiceImpl;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Sign-in with Google, Facebook or any OpenID Connect provider, and the identities linked to an account. */
public final class SocialFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;
  private final SocialSettings settings;

  public SocialFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
    this.settings = SocialSettings.from(components.config().reader());
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(SocialService.class, SocialService.ADDRESS, new SocialServiceImpl(services.database(), notify.outbox(services), services.events()));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new SocialRoutes(c, settings, new SessionIssuer(c), new Providers(vertx, settings), SocialService.proxy(vertx),
        new FlowSecrets(c.derivationKey())).mount(api);
  }

  @Override
  public void start(Vertx vertx) {
    Metrics metrics = Metrics.of(vertx);
    metrics.zero("gerbang.signins", "outcome", List.of("ok", "mfa_pending"), "method", "social");
    metrics.zero("gerbang.registrations", "method", "social");
  }
}
