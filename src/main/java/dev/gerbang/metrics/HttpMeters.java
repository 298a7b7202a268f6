package dev.gerbang.metrics;

import dev.gerbang.http.RouteTemplate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP servers' meters, kept here instead of by vertx-micrometer-metrics, whose HTTP server meters built the
 * tags of every request and looked four meters up by them (about 10 % of a cache-hit request's CPU; see
 * docs/benchmarks.md). Same names and labels: vertx.http.server.requests and .response.time by route template,
 * method and status class, looked up once per combination and then taken from a map; and the requests in flight.
 * Vert.x web reports each route a request passes ({@link #requestRouted}) to its {@link RouteTemplate}.
 */
final class HttpMeters implements HttpServerMetrics<HttpMeters.Request, Void, Void> {
  static final String REQUESTS = RouteLabels.HTTP_SERVER + "requests";
  private static final String[] STATUS_CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

  private final MeterRegistry registry;
  private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();
  private final AtomicLong active;

  HttpMeters(MeterRegistry registry) {
    this.registry = registry;
    this.active = registry.gauge(RouteLabels.HTTP_SERVER + "active.requests", new AtomicLong());
  }

  /** One request: its method, when it began, and the routes it passed. */
  static final class Request {
    final String method;
    final long start = System.nanoTime();
    final RouteTemplate routes = new RouteTemplate();
    boolean ended;

    Request(String method) {
      this.method = method;
    }
  }

  private record Key(String route, String method, String status) {
  }

  private record Meters(Counter requests, Timer responseTime) {
  }

  @Override
  public Request requestBegin(Void socket, HttpRequest request) {
    active.incrementAndGet();
    String method = request.method().name();
    // A client may send any method token: others share one label, so they cannot add series without bound.
    return new Request(RouteTemplate.standardMethod(method) ? method : "OTHER");
  }

  @Override
  public void requestRouted(Request request, String route) {
    request.routes.passed(route);
  }

  @Override
  public void requestReset(Request request) {
    end(request);
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    if (end(request)) {
      int code = response.statusCode();
      Key key = new Key(RouteLabels.template(request.routes), request.method,
          STATUS_CLASSES[code >= 100 && code < 600 ? code / 100 : 0]);
      Meters found = meters.computeIfAbsent(key, this::register);
      found.requests().increment();
      found.responseTime().record(System.nanoTime() - request.start, TimeUnit.NANOSECONDS);
    }
  }

  /** Whether this call ended the request (a reset and a response end may both arrive). */
  private boolean end(Request request) {
    if (request.ended) {
      return false;
    }
    request.ended = true;
    active.decrementAndGet();
    return true;
  }

  private Meters register(Key key) {
    String[] tags = {"route", key.route(), "method", key.method(), "status", key.status()};
    return new Meters(Counter.builder(REQUESTS).description("Number of processed requests").tags(tags).register(registry),
        Timer.builder(RouteLabels.RESPONSE_TIME).description("Request processing time").tags(tags).register(registry));
  }
}
