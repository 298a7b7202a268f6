package dev.gerbang;

import dev.gerbang.cluster.Cluster;
import dev.gerbang.cluster.ClusterSettings;
import dev.gerbang.config.AppConfig;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.failure.Failure;
import dev.gerbang.http.HttpVerticle;
import dev.gerbang.http.OpenApi;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.metrics.MetricsSettings;
import dev.gerbang.tracing.Tracing;
import dev.gerbang.tracing.TracingSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the database worker with every feature's services first, then the features' own verticles,
 * then the HTTP verticles with every feature's routes; stopped in the reverse order.
 */
public final class Gerbang {
  private static final Logger log = LoggerFactory.getLogger(Gerbang.class);
  private final Vertx vertx;
  private final AppConfig config;
  private final Components components;
  private final List<Feature> features;
  private final List<String> featureDeployments;
  private final String httpDeployment;
  private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

  private Gerbang(Vertx vertx, AppConfig config, Components components, List<Feature> features, List<String> featureDeployments,
                  String httpDeployment) {
    this.vertx = vertx;
    this.config = config;
    this.components = components;
    this.features = features;
    this.featureDeployments = featureDeployments;
    this.httpDeployment = httpDeployment;
  }

  /**
   * Starts everything. Blocks briefly for key files, templates and the hasher's warm-up: call it from a plain
   * thread. A bad setting fails the future with a ConfigException naming its variable.
   */
  public static Future<Gerbang> start(AppConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (java.io.IOException e) {
      return Future.failedFuture(new IllegalStateException("cannot create the data directory " + config.dataDir()));
    }
    Cluster cluster;
    Metrics metrics;
    try {
      // The meters and the tracer are options of Vert.x itself: read their settings before it is built.
      metrics = Metrics.create(MetricsSettings.from(config.reader()));
      cluster = Cluster.start(ClusterSettings.from(config), metrics.configure(new VertxOptions()), metrics.factory(),
          Tracing.factory(TracingSettings.from(config))).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Future.failedFuture(e instanceof java.util.concurrent.TimeoutException
          ? new IllegalStateException("the cluster did not form within 120 s") : e);
    }
    Vertx vertx = cluster.vertx();
    metrics.install(vertx);
    Failure.registerCodec(vertx);
    Components components;
    List<Feature> features;
    try {
      components = Components.create(cluster, config);
      features = Features.of(vertx, components);
    } catch (RuntimeException e) {
      return vertx.close().transform(closed -> Future.failedFuture(e));
    }
    features.forEach(feature -> feature.start(vertx));
    // Read and merge the OpenAPI fragments here, on this plain thread, not on the first HTTP event loop.
    OpenApi.document();
    List<String> featureDeployments = new ArrayList<>();
    Future<?> deployed = vertx.deployVerticle(() -> new DatabaseVerticle(config, features, components.cursors(), components.events()),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
    for (Feature feature : features) {
      deployed = deployed.compose(done -> feature.deploy(vertx).onSuccess(featureDeployments::addAll));
    }
    Promise<Gerbang> started = Promise.promise();
    deployed
        .compose(done -> vertx.deployVerticle(() -> new HttpVerticle(config, components.rateLimiter(), features, cluster),
            new DeploymentOptions().setInstances(config.httpInstances())))
        .compose(http -> cluster.announce(new JsonObject()
                .put("address", cluster.settings().host() + ":" + config.httpPort()).put("publicUrl", config.publicUrl())
                .put("version", components.version()).put("startedAt", components.startedAt().toString()))
            .map(http))
        .map(http -> new Gerbang(vertx, config, components, features, featureDeployments, http))
        .onSuccess(started::complete)
        .onFailure(failure -> closeThenFail(vertx, failure, started));
    return started.future();
  }

  /**
   * A start that failed half-way (a port in use) closes Vert.x, then fails with the cause. From a plain thread: chained
   * on the event loop that saw the failure, close()'s completion would be handed to a loop close() terminates, and
   * the start would hang instead of failing.
   */
  private static void closeThenFail(Vertx vertx, Throwable failure, Promise<Gerbang> started) {
    new Thread(() -> {
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
      started.fail(failure);
    }, "gerbang-start-failed").start();
  }

  /**
   * Graceful stop: no new connections, in-flight requests finish, then the features' verticles (the notify
   * verticle records the outcome of what it is sending), then the pool closes. Blocks, and must be called
   * from a plain thread (a shutdown hook, a test): chained from an event loop, the completion of
   * vertx.close() would be handed to a loop that close() itself terminates, and never arrive. Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      // Off the admin pages' node list first: a load balancer's health checks take this node out meanwhile.
      components.cluster().withdraw().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("could not withdraw this node from the cluster's list: {}", e.toString());
    }
    // Long-lived responses (notification streams) end at once, instead of holding the shutdown to its limit. Told
    // here once: each HTTP instance telling them in its stop() reached streams the first had already ended.
    vertx.eventBus().publish(HttpVerticle.STOPPING, null);
    try {
      vertx.undeploy(httpDeployment).await(config.shutdownTimeoutSeconds() + 5L, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP verticles did not stop cleanly: {}", e.toString());
    }
    for (int i = featureDeployments.size() - 1; i >= 0; i--) {
      try {
        vertx.undeploy(featureDeployments.get(i)).await(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("a feature's verticle did not stop cleanly: {}", e.toString());
      }
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

  /** Every feature, in the order of {@link Features}. */
  public List<Feature> features() {
    return features;
  }

  /** The running feature of this type (tests reach a feature's node-wide state through it). */
  public <F extends Feature> F feature(Class<F> type) {
    return features.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no feature " + type.getSimpleName()));
  }

  public java.nio.file.Path dataDir() {
    return config.dataDir();
  }
}
