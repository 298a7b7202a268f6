package dev.gerbang.payment;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancelling an order whose payment was started: the provider's payment is ended first, against the local stand-ins. */
class OrderCancelTest {

  private PendingOrder fixture;
  private ProviderStandIn providers;
  private TestServer server;
  private Shop shop;
  private String user;
  private String orderId;

  @BeforeEach
  void start() {
    fixture = PendingOrder.start();
    providers = fixture.providers();
    server = fixture.server();
    shop = fixture.shop();
    user = fixture.user();
    orderId = fixture.orderId();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<Buffer> cancel(String token) {
    return server.post("/api/orders/" + orderId + "/cancel", token, null);
  }

  private void cancelled() {
    HttpResponse<Buffer> response = cancel(user);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(shop.status(user, orderId)).isEqualTo("cancelled");
  }

  /** The session id the order's Checkout began with (the stand-in's, as Stripe's, starts with cs_). */
  private String stripeSession() {
    shop.pay(user, orderId, "stripe");
    return (String) TestDb.row(server, "SELECT provider_ref FROM orders WHERE id = ?", orderId).get("provider_ref");
  }

  private void startMidtransPayment() {
    shop.pay(user, orderId, "midtrans");
    // The customer chose a payment method on the Snap page: Midtrans now has a pending transaction.
    providers.statuses.put(orderId, ProviderStandIn.status(orderId, "pending", "300000.00"));
  }

  private String stripeWebhook(JsonObject event) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("Stripe-Signature", StripeSignature.sign(event.encode().getBytes(StandardCharsets.UTF_8), ProviderStandIn.WEBHOOK_SECRET,
            System.currentTimeMillis() / 1000));
    HttpResponse<Buffer> response = server.raw(HttpMethod.POST, "/api/payments/stripe/webhook", headers, Buffer.buffer(event.encode()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("verdict");
  }

  private String midtransNotification(String transactionStatus, String statusCode) {
    HttpResponse<Buffer> response = server.post("/api/payments/midtrans/notification",
        ProviderStandIn.notification(orderId, transactionStatus, statusCode, "300000.00"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("verdict");
  }

  private JsonObject onlyEvent() {
    assertThat(shop.events(orderId)).hasSize(1);
    return shop.events(orderId).getJsonObject(0);
  }

  @Test
  void cancellingAfterMidtransStartedExpiresTheTransactionOnceThenCancelsAndMidtransEchoIsNoRefusal() {
    startMidtransPayment();

    cancelled();

    assertThat(providers.expireRequests).containsExactly(new JsonObject().put("provider", "midtrans").put("id", orderId)
        .put("authorization", ProviderStandIn.basic()).putNull("idempotencyKey"));
    assertThat(providers.statuses.get(orderId).getString("transaction_status")).isEqualTo("expire");
    JsonObject event = onlyEvent();
    assertThat(event.getString("provider")).isEqualTo("midtrans");
    assertThat(event.getString("kind")).isEqualTo("cancel:expired");
    assertThat(event.getString("verdict")).isEqualTo("applied");
    assertThat(new JsonObject(event.getString("detail")).getString("status_code")).isEqualTo("407");
    String audited = (String) TestDb.row(server, "SELECT detail FROM audit_log WHERE event = 'order_cancelled'").get("detail");
    assertThat(new JsonObject(audited).getString("provider")).isEqualTo("midtrans");
    assertThat(new JsonObject(audited).getString("providerPayment")).isEqualTo("expired");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'payment_event'")).isEqualTo(1);

    // Midtrans then notifies the expiry it was asked for: the order has ended either way, nothing is flagged.
    assertThat(midtransNotification("expire", "202")).isEqualTo("unchanged");
    assertThat(shop.status(user, orderId)).isEqualTo("cancelled");
    assertProblem(cancel(user), 409, "order-not-pending");
    assertThat(providers.expireRequests).hasSize(1);
  }

  @Test
  void cancellingAfterStripeStartedExpiresTheCheckoutSessionOnceThenCancels() {
    String session = stripeSession();
    assertThat(session).startsWith("cs_");

    cancelled();

    assertThat(providers.expireRequests).containsExactly(new JsonObject().put("provider", "stripe").put("id", session)
        .put("authorization", "Bearer " + ProviderStandIn.STRIPE_KEY).putNull("idempotencyKey"));
    assertThat(providers.sessionStates.get(session).getString("status")).isEqualTo("expired");
    assertThat(onlyEvent().getString("kind")).isEqualTo("cancel:expired");
    JsonObject expired = ProviderStandIn.event("evt_expired", "checkout.session.expired", new JsonObject().put("id", session)
        .put("client_reference_id", orderId).put("payment_status", "unpaid"));
    assertThat(stripeWebhook(expired)).isEqualTo("unchanged");
    assertThat(shop.status(user, orderId)).isEqualTo("cancelled");
  }

  @Test
  void cancellingBeforeAnyPaymentStartedAsksNoProvider() {
    cancelled();

    assertThat(providers.expireRequests).isEmpty();
    assertThat(providers.statusRequests).isEmpty();
    assertThat(shop.events(orderId)).isEmpty();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'order_cancelled'")).isEqualTo(1);
  }

  @Test
  void aMidtransTransactionAlreadyPaidRefusesTheCancelAndTheNotificationThenMarksTheOrderPaid() {
    startMidtransPayment();
    providers.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));

    JsonObject problem = assertProblem(cancel(user), 409, "order-being-paid");

    assertThat(problem.getString("detail")).contains("Midtrans");
    assertThat(providers.expireRequests).hasSize(1);
    assertThat(providers.statusRequests).containsExactly(orderId);
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(shop.events(orderId)).isEmpty();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'order_cancelled'")).isZero();
    assertThat(midtransNotification("settlement", "200")).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
  }

  @Test
  void aStripeSessionAlreadyPaidRefusesTheCancelAndTheWebhookThenMarksTheOrderPaid() {
    String session = stripeSession();
    providers.completeSession(session);

    assertProblem(cancel(user), 409, "order-being-paid");

    assertThat(providers.expireRequests).hasSize(1);
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(stripeWebhook(ProviderStandIn.completed("evt_paid", orderId, 30_000_000L, "idr", "pi_1"))).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
  }

  @Test
  void aStripeSessionThatHadExpiredAlreadyLetsTheCancelGoOn() {
    String session = stripeSession();
    providers.sessionStates.put(session, providers.sessionStates.get(session).copy().put("status", "expired"));

    cancelled();

    assertThat(onlyEvent().getString("kind")).isEqualTo("cancel:ended-before");
  }

  @Test
  void aProviderFailingTwiceIsAskedAgainAndTheCancelGoesThrough() {
    startMidtransPayment();
    providers.failExpires(2, 500);

    cancelled();

    assertThat(providers.expireRequests).hasSize(3);
    assertThat(onlyEvent().getString("kind")).isEqualTo("cancel:expired");
  }

  @Test
  void aProviderThatIsDownRefusesTheCancelWith503AndChangesNothing() {
    String session = stripeSession();
    providers.failExpires(3, 503);

    assertProblem(cancel(user), 503, "payment-provider-unavailable");

    assertThat(providers.expireRequests).hasSize(3);
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(shop.events(orderId)).isEmpty();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'order_cancelled'")).isZero();
    assertThat(providers.sessionStates.get(session).getString("status")).isEqualTo("open");
    // Back up: the user tries again, and it goes through.
    cancelled();
  }

  @Test
  void aSnapPageWhereNoPaymentMethodWasChosenHasNothingToEndAtMidtrans() {
    shop.pay(user, orderId, "midtrans");

    cancelled();

    assertThat(providers.expireRequests).hasSize(1);
    JsonObject event = onlyEvent();
    assertThat(event.getString("kind")).isEqualTo("cancel:absent");
    assertThat(new JsonObject(event.getString("detail")).getString("status_code")).isEqualTo("404");
  }

  @Test
  void anotherUsersOrderIsNotFoundAndNoProviderIsAsked() {
    startMidtransPayment();
    String stranger = server.newSession().getString("accessToken");

    assertProblem(cancel(stranger), 404, "not-found");
    assertProblem(cancel(shop.adminToken), 404, "not-found");

    assertThat(providers.expireRequests).isEmpty();
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
  }

  @Test
  void anExpiredOrderWithAStartedPaymentIsRefusedWithoutAskingTheProvider() {
    startMidtransPayment();
    TestDb.update(server, "UPDATE orders SET expires_at = ? WHERE id = ?", System.currentTimeMillis() - 1000, orderId);

    assertProblem(cancel(user), 409, "order-not-pending");

    assertThat(providers.expireRequests).isEmpty();
    assertThat(TestDb.row(server, "SELECT status FROM orders WHERE id = ?", orderId).get("status")).isEqualTo("expired");
  }
}
