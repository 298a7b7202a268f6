package dev.gerbang.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/** The list response shape of ARCHITECTURE.md: {items, nextCursor, total}. */
public final class Page {
  private Page() {
  }

  public static JsonObject of(JsonArray items, Cursor next, long total) {
    return new JsonObject().put("items", items).put("nextCursor", next == null ? null : next.encode()).put("total", total);
  }

  /**
   * One page of a keyset-paginated list, newest first: runs the named list statement with the filters followed by
   * (cursor time, cursor time, cursor id, limit + 1), and the count statement with the filters alone. The
   * extra row tells whether a next page exists; its cursor is the sort key of the last row kept.
   */
  public static Future<JsonObject> keyset(Pool pool, Sql sql, String listName, String countName, Tuple filters, String cursorText,
                                          int limit, Function<Row, JsonObject> toJson, Function<Row, Cursor> cursorOf) {
    Cursor cursor;
    try {
      cursor = Cursor.decode(cursorText);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<JsonObject> items = pool.preparedQuery(sql.get(listName))
        .execute(Rows.extend(filters, cursor.time(), cursor.time(), cursor.id(), limit + 1))
        .map(rows -> {
          JsonArray list = new JsonArray();
          Cursor next = null;
          Row last = null;
          for (Row row : rows) {
            if (list.size() == limit) {
              next = cursorOf.apply(last);
              break;
            }
            list.add(toJson.apply(row));
            last = row;
          }
          return new JsonObject().put("items", list).put("nextCursor", next == null ? null : next.encode());
        });
    Future<Long> total = pool.preparedQuery(sql.get(countName)).execute(filters).map(Rows::count);
    return Future.all(items, total).map(done -> items.result().put("total", total.result()));
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
