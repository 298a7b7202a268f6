package dev.gerbang;

import dev.gerbang.auth.Keys;
import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.http.HttpVerticle;
import dev.gerbang.http.OpenApi;
import dev.gerbang.notify.NotifyVerticle;
import dev.gerbang.notify.Templates;
import dev.gerbang.notify.push.FcmCredentials;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: database worker first, then the HTTP verticles; stopped in the reverse order. */
public final class Gerbang {
  private static final Logger log = LoggerFactory.getLogger(Gerbang.class);
  private final Vertx vertx;
  private final AppConfig config;
  private final Components components;
  private final String notifyDeployment;
  private final String httpDeployment;
  private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

  private Gerbang(Vertx vertx, AppConfig config, Components components, String notifyDeployment, String httpDeployment) {
    this.vertx = vertx;
    this.config = config;
    this.components = components;
    this.notifyDeployment = notifyDeployment;
    this.httpDeployment = httpDeployment;
  }

  /** Starts everything. Blocks briefly for key files and the hasher's warm-up: call it from a plain thread. */
  public static Future<Gerbang> start(AppConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (java.io.IOException e) {
      return Future.failedFuture(new IllegalStateException("cannot create the data directory " + config.dataDir()));
    }
    Keys keys = Keys.loadOrCreate(config);
    Vertx vertx = Vertx.vertx(new VertxOptions());
    Components components = Components.create(vertx, config, keys);
    components.gate().listen();
    components.contentCache().listen();
    Templates templates = new Templates(Path.of("").toAbsolutePath(), config.mailDefaultLocale());
    FcmCredentials fcm;
    try {
      fcm = components.notifySettings().fcmEnabled() ? FcmCredentials.load(Path.of(components.notifySettings().fcmCredentialsFile())) : null;
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(new ConfigException(AppConfig.envName("push.fcm.credentialsFile") + ": " + e.getMessage()));
    }
    // Read and merge the OpenAPI fragments here, on this plain thread, not on the first HTTP event loop.
    OpenApi.document();
    Cursors cursors = new Cursors(keys.cursorKey());
    return vertx.deployVerticle(() -> new DatabaseVerticle(config, templates, cursors),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .compose(db -> vertx.deployVerticle(() -> new NotifyVerticle(config, templates, components.emailTokens(),
                components.notifySettings(), components.vapid(), fcm),
            new DeploymentOptions()))
        .compose(notify -> vertx.deployVerticle(() -> new HttpVerticle(components),
                new DeploymentOptions().setInstances(config.httpInstances()))
            .map(http -> new Gerbang(vertx, config, components, notify, http)))
        .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure)));
  }

  /**
   * Graceful stop: no new connections, in-flight requests finish, then the pool closes. Blocks, and must be
   * called from a plain thread (a shutdown hook, a test): chained from an event loop, the completion of
   * vertx.close() would be handed to a loop that close() itself terminates, and never arrive. Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      vertx.undeploy(httpDeployment).await(config.shutdownTimeoutSeconds() + 5L, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP verticles did not stop cleanly: {}", e.toString());
    }
    try {
      // Before the database: messages being sent get their outcome recorded, instead of staying claimed.
      vertx.undeploy(notifyDeployment).await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the notify verticle did not stop cleanly: {}", e.toString());
    }
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public AppConfig config() {
    return config;
  }

  public Components components() {
    return components;
  }

  public Path dataDir() {
    return config.dataDir();
  }
}
