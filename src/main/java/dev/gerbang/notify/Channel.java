package dev.gerbang.notify;

import io.vertx.core.Future;

/** One way an outbox message leaves the server: email, Web Push, FCM. */
interface Channel {
  /** Delivers one claimed outbox row; a failed future counts as a retry. */
  Future<Delivery> deliver(OutboxMessage message);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
