package dev.gerbang.payment;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paying with Stripe Checkout against a local stand-in, and Stripe's signed webhooks. */
class StripeTest {
  private static final String WEBHOOK = "/api/payments/stripe/webhook";

  private PendingOrder fixture;
  private ProviderStandIn stripe;
  private TestServer server;
  private Shop shop;
  private String user;
  private String orderId;

  @BeforeEach
  void start() {
    fixture = PendingOrder.start();
    stripe = fixture.providers();
    server = fixture.server();
    shop = fixture.shop();
    user = fixture.user();
    orderId = fixture.orderId();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<Buffer> send(JsonObject event, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (signature != null) {
      headers.add("Stripe-Signature", signature);
    }
    return server.raw(HttpMethod.POST, WEBHOOK, headers, Buffer.buffer(event.encode()));
  }

  private static String sign(JsonObject event, String secret, long secondsAgo) {
    return StripeSignature.sign(event.encode().getBytes(StandardCharsets.UTF_8), secret, System.currentTimeMillis() / 1000 - secondsAgo);
  }

  private String deliver(JsonObject event) {
    HttpResponse<Buffer> response = send(event, sign(event, ProviderStandIn.WEBHOOK_SECRET, 0));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("verdict");
  }

  /** Stripe counts rupiah in hundredths: 300000 IDR is 30000000. */
  private JsonObject completed(String eventId) {
    return ProviderStandIn.completed(eventId, orderId, 30_000_000L, "idr", "pi_123");
  }

  private JsonObject refunded(String eventId) {
    return ProviderStandIn.event(eventId, "charge.refunded", new JsonObject().put("id", "ch_1").put("object", "charge")
        .put("payment_intent", "pi_123").put("amount_refunded", 30_000_000L).put("refunded", true));
  }

  @Test
  void payingCreatesACheckoutSessionPricedFromTheCatalogueUnderAnIdempotencyKey() {
    JsonObject paid = shop.pay(user, orderId, "stripe");

    MultiMap form = stripe.checkoutRequests.get(0);
    assertThat(paid.getString("redirectUrl")).startsWith(stripe.base() + "/pay/stripe/cs_test_");
    assertThat(form.get("mode")).isEqualTo("payment");
    assertThat(form.get("client_reference_id")).isEqualTo(orderId);
    assertThat(form.get("metadata[order_id]")).isEqualTo(orderId);
    assertThat(form.get("line_items[0][price_data][currency]")).isEqualTo("idr");
    assertThat(form.get("line_items[0][price_data][unit_amount]")).isEqualTo("15000000");
    assertThat(form.get("line_items[0][quantity]")).isEqualTo("2");
    assertThat(form.get("success_url")).isEqualTo(server.gerbang().components().config().publicUrl() + "/orders/" + orderId
        + "/return?provider=stripe");
    assertThat(form.get("Idempotency-Key")).startsWith("gerbang-checkout-" + orderId + "-");
    assertThat(shop.pay(user, orderId, "stripe").getString("redirectUrl")).isEqualTo(paid.getString("redirectUrl"));
    assertThat(stripe.checkoutRequests).hasSize(1);
  }

  /**
   * Stripe answers a key's first result, a 500 included, to every later request with that key for a day. The retries
   * of one attempt keep its key (a timeout then finds the session made); the next attempt takes a new one, so one bad
   * answer does not lock the order out of Stripe.
   */
  @Test
  void afterStripeAnswered500TheNextAttemptGetsASession() {
    stripe.failCheckouts(1);
    HttpResponse<Buffer> refused = server.post("/api/orders/" + orderId + "/pay", user, new JsonObject().put("provider", "stripe"));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
    assertThat(stripe.checkoutRequests).hasSize(3).extracting(form -> form.get("Idempotency-Key")).containsOnly(
        stripe.checkoutRequests.get(0).get("Idempotency-Key"));

    JsonObject paid = shop.pay(user, orderId, "stripe");

    assertThat(paid.getString("redirectUrl")).startsWith(stripe.base() + "/pay/stripe/cs_test_");
    assertThat(stripe.checkoutRequests).hasSize(4);
    assertThat(stripe.checkoutRequests.get(3).get("Idempotency-Key")).isNotEqualTo(stripe.checkoutRequests.get(0).get("Idempotency-Key"));
  }

  /** A double click: both requests reach Stripe before either is answered; the order keeps one payment, and both answer it. */
  /** Two "Pay" requests at the same moment, both reaching Stripe (a double click): their answers. */
  private List<HttpResponse<Buffer>> twoPaysAtOnce() {
    stripe.delayCheckouts(300);
    JsonObject body = new JsonObject().put("provider", "stripe");
    Future<HttpResponse<Buffer>> first = server.request(HttpMethod.POST, "/api/orders/" + orderId + "/pay", user).sendJsonObject(body);
    Future<HttpResponse<Buffer>> second = server.request(HttpMethod.POST, "/api/orders/" + orderId + "/pay", user).sendJsonObject(body);
    TestServer.await(Future.join(first, second));
    return List.of(first.result(), second.result());
  }

  @Test
  void twoPaysAtOnceKeepOnePaymentAndBothAnswerIt() {
    List<HttpResponse<Buffer>> answers = twoPaysAtOnce();
    HttpResponse<Buffer> first = answers.get(0);
    HttpResponse<Buffer> second = answers.get(1);

    assertThat(stripe.checkoutRequests).as("both reached Stripe").hasSize(2);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject().getString("redirectUrl")).isEqualTo(first.bodyAsJsonObject().getString("redirectUrl"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'payment_started' AND detail LIKE ?",
        "%" + orderId + "%")).isEqualTo(1);
  }

