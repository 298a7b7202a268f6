package dev.gerbang.db;

import dev.gerbang.config.AppConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** The JDBC pool (Agroal over sqlite-jdbc or PostgreSQL) and the schema migrations. Only the database worker holds one. */
public final class Database {
  public enum Dialect { SQLITE, POSTGRESQL }

  private final AgroalDataSource dataSource;
  private final Pool pool;
  private final Dialect dialect;
  private final Cursors cursors;
  private final Pager pager;

  private Database(AgroalDataSource dataSource, Pool pool, Dialect dialect, Cursors cursors) {
    this.dataSource = dataSource;
    this.pool = pool;
    this.dialect = dialect;
    this.cursors = cursors;
    this.pager = new Pager(pool, cursors);
  }

  /** Opens the pool and migrates the schema; the lists page with these cursors. Blocks: call it on a worker thread. */
  public static Database open(Vertx vertx, AppConfig config, Cursors cursors) throws SQLException {
    String url = config.dbUrl();
    Dialect dialect = url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.SQLITE;
    if (dialect == Dialect.SQLITE) {
      ensureParentDirectory(url);
    }
    int size = dialect == Dialect.SQLITE ? Math.min(config.dbPoolSize(), 8) : config.dbPoolSize();
    AgroalDataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(pool -> pool
            .maxSize(size)
            .minSize(1)
            .initialSize(1)
            .acquisitionTimeout(Duration.ofSeconds(10))
            .connectionFactoryConfiguration(factory -> {
              factory.jdbcUrl(url);
              if (dialect == Dialect.SQLITE) {
                factory.jdbcProperty("journal_mode", "WAL")
                    .jdbcProperty("synchronous", "NORMAL")
                    .jdbcProperty("foreign_keys", "true")
                    .jdbcProperty("busy_timeout", String.valueOf(config.dbBusyTimeoutMs()))
                    // Writers take the lock when their transaction begins, so two transactions never
                    // deadlock upgrading a read lock; busy_timeout then queues them.
                    .jdbcProperty("transaction_mode", "IMMEDIATE");
              }
              if (!config.dbUsername().isEmpty()) {
                factory.principal(new NamePrincipal(config.dbUsername()));
              }
              if (!config.dbPassword().isEmpty()) {
                factory.credential(new SimplePassword(config.dbPassword()));
              }
              return factory;
            })));
    try {
      migrate(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    Pool pool = JDBCPool.pool(vertx, AutoCommitGuard.wrap(dataSource), new PoolOptions().setMaxSize(size));
    return new Database(dataSource, pool, dialect, cursors);
  }

  /** Brings the schema up to date (Flyway). Blocks. */
  public static void migrate(javax.sql.DataSource dataSource, Dialect dialect) {
    Flyway.configure()
        .dataSource(dataSource)
        // Shared migrations, then the few that differ per database (full-text search): db/migration-sqlite, -postgresql.
        .locations("classpath:db/migration", "classpath:db/migration-" + dialect.name().toLowerCase(java.util.Locale.ROOT))
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  private static void ensureParentDirectory(String url) {
    String file = url.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the database directory " + parent + ": " + e.getMessage());
    }
  }

  public Pool pool() {
    return pool;
  }

  public Dialect dialect() {
    return dialect;
  }

  public Cursors cursors() {
    return cursors;
  }

  /** The pager of every keyset-paged list, with this pool and these cursors. */
  public Pager pager() {
    return pager;
  }

  public Sql sql(String name) {
    return Sql.load(name, dialect);
  }

  public void close() {
    pool.close().onComplete(done -> dataSource.close());
  }
}
