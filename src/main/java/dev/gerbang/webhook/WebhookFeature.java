package dev.gerbang.webhook;

import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.webhook.impl.WebhookServiceImpl;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Outgoing webhooks: admins' endpoints and their deliveries, and the verticle that signs and sends them. Other
 * features emit events with {@link Webhooks#emit} inside their own transactions. Built on the starting thread:
 * the key that seals the endpoints' secrets is read (or made) here.
 */
public final class WebhookFeature implements Feature {
  private final Components c;
  private final WebhookSettings settings;
  private final SecretBox box;

  public WebhookFeature(Components components) {
    this.c = components;
    this.settings = WebhookSettings.from(components.config().reader());
    this.box = SecretBox.load(components.secrets());
  }

  public WebhookSettings settings() {
    return settings;
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(WebhookService.class, WebhookService.ADDRESS, new WebhookServiceImpl(services.database(), box));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new WebhookRoutes(c, vertx, WebhookService.proxy(vertx), settings).mount(api);
  }

  @Override
  public Future<List<String>> deploy(Vertx vertx) {
    return vertx.deployVerticle(() -> new WebhookVerticle(settings, box), new DeploymentOptions()).map(List::of);
  }

  @Override
  public void start(Vertx vertx) {
    Metrics.of(vertx).zero("gerbang.webhook.deliveries", "outcome", List.of("delivered", "retry", "failed"));
  }
}
