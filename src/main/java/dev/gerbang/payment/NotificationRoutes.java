package dev.gerbang.payment;

import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the providers send: Midtrans' HTTP notification and Stripe's webhook. Neither is trusted as sent: a bad
 * signature is refused before anything is read or written (401); a Midtrans notification is then confirmed
 * with Midtrans' status API, whose status is the one applied. Each verified event is recorded with its verdict
 * ({@link PaymentEventService}); a replay changes nothing and is answered 200.
 */
final class NotificationRoutes {
  private static final Logger log = LoggerFactory.getLogger(NotificationRoutes.class);
  /** The verdicts counted by name (gerbang_payment_events_total); anything else is "other", so no stray value adds series. */
  private static final Set<String> VERDICTS = Set.of("applied", "unchanged", "duplicate", "refused", "mismatch", "unconfirmed",
      "unknown-order", "superseded");
  /** Every verdict label the counter can carry. */
  static final List<String> COUNTED_VERDICTS = java.util.stream.Stream.concat(VERDICTS.stream(), java.util.stream.Stream.of("other"))
      .sorted().toList();

  private final PaymentSettings settings;
  private final Midtrans midtrans;
  private final PaymentEventService events;

  NotificationRoutes(PaymentSettings settings, Midtrans midtrans, PaymentEventService events) {
    this.settings = settings;
    this.midtrans = midtrans;
    this.events = events;
  }

  void mount(Router api) {
    api.post("/payments/midtrans/notification").handler(this::midtrans);
    api.post("/payments/stripe/webhook").handler(this::stripe);
  }

  private static Problem disabled(String provider) {
    return new Problem(503, "payment-provider-disabled", "title.payment_provider_disabled", "detail.payment_provider.disabled", List.of())
        .with("provider", provider);
  }

  private static Problem badSignature() {
    return new Problem(401, "invalid-signature", "title.invalid_signature", "detail.invalid_signature", List.of());
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject json = ctx.body() == null ? null : Midtrans.json(ctx.body().asString());
    if (json == null) {
      throw Problem.badRequest("detail.body.not_object");
    }
    return json;
  }

  private void midtrans(RoutingContext ctx) {
    if (!settings.midtransEnabled()) {
      throw disabled("Midtrans");
    }
    JsonObject notice = body(ctx);
    String orderId = text(notice, "order_id");
    String statusCode = text(notice, "status_code");
    String gross = text(notice, "gross_amount");
    String signature = text(notice, "signature_key");
    if (orderId == null || statusCode == null || gross == null || signature == null) {
      throw Problem.badRequest("detail.bad_request.midtrans_notification");
    }
    if (!midtrans.signed(orderId, statusCode, gross, signature)) {
      log.warn("refused a Midtrans notification with a bad signature_key (order_id {})", printable(orderId));
      counted(ctx, "midtrans", "bad_signature");
      throw badSignature();
    }
    String notified = text(notice, "transaction_status");
    midtrans.status(orderId).compose(status -> {
      String confirmed = text(status, "transaction_status");
      OrderStatus target = Midtrans.target(confirmed, text(status, "fraud_status"));
      // No status (Midtrans knows no such transaction yet): nothing is confirmed, so there is no amount to check.
      Long amount = confirmed == null ? null : Midtrans.rupiah(text(status, "gross_amount"));
      if (confirmed != null && (amount == null || !amount.equals(Midtrans.rupiah(gross)))) {
        amount = -1L;
      }
      boolean unconfirmed = target == null && Midtrans.target(notified, text(notice, "fraud_status")) != null;
      String transaction = text(status, "transaction_id") == null ? text(notice, "transaction_id") : text(status, "transaction_id");
      JsonObject detail = notice.copy();
      detail.remove("signature_key");
      detail.put("status_api", new JsonObject().put("transaction_status", confirmed).put("fraud_status", text(status, "fraud_status"))
          .put("gross_amount", text(status, "gross_amount")).put("status_code", text(status, "status_code")));
      String kind = unconfirmed ? "unconfirmed:" + notified : confirmed == null ? String.valueOf(notified) : confirmed;
      return events.record(new PaymentEvent("midtrans", transaction + ":" + confirmed, orderId, kind, target, amount,
          text(status, "currency"), null, detail.encode()));
    }).onSuccess(event -> answer(ctx, event)).onFailure(ctx::fail);
  }

  private void stripe(RoutingContext ctx) {
    if (!settings.stripeEnabled()) {
      throw disabled("Stripe");
    }
    byte[] payload = ctx.body() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (!StripeSignature.verify(ctx.request().getHeader("Stripe-Signature"), payload, settings.stripeWebhookSecret(),
        System.currentTimeMillis() / 1000)) {
      log.warn("refused a Stripe webhook with a bad or stale Stripe-Signature");
      counted(ctx, "stripe", "bad_signature");
      throw badSignature();
    }
    JsonObject event = body(ctx);
    PaymentEvent recorded = StripeEvents.of(event);
    if (recorded == null) {
      counted(ctx, "stripe", "ignored");
      Responses.ok(ctx, new JsonObject().put("received", true).put("verdict", "ignored"));
      return;
    }
    events.record(recorded).onSuccess(decided -> answer(ctx, decided)).onFailure(ctx::fail);
  }

  /**
   * 200 for what was decided, so the provider stops sending it; 409 for an amount that does not match (flagged for
   * support), and 404 for an order not known (yet: a refund that overtook its payment is sent again, and then applies).
   */
  private static void answer(RoutingContext ctx, PaymentEvent event) {
    counted(ctx, event.provider(), VERDICTS.contains(event.verdict()) ? event.verdict() : "other");
    switch (event.verdict()) {
      case "mismatch" -> ctx.fail(new Problem(409, "payment-mismatch", "title.payment_mismatch",
          "detail.payment_mismatch", List.of()));
      case "unknown-order" -> ctx.fail(Problem.notFound("detail.not_found.order_for_event"));
      default -> Responses.ok(ctx, new JsonObject().put("received", true).put("verdict", event.verdict()));
    }
  }

  /** One provider event by its provider (midtrans or stripe) and verdict, both from fixed sets: never an order or a payer. */
  private static void counted(RoutingContext ctx, String provider, String verdict) {
    Metrics.of(ctx.vertx()).count("gerbang.payment.events", "provider", "stripe".equals(provider) ? "stripe" : "midtrans",
        "verdict", verdict);
  }

  static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value == null ? null : String.valueOf(value);
  }

  private static String printable(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?").toLowerCase(Locale.ROOT);
  }
}
