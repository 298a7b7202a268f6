package dev.gerbang.http;

import dev.gerbang.auth.AuthUser;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON log line per request: method, path (never the query: it may hold tokens), status, duration, ids. */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger("gerbang.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      AuthUser user = AuthUser.of(ctx);
      double millis = (System.nanoTime() - start) / 1_000_000.0;
      log.info("{} {} {}", ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
          StructuredArguments.keyValue("method", ctx.request().method().name()),
          StructuredArguments.keyValue("path", ctx.request().path()),
          StructuredArguments.keyValue("status", ctx.response().getStatusCode()),
          StructuredArguments.keyValue("durationMs", Math.round(millis * 100) / 100.0),
          StructuredArguments.keyValue("requestId", RequestIds.of(ctx)),
          StructuredArguments.keyValue("userId", user == null ? null : user.userId()));
    });
    ctx.next();
  }
}
