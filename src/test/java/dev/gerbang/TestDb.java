package dev.gerbang;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain JDBC on a server's SQLite file, to check what a request stored (and, rarely, to set up a state the
 * API has no endpoint for yet). One short connection per call, so it never holds a lock between requests.
 */
public final class TestDb {
  /** The server writes at the same time: wait for its locks like the server does, instead of failing at once. */
  private static final java.util.Properties WAIT_FOR_LOCKS = new java.util.Properties();

  static {
    WAIT_FOR_LOCKS.setProperty("busy_timeout", "5000");
  }

  private TestDb() {
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve("gerbang.db");
  }

  /** Every row of the query, each as column label (lower case) to value. */
  public static List<Map<String, Object>> rows(Path dataDir, String sql, Object... params) {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file(dataDir), WAIT_FOR_LOCKS);
         PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(result.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static List<Map<String, Object>> rows(TestServer server, String sql, Object... params) {
    return rows(server.dataDir(), sql, params);
  }

  /** The single row of the query, or null when there is none. */
  public static Map<String, Object> row(TestServer server, String sql, Object... params) {
    List<Map<String, Object>> rows = rows(server, sql, params);
    if (rows.size() > 1) {
      throw new AssertionError("expected at most one row, got " + rows.size() + " for " + sql);
    }
    return rows.isEmpty() ? null : rows.get(0);
  }

  public static long count(TestServer server, String sql, Object... params) {
    return ((Number) rows(server, sql, params).get(0).values().iterator().next()).longValue();
  }

  public static int update(TestServer server, String sql, Object... params) {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file(server.dataDir()), WAIT_FOR_LOCKS);
         PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Polls until the value satisfies the condition (5 s at most), for effects written after the response,
   * such as audit events (recorded fire-and-forget). Answers the last value either way.
   */
  public static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    T value = probe.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      value = probe.get();
    }
    return value;
  }

  /**
   * Waits up to 5 s for a count to reach at least the expected value, for effects written after the
   * response (the audit log is fire-and-forget), and answers the last count seen.
   */
  public static long eventuallyCount(TestServer server, long atLeast, String sql, Object... params) {
    return eventually(() -> count(server, sql, params), seen -> seen >= atLeast);
  }
}
