package dev.gerbang.security;

/**
 * Token buckets by key (route class + client address). Behind an interface so that the scale-out work can
 * share the buckets across nodes; {@link LocalRateLimiter} keeps them in this node's memory.
 */
public interface RateLimiter {

  /** A bucket that holds `perMinute` tokens and refills them evenly over a minute. */
  record Limit(String name, long perMinute) {
  }

  /** The outcome of taking one token: whether it was there, and what the RateLimit-* headers should say. */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
  }

  /** Takes one token from the bucket of this key. */
  Decision consume(String key, Limit limit);

  /** How many buckets are held now (bounded, so that rotating addresses cannot exhaust the heap). */
  long trackedKeys();
}
