package dev.gerbang.cluster;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cluster mode (cluster.*, off by default): several nodes behind a load balancer on one PostgreSQL, with a
 * clustered event bus (Hazelcast). name keeps clusters apart; host is the interface this node binds and
 * advertises (publicHost when the others must reach it at another address, as behind NAT); port is
 * Hazelcast's; members are the nodes to join (host or host:port, TCP/IP; multicast is off unless asked);
 * eventBusPort is the clustered event bus's (0: any free port); tls puts the event bus between nodes under
 * mutual TLS; secret encrypts the keys the nodes share in the database.
 */
public record ClusterSettings(boolean enabled, String name, String host, String publicHost, int port, List<String> members,
                              boolean multicast, int eventBusPort, boolean tls, String tlsCertPath, String tlsKeyPath,
                              String tlsCaPath, String secret) {

  public static ClusterSettings from(AppConfig core) {
    ConfigReader config = core.reader();
    ClusterSettings settings = new ClusterSettings(config.bool("cluster.enabled"), config.nonBlank("cluster.name"),
        config.nonBlank("cluster.host"), config.string("cluster.publicHost"), config.intIn("cluster.port", 1, 65535),
        config.stringList("cluster.members"), config.bool("cluster.multicast"), config.intIn("cluster.eventBusPort", 0, 65535),
        config.bool("cluster.tls.enabled"), config.string("cluster.tls.certPath"), config.string("cluster.tls.keyPath"),
        config.string("cluster.tls.caPath"), config.string("cluster.secret"));
    for (String member : settings.members()) {
      if (!member.matches("[A-Za-z0-9.:\\[\\]-]+(:[0-9]{1,5})?")) {
        throw new ConfigException(ConfigReader.envName("cluster.members") + ": not a host or host:port: '" + member + "'");
      }
    }
    if (!settings.enabled()) {
      return settings;
    }
    if (!core.dbUrl().startsWith("jdbc:postgresql:")) {
      throw new ConfigException(ConfigReader.envName("cluster.enabled")
          + ": cluster mode needs PostgreSQL (GERBANG_DB_URL=jdbc:postgresql://...): a SQLite file belongs to one node");
    }
    if (settings.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new ConfigException(ConfigReader.envName("cluster.secret")
          + ": cluster mode needs a secret of at least 32 bytes, the same on every node (it encrypts the shared keys)");
    }
    if (settings.tls() && (settings.tlsCertPath().isEmpty() || settings.tlsKeyPath().isEmpty() || settings.tlsCaPath().isEmpty())) {
      throw new ConfigException(ConfigReader.envName("cluster.tls.certPath")
          + ": event-bus TLS needs cluster.tls.certPath, keyPath and caPath (PEM files)");
    }
    if (!settings.multicast() && settings.members().isEmpty()) {
      throw new ConfigException(ConfigReader.envName("cluster.members")
          + ": name the nodes to join (host:port, comma-separated), or turn on cluster.multicast");
    }
    return settings;
  }
}
