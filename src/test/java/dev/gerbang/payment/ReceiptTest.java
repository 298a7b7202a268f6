package dev.gerbang.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receipt of a paid order: in the buyer's inbox and by email, in the buyer's language. */
class ReceiptTest {
  private Mailbox mailbox;
  private ProviderStandIn midtrans;
  private TestServer server;
  private Shop shop;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    midtrans = new ProviderStandIn();
    JsonObject config = midtrans.config();
    mailbox.config().forEach(entry -> config.put(entry.getKey(), entry.getValue()));
    server = TestServer.start(config);
    shop = new Shop(server);
  }

  @AfterEach
  void stop() {
    server.close();
    midtrans.close();
    mailbox.close();
  }

  private String paidOrder(String token) {
    String coffee = shop.product("Kopi Luwak", 150_000, "IDR");
    String orderId = shop.order(token, coffee, 2).getString("id");
    midtrans.statuses.put(orderId, ProviderStandIn.status(orderId, "settlement", "300000.00"));
    assertThat(server.post("/api/payments/midtrans/notification", ProviderStandIn.notification(orderId, "settlement", "200",
        "300000.00")).statusCode()).isEqualTo(200);
    return orderId;
  }

  @Test
  void theBuyerGetsTheReceiptInTheirInboxAndByEmailWithTheAmountAndALink() {
    String email = TestServer.uniqueEmail();
    String token = server.newSessionFor(email).getString("accessToken");

    String orderId = paidOrder(token);

    Mailbox.Mail mail = mailbox.awaitTo(email, "Payment received for order " + orderId.substring(28));
    assertThat(mail.text()).contains("IDR 300,000").contains("2 x Kopi Luwak").contains(server.url("/orders/" + orderId));
    JsonObject inbox = server.get("/api/notifications", token).bodyAsJsonObject();
    JsonObject notice = inbox.getJsonArray("items").getJsonObject(0);
    assertThat(notice.getString("type")).isEqualTo("payment.receipt");
    assertThat(notice.getString("title")).isEqualTo("Payment received");
    assertThat(notice.getString("path")).isEqualTo("/orders/" + orderId);
  }

  @Test
  void anIndonesianBuyerGetsItInIndonesian() {
    String email = TestServer.uniqueEmail();
    String token = server.newSessionFor(email).getString("accessToken");
    assertThat(server.send(HttpMethod.PATCH, "/api/me", token, new JsonObject().put("locale", "id")).statusCode()).isEqualTo(200);

    String orderId = paidOrder(token);

    Mailbox.Mail mail = mailbox.awaitTo(email, "Pembayaran diterima untuk pesanan " + orderId.substring(28));
    assertThat(mail.text()).contains("Rp 300.000").contains("2 x Kopi Luwak (Rp 150.000)");
    assertThat(TestDb.row(server, "SELECT title FROM notifications WHERE type = 'payment.receipt'").get("title"))
        .isEqualTo("Pembayaran diterima");
  }
}
