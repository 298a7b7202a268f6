package dev.gerbang.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The list response shape of ARCHITECTURE.md: {items, nextCursor, total}. */
public final class Page {
  private Page() {
  }

  public static JsonObject of(JsonArray items, Cursor next, long total) {
    return new JsonObject().put("items", items).put("nextCursor", next == null ? null : next.encode()).put("total", total);
  }

  /**
   * The page from a keyset query run with LIMIT limit + 1: the extra row, when there is one, only says that a
   * next page exists; it is dropped and the cursor is the key of the last row kept.
   */
  public static JsonObject ofLimitPlusOne(JsonArray rows, int limit, long total, java.util.function.Function<JsonObject, Cursor> keyOf) {
    Cursor next = null;
    if (rows.size() > limit) {
      rows.remove(limit);
      next = keyOf.apply(rows.getJsonObject(limit - 1));
    }
    return of(rows, next, total);
  }

  /** Escapes a search term for LIKE ... ESCAPE '\' and wraps it in wildcards; lower-cased. */
  public static String likePattern(String q) {
    if (q == null || q.isEmpty()) {
      return "";
    }
    String escaped = q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
