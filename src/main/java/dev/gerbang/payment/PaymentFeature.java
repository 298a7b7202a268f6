package dev.gerbang.payment;

import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import dev.gerbang.payment.impl.CatalogueServiceImpl;
import dev.gerbang.payment.impl.OrderServiceImpl;
import dev.gerbang.payment.impl.PaymentEventServiceImpl;
import dev.gerbang.payment.impl.Transitions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments: the admins' catalogue, the users' orders, and paying them with Midtrans Snap or Stripe Checkout, each
 * switched on by its keys alone (docs/payments.md).
 */
public final class PaymentFeature implements Feature {
  private static final Logger log = LoggerFactory.getLogger(PaymentFeature.class);

  private final Components c;
  private final NotifyFeature notify;
  private final PaymentSettings settings;

  public PaymentFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
    this.settings = PaymentSettings.from(components.config());
  }

  @Override
  public void bind(ServiceRegistry services) {
    Transitions transitions = new Transitions(services.database(), notify.notices(services));
    services.register(CatalogueService.class, CatalogueService.ADDRESS, new CatalogueServiceImpl(services.database()));
    services.register(OrderService.class, OrderService.ADDRESS,
        new OrderServiceImpl(services.database(), transitions, settings.orderTtlMinutes()));
    services.register(PaymentEventService.class, PaymentEventService.ADDRESS,
        new PaymentEventServiceImpl(services.database(), transitions));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    ProviderClient client = new ProviderClient(vertx, settings.timeoutMs());
    Midtrans midtrans = new Midtrans(settings, client);
    Stripe stripe = new Stripe(settings, client);
    PaymentEventService events = PaymentEventService.proxy(vertx);
    new CatalogueRoutes(c, CatalogueService.proxy(vertx)).mount(api);
    new OrderRoutes(c, OrderService.proxy(vertx), events, List.of(midtrans, stripe)).mount(api);
    new NotificationRoutes(settings, midtrans, events).mount(api);
  }

  @Override
  public void start(Vertx vertx) {
    for (String provider : List.of("midtrans", "stripe")) {
      Metrics.of(vertx).zero("gerbang.payment.events", "verdict", NotificationRoutes.COUNTED_VERDICTS, "provider", provider);
    }
    log.info("payments: midtrans {}, stripe {}", settings.midtransEnabled() ? "on" : "off (no GERBANG_MIDTRANS_SERVER_KEY)",
        settings.stripeEnabled() ? "on" : "off (no GERBANG_STRIPE_SECRET_KEY)");
  }
}
