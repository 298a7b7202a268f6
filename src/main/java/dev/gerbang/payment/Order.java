package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An order as the API shows it: {id, userId, userEmail, status, amount, currency, minorUnits, provider, redirectUrl,
 * items [{productId, name, unitPrice, quantity}], createdAt, updatedAt, expiresAt, paidAt}. status is the state
 * as of now (a pending order past its expiry reads as expired).
 */
@DataObject
public final class Order {
  private final JsonObject json;

  public Order(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String userId() {
    return json.getString("userId");
  }

  public String userEmail() {
    return json.getString("userEmail");
  }

  public OrderStatus status() {
    return OrderStatus.of(json.getString("status"));
  }

  public long amount() {
    return json.getLong("amount");
  }

  public String currency() {
    return json.getString("currency");
  }

  public String provider() {
    return json.getString("provider");
  }

  public String redirectUrl() {
    return json.getString("redirectUrl");
  }

  public long expiresAtMillis() {
    return java.time.Instant.parse(json.getString("expiresAt")).toEpochMilli();
  }

  public JsonArray items() {
    return json.getJsonArray("items", new JsonArray());
  }
}
