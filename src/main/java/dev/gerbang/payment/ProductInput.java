package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A product to create (every field) or the fields of one to change (null: left as it is). */
@DataObject
public final class ProductInput {
  private final String name;
  private final String description;
  private final Long price;
  private final String currency;
  private final Boolean active;

  public ProductInput(String name, String description, Long price, String currency, Boolean active) {
    this.name = name;
    this.description = description;
    this.price = price;
    this.currency = currency;
    this.active = active;
  }

  public ProductInput(JsonObject json) {
    this(json.getString("name"), json.getString("description"), json.getLong("price"), json.getString("currency"),
        json.getBoolean("active"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("description", description).put("price", price).put("currency", currency)
        .put("active", active);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public Long price() {
    return price;
  }

  public String currency() {
    return currency;
  }

  public Boolean active() {
    return active;
  }
}
