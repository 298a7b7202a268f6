package dev.gerbang.tracing;

import dev.gerbang.http.RouteTemplate;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * Names a request's server span as OpenTelemetry's HTTP conventions ask (Vert.x's tracer names it by the method
 * alone): "{method} {http.route}" ("GET /api/articles/:slug"), with http.route the {@link RouteTemplate} of the route
 * that answered, never the raw path; the method alone when no route with a template answers (a 404 or 405, the
 * static files and the SPA's page, whose route is a regular expression); "HTTP" for a method outside the standard
 * set. Vert.x web tells the request each route it matches (routed, which is otherwise only the meters'), so the
 * router is given this wrapper in place of the server's request; the span is renamed when a template is matched,
 * long before it ends with the response.
 */
final class RoutedSpan extends HttpServerRequestWrapper {
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");

  private final Span span;
  private final String method;
  private final RouteTemplate routes = new RouteTemplate();
  private String named;

  private RoutedSpan(HttpServerRequestInternal request, Span span, String method) {
    super(request);
    this.span = span;
    this.method = method;
  }

  /** The request the router should see: this wrapper while its server span records, else the request itself. */
  static HttpServerRequest of(HttpServerRequest request) {
    Span span = Span.current();
    if (!span.isRecording()) {
      return request;
    }
    String method = request.method().name();
    if (!RouteTemplate.standardMethod(method)) {
      // Any token is a method to HTTP: a made-up one must neither name spans without bound nor pass as known.
      span.updateName("HTTP");
      span.setAttribute(METHOD, "_OTHER");
      span.setAttribute(METHOD_ORIGINAL, method);
      method = "HTTP";
    }
    return new RoutedSpan((HttpServerRequestInternal) request, span, method);
  }

  @Override
  public HttpServerRequest routed(String route) {
    routes.passed(route);
    String template = routes.template();
    // Once a template answered, later routes are paths-less handlers or the failure handler: the name stays.
    if (template != null && !template.equals(named)) {
      named = template;
      span.updateName(method + " " + template);
      span.setAttribute(ROUTE, template);
    }
    return super.routed(route);
  }
}
