package dev.gerbang.payment;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placing, reading, listing and cancelling orders; prices come from the catalogue only. */
class OrderTest {
  private TestServer server;
  private Shop shop;
  private String coffee;
  private String tea;

  @BeforeEach
  void start() {
    server = TestServer.start();
    shop = new Shop(server);
    coffee = shop.product("Kopi Luwak", 150_000, "IDR");
    tea = shop.product("Teh Tarik", 25_000, "IDR");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theAmountIsComputedFromTheCatalogueAndTheClientCannotSetAPrice() {
    String user = server.newSession().getString("accessToken");

    JsonObject order = shop.order(user, coffee, 2, tea, 3);
    assertThat(order.getString("status")).isEqualTo("pending");
    assertThat(order.getLong("amount")).isEqualTo(2 * 150_000 + 3 * 25_000);
    assertThat(order.getString("currency")).isEqualTo("IDR");
    assertThat(order.getJsonArray("items")).hasSize(2);
    assertThat(order.getJsonArray("items").getJsonObject(0).getLong("unitPrice")).isEqualTo(150_000);

    JsonObject withPrice = Shop.lines(coffee, 1);
    withPrice.getJsonArray("items").getJsonObject(0).put("price", 1);
    assertThat(assertInvalid(server.post("/api/orders", user, withPrice.put("amount", 1)))).containsExactlyInAnyOrder("amount",
        "items[0].price");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM orders WHERE amount < 1000")).isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'order_placed'")).isEqualTo(1);
  }

  @Test
  void badOrdersAreRefusedFieldByField() {
    String user = server.newSession().getString("accessToken");
    String dollars = shop.product("Sticker", 199, "USD");

    assertThat(assertInvalid(server.post("/api/orders", user, new JsonObject().put("items", new JsonArray())))).containsExactly("items");
    assertThat(assertInvalid(server.post("/api/orders", user, Shop.lines("nope", 0)))).containsExactly("items[0].productId",
        "items[0].quantity");
    assertThat(assertInvalid(server.post("/api/orders", user, Shop.lines(coffee, 1.5)))).containsExactly("items[0].quantity");
    assertThat(assertInvalid(server.post("/api/orders", user, Shop.lines(java.util.UUID.randomUUID().toString(), 1))))
        .containsExactly("items[0].productId");
    assertThat(assertInvalid(server.post("/api/orders", user, Shop.lines(coffee, 1, dollars, 1)))).containsExactly("items[1].productId");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM orders")).isZero();
  }

  @Test
  void theSameIdempotencyKeyAnswersTheSameOrderAndAnotherBodyWithItIsAConflict() {
    String user = server.newSession().getString("accessToken");
    String other = server.newSession().getString("accessToken");

    HttpResponse<Buffer> first = placeWithKey(user, "key-1", Shop.lines(coffee, 1));
    HttpResponse<Buffer> again = placeWithKey(user, "key-1", Shop.lines(coffee, 1));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));

    assertProblem(placeWithKey(user, "key-1", Shop.lines(coffee, 2)), 409, "idempotency-key-reused");
    // Keys are per user: another user's same key is another order.
    HttpResponse<Buffer> theirs = placeWithKey(other, "key-1", Shop.lines(coffee, 1));
    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.bodyAsJsonObject().getString("id")).isNotEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
    assertThat(assertInvalid(placeWithKey(user, "bad key", Shop.lines(coffee, 1)))).containsExactly("Idempotency-Key");
  }

  private HttpResponse<Buffer> placeWithKey(String token, String key, JsonObject body) {
    return TestServer.await(server.request(HttpMethod.POST, "/api/orders", token).putHeader("Idempotency-Key", key).sendJsonObject(body));
  }

  @Test
  void anotherUsersOrderIsNotFoundAndCannotBeCancelledOrPaid() {
    String owner = server.newSession().getString("accessToken");
    String stranger = server.newSession().getString("accessToken");
    String orderId = shop.order(owner, coffee, 1).getString("id");

    assertProblem(server.get("/api/orders/" + orderId, stranger), 404, "not-found");
    assertProblem(server.post("/api/orders/" + orderId + "/cancel", stranger, null), 404, "not-found");
    assertProblem(server.get("/api/orders/not-an-id", owner), 404, "not-found");
    assertThat(server.get("/api/me/orders", stranger).bodyAsJsonObject().getLong("total")).isZero();
    assertProblem(server.get("/api/admin/orders", stranger), 403, "forbidden");
    assertThat(shop.status(owner, orderId)).isEqualTo("pending");
  }

  @Test
  void aPendingOrderCanBeCancelledOnceAndAnExpiredOneNotAtAll() {
    String user = server.newSession().getString("accessToken");
    String first = shop.order(user, coffee, 1).getString("id");
    String second = shop.order(user, tea, 1).getString("id");

    HttpResponse<Buffer> cancelled = server.post("/api/orders/" + first + "/cancel", user, null);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertProblem(server.post("/api/orders/" + first + "/cancel", user, null), 409, "order-not-pending");

    // Expiry is a query-time rule: past expires_at a pending order reads as expired, and is written so when touched.
    TestDb.update(server, "UPDATE orders SET expires_at = ? WHERE id = ?", System.currentTimeMillis() - 1000, second);
    assertThat(shop.status(user, second)).isEqualTo("expired");
    assertProblem(server.post("/api/orders/" + second + "/cancel", user, null), 409, "order-not-pending");
    assertThat(TestDb.row(server, "SELECT status FROM orders WHERE id = ?", second).get("status")).isEqualTo("expired");

    JsonObject mine = server.get("/api/me/orders", user).bodyAsJsonObject();
    assertThat(mine.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("status")).toList())
        .containsExactly("expired", "cancelled");
    JsonObject expired = server.get("/api/admin/orders?status=expired", shop.adminToken).bodyAsJsonObject();
    assertThat(expired.getLong("total")).isEqualTo(1);
    assertThat(expired.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(second);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event IN ('order_cancelled', 'order_expired')")).isEqualTo(2);
  }

  @Test
  void adminsFilterEveryOrderByStatusUserAndDate() {
    String user = server.newSession().getString("accessToken");
    JsonObject other = server.newSession();
    shop.order(user, coffee, 1);
    String theirs = shop.order(other.getString("accessToken"), tea, 1).getString("id");
    String otherId = other.getJsonObject("user").getString("id");

    assertThat(server.get("/api/admin/orders", shop.adminToken).bodyAsJsonObject().getLong("total")).isEqualTo(2);
    JsonObject byUser = server.get("/api/admin/orders?userId=" + otherId, shop.adminToken).bodyAsJsonObject();
    assertThat(byUser.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly(theirs);
    assertThat(server.get("/api/admin/orders?status=paid", shop.adminToken).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(server.get("/api/admin/orders?from=2000-01-01&to=2000-12-31", shop.adminToken).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(assertInvalid(server.get("/api/admin/orders?status=lost&provider=paypal&from=yesterday", shop.adminToken)))
        .containsExactlyInAnyOrder("status", "provider", "from");
    JsonObject detail = server.get("/api/admin/orders/" + theirs, shop.adminToken).bodyAsJsonObject();
    assertThat(detail.getJsonArray("items")).hasSize(1);
  }
}
