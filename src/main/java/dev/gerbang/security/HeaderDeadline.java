package dev.gerbang.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * The slow-loris defence: an HTTP/1 connection must deliver a request's headers within a deadline after it
 * opens or after its previous response, or it is closed. The idle timeout alone does not do it: a client
 * that sends one byte every few seconds is never idle. One per verticle; all calls come on its event loop.
 */
public final class HeaderDeadline {
  private final Vertx vertx;
  private final long millis;
  private final Map<HttpConnection, Long> timers = new HashMap<>();

  public HeaderDeadline(Vertx vertx, int seconds) {
    this.vertx = vertx;
    this.millis = seconds * 1000L;
  }

  /** For HttpServer.connectionHandler: start the clock on a new connection. */
  public void opened(HttpConnection connection) {
    if (millis <= 0) {
      return;
    }
    arm(connection);
    connection.closeHandler(closed -> disarm(connection));
  }

  /** Call first in the request handler: the headers have arrived; the clock restarts when the response ends. */
  public void received(HttpServerRequest request) {
    if (millis <= 0) {
      return;
    }
    HttpConnection connection = request.connection();
    disarm(connection);
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().endHandler(ended -> arm(connection));
    }
  }

  private void arm(HttpConnection connection) {
    disarm(connection);
    long id = vertx.setTimer(millis, fired -> {
      timers.remove(connection);
      connection.close();
    });
    timers.put(connection, id);
  }

  private void disarm(HttpConnection connection) {
    Long id = timers.remove(connection);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }
}
