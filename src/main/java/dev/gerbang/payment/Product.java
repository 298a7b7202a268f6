package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A catalogue product: its price is an integer in the currency's minor units (minorUnits says how many). */
@DataObject
public final class Product {
  private final JsonObject json;

  public Product(String id, String name, String description, long price, String currency, boolean active, String createdAt,
                 String updatedAt) {
    this.json = new JsonObject().put("id", id).put("name", name).put("description", description).put("price", price)
        .put("currency", currency).put("minorUnits", Currencies.minorUnits(currency)).put("active", active)
        .put("createdAt", createdAt).put("updatedAt", updatedAt);
  }

  public Product(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String name() {
    return json.getString("name");
  }

  public long price() {
    return json.getLong("price");
  }

  public String currency() {
    return json.getString("currency");
  }

  public boolean active() {
    return json.getBoolean("active");
  }
}
