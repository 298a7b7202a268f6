package dev.gerbang.webhook;

import dev.gerbang.config.ConfigReader;
import dev.gerbang.http.Backoff;

/**
 * The outgoing webhooks' settings, read and checked once at start-up. allowInsecure (development and tests
 * only) lets endpoints use http and loopback addresses; private, link-local and metadata addresses stay refused.
 * A failed attempt is retried after retryBaseMillis x 2^(attempt-1), at most an hour, less a random fifth at most
 * ({@link Backoff}), until maxAttempts; an endpoint whose failures have lasted disableAfterSeconds is disabled.
 */
public record WebhookSettings(boolean allowInsecure, int timeoutMillis, int retryBaseMillis, int maxAttempts,
                              int disableAfterSeconds, int rotationOverlapMinutes, int pollMillis) {

  public static WebhookSettings from(ConfigReader config) {
    return new WebhookSettings(config.bool("webhooks.allowInsecure"),
        config.intIn("webhooks.timeoutMillis", 100, 60_000),
        config.intIn("webhooks.retryBaseMillis", 10, 3_600_000),
        config.intIn("webhooks.maxAttempts", 1, 100),
        config.intIn("webhooks.disableAfterSeconds", 1, 30 * 86_400),
        config.intIn("webhooks.rotationOverlapMinutes", 0, 7 * 1440),
        config.intIn("webhooks.pollMillis", 50, 60_000));
  }

  /** The longest wait between two attempts: the backoff's ceiling, and the most a receiver's Retry-After obtains. */
  public static final long MAX_DELAY_MILLIS = Backoff.MAX_MILLIS;

  /** How long a failed delivery waits before its next attempt, after `attempts` attempts; random picks the jitter. */
  public long backoffMillis(long attempts, double random) {
    return Backoff.millis(retryBaseMillis, attempts, random);
  }
}
