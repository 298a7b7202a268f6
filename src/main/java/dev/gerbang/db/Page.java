package dev.gerbang.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One page of a list as {@link Pager} reads it, in the list response shape of ARCHITECTURE.md: the items, the
 * cursor of the next page (null on the last), and the total the filters match.
 */
public record Page<T>(List<T> items, String nextCursor, long total) {
  public Page {
    items = List.copyOf(items);
  }

  public <U> Page<U> map(Function<? super T, ? extends U> item) {
    return new Page<>(items.stream().<U>map(item).toList(), nextCursor, total);
  }

  Page<T> withTotal(long total) {
    return new Page<>(items, nextCursor, total);
  }

  /** {items, nextCursor, total}, each item as item makes it. */
  public JsonObject toJson(Function<? super T, JsonObject> item) {
    JsonArray array = new JsonArray();
    items.forEach(value -> array.add(item.apply(value)));
    return new JsonObject().put("items", array).put("nextCursor", nextCursor).put("total", total);
  }

  /** The page its JSON ({@link #toJson}) holds, each item read by item. */
  public static <T> Page<T> fromJson(JsonObject json, Function<JsonObject, T> item) {
    return new Page<>(json.getJsonArray("items", new JsonArray()).stream().map(value -> item.apply((JsonObject) value)).toList(),
        json.getString("nextCursor"), json.getLong("total", 0L));
  }

  /** Escapes a search term for LIKE ... ESCAPE '\' and wraps it in wildcards; lower-cased. */
  public static String likePattern(String q) {
    if (q == null || q.isEmpty()) {
      return "";
    }
    String escaped = q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
