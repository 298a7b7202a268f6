package dev.gerbang;

import dev.gerbang.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one embedded PostgreSQL of a test JVM (Maven Central's binaries, started at first use, removed when the JVM
 * exits), and a fresh database on it per test server, owned by a role that is no superuser: the privileges
 * docs/operations.md asks an operator to give Gerbang, and no more. Durability is off (fsync): nothing here
 * outlives the run.
 */
public final class TestPostgres {
  /** The role Gerbang signs in as: it owns its database, nothing else. */
  public static final String USER = "gerbang";
  public static final String PASSWORD = "gerbang-test";
  /** The database every test database is a copy of: the schema, migrated once per run. */
  private static final String TEMPLATE = "gerbang_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  /** Makes and drops databases off the tests' threads, one statement at a time. */
  private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "test-postgres");
    thread.setDaemon(true);
    return thread;
  });
  private static EmbeddedPostgres postgres;
  private static boolean templateReady;
  private static Future<String> next;

  private TestPostgres() {
  }

  private static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
        try (Connection conn = admin(); Statement statement = conn.createStatement()) {
          statement.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
              + " PASSWORD '" + PASSWORD + "'");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the gerbang role", e);
      }
    }
    return postgres;
  }

  /**
   * A new database owned by {@link #USER}, with the schema already migrated (a copy of a template migrated once
   * per run, so the server's own Flyway run at start finds nothing to do); answers its name. The next one is
   * made in the background while the caller's test runs.
   */
  public static String createDatabase() {
    Future<String> ready;
    synchronized (BACKGROUND) {
      ready = next == null ? BACKGROUND.submit(TestPostgres::copyTemplate) : next;
      next = BACKGROUND.submit(TestPostgres::copyTemplate);
    }
    try {
      return ready.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create a test database", e.getCause());
    }
  }

  /** A new database owned by {@link #USER} with no schema at all, for a test that migrates it itself. */
  public static String createEmptyDatabase() {
    String name = "gerbang_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name + " OWNER " + USER);
    return name;
  }

  private static String copyTemplate() {
    String name = "gerbang_" + DATABASES.incrementAndGet();
    // FILE_COPY copies the template's files at once instead of writing every block to the WAL: faster for a
    // small database, and the checkpoints it takes cost little with fsync off.
    execute("CREATE DATABASE " + name + " TEMPLATE " + template() + " OWNER " + USER + " STRATEGY FILE_COPY");
    return name;
  }

  /** Only ever called on the background thread. */
  private static String template() {
    if (!templateReady) {
      execute("CREATE DATABASE " + TEMPLATE + " OWNER " + USER);
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(url(TEMPLATE));
      source.setUser(USER);
      source.setPassword(PASSWORD);
      Database.migrate(source, Database.Dialect.POSTGRESQL);
      templateReady = true;
    }
    return TEMPLATE;
  }

  /** Drops the database in the background, closing whatever connections a stopped server may still be closing. */
  public static void dropDatabase(String name) {
    BACKGROUND.execute(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  public static String url(String database) {
    return "jdbc:postgresql://localhost:" + instance().getPort() + "/" + database;
  }

  /** A connection to the database as Gerbang's role. */
  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, PASSWORD);
  }

  /** The server's major version (15, 18, ...), from the binaries on the test class path. */
  public static int majorVersion() {
    try (Connection conn = admin()) {
      return conn.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection admin() throws SQLException {
    return instance().getPostgresDatabase().getConnection();
  }

  private static void execute(String statement) {
    try (Connection conn = admin(); Statement sql = conn.createStatement()) {
      sql.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }
}
