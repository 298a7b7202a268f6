package dev.gerbang.notify.push;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first bytes of a response body, for an outcome's detail, and drops the rest: push endpoints come
 * from browsers, so a hostile one must not be able to make us buffer an endless answer.
 */
final class CappedBody implements WriteStream<Buffer> {
  private final int limit;
  private final Buffer kept = Buffer.buffer();

  CappedBody(int limit) {
    this.limit = limit;
  }

  String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }

  @Override
  public Future<Void> write(Buffer data) {
    int room = limit - kept.length();
    if (room > 0) {
      kept.appendBuffer(data, 0, Math.min(room, data.length()));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public CappedBody exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public CappedBody setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public CappedBody drainHandler(Handler<Void> handler) {
    return this;
  }
}
