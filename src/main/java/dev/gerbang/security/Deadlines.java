package dev.gerbang.security;

import dev.gerbang.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;

/**
 * The time limits of a request once its headers are in (the header deadline is {@link HeaderDeadline}'s): its
 * body must arrive within the body timeout, on every route (408), and it must be answered within the request
 * timeout (503), except the notification stream, which stays open by design. Either answer ends the connection:
 * the client may still owe body bytes, and a connection left waiting for them is one an attacker holds for free
 * by sending a byte now and then. Replaces vertx-web's TimeoutHandler, which answers but keeps the connection.
 */
public final class Deadlines implements Handler<RoutingContext> {
  private static final String STREAM = "/api/notifications/stream";
  /** RST_STREAM's CANCEL: on HTTP/2 only the stream goes, not the connection that other requests share. */
  private static final long CANCEL = 8;

  private final long bodyMillis;
  private final long requestMillis;

  public Deadlines(int bodySeconds, int requestSeconds) {
    this.bodyMillis = bodySeconds * 1000L;
    this.requestMillis = requestSeconds * 1000L;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Vertx vertx = ctx.vertx();
    HttpServerRequest request = ctx.request();
    long body = declaresBody(request) ? vertx.setTimer(bodyMillis, fired -> {
      if (!request.isEnded()) {
        expire(ctx, new Problem(408, "body-timeout", "title.body_timeout", "detail.body_timeout", List.of())
            .with("seconds", bodyMillis / 1000));
      }
    }) : -1;
    long answer = isStream(ctx) ? -1 : vertx.setTimer(requestMillis, fired -> expire(ctx, new HttpException(503)));
    ctx.addEndHandler(ended -> {
      vertx.cancelTimer(answer);
      // Answered before its body arrived (a 401, 404 or 405 needs no body): the connection still waits for that
      // body before it can take the next request, so the body deadline keeps running.
      if (request.isEnded()) {
        vertx.cancelTimer(body);
      }
    });
    ctx.next();
  }

  /** A body is on its way: declared by the headers, or (HTTP/2, where frames tell) not ended yet. */
  private static boolean declaresBody(HttpServerRequest request) {
    if (request.isEnded()) {
      return false;
    }
    if (request.version() == HttpVersion.HTTP_2) {
      return true;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || length != null && !length.strip().equals("0");
  }

  private static boolean isStream(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    return path.equals(STREAM) || path.equals(STREAM + "/");
  }

  /** Answers with the problem when nothing was sent yet, then ends the connection, or the stream on HTTP/2. */
  private static void expire(RoutingContext ctx, Throwable problem) {
    var response = ctx.response();
    if (response.closed()) {
      return;
    }
    if (response.ended() || response.headWritten()) {
      cut(ctx);
      return;
    }
    if (ctx.request().version() != HttpVersion.HTTP_2) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    ctx.addEndHandler(ended -> {
      if (!ctx.request().isEnded() || ctx.request().version() != HttpVersion.HTTP_2) {
        cut(ctx);
      }
    });
    ctx.fail(problem);
  }

  /** Too late (or no more reason) to answer: only the connection can go, or on HTTP/2 the stream. */
  private static void cut(RoutingContext ctx) {
    if (ctx.request().version() == HttpVersion.HTTP_2) {
      ctx.response().reset(CANCEL);
    } else {
      ctx.request().connection().close();
    }
  }
}
