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

  /** Escapes a search term for LIKE ... ESCAPE '\' and wraps it in wildcards; lower-cased. */
  public static String likePattern(String q) {
    if (q == null || q.isEmpty()) {
      return "";
    }
    String escaped = q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
