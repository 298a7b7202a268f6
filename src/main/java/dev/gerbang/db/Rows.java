package dev.gerbang.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.function.Function;

/** Reading rows the same way on SQLite (integers for booleans) and PostgreSQL. */
public final class Rows {
  private Rows() {
  }

  public static boolean bool(Row row, String column) {
    Object value = row.getValue(column);
    if (value instanceof Boolean b) {
      return b;
    }
    return value instanceof Number n && n.intValue() != 0;
  }

  public static Long millis(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.longValue() : null;
  }

  public static String iso(Row row, String column) {
    Long millis = millis(row, column);
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }

  public static long count(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return ((Number) row.getValue(0)).longValue();
  }

  public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
    var it = rows.iterator();
    return it.hasNext() ? mapper.apply(it.next()) : null;
  }

  /** A new tuple: the values of base, then the extra values (a list query = its count query's filters + page keys). */
  public static Tuple extend(Tuple base, Object... extra) {
    Tuple tuple = Tuple.tuple();
    for (int i = 0; i < base.size(); i++) {
      tuple.addValue(base.getValue(i));
    }
    for (Object value : extra) {
      tuple.addValue(value);
    }
    return tuple;
  }
}
