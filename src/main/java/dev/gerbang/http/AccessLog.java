package dev.gerbang.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON log line per request: method, path (never the query: it may hold tokens), status, duration, ids. */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger("gerbang.access");
  /** Where authentication leaves the caller's user id for this line. */
  public static final String USER_ID = "gerbang.userId";
  /** Where tracing leaves the request's trace id for this line (only when tracing is on). */
  public static final String TRACE_ID = "gerbang.traceId";

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      double millis = (System.nanoTime() - start) / 1_000_000.0;
      List<Object> fields = new ArrayList<>(List.of(ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
          StructuredArguments.keyValue("method", ctx.request().method().name()),
          StructuredArguments.keyValue("path", ctx.request().path()),
          StructuredArguments.keyValue("status", ctx.response().getStatusCode()),
          StructuredArguments.keyValue("durationMs", Math.round(millis * 100) / 100.0),
          StructuredArguments.keyValue("requestId", RequestIds.of(ctx))));
      fields.add(StructuredArguments.keyValue("userId", ctx.<String>get(USER_ID)));
      String traceId = ctx.get(TRACE_ID);
      if (traceId != null) {
        fields.add(StructuredArguments.keyValue("traceId", traceId));
      }
      log.info("{} {} {}", fields.toArray());
    });
    ctx.next();
  }
}
