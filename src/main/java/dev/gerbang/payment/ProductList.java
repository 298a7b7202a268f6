package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The catalogue, by name: {items}. It is small (an admin keeps it by hand), so it is not paged. */
@DataObject
public final class ProductList {
  private final List<Product> items;

  public ProductList(List<Product> items) {
    this.items = List.copyOf(items);
  }

  public ProductList(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new Product((JsonObject) item)).toList());
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list);
  }

  public List<Product> items() {
    return items;
  }
}
