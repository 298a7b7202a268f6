package dev.gerbang.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow-loris defence: an HTTP/1 connection must deliver a request's headers within a deadline after it
 * opens or after its previous response, or it is closed. The idle timeout alone does not do it: a client
 * that sends one byte every few seconds is never idle. One per verticle; all calls come on its event loop,
 * and one periodic sweep (not a timer per connection) closes the overdue ones.
 */
public final class HeaderDeadline {
  private final long millis;
  // By identity: Vert.x 5's HTTP/1 connections compare equal to one another.
  private final Map<HttpConnection, Long> deadlines = new IdentityHashMap<>();
  private final Vertx vertx;
  private long sweeper = -1;

  public HeaderDeadline(Vertx vertx, int seconds) {
    this.vertx = vertx;
    this.millis = seconds * 1000L;
    if (millis > 0) {
      sweeper = vertx.setPeriodic(Math.max(100, Math.min(1000, millis / 4)), tick -> sweep());
    }
  }

  /** A new connection: start the clock. Call {@link #closed} from its close handler. */
  public void opened(HttpConnection connection) {
    if (millis <= 0) {
      return;
    }
    deadlines.put(connection, System.currentTimeMillis() + millis);
  }

  /** The connection closed: forget it. */
  public void closed(HttpConnection connection) {
    deadlines.remove(connection);
  }

  /** Call first in the request handler: the headers have arrived; the clock restarts when the response ends. */
  public void received(HttpServerRequest request) {
    if (millis <= 0) {
      return;
    }
    HttpConnection connection = request.connection();
    deadlines.remove(connection);
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().endHandler(ended -> deadlines.put(connection, System.currentTimeMillis() + millis));
    }
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    List<HttpConnection> overdue = new ArrayList<>();
    deadlines.forEach((connection, deadline) -> {
      if (deadline <= now) {
        overdue.add(connection);
      }
    });
    for (HttpConnection connection : overdue) {
      deadlines.remove(connection);
      connection.close();
    }
  }

  /** Stops the sweep (the verticle is stopping). */
  public void stop() {
    if (sweeper != -1) {
      vertx.cancelTimer(sweeper);
    }
  }
}
