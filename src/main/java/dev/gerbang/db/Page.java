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

  /** The items of a page's JSON ({@link #toJson}), each read by item. */
  public static <T> List<T> items(JsonObject json, Function<JsonObject, T> item) {
    return json.getJsonArray("items", new JsonArray()).stream().map(value -> item.apply((JsonObject) value)).toList();
  }

  public static JsonObject of(JsonArray items, String nextCursor, long total) {
    return new JsonObject().put("items", items).put("nextCursor", nextCursor).put("total", total);
  }

  /**
   * The page from a keyset query run with LIMIT limit + 1: the extra row, when there is one, only says that a
   * next page exists; it is dropped and the cursor is made from the last row kept.
   */
  public static JsonObject ofLimitPlusOne(JsonArray rows, int limit, long total, Function<JsonObject, String> cursorOf) {
    String next = null;
    if (rows.size() > limit) {
      rows.remove(limit);
      next = cursorOf.apply(rows.getJsonObject(limit - 1));
    }
    return of(rows, next, total);
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
