package dev.gerbang.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

/**
 * vertx-micrometer-metrics' meters for everything (event bus, pools, clients, JVM), except the HTTP servers', which
 * are {@link HttpMeters}: cheaper per request, with the same names and labels.
 */
final class NodeMetricsFactory implements VertxMetricsFactory {
  private final VertxMetricsFactory vertxMeters;
  private final HttpMeters http;

  NodeMetricsFactory(VertxMetricsFactory vertxMeters, HttpMeters http) {
    this.vertxMeters = vertxMeters;
    this.http = http;
  }

  @Override
  public MetricsOptions newOptions() {
    return vertxMeters.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return vertxMeters.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return vertxMeters.newOptions(json);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics inner = vertxMeters.metrics(options);
    return new VertxMetrics() {
      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions server, SocketAddress localAddress) {
        return http;
      }

      @Override
      public EventBusMetrics createEventBusMetrics() {
        return inner.createEventBusMetrics();
      }

      @Override
      public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
        return inner.createClientMetrics(remoteAddress, type, namespace);
      }

      @Override
      public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions client) {
        return inner.createHttpClientMetrics(client);
      }

      @Override
      public TCPMetrics<?> createNetServerMetrics(NetServerOptions server, SocketAddress localAddress) {
        return inner.createNetServerMetrics(server, localAddress);
      }

      @Override
      public TCPMetrics<?> createNetClientMetrics(NetClientOptions client) {
        return inner.createNetClientMetrics(client);
      }

      @Override
      public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions datagram) {
        return inner.createDatagramSocketMetrics(datagram);
      }

      @Override
      public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
        return inner.createPoolMetrics(poolType, poolName, maxPoolSize);
      }

      @Override
      public void vertxCreated(Vertx vertx) {
        inner.vertxCreated(vertx);
      }

      @Override
      public boolean isMetricsEnabled() {
        return inner.isMetricsEnabled();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }
}