  @Test
  void theExpiryOfTheSessionADoubleClickLeftUnshownEndsNothingAndThePaymentOnTheShownOneCounts() {
    twoPaysAtOnce();
    String shown = (String) TestDb.row(server, "SELECT provider_ref FROM orders WHERE id = ?", orderId).get("provider_ref");
    List<String> unshown = stripe.sessionStates.keySet().stream().filter(id -> !id.equals(shown)).toList();
    assertThat(unshown).hasSize(1);

    // The unshown session expires first, and the payment made on the shown one is reported after it.
    JsonObject expired = ProviderStandIn.event("evt_unshown_expired", "checkout.session.expired", new JsonObject()
        .put("id", unshown.get(0)).put("client_reference_id", orderId).put("payment_status", "unpaid"));
    assertThat(deliver(expired)).isEqualTo("superseded");
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    JsonObject paid = completed("evt_paid");
    paid.getJsonObject("data").getJsonObject("object").put("id", shown);
    assertThat(deliver(paid)).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");

    // The shown session's own expiry is still the order's: after the payment, the state machine refuses it.
    JsonObject shownExpired = ProviderStandIn.event("evt_shown_expired", "checkout.session.expired", new JsonObject()
        .put("id", shown).put("client_reference_id", orderId).put("payment_status", "unpaid"));
    assertThat(deliver(shownExpired)).isEqualTo("refused");
    assertThat(shop.events(orderId).stream().map(e -> ((JsonObject) e).getString("verdict")).toList())
        .containsExactly("superseded", "applied", "refused");
  }

  @Test
  void aCompletedSessionMarksTheOrderPaidOnceAndAReplayIsANoOp() {
    JsonObject event = completed("evt_1");

    assertThat(deliver(event)).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
    assertThat(deliver(event)).isEqualTo("duplicate");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'order_paid'")).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE type = 'payment.receipt'")).isEqualTo(1);
    assertThat(TestDb.row(server, "SELECT provider_payment FROM orders WHERE id = ?", orderId).get("provider_payment")).isEqualTo("pi_123");
  }

  @Test
  void aForgedStaleOrMissingSignatureIsRefusedAndChangesNothing() {
    JsonObject event = completed("evt_1");

    assertProblem(send(event, sign(event, "whsec_someone_else", 0)), 401, "invalid-signature");
    assertProblem(send(event, sign(event, ProviderStandIn.WEBHOOK_SECRET, 301)), 401, "invalid-signature");
    assertProblem(send(event, null), 401, "invalid-signature");
    String good = sign(event, ProviderStandIn.WEBHOOK_SECRET, 0);
    assertProblem(send(event.copy().put("livemode", true), good), 401, "invalid-signature");

    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM payment_events")).isZero();
  }

  @Test
  void anyMatchingV1SignatureIsAcceptedWhileASecretRolls() {
    JsonObject event = completed("evt_1");
    String good = sign(event, ProviderStandIn.WEBHOOK_SECRET, 10);
    String header = good.replace(",v1=", ",v1=" + "0".repeat(64) + ",v1=");

    HttpResponse<Buffer> response = send(event, header);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
  }

  @Test
  void anAmountOrCurrencyUnlikeTheOrdersIsRefusedAndFlagged() {
    JsonObject cheaper = ProviderStandIn.completed("evt_1", orderId, 100L, "idr", "pi_123");
    JsonObject dollars = ProviderStandIn.completed("evt_2", orderId, 30_000_000L, "usd", "pi_123");

    assertProblem(send(cheaper, sign(cheaper, ProviderStandIn.WEBHOOK_SECRET, 0)), 409, "payment-mismatch");
    assertProblem(send(dollars, sign(dollars, ProviderStandIn.WEBHOOK_SECRET, 0)), 409, "payment-mismatch");

    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM payment_events WHERE verdict = 'mismatch'")).isEqualTo(2);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'payment_mismatch'")).isEqualTo(2);
  }

  @Test
  void aRefundThatOvertakesItsPaymentIsSentAgainAndThenApplies() {
    JsonObject refund = refunded("evt_refund");
    HttpResponse<Buffer> early = send(refund, sign(refund, ProviderStandIn.WEBHOOK_SECRET, 0));
    assertProblem(early, 404, "not-found");
    assertThat(shop.status(user, orderId)).isEqualTo("pending");

    assertThat(deliver(completed("evt_paid"))).isEqualTo("applied");
    assertThat(deliver(refund)).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("refunded");

    // A late "expired" of the session changes nothing now.
    JsonObject expired = ProviderStandIn.event("evt_expired", "checkout.session.expired", new JsonObject().put("id", "cs_1")
        .put("client_reference_id", orderId).put("payment_status", "unpaid"));
    assertThat(deliver(expired)).isEqualTo("refused");
    assertThat(shop.status(user, orderId)).isEqualTo("refunded");
    assertThat(shop.events(orderId).stream().map(e -> ((JsonObject) e).getString("verdict")).toList())
        .containsExactly("applied", "applied", "refused");
  }

  @Test
  void anExpiredSessionExpiresThePendingOrderAndOtherEventTypesAreIgnored() {
    JsonObject expired = ProviderStandIn.event("evt_expired", "checkout.session.expired", new JsonObject().put("id", "cs_1")
        .put("client_reference_id", orderId).put("payment_status", "unpaid"));
    assertThat(deliver(expired)).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("expired");

    assertThat(deliver(ProviderStandIn.event("evt_other", "customer.created", new JsonObject().put("id", "cus_1")))).isEqualTo("ignored");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM payment_events")).isEqualTo(1);
  }
}
