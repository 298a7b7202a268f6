package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of medical records, newest visit first: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class MedicalRecordPage {
  private final List<MedicalRecord> items;
  private final String nextCursor;
  private final long total;

  public MedicalRecordPage(List<MedicalRecord> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public MedicalRecordPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new MedicalRecord((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(item -> list.add(item.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<MedicalRecord> items() {
    return items;
  }

  public String nextCursor() {
    return nextCursor;
  }

  public long total() {
    return total;
  }
}
