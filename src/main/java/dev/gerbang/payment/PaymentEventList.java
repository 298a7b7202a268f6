package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The provider events of one order, oldest first: {items}. */
@DataObject
public final class PaymentEventList {
  private final List<PaymentEvent> items;

  public PaymentEventList(List<PaymentEvent> items) {
    this.items = List.copyOf(items);
  }

  public PaymentEventList(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new PaymentEvent((JsonObject) item)).toList());
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list);
  }

  public List<PaymentEvent> items() {
    return items;
  }
}
