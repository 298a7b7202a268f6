package dev.gerbang.metrics;

import dev.gerbang.security.RouteClass;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.metrics.impl.StatsServiceImpl;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics on the management port (see {@link Metrics} for how a feature counts), the gauges read from
 * the database (sessions open, the outbox's depth and oldest message per channel: refreshed every
 * metrics.refreshSeconds, never per scrape), and the admins' overview, GET /api/admin/stats.
 */
public final class MetricsFeature implements Feature {
  private static final Logger log = LoggerFactory.getLogger(MetricsFeature.class);
  private static final List<String> CHANNELS = List.of("email", "webpush", "fcm");
  private static final long MINUTE = 60_000L;
  private final Components c;
  private final MetricsSettings settings;
  private RequestWindow window;
  private ManagementVerticle management;

  public MetricsFeature(Components components) {
    this.c = components;
    this.settings = MetricsSettings.from(components.config().reader());
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(StatsService.class, StatsService.ADDRESS, new StatsServiceImpl(services.database()));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new OverviewRoutes(c, vertx, window).mount(api);
  }

  @Override
  public void start(Vertx vertx) {
    Metrics metrics = Metrics.of(vertx);
    if (!metrics.enabled()) {
      return;
    }
    // The rate limiter is the HTTP layer's, not a feature's: its series are made here.
    metrics.zero("gerbang.ratelimit.rejections", "route_class",
        java.util.Arrays.stream(RouteClass.values()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
    window = new RequestWindow(metrics.registry(), System.currentTimeMillis());
    vertx.setPeriodic(MINUTE, MINUTE, id -> window.tick(System.currentTimeMillis()));
    refreshLevels(vertx, metrics);
  }

  /** Sessions open and the outbox's depth and age per channel, read from the database on a timer. */
  private void refreshLevels(Vertx vertx, Metrics metrics) {
    AtomicLong sessions = metrics.level("gerbang.sessions.active", "Sessions not revoked and not expired (whole database)");
    Map<String, AtomicLong> depth = new HashMap<>();
    Map<String, AtomicLong> age = new HashMap<>();
    for (String channel : CHANNELS) {
      depth.put(channel, metrics.level("gerbang.outbox.depth", "Outbox messages waiting (pending or held)", "channel", channel));
      age.put(channel, metrics.level("gerbang.outbox.oldest.age.seconds", "Age of the oldest waiting outbox message",
          "channel", channel));
    }
    StatsService stats = StatsService.proxy(vertx);
    long period = settings.refreshSeconds() * 1000L;
    vertx.setPeriodic(0, period, id -> {
      long now = System.currentTimeMillis();
      stats.levels(now).onSuccess(levels -> {
        sessions.set(levels.activeSessions());
        CHANNELS.forEach(channel -> {
          depth.get(channel).set(0);
          age.get(channel).set(0);
        });
        for (Count waiting : levels.waiting()) {
          if (depth.containsKey(waiting.key())) {
            depth.get(waiting.key()).set(waiting.count());
            age.get(waiting.key()).set(Math.max(0, (now - waiting.bucket()) / 1000));
          }
        }
      }).onFailure(e -> log.debug("could not refresh the database gauges: {}", e.toString()));
    });
  }

  @Override
  public Future<List<String>> deploy(Vertx vertx) {
    Metrics metrics = Metrics.of(vertx);
    if (!metrics.enabled()) {
      return Future.succeededFuture(List.of());
    }
    management = new ManagementVerticle(settings, (PrometheusMeterRegistry) metrics.registry());
    return vertx.deployVerticle(management).map(id -> {
      log.info("metrics at http://{}:{}/metrics", settings.host(), management.port());
      return List.of(id);
    });
  }

  /** The management listener's port (when metrics are on): tests ask for port 0 and read the one picked. */
  public int managementPort() {
    return management == null ? -1 : management.port();
  }
}
