package dev.gerbang.metrics;

import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;

/**
 * Where the Prometheus endpoint is served: its own management listener (loopback by default, never the public
 * port), optionally behind a bearer token; how often the gauges read from the database are refreshed. Read before Vert.x is built, since the meters are an option of it.
 */
public record MetricsSettings(boolean enabled, String host, int port, String token, int refreshSeconds) {

  public static MetricsSettings from(ConfigReader config) {
    String token = config.string("metrics.token");
    if (!token.isEmpty() && token.length() < 16) {
      throw new ConfigException(ConfigReader.envName("metrics.token") + ": must be empty or at least 16 characters");
    }
    return new MetricsSettings(config.bool("metrics.enabled"), config.nonBlank("metrics.host"),
        config.intIn("metrics.port", 0, 65535), token, config.intIn("metrics.refreshSeconds", 1, 3600));
  }
}
