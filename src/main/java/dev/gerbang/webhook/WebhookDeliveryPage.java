package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of an endpoint's deliveries, newest first: {items, nextCursor, total}. */
@DataObject
public final class WebhookDeliveryPage {
  private final List<WebhookDelivery> items;
  private final String nextCursor;
  private final long total;

  public WebhookDeliveryPage(List<WebhookDelivery> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public WebhookDeliveryPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new WebhookDelivery((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<WebhookDelivery> items() {
    return items;
  }
}
