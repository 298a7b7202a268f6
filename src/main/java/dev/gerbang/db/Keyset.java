package dev.gerbang.db;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * How a list pages: its name, which its cursors are signed for (so that no other list, and no other sort of the
 * same list, takes them), and its sort key, the columns of a total order (the last one unique: the id) with
 * their types and directions. A list statement takes, after its filters and before the limit, its keyset
 * condition's parameters: every key value but the last twice, the last once, as in
 * {@code AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))}. On the first page they are the values
 * that come before every row ({@link Column#start}), unless the list's first-page statement has no keyset
 * condition at all ({@link #openFirstPage}).
 */
public final class Keyset {
  /** One column of a sort key: the row's column the cursor reads, its type, and its direction. */
  public record Column(String name, Cursors.Type type, boolean descending) {
    /** The value before every row in this column's order; none for text sorted downwards (no text is the greatest). */
    Object start() {
      return switch (type) {
        case LONG -> descending ? Long.MAX_VALUE : Long.MIN_VALUE;
        case ID -> descending ? "~" : "";
        case DATE -> descending ? "9999-12-31" : "0000-01-01";
        case TEXT -> {
          if (descending) {
            throw new IllegalStateException(name + ": a text key sorted downwards has no start value: use openFirstPage");
          }
          yield "";
        }
      };
    }

    /** This column's value in a row, as a cursor holds it (LONG as a long, the others as text). */
    Object valueOf(Row row) {
      Object value = row.getValue(name);
      if (value == null) {
        throw new IllegalStateException("the sort key column " + name + " is null or not selected");
      }
      return type == Cursors.Type.LONG ? (Object) ((Number) value).longValue() : String.valueOf(value);
    }
  }

  private final String list;
  private final List<Column> columns;
  private final boolean openFirstPage;

  private Keyset(String list, List<Column> columns, boolean openFirstPage) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(list + ": a sort key needs a column");
    }
    this.list = list;
    this.columns = List.copyOf(columns);
    this.openFirstPage = openFirstPage;
    if (!openFirstPage) {
      columns.forEach(Column::start);
    }
  }

  public static Keyset of(String list, Column... columns) {
    return new Keyset(list, List.of(columns), false);
  }

  /**
   * A list whose first-page statement has no keyset condition (an assembled statement leaves it out, so that the
   * database plans a plain ORDER BY ... LIMIT): its first page takes no key values.
   */
  public static Keyset openFirstPage(String list, Column... columns) {
    return new Keyset(list, List.of(columns), true);
  }

  /** Newest first: (created_at, id) downwards, the sort of most lists. */
  public static Keyset newestFirst(String list) {
    return of(list, desc("created_at", Cursors.Type.LONG), desc("id", Cursors.Type.ID));
  }

  /** Oldest first: (created_at, id) upwards. */
  public static Keyset oldestFirst(String list) {
    return of(list, asc("created_at", Cursors.Type.LONG), asc("id", Cursors.Type.ID));
  }

  public static Column asc(String column, Cursors.Type type) {
    return new Column(column, type, false);
  }

  public static Column desc(String column, Cursors.Type type) {
    return new Column(column, type, true);
  }

  /** The list's name, which its cursors are signed for. */
  public String list() {
    return list;
  }

  Cursors.Type[] types() {
    return columns.stream().map(Column::type).toArray(Cursors.Type[]::new);
  }

  /** The keyset condition's parameters: after these cursor values, or (null) from the start. */
  List<Object> parameters(JsonArray after) {
    List<Object> parameters = new ArrayList<>();
    if (after == null && openFirstPage) {
      return parameters;
    }
    for (int i = 0; i < columns.size(); i++) {
      Object value = after == null ? columns.get(i).start() : after.getValue(i);
      parameters.add(value);
      if (i < columns.size() - 1) {
        parameters.add(value);
      }
    }
    return parameters;
  }

  /** The sort key of a row: the values of the cursor that starts the page after it. */
  Object[] keyOf(Row row) {
    return columns.stream().map(column -> column.valueOf(row)).toArray();
  }
}
