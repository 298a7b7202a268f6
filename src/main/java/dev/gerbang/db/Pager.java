package dev.gerbang.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one keyset pager of every paged list: reads the cursor (made for this list, every value of its sort key's
 * type, else a 400 invalid-cursor failure before any SQL runs), runs the list's named statement with the filters,
 * the keyset condition's parameters ({@link Keyset}) and the limit + 1, and its count statement with the filters
 * alone. The extra row only tells that a next page exists: it is dropped, and the next cursor is the sort key of
 * the last row kept, signed for the list.
 */
public final class Pager {
  /** Where a page starts: before every row (no cursor), or after the row whose sort key a cursor of the list holds. */
  public record Position(Keyset keyset, JsonArray after) {
    public boolean first() {
      return after == null;
    }
  }

  private final Pool pool;
  private final Cursors cursors;

  public Pager(Pool pool, Cursors cursors) {
    this.pool = pool;
    this.cursors = cursors;
  }

  /**
   * Where the page a cursor asks for starts; throws the 400 invalid-cursor failure for anything but a cursor this
   * server made for the list. For a list that must check the cursor before its other look-ups.
   */
  public Position position(Keyset keyset, String cursor) {
    return new Position(keyset, cursors.decode(keyset.list(), cursor, keyset.types()));
  }

  /** One page of a list with one named list statement (its keyset condition on every page) and its count. */
  public <T> Future<Page<T>> page(Keyset keyset, Sql sql, String list, String count, Tuple filters, String cursor, int limit,
                                  Function<Row, T> item) {
    Position from;
    try {
      from = position(keyset, cursor);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return page(from, sql, List.of(list), List.of(count), filters, limit, item);
  }

  /** One page from a checked position ({@link #position}), with one named list statement and its count. */
  public <T> Future<Page<T>> page(Position from, Sql sql, String list, String count, Tuple filters, int limit,
                                  Function<Row, T> item) {
    return page(from, sql, List.of(list), List.of(count), filters, limit, item);
  }

  /**
   * One page from a checked position, for a list whose statements are assembled from named fragments of sql
   * ({@link Sql#get(List)}), chosen by the caller from fixed names (the article list, a plan per filter).
   */
  public <T> Future<Page<T>> page(Position from, Sql sql, List<String> list, List<String> count, Tuple filters, int limit,
                                  Function<Row, T> item) {
    Keyset keyset = from.keyset();
    Tuple page = Rows.extend(filters, keyset.parameters(from.after()).toArray());
    page.addInteger(limit + 1);
    Future<Page<T>> items = pool.preparedQuery(sql.get(list)).execute(page).map(rows -> {
      List<T> kept = new ArrayList<>();
      Row last = null;
      String next = null;
      for (Row row : rows) {
        if (kept.size() == limit) {
          next = cursors.encode(keyset.list(), keyset.keyOf(last));
          break;
        }
        kept.add(item.apply(row));
        last = row;
      }
      return new Page<>(kept, next, 0);
    });
    Future<Long> total = pool.preparedQuery(sql.get(count)).execute(filters).map(Rows::count);
    return Future.all(items, total).map(done -> items.result().withTotal(total.result()));
  }
}
