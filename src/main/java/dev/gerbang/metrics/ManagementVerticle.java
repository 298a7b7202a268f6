package dev.gerbang.metrics;

import dev.gerbang.http.PortInUse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The management listener: GET /metrics in the format the scraper asks for (Prometheus text, OpenMetrics or
 * protobuf, by its Accept header), on its own host and port (loopback by default), optionally behind a bearer
 * token. Nothing else answers here, and nothing of this answers on the public port.
 */
final class ManagementVerticle extends VerticleBase {
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();
  private final MetricsSettings settings;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  ManagementVerticle(MetricsSettings settings, PrometheusMeterRegistry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
        .requestHandler(this::handle);
    return PortInUse.explain(server.listen(), settings.host(), settings.port(), "GERBANG_METRICS_PORT");
  }

  /** The port it listens on (the setting, or the one picked when the setting is 0). */
  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    // Its own route label, so the overview can leave the scrapes out of the public traffic.
    request.routed(RequestWindow.MANAGEMENT_ROUTE);
    if (!request.path().equals("/metrics")) {
      request.response().setStatusCode(404).end();
    } else if (request.method() != io.vertx.core.http.HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET").end();
    } else if (!authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"").end();
    } else {
      scrape(request);
    }
  }

  private boolean authorized(String header) {
    if (settings.token().isEmpty()) {
      return true;
    }
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), settings.token().getBytes(StandardCharsets.UTF_8));
  }

  private void scrape(HttpServerRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      registry.scrape(out, accept);
    } catch (IOException e) {
      request.response().setStatusCode(500).end();
      return;
    }
    request.response().putHeader(HttpHeaders.CONTENT_TYPE, FORMATS.findWriter(accept).getContentType())
        .end(Buffer.buffer(out.toByteArray()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
