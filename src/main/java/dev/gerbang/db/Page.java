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

  public static JsonObject of(JsonArray items, String nextCursor, long total) {
    return new JsonObject().put("items", items).put("nextCursor", nextCursor).put("total", total);
  }

  /**
   * One page of a keyset-paginated list, newest first by (created_at, id): runs the named list statement with the
   * filters followed by (cursor time, cursor time, cursor id, limit + 1), and the count statement with the filters
   * alone. The extra row tells whether a next page exists; its cursor is the sort key of the last row kept, for
   * the list named by the statement (file.statement), so that no other list takes it.
   */
  public static Future<JsonObject> keyset(Pool pool, Sql sql, Cursors cursors, String listName, String countName,
                                          Tuple filters, String cursorText, int limit, Function<Row, JsonObject> toJson) {
    String list = sql.file() + "." + listName;
    JsonArray cursor;
    try {
      cursor = cursors.decode(list, cursorText, Cursors.Type.LONG, Cursors.Type.ID);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // The first page starts after every row.
    long time = cursor == null ? Long.MAX_VALUE : cursor.getLong(0);
    String id = cursor == null ? "~" : cursor.getString(1);
    Future<JsonObject> items = pool.preparedQuery(sql.get(listName))
        .execute(Rows.extend(filters, time, time, id, limit + 1))
        .map(rows -> {
          JsonArray page = new JsonArray();
          String next = null;
          Row last = null;
          for (Row row : rows) {
            if (page.size() == limit) {
              next = cursors.encode(list, Rows.millis(last, "created_at"), last.getString("id"));
              break;
            }
            page.add(toJson.apply(row));
            last = row;
          }
          return new JsonObject().put("items", page).put("nextCursor", next);
        });
    Future<Long> total = pool.preparedQuery(sql.get(countName)).execute(filters).map(Rows::count);
    return Future.all(items, total).map(done -> items.result().put("total", total.result()));
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
    String escaped = q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
