package dev.gerbang.tracing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.ext.web.RoutingContext;

/**
 * Where tracing meets the rest of the server: the tracer Vert.x is built with, and the handler that ties a request's
 * span to its request id. Only Vert.x types cross this class, so that with tracing off the OpenTelemetry SDK is
 * never loaded: it lives in {@link OpenTelemetryTracing}, {@link RequestSpan} and {@link RoutedSpan}, touched only
 * when tracing is on.
 * The event bus needs nothing more: DeliveryOptions (the service proxies' and the events') default to
 * TracingPolicy.PROPAGATE, so a message sent while serving a traced request joins its trace.
 */
public final class Tracing {

  private Tracing() {
  }

  /**
   * The factory of this node's tracer, for Vert.x's builder ({@code withTracer}), or null when tracing is off. The SDK
   * is configured by the OTEL_* variables (and otel.* system properties) when Vert.x asks for the tracer; a bad value
   * fails that start with a ConfigException naming it. Closing Vert.x sends the spans still buffered.
   */
  public static VertxTracerFactory factory(TracingSettings settings) {
    return settings.enabled() ? OpenTelemetryTracing.factory() : null;
  }

  /** Puts the request id on the request's server span, and the trace id in its access log line. After RequestIds. */
  public static Handler<RoutingContext> requestTags() {
    return new RequestSpan();
  }

  /**
   * The request to give the router, so that its server span is named by the route that answers it ("GET
   * /api/articles/:slug"), not by its method alone. Only when tracing is on; when the span is not recorded (sampled
   * out), the request itself.
   */
  public static HttpServerRequest routeNamed(HttpServerRequest request) {
    return RoutedSpan.of(request);
  }
}
