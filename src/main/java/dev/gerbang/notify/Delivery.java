package dev.gerbang.notify;

/**
 * What became of one attempt to deliver an outbox message: sent; held (the channel is not configured, so it
 * waits); to be retried (after retryAfterMillis when the far end said so, else the usual backoff); or dead.
 */
record Delivery(Kind kind, String detail, long retryAfterMillis) {
  enum Kind { SENT, HELD, RETRY, DEAD }

  static Delivery sent() {
    return new Delivery(Kind.SENT, null, -1);
  }

  static Delivery held(String why) {
    return new Delivery(Kind.HELD, why, -1);
  }

  static Delivery retry(String why, long retryAfterMillis) {
    return new Delivery(Kind.RETRY, why, retryAfterMillis);
  }

  static Delivery dead(String why) {
    return new Delivery(Kind.DEAD, why, -1);
  }
}
