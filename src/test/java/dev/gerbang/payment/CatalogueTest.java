package dev.gerbang.payment;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admins' catalogue, what users see of it, and a server with no provider configured. */
class CatalogueTest {
  private TestServer server;
  private Shop shop;

  @BeforeEach
  void start() {
    server = TestServer.start();
    shop = new Shop(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAdminAddsChangesAndDeactivatesProductsAndUsersSeeOnlyThoseOnSale() {
    String coffee = shop.product("Kopi Luwak", 150_000, "IDR");
    String tea = shop.product("Teh Tarik", 25_000, "IDR");
    String user = server.newSession().getString("accessToken");

    HttpResponse<Buffer> changed = server.send(HttpMethod.PATCH, "/api/admin/products/" + tea, shop.adminToken,
        new JsonObject().put("price", 27_500).put("active", false));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getLong("price")).isEqualTo(27_500);
    assertThat(changed.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(changed.bodyAsJsonObject().getString("name")).isEqualTo("Teh Tarik");

    JsonObject onSale = server.get("/api/products", user).bodyAsJsonObject();
    assertThat(onSale.getJsonArray("items").stream().map(p -> ((JsonObject) p).getString("id")).toList()).containsExactly(coffee);
    JsonObject product = onSale.getJsonArray("items").getJsonObject(0);
    assertThat(product.getString("currency")).isEqualTo("IDR");
    assertThat(product.getInteger("minorUnits")).isZero();
    assertThat(server.get("/api/admin/products", shop.adminToken).bodyAsJsonObject().getJsonArray("items")).hasSize(2);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event IN ('product_created', 'product_updated')")).isEqualTo(3);

    // A product taken off sale cannot be ordered.
    assertThat(assertInvalid(server.post("/api/orders", user, Shop.lines(tea, 1)))).containsExactly("items[0].productId");
  }

  @Test
  void aUserMayNotTouchTheCatalogue() {
    String user = server.newSession().getString("accessToken");
    String coffee = shop.product("Kopi", 10_000, "IDR");

    assertProblem(server.post("/api/admin/products", user, new JsonObject().put("name", "Free").put("price", 1).put("currency", "IDR")),
        403, "forbidden");
    assertProblem(server.send(HttpMethod.PATCH, "/api/admin/products/" + coffee, user, new JsonObject().put("price", 1)), 403, "forbidden");
    assertProblem(server.get("/api/admin/products", user), 403, "forbidden");
    assertProblem(server.get("/api/products", null), 401, "unauthorized");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM products WHERE price = 1")).isZero();
  }

  @Test
  void badProductsAreRefusedFieldByField() {
    assertThat(assertInvalid(server.post("/api/admin/products", shop.adminToken, new JsonObject().put("name", "")
        .put("price", 12.5).put("currency", "XYZ").put("colour", "red"))))
        .containsExactlyInAnyOrder("colour", "name", "price", "currency");
    assertThat(assertInvalid(server.post("/api/admin/products", shop.adminToken, new JsonObject().put("name", "Kopi")
        .put("price", -5).put("currency", "IDR")))).containsExactly("price");
    String coffee = shop.product("Kopi", 10_000, "IDR");
    assertThat(assertInvalid(server.send(HttpMethod.PATCH, "/api/admin/products/" + coffee, shop.adminToken, new JsonObject())))
        .containsExactly("body");
    assertProblem(server.send(HttpMethod.PATCH, "/api/admin/products/" + java.util.UUID.randomUUID(), shop.adminToken,
        new JsonObject().put("price", 5)), 404, "not-found");
  }

  @Test
  void withoutKeysTheProvidersAreOffAndSaySoWith503() {
    String coffee = shop.product("Kopi", 10_000, "IDR");
    String user = server.newSession().getString("accessToken");
    String orderId = shop.order(user, coffee, 1).getString("id");

    assertThat(server.get("/api/payments/providers", user).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("midtrans", false).put("stripe", false));
    assertProblem(server.post("/api/orders/" + orderId + "/pay", user, new JsonObject().put("provider", "midtrans")),
        503, "payment-provider-disabled");
    assertProblem(server.post("/api/orders/" + orderId + "/pay", user, new JsonObject().put("provider", "stripe")),
        503, "payment-provider-disabled");
    assertProblem(server.post("/api/payments/midtrans/notification", null, new JsonObject().put("order_id", orderId)),
        503, "payment-provider-disabled");
    assertThat(shop.status(user, orderId)).isEqualTo("pending");
  }
}
