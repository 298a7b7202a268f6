package dev.gerbang.payment;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paying with Midtrans Snap against a local stand-in of Snap and of the status API. */
class MidtransTest {
  private static final String NOTIFY = "/api/payments/midtrans/notification";

  private PendingOrder fixture;
  private ProviderStandIn midtrans;
  private TestServer server;
  private Shop shop;
  private String user;
  private String orderId;

  @BeforeEach
  void start() {
    fixture = PendingOrder.start();
    midtrans = fixture.providers();
    server = fixture.server();
    shop = fixture.shop();
    user = fixture.user();
    orderId = fixture.orderId();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<Buffer> notify(JsonObject notification) {
    return server.post(NOTIFY, notification);
  }

  private long count(String sql, Object... params) {
    return TestDb.count(server, sql, params);
  }

  @Test
  void payingCreatesTheSnapTransactionFromTheOrderAndAnswersItsRedirect() {
    JsonObject paid = shop.pay(user, orderId, "midtrans");

    assertThat(paid.getString("redirectUrl")).isEqualTo(midtrans.base() + "/pay/midtrans/" + orderId);
    JsonObject request = midtrans.snapRequests.get(0);
    assertThat(request.getJsonObject("transaction_details")).isEqualTo(new JsonObject().put("order_id", orderId).put("gross_amount", 300_000));
    assertThat(request.getJsonArray("item_details").getJsonObject(0).getLong("price")).isEqualTo(150_000);
    assertThat(request.getJsonArray("item_details").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
    assertThat(request.getJsonObject("customer_details").getString("email")).contains("@example.com");
    assertThat(request.getJsonObject("callbacks").getString("finish")).endsWith("/orders/" + orderId + "/return?provider=midtrans");

    // Asking again answers the same transaction; another provider is refused once one started.
    assertThat(shop.pay(user, orderId, "midtrans").getString("redirectUrl")).isEqualTo(paid.getString("redirectUrl"));
    assertThat(midtrans.snapRequests).hasSize(1);
    assertProblem(server.post("/api/orders/" + orderId + "/pay", user, new JsonObject().put("provider", "stripe")), 409,
        "payment-started-elsewhere");
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'payment_started'")).isEqualTo(1);
  }

  @Test
  void aConfirmedSettlementMarksTheOrderPaidOnceWithAReceiptAndAnAuditRow() {
    shop.pay(user, orderId, "midtrans");
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));
    JsonObject settlement = ProviderStandIn.notification(orderId, "settlement", "200", "300000.00");

    HttpResponse<Buffer> first = notify(settlement);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getString("verdict")).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
    assertThat(midtrans.statusRequests).containsExactly(orderId);

    HttpResponse<Buffer> replay = notify(settlement);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.bodyAsJsonObject().getString("verdict")).isEqualTo("duplicate");
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'order_paid'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM notifications WHERE type = 'payment.receipt'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE template = 'payment-receipt' AND channel = 'email'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'payment_event'")).isEqualTo(2);
    assertThat(shop.events(orderId).stream().map(e -> ((JsonObject) e).getString("verdict")).toList())
        .containsExactly("applied", "duplicate");
    assertThat(shop.events(orderId).getJsonObject(0).getString("detail")).doesNotContain("signature_key");
  }

  @Test
  void aForgedOrWronglyKeyedSignatureIsRefusedAndChangesNothing() {
    JsonObject forged = ProviderStandIn.notification(orderId, "settlement", "200", "300000.00", "not-the-server-key");
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));

    assertProblem(notify(forged), 401, "invalid-signature");
    JsonObject tampered = ProviderStandIn.notification(orderId, "settlement", "200", "300000.00").put("gross_amount", "1.00");
    assertProblem(notify(tampered), 401, "invalid-signature");
    assertProblem(server.post(NOTIFY, new JsonObject().put("order_id", orderId)), 400, "bad-request");

    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(midtrans.statusRequests).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM payment_events")).isZero();
  }

  @Test
  void theStatusApiIsConsultedBeforePaidAndANotConfirmedSettlementLeavesTheOrderPending() {
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "pending", "300000.00"));

    HttpResponse<Buffer> response = notify(ProviderStandIn.notification(orderId, "settlement", "200", "300000.00"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("verdict")).isEqualTo("unconfirmed");
    assertThat(midtrans.statusRequests).containsExactly(orderId);
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(count("SELECT COUNT(*) FROM notifications WHERE type = 'payment.receipt'")).isZero();

    // A transaction the status API does not know (yet) confirms nothing either, and is no amount mismatch.
    midtrans.statuses.remove(orderId);
    assertThat(notify(ProviderStandIn.notification(orderId, "settlement", "200", "300000.00")).bodyAsJsonObject()
        .getString("verdict")).isEqualTo("unconfirmed");
    assertThat(shop.status(user, orderId)).isEqualTo("pending");

    // Midtrans sends it again once it settled: now it applies.
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "settlement", "200", "300000.00")).bodyAsJsonObject()
        .getString("verdict")).isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");
  }

  @Test
  void anAmountOrCurrencyThatDiffersFromTheOrderIsRefusedAndFlagged() {
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "1000.00"));

    assertProblem(notify(ProviderStandIn.notification(orderId, "settlement", "200", "1000.00")), 409, "payment-mismatch");
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00").put("currency", "USD"));
    assertProblem(notify(ProviderStandIn.notification(orderId, "settlement", "200", "300000.00")), 409, "payment-mismatch");

    assertThat(shop.status(user, orderId)).isEqualTo("pending");
    assertThat(count("SELECT COUNT(*) FROM payment_events WHERE verdict = 'mismatch' AND order_id = ?", orderId)).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'payment_mismatch'")).isEqualTo(2);
  }

  @Test
  void lateAndOutOfOrderNotificationsEndInTheRightState() {
    // The status API says what happened last, whatever order the notifications arrive in.
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "pending", "201", "300000.00")).bodyAsJsonObject().getString("verdict"))
        .isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");

    // A late "expire" cannot take a paid order back.
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "expire", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "expire", "407", "300000.00")).bodyAsJsonObject().getString("verdict"))
        .isEqualTo("refused");
    assertThat(shop.status(user, orderId)).isEqualTo("paid");

    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "refund", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "refund", "200", "300000.00")).bodyAsJsonObject().getString("verdict"))
        .isEqualTo("applied");
    assertThat(shop.status(user, orderId)).isEqualTo("refunded");
    JsonArray events = shop.events(orderId);
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("verdict")).toList()).containsExactly("applied", "refused", "applied");
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event IN ('order_paid', 'order_refunded')")).isEqualTo(2);
  }

  @Test
  void anExpiredOrCancelledOrderIsNeverPaid() {
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "expire", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "expire", "407", "300000.00")).bodyAsJsonObject().getString("verdict"))
        .isEqualTo("applied");
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));
    assertThat(notify(ProviderStandIn.notification(orderId, "settlement", "200", "300000.00")).bodyAsJsonObject().getString("verdict"))
        .isEqualTo("refused");
    assertThat(shop.status(user, orderId)).isEqualTo("expired");
    assertProblem(server.post("/api/orders/" + orderId + "/pay", user, new JsonObject().put("provider", "midtrans")), 409,
        "order-not-pending");
    assertThat(midtrans.snapRequests).isEmpty();
  }
}
