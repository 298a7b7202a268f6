package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of orders, newest first: {items, nextCursor, total}. */
@DataObject
public final class OrderPage {
  private final List<Order> items;
  private final String nextCursor;
  private final long total;

  public OrderPage(List<Order> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public OrderPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new Order((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<Order> items() {
    return items;
  }
}
