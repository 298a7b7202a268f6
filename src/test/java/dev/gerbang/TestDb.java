package dev.gerbang;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a test server stored, straight from its SQLite file with plain JDBC: the way a test proves a
 * stored effect (a hash instead of a token, one row and not two) rather than trusting the API's own answer.
 */
public final class TestDb {
  private TestDb() {
  }

  /** Every row the query answers, each as column name (lower case) to value, in column order. */
  public static List<Map<String, Object>> rows(TestServer server, String sql, Object... params) {
    String url = "jdbc:sqlite:" + server.dataDir().resolve("gerbang.db");
    try (Connection conn = DriverManager.getConnection(url); PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  /** The first column of the first row as a number: for SELECT COUNT(*) ... */
  public static long count(TestServer server, String sql, Object... params) {
    List<Map<String, Object>> rows = rows(server, sql, params);
    return rows.isEmpty() ? 0 : ((Number) rows.get(0).values().iterator().next()).longValue();
  }

  /**
   * Waits up to 5 s for a count to reach at least the expected value, for effects written after the
   * response (the audit log is fire-and-forget), and answers the last count seen.
   */
  public static long eventuallyCount(TestServer server, long atLeast, String sql, Object... params) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long seen;
    while ((seen = count(server, sql, params)) < atLeast && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return seen;
  }
}
