package dev.gerbang.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.webhook.Receiver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A paid and then refunded order reaches the endpoints subscribed to order.paid and order.refunded, signed. */
class OrderWebhookTest {
  private ProviderStandIn midtrans;
  private TestServer server;
  private Receiver receiver;
  private Shop shop;
  private String admin;

  @BeforeEach
  void start() {
    midtrans = new ProviderStandIn();
    server = TestServer.start(midtrans.config().put("webhooks", new JsonObject().put("allowInsecure", true)
        .put("retryBaseMillis", 50).put("pollMillis", 50)));
    receiver = new Receiver(server.clientVertx());
    shop = new Shop(server);
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    receiver.close();
    server.close();
    midtrans.close();
  }

  private String endpoint(String path, String... types) {
    HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin, new JsonObject().put("url", receiver.url(path))
        .put("eventTypes", new JsonArray(List.of(types))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("secret");
  }

  private void settle(String orderId, String status) {
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, status, "300000.00"));
    HttpResponse<Buffer> told = server.post("/api/payments/midtrans/notification",
        ProviderStandIn.notification(orderId, status, "200", "300000.00"));
    assertThat(told.statusCode()).as(told.bodyAsString()).isEqualTo(200);
  }

  @Test
  void paidAndRefundedOrdersAreDeliveredSignedWithIdsAndTheAmountOnly() {
    String paidSecret = endpoint("/paid", "order.paid");
    String refundedSecret = endpoint("/refunded", "order.refunded");
    String user = server.newSession().getString("accessToken");
    String orderId = shop.order(user, shop.product("Kopi Luwak", 150_000, "IDR"), 2).getString("id");
    shop.pay(user, orderId, "midtrans");

    settle(orderId, "settlement");
    Receiver.Received paid = receiver.await("/paid", 1).get(0);
    assertThat(Receiver.verifies(paidSecret, paid)).isTrue();
    assertThat(paid.json().getString("type")).isEqualTo("order.paid");
    assertThat(paid.json().getJsonObject("data").getString("orderId")).isEqualTo(orderId);
    assertThat(paid.json().getJsonObject("data").getLong("amount")).isEqualTo(300_000L);
    assertThat(paid.json().getJsonObject("data").getString("currency")).isEqualTo("IDR");
    assertThat(receiver.at("/refunded")).isEmpty();

    settle(orderId, "refund");
    Receiver.Received refunded = receiver.await("/refunded", 1).get(0);
    assertThat(Receiver.verifies(refundedSecret, refunded)).isTrue();
    assertThat(refunded.json().getString("type")).isEqualTo("order.refunded");
    assertThat(refunded.json().getJsonObject("data").getString("orderId")).isEqualTo(orderId);
    // A replayed settlement applies nothing, so it queues nothing either (rows are written in the transaction).
    settle(orderId, "settlement");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = ?", "order.paid")).isEqualTo(1);
  }
}
