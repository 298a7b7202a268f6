package dev.gerbang.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.db.Database;
import dev.gerbang.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The overview's statements read an index, never a whole table: the query plan of each, on the test's database
 * (SQLite: no "SCAN table" without an index; PostgreSQL, with sequential scans priced out as on a big table: no
 * "Seq Scan"). docs/operations.md has the plans on the 100,000-article data set.
 */
class StatsPlanTest {
  private static final Map<String, Object[]> ARGUMENTS = Map.of(
      "activeSessions", new Object[] {0L},
      "outboxWaiting", new Object[] {"pending", "held"},
      "outboxByState", new Object[] {"pending", "sending", "held", "dead"},
      "outboxSentSince", new Object[] {"sent", 0L},
      "signUpsPerDay", new Object[] {0L},
      "signInsPerHour", new Object[] {"login", "oauth_login", "login_failed", "mfa_failed", "passkey_login_failed", "login_locked", 0L},
      "usersByRole", new Object[] {},
      "articlesPerDay", new Object[] {"published", 0L},
      "commentsPerDay", new Object[] {0L});
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyStatementOfTheOverviewReadsAnIndex() throws Exception {
    Database.Dialect dialect = TestDb.onPostgres() ? Database.Dialect.POSTGRESQL : Database.Dialect.SQLITE;
    Sql sql = Sql.load("stats", dialect);
    try (Connection connection = TestDb.connect(server.dataDir())) {
      if (dialect == Database.Dialect.POSTGRESQL) {
        try (Statement set = connection.createStatement()) {
          set.execute("SET enable_seqscan = off");
        }
      }
      for (var statement : ARGUMENTS.entrySet()) {
        List<String> plan = plan(connection, dialect, sql.get(statement.getKey()), statement.getValue());
        String where = statement.getKey() + ": " + plan;
        if (dialect == Database.Dialect.SQLITE) {
          assertThat(plan).as(where).allSatisfy(step -> assertThat(!step.startsWith("SCAN ") || step.contains(" USING "))
              .as(where).isTrue());
        } else {
          assertThat(plan).as(where).noneMatch(step -> step.contains("Seq Scan"));
        }
      }
    }
  }

  private static List<String> plan(Connection connection, Database.Dialect dialect, String sql, Object[] arguments)
      throws Exception {
    String explain = (dialect == Database.Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
    List<String> steps = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(explain)) {
      for (int i = 0; i < arguments.length; i++) {
        statement.setObject(i + 1, arguments[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          steps.add(rows.getString(dialect == Database.Dialect.SQLITE ? "detail" : "QUERY PLAN").strip());
        }
      }
    }
    return steps;
  }
}
