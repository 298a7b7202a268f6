package dev.gerbang.tracing;

import dev.gerbang.http.AccessLog;
import dev.gerbang.http.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Ties a request's server span (opened by Vert.x's HTTP server) to its request id, and its log line to the trace. */
final class RequestSpan implements Handler<RoutingContext> {
  static final String REQUEST_ID = "gerbang.request_id";

  @Override
  public void handle(RoutingContext ctx) {
    Span span = Span.current();
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      span.setAttribute(REQUEST_ID, RequestIds.of(ctx));
      ctx.put(AccessLog.TRACE_ID, context.getTraceId());
    }
    ctx.next();
  }
}
