package dev.gerbang.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Token buckets by key (route class + client address): {@link LocalRateLimiter} keeps them in this node's
 * memory; in a cluster they are shared by the nodes (cluster/HazelcastRateLimiter), so that requests spread
 * over N nodes meet the same limit as on one.
 */
public interface RateLimiter {

  /** A bucket that holds `perMinute` tokens and refills them evenly over a minute. */
  record Limit(String name, long perMinute) {
  }

  /** The outcome of taking one token: whether it was there, and what the RateLimit-* headers should say. */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
  }

  /** Takes one token from the bucket of this key (at once on one node; a network hop away in a cluster). */
  Future<Decision> consume(String key, Limit limit);

  /** The decision a bucket's probe stands for. */
  public static Decision decision(ConsumptionProbe probe, Limit limit) {
    return new Decision(probe.isConsumed(), limit.perMinute(), probe.getRemainingTokens(),
        ceilSeconds(probe.getNanosToWaitForReset()), Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
  }

  /** A bucket of this limit's size that refills it evenly over a minute. */
  public static Bandwidth bandwidth(Limit limit) {
    return Bandwidth.builder().capacity(limit.perMinute()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)).build();
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  /** How many buckets are held now (bounded, so that rotating addresses cannot exhaust the heap). */
  long trackedKeys();
}
