package dev.gerbang.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Products and orders made over the API, as the admin screen and the app would, for the payment tests. */
final class Shop {
  private final TestServer server;
  final String adminToken;

  Shop(TestServer server) {
    this.server = server;
    this.adminToken = server.newSessionWithRoles("admin").getString("accessToken");
  }

  /** A product on sale; answers its id. */
  String product(String name, long price, String currency) {
    HttpResponse<Buffer> created = server.post("/api/admin/products", adminToken, new JsonObject().put("name", name)
        .put("description", name + " for the tests").put("price", price).put("currency", currency));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  static JsonObject lines(Object... productAndQuantity) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < productAndQuantity.length; i += 2) {
      items.add(new JsonObject().put("productId", productAndQuantity[i]).put("quantity", productAndQuantity[i + 1]));
    }
    return new JsonObject().put("items", items);
  }

  /** The user's order of these lines (201 expected). */
  JsonObject order(String token, Object... productAndQuantity) {
    HttpResponse<Buffer> placed = server.post("/api/orders", token, lines(productAndQuantity));
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return placed.bodyAsJsonObject();
  }

  /** Starts paying the order with the provider (200 expected); answers {provider, redirectUrl, order}. */
  JsonObject pay(String token, String orderId, String provider) {
    HttpResponse<Buffer> paid = server.post("/api/orders/" + orderId + "/pay", token, new JsonObject().put("provider", provider));
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    return paid.bodyAsJsonObject();
  }

  String status(String token, String orderId) {
    HttpResponse<Buffer> read = server.get("/api/orders/" + orderId, token);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getString("status");
  }

  /** The provider events of the order as the admins' support view shows them. */
  JsonArray events(String orderId) {
    HttpResponse<Buffer> read = server.get("/api/admin/orders/" + orderId + "/events", adminToken);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonArray("items");
  }
}
