package dev.gerbang;

import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * Plain JDBC on a server's database, to check what a request stored (and, rarely, to set up a state the API has
 * no endpoint for yet): the SQLite file in its data dir, or, when the suite runs on PostgreSQL
 * (-Dgerbang.test.db=postgres), the database of its own that the data dir was given on the embedded server.
 * A data dir keeps its database across restarts. One short connection per call, so it never holds a lock
 * between requests.
 */
public final class TestDb {
  /** The system property that picks the database of every test server: sqlite (the default) or postgres. */
  public static final String PROPERTY = "gerbang.test.db";
  /** The server writes at the same time: wait for its locks like the server does, instead of failing at once. */
  private static final java.util.Properties WAIT_FOR_LOCKS = new java.util.Properties();
  /** Data dir -> its PostgreSQL database. */
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
  /** Data dirs that share another's database: forgetting one drops nothing. */
  private static final java.util.Set<Path> ALIASES = ConcurrentHashMap.newKeySet();

  static {
    WAIT_FOR_LOCKS.setProperty("busy_timeout", "5000");
  }

  private TestDb() {
  }

  /** True when this run's test servers use PostgreSQL. */
  public static boolean onPostgres() {
    String db = System.getProperty(PROPERTY, "sqlite");
    if (!db.equals("sqlite") && !db.equals("postgres")) {
      throw new IllegalStateException(PROPERTY + " must be sqlite or postgres, not " + db);
    }
    return db.equals("postgres");
  }

  /**
   * The "db" settings of a server on this data dir: none for SQLite (the file in the data dir), or the data
   * dir's own PostgreSQL database, created the first time.
   */
  public static JsonObject config(Path dataDir) {
    if (!onPostgres()) {
      return new JsonObject();
    }
    String database = DATABASES.computeIfAbsent(key(dataDir), dir -> TestPostgres.createDatabase());
    return new JsonObject().put("url", TestPostgres.url(database))
        .put("username", TestPostgres.USER).put("password", TestPostgres.PASSWORD);
  }

  /**
   * Builds the data dir's database at an older schema version (Flyway's target), as a release before a migration
   * left it, for a test of that migration: a server started on the data dir then upgrades it.
   */
  public static void migrateTo(Path dataDir, String version) {
    String locations = "classpath:db/migration-sqlite";
    String url = "jdbc:sqlite:" + file(dataDir);
    String user = null;
    String password = null;
    if (onPostgres()) {
      String database = TestPostgres.createEmptyDatabase();
      DATABASES.put(key(dataDir), database);
      locations = "classpath:db/migration-postgresql";
      url = TestPostgres.url(database);
      user = TestPostgres.USER;
      password = TestPostgres.PASSWORD;
    }
    Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration", locations)
        .target(version).load().migrate();
  }

  /**
   * Makes another data dir use the same database as this one (the nodes of a test cluster, each with its own
   * data dir, on the cluster's one database): the alias is forgotten with it, the database dropped with the
   * original.
   */
  public static void share(Path dataDir, Path withDataDir) {
    String database = DATABASES.get(key(withDataDir));
    if (database == null) {
      throw new IllegalStateException("no database for " + withDataDir + " yet: call config() on it first");
    }
    ALIASES.add(key(dataDir));
    DATABASES.put(key(dataDir), database);
  }

  /** Drops the data dir's PostgreSQL database, if it has one: the data dir is going away. */
  static void forget(Path dataDir) {
    String database = DATABASES.remove(key(dataDir));
    if (database != null && !ALIASES.remove(key(dataDir))) {
      TestPostgres.dropDatabase(database);
    }
  }

  private static Path key(Path dataDir) {
    return dataDir.toAbsolutePath().normalize();
  }

  /** A new connection to the data dir's database; the caller closes it. */
  public static Connection connect(Path dataDir) throws SQLException {
    String database = DATABASES.get(key(dataDir));
    return database != null ? TestPostgres.connect(database)
        : DriverManager.getConnection("jdbc:sqlite:" + file(dataDir), WAIT_FOR_LOCKS);
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve("gerbang.db");
  }

  /**
   * Holds a write lock until closed, so that the server's writes to the table wait: SQLite's lock of the whole
   * database (BEGIN IMMEDIATE), or on PostgreSQL an EXCLUSIVE lock on the table (reads go on, writes wait).
   */
  public static AutoCloseable blockWrites(Path dataDir, String table) throws SQLException {
    Connection conn = connect(dataDir);
    try {
      if (onPostgres()) {
        conn.setAutoCommit(false);
        conn.createStatement().execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        return () -> {
          conn.rollback();
          conn.close();
        };
      }
      conn.createStatement().execute("BEGIN IMMEDIATE");
      return () -> {
        conn.createStatement().execute("ROLLBACK");
        conn.close();
      };
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
  }

  /**
   * Every row of the query, each as column label (lower case) to value; a boolean reads as 1 or 0 on both
   * databases (SQLite has no boolean type).
   */
  public static List<Map<String, Object>> rows(Path dataDir, String sql, Object... params) {
    try (Connection conn = connect(dataDir); PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            Object value = result.getObject(c);
            row.put(result.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT),
                value instanceof Boolean b ? (Object) (b ? 1 : 0) : value);
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
    try (Connection conn = connect(server.dataDir()); PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Adds n enabled accounts (role user, no password: they never sign in) in one transaction, for tests that need
   * a large audience; answers their ids, in id order.
   */
  public static List<String> seedUsers(TestServer server, int n) {
    List<String> ids = new ArrayList<>();
    try (Connection conn = connect(server.dataDir())) {
      conn.setAutoCommit(false);
      long now = System.currentTimeMillis();
      try (PreparedStatement user = conn.prepareStatement("INSERT INTO users (id, email, email_normalized, name, locale, "
          + "created_at, updated_at) VALUES (?, ?, ?, ?, 'en', ?, ?)");
           PreparedStatement role = conn.prepareStatement("INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, 'user', ?)")) {
        for (int i = 0; i < n; i++) {
          String id = dev.gerbang.db.Ids.newId();
          String email = "seeded-" + id + "@example.com";
          user.setString(1, id);
          user.setString(2, email);
          user.setString(3, email);
          user.setString(4, "Seeded " + i);
          user.setLong(5, now);
          user.setLong(6, now);
          user.addBatch();
          role.setString(1, id);
          role.setLong(2, now);
          role.addBatch();
          ids.add(id);
        }
        user.executeBatch();
        role.executeBatch();
      }
      conn.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("seeding users", e);
    }
    return ids.stream().sorted().toList();
  }

  /**
   * Polls until the value satisfies the condition (5 s at most), for effects written after the response,
   * such as audit events (recorded fire-and-forget). Answers the last value either way.
   */
  public static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
    return eventually(probe, done, 5_000);
  }

  /** The same, waiting up to the given milliseconds. */
  public static <T> T eventually(Supplier<T> probe, Predicate<T> done, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
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
