package dev.gerbang.http;

import io.vertx.core.Future;
import java.net.BindException;

/**
 * A listener whose port is taken fails with one line that says which port and which setting moves it, rather than
 * the socket's bare "Address already in use": it is what `java -jar` prints when it cannot start.
 */
public final class PortInUse {
  private PortInUse() {
  }

  public static <T> Future<T> explain(Future<T> listening, String host, int port, String variable) {
    return listening.recover(failure -> {
      if (!(failure instanceof BindException)) {
        return Future.failedFuture(failure);
      }
      BindException explained = new BindException("port " + port + " on " + host + " is in use (" + failure.getMessage()
          + "): stop what holds it, or set " + variable + " to another port");
      explained.initCause(failure);
      return Future.failedFuture(explained);
    });
  }
}
