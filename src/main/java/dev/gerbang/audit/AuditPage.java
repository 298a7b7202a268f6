package dev.gerbang.audit;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of the audit trail, newest first: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class AuditPage {
  private final List<AuditEvent> items;
  private final String nextCursor;
  private final long total;

  public AuditPage(List<AuditEvent> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public AuditPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new AuditEvent((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<AuditEvent> items() {
    return items;
  }

  public String nextCursor() {
    return nextCursor;
  }

  public long total() {
    return total;
  }
}
