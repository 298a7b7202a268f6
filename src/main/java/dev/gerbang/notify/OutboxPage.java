package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of the admins' outbox list, newest first: {items, nextCursor, total}. */
@DataObject
public final class OutboxPage {
  private final List<OutboxMessage> items;
  private final String nextCursor;
  private final long total;

  public OutboxPage(List<OutboxMessage> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public OutboxPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new OutboxMessage((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<OutboxMessage> items() {
    return items;
  }

  public String nextCursor() {
    return nextCursor;
  }

  public long total() {
    return total;
  }
}
