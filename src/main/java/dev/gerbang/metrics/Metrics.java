package dev.gerbang.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's meters: how any feature counts what it does. From anywhere that holds the node's Vert.x (an
 * HTTP handler, a service on the database worker, the notify verticle): {@code Metrics.of(vertx).count(
 * "gerbang.signins", "outcome", "ok")}. Tag values must come from a small fixed set (an outcome, a channel, a
 * route class): never an id, an email or a token. With metrics off every call is a no-op.
 */
public final class Metrics implements Shareable {
  private static final String MAP = "gerbang.metrics";
  private static final Metrics OFF = new Metrics(new CompositeMeterRegistry(), null);

  private final MeterRegistry registry;
  private final MetricsSettings settings;
  private final Map<String, AtomicLong> levels = new ConcurrentHashMap<>();

  private Metrics(MeterRegistry registry, MetricsSettings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  /** This node's meters, before its Vert.x exists: a Prometheus registry, or no-ops when metrics are off. */
  public static Metrics create(MetricsSettings settings) {
    if (!settings.enabled()) {
      return OFF;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(RouteLabels.histograms());
    // Vert.x names each outgoing HTTP client's pool by its host:port: webhook receivers' addresses would become
    // labels, and every endpoint an admin adds a few more series. Those pools are not measured.
    registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(id -> "http".equals(id.getTag("pool_type"))));
    return new Metrics(registry, settings);
  }

  /**
   * The Vert.x options that switch Vert.x's own meters on (HTTP server by route template, method and status
   * class; event bus; pools; JVM) into this registry, or the options unchanged when metrics are off.
   */
  public VertxOptions configure(VertxOptions options) {
    if (!enabled()) {
      return options;
    }
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // Per node (tests run several in one JVM): Vert.x keys its registries by this name.
        .setRegistryName("gerbang-" + UUID.randomUUID())
        // No address label on the event bus (reply and per-user addresses), no raw path on HTTP: only templates.
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME,
            Label.EB_SIDE))
        // No histogram on every Vert.x meter (request and response bytes, event bus, pools): buckets cost on each
        // request. The response time keeps its latency histogram (RouteLabels.histograms).
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(false)));
  }

  /**
   * What builds Vert.x's meters into this registry, with the HTTP servers' meters our own ({@link HttpMeters}); null
   * when metrics are off.
   */
  public VertxMetricsFactory factory() {
    return enabled() ? new NodeMetricsFactory(new MicrometerMetricsFactory(registry), new HttpMeters(registry)) : null;
  }

  /** Once the node's Vert.x exists: from now on {@link #of} answers these meters for it. */
  public void install(Vertx vertx) {
    if (enabled()) {
      // Bound now, after Vert.x has added its meter filters: filters must come before the first meter. (Uptime is
      // among Vert.x's JVM meters already: binding it again logged a warning at every start.)
      new FileDescriptorMetrics().bindTo(registry);
      vertx.sharedData().<String, Metrics>getLocalMap(MAP).put("metrics", this);
    }
  }

  /** The meters of the node this Vert.x belongs to (no-op ones when metrics are off). */
  public static Metrics of(Vertx vertx) {
    LocalMap<String, Metrics> map = vertx.sharedData().getLocalMap(MAP);
    Metrics metrics = map.get("metrics");
    return metrics == null ? OFF : metrics;
  }

  public boolean enabled() {
    return settings != null;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Makes the counter of this name and tags (key, value pairs) now, at 0. A counter that first appears at 1 reads to
   * Prometheus' increase() and rate() as if it had always been 1, so the first count of each series would be lost
   * (the lockout alert would miss the first lock): features make the series they know of when they start.
   */
  public void zero(String name, String... tags) {
    registry.counter(name, tags);
  }

  /** {@link #zero} for each value of one tag, the other tags fixed. */
  public void zero(String name, String key, java.util.Collection<String> values, String... tags) {
    for (String value : values) {
      String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
      all[tags.length] = key;
      all[tags.length + 1] = value;
      zero(name, all);
    }
  }

  /** Adds one to the counter of this name and tags (key, value pairs). */
  public void count(String name, String... tags) {
    registry.counter(name, tags).increment();
  }

  /**
   * A gauge of a level this node keeps (streams open, say): the same holder for the same name and tags, so
   * every verticle of the node adds to one value. Add to it, or set it.
   */
  public AtomicLong level(String name, String description, String... tags) {
    return levels.computeIfAbsent(name + Tags.of(tags), key -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::doubleValue).description(description).tags(Tags.of(tags)).register(registry);
      return value;
    });
  }

  @Override
  public Shareable copy() {
    return this;
  }
}
