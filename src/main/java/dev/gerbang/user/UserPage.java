package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of an admin's user search, newest first: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class UserPage {
  private final List<User> items;
  private final String nextCursor;
  private final long total;

  public UserPage(List<User> items, String nextCursor, long total) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.total = total;
  }

  public UserPage(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> new User((JsonObject) item)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(user -> list.add(user.toJson()));
    return new JsonObject().put("items", list).put("nextCursor", nextCursor).put("total", total);
  }

  public List<User> items() {
    return items;
  }

  public String nextCursor() {
    return nextCursor;
  }

  public long total() {
    return total;
  }
}
