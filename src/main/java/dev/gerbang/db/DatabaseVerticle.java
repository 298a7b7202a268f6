package dev.gerbang.db;

import dev.gerbang.config.AppConfig;
import dev.gerbang.events.Events;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The worker that alone holds the JDBC pool: it migrates the schema, then has each feature register its data
 * services on the event bus. Deployed with the WORKER threading model, so that opening the pool and
 * migrating may block.
 */
public final class DatabaseVerticle extends VerticleBase {
  /** Answers an empty reply when the database takes a query: the readiness check. */
  public static final String PING = "gerbang.db.ping";
  /** Answers {dialect, sizeBytes}: how much room the database takes, for the admin system page. */
  public static final String SIZE = "gerbang.db.size";

  private final AppConfig config;
  private final List<? extends DataServices> features;
  private final Cursors cursors;
  private final Events events;
  private Database database;
  private ServiceRegistry services;

  /** cursors page every feature's lists (signed with the node's key); events carry what the services changed. */
  public DatabaseVerticle(AppConfig config, List<? extends DataServices> features, Cursors cursors, Events events) {
    this.config = config;
    this.features = features;
    this.cursors = cursors;
    this.events = events;
  }

  @Override
  public Future<?> start() throws Exception {
    database = Database.open(vertx, config, cursors);
    services = new ServiceRegistry(vertx, database, events);
    features.forEach(feature -> feature.bind(services));
    services.add(vertx.eventBus().localConsumer(PING, message -> database.pool().query("SELECT 1").execute()
        .onSuccess(rows -> message.reply(null))
        .onFailure(failure -> message.fail(503, "database unreachable"))));
    Sql sql = database.sql("system");
    services.add(vertx.eventBus().localConsumer(SIZE, message -> database.pool().query(sql.get("databaseSize")).execute()
        .onSuccess(rows -> message.reply(new JsonObject()
            .put("dialect", database.dialect().name().toLowerCase(java.util.Locale.ROOT))
            .put("sizeBytes", rows.iterator().next().getLong("bytes"))))
        .onFailure(failure -> message.fail(503, "database unreachable"))));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    Future<?> unregistered = services == null ? Future.succeededFuture() : services.unregisterAll();
    return unregistered.eventually(() -> {
      if (database != null) {
        database.close();
      }
      return Future.succeededFuture();
    });
  }
}
