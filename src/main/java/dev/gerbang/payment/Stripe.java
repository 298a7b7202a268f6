package dev.gerbang.payment;

import dev.gerbang.failure.Failure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stripe Checkout: creates the Checkout Session of an order (form-encoded POST {api}/v1/checkout/sessions, under an
 * Idempotency-Key per attempt to pay, so that a retry after a timeout answers the same session), and expires it when
 * the order is cancelled (POST {api}/v1/checkout/sessions/{id}/expire).
 */
final class Stripe implements PaymentProvider {
  /** Stripe's bounds on a session's expires_at: from 30 minutes to 24 hours ahead. */
  private static final long MIN_SESSION_MS = 31 * 60_000L;
  private static final long MAX_SESSION_MS = 23 * 3_600_000L;

  private final PaymentSettings settings;
  private final ProviderClient client;

  Stripe(PaymentSettings settings, ProviderClient client) {
    this.settings = settings;
    this.client = client;
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public boolean enabled() {
    return settings.stripeEnabled();
  }

  @Override
  public Future<PaymentStart> start(Order order) {
    long now = System.currentTimeMillis();
    long expiresAt = Math.min(now + MAX_SESSION_MS, Math.max(now + MIN_SESSION_MS, order.expiresAtMillis()));
    String back = settings.publicUrl() + "/orders/" + order.id() + "/return?provider=stripe";
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("mode", "payment")
        .add("client_reference_id", order.id())
        .add("metadata[order_id]", order.id())
        .add("payment_intent_data[metadata][order_id]", order.id())
        .add("success_url", back)
        .add("cancel_url", back + "&cancelled=true")
        .add("expires_at", String.valueOf(expiresAt / 1000));
    if (order.userEmail() != null) {
      form.add("customer_email", order.userEmail());
    }
    String currency = order.currency().toLowerCase(Locale.ROOT);
    for (int i = 0; i < order.items().size(); i++) {
      JsonObject item = order.items().getJsonObject(i);
      String line = "line_items[" + i + "]";
      form.add(line + "[quantity]", String.valueOf(item.getInteger("quantity")))
          .add(line + "[price_data][currency]", currency)
          .add(line + "[price_data][unit_amount]", String.valueOf(Currencies.toStripe(item.getLong("unitPrice"), order.currency())))
          .add(line + "[price_data][product_data][name]", item.getString("name"));
    }
    String url = settings.stripeApiBase() + "/v1/checkout/sessions";
    // One key per attempt, kept by its retries: Stripe answers a key's first result to every later request with it for
    // a day, a 500 included, so a key per order would lock the order out of Stripe after one bad answer. A session
    // whose answer was lost is never shown to anyone (the order keeps the session of the attempt that got through) and
    // expires unpaid.
    String key = "gerbang-checkout-" + order.id() + "-" + java.util.UUID.randomUUID();
    return client.retrying("stripe checkout", () -> client.request(HttpMethod.POST, url)
            .putHeader("Authorization", "Bearer " + settings.stripeSecretKey())
            .putHeader("Idempotency-Key", key)
            .sendForm(form))
        .compose(response -> {
          JsonObject session = Midtrans.json(response.bodyAsString());
          if (response.statusCode() != 200 || session == null || session.getString("id") == null || session.getString("url") == null) {
            return Future.failedFuture(ProviderClient.unavailable("detail.payment_provider.not_started")
                .with("provider", "Stripe").with("status", response.statusCode()));
          }
          return Future.succeededFuture(new PaymentStart(order.id(), name(), session.getString("id"), session.getString("url"),
              expiresAt + 5 * 60_000L));
        });
  }

  /**
   * Expires the order's Checkout Session. Stripe expires open sessions only and answers 400 for any other: the
   * session itself then tells whether it was paid or is being paid (409) or had expired (go on). No Idempotency-Key:
   * a repeated expire is harmless (400, then the session says expired), while Stripe would answer a key's first
   * result, a 5xx included, to every later cancel for a day.
   */
  @Override
  public Future<PaymentEnd> end(PaymentStart started) {
    String url = settings.stripeApiBase() + "/v1/checkout/sessions/" + URLEncoder.encode(started.reference(), StandardCharsets.UTF_8);
    return client.retrying("stripe expire", () -> client.request(HttpMethod.POST, url + "/expire")
            .putHeader("Authorization", "Bearer " + settings.stripeSecretKey()).send())
        .compose(response -> {
          JsonObject session = Midtrans.json(response.bodyAsString());
          if (response.statusCode() == 200 && session != null && "expired".equals(session.getString("status"))) {
            return Future.succeededFuture(PaymentEnd.of(started, PaymentEnd.EXPIRED, session));
          }
          if (response.statusCode() == 400) {
            return client.retrying("stripe session", () -> client.request(HttpMethod.GET, url)
                    .putHeader("Authorization", "Bearer " + settings.stripeSecretKey()).send())
                .compose(read -> ended(started, read.statusCode(), Midtrans.json(read.bodyAsString())));
          }
          return Future.failedFuture(notEnded(response.statusCode()));
        });
  }

  /** The session that could not be expired: paid or completing (409), expired (go on), or anything else (try again). */
  private Future<PaymentEnd> ended(PaymentStart started, int status, JsonObject session) {
    if (status != 200 || session == null) {
      return Future.failedFuture(notEnded(status));
    }
    if ("paid".equals(session.getString("payment_status")) || "complete".equals(session.getString("status"))) {
      return Future.failedFuture(ProviderClient.beingPaid("Stripe"));
    }
    return "expired".equals(session.getString("status"))
        ? Future.succeededFuture(PaymentEnd.of(started, PaymentEnd.ENDED_BEFORE, session))
        : Future.failedFuture(notEnded(status));
  }

  private static Failure notEnded(int status) {
    return ProviderClient.unavailable("detail.payment_provider.not_ended").with("provider", "Stripe").with("status", status);
  }
}
