package dev.gerbang.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed outgoing delivery (mail, push, webhook) waits before its next attempt: baseMillis x
 * 2^(attempt-1), at most an hour, less a random share of up to a fifth. The jitter spreads the retries of
 * deliveries that failed together (a receiver or mail server that was down for a minute), which would otherwise
 * all come back at the same instant and knock it over again. It only ever shortens the wait, so the hourly
 * ceiling holds, and with it every rule counted in attempts per hour.
 */
public final class Backoff {
  /** The longest wait between two attempts. */
  public static final long MAX_MILLIS = 3_600_000L;
  /** The most of a wait the jitter takes off. */
  static final double JITTER_SHARE = 0.2;

  private Backoff() {
  }

  /** The wait after `attempts` attempts, with random in [0, 1) choosing the jitter. */
  public static long millis(long baseMillis, long attempts, double random) {
    long full = Math.min(MAX_MILLIS, baseMillis * (1L << Math.min(20, Math.max(0, attempts - 1))));
    return full - (long) (full * JITTER_SHARE * random);
  }

  /** The wait after `attempts` attempts, with a fresh random jitter. */
  public static long millis(long baseMillis, long attempts) {
    return millis(baseMillis, attempts, ThreadLocalRandom.current().nextDouble());
  }
}
