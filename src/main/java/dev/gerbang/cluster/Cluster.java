package dev.gerbang.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import dev.gerbang.config.AppConfig;
import dev.gerbang.db.Database;
import dev.gerbang.secrets.DatabaseSecrets;
import dev.gerbang.secrets.FileSecrets;
import dev.gerbang.secrets.Secrets;
import dev.gerbang.security.LocalLoginThrottle;
import dev.gerbang.security.LocalRateLimiter;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.security.RateLimiter;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * This node's Vert.x: a plain one, or in cluster mode one whose event bus and shared data span the nodes, with
 * the cluster manager that knows the members (null on a single node).
 */
public record Cluster(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {

  /**
   * Joins (or forms) the cluster when the settings say so; Hazelcast needs a few seconds to form one. metrics:
   * the factory of this node's meters, or null (none, unless the options turn Vert.x's default ones on); tracer: the
   * factory of this node's tracer (dev.gerbang.tracing), or null for none.
   */
  public static Future<Cluster> start(ClusterSettings settings, VertxOptions options, VertxMetricsFactory metrics,
                                      VertxTracerFactory tracer) {
    if (!settings.enabled()) {
      return Future.succeededFuture(new Cluster(Vertx.builder().with(options).withMetrics(metrics).withTracer(tracer).build(),
          null, settings));
    }
    EventBusOptions bus = options.getEventBusOptions().setHost(settings.host()).setPort(settings.eventBusPort());
    if (!settings.publicHost().isEmpty()) {
      bus.setClusterPublicHost(settings.publicHost());
    }
    if (settings.tls()) {
      // Mutual TLS: a node accepts event-bus traffic only from a node holding a certificate of the cluster's CA.
      bus.setSsl(true).setClientAuth(ClientAuth.REQUIRED)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.tlsCertPath()).setKeyPath(settings.tlsKeyPath()))
          .setTrustOptions(new PemTrustOptions().addCertPath(settings.tlsCaPath()));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
    return Vertx.builder().with(options).withMetrics(metrics).withTracer(tracer).withClusterManager(manager).buildClustered()
        .map(vertx -> new Cluster(vertx, manager, settings));
  }

  /**
   * Where this node's shared secrets live: its data dir alone, or the database for the whole cluster (migrated
   * first, here, since the keys are read before the database worker starts). Blocking: a plain thread only.
   */
  public Secrets secrets(AppConfig config) {
    if (!settings.enabled()) {
      return new FileSecrets(config.dataDir());
    }
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(config.dbUrl());
    if (!config.dbUsername().isEmpty()) {
      source.setUser(config.dbUsername());
    }
    if (!config.dbPassword().isEmpty()) {
      source.setPassword(config.dbPassword());
    }
    Database.migrate(source, Database.Dialect.POSTGRESQL);
    return new DatabaseSecrets(source, settings.secret());
  }

  /** The rate limiter's buckets: this node's, or the cluster's. */
  public RateLimiter rateLimiter(AppConfig config) {
    return manager == null ? new LocalRateLimiter(config.rateLimitMaxKeys())
        : new HazelcastRateLimiter(vertx, manager.getHazelcastInstance());
  }

  /** The login lock's counts: this node's, or the cluster's. */
  public LoginThrottle loginThrottle(AppConfig config) {
    if (manager == null) {
      return new LocalLoginThrottle(config.loginFreeFailures(), config.loginLockBaseSeconds(), config.loginLockMaxSeconds(),
          config.loginThrottleMaxAccounts());
    }
    return new HazelcastLoginThrottle(vertx, manager.getHazelcastInstance(), new LoginThrottle.Policy(config.loginFreeFailures(),
        config.loginLockBaseSeconds() * 1000L, config.loginLockMaxSeconds() * 1000L));
  }

  public boolean clustered() {
    return manager != null;
  }

  /** This node's id in the cluster (the Vert.x node id), or "local". */
  public String nodeId() {
    return manager == null ? "local" : manager.getNodeId();
  }

  /** The ids of the nodes in the cluster now, this one included. */
  public List<String> nodes() {
    return manager == null ? List.of(nodeId()) : manager.getNodes();
  }

  /** Whether this node is in its cluster (always, on a single node). */
  public boolean joined() {
    return manager == null || manager.isActive();
  }

  /** Says who this node is, for the others' admin pages: {nodeId, address, version, startedAt}; removed at stop. */
  public Future<Void> announce(JsonObject node) {
    return nodeInfo().compose(map -> map.put(nodeId(), node.copy().put("nodeId", nodeId())));
  }

  public Future<Void> withdraw() {
    return nodeInfo().compose(map -> map.remove(nodeId())).mapEmpty();
  }

  /** The nodes of the cluster now, with what each announced. */
  public Future<List<JsonObject>> members() {
    List<String> ids = nodes();
    return nodeInfo().compose(map -> {
      List<Future<JsonObject>> found = ids.stream()
          .map(id -> map.get(id).map(info -> info == null ? new JsonObject().put("nodeId", id) : info)).toList();
      return Future.all(found).map(all -> found.stream().map(Future::result).toList());
    });
  }

  private Future<AsyncMap<String, JsonObject>> nodeInfo() {
    return vertx.sharedData().getAsyncMap("gerbang.nodes");
  }

  /** Vert.x's own Hazelcast defaults (its maps and their backups), on our network settings. */
  static Config hazelcast(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The server leaves the cluster itself, after its requests finished (Gerbang.stop), not in a JVM hook.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    // A node that finds no one starts its own cluster after this, rather than after the default 5 s.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
    if (!settings.publicHost().isEmpty()) {
      network.setPublicAddress(settings.publicHost() + ":" + settings.port());
    }
    // Bucket4j's own serializers for its entry processors (rather than Java serialization), on ids of its own.
    HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(), 1000);
    // A bucket idle for two minutes is full again: dropping it then loses nothing.
    config.addMapConfig(new MapConfig(HazelcastRateLimiter.MAP).setMaxIdleSeconds(120).setBackupCount(1));
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(settings.multicast());
    join.getTcpIpConfig().setEnabled(!settings.multicast()).setMembers(settings.members());
    return config;
  }
}
