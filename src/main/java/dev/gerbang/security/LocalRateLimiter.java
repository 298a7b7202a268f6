package dev.gerbang.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Bucket4j buckets in a size-bounded Caffeine map. A bucket untouched for a minute is full again, so
 * dropping it then loses nothing; under pressure the least valuable buckets are evicted first.
 */
public final class LocalRateLimiter implements RateLimiter {
  private static final long NANOS = 1_000_000_000L;
  private final Cache<String, Bucket> buckets;

  public LocalRateLimiter(long maxKeys) {
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofMinutes(1)).build();
  }

  @Override
  public Decision consume(String key, Limit limit) {
    Bucket bucket = buckets.get(limit.name() + "|" + key, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(limit.perMinute()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return new Decision(probe.isConsumed(), limit.perMinute(), probe.getRemainingTokens(),
        ceilSeconds(probe.getNanosToWaitForReset()), Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
  }

  @Override
  public long trackedKeys() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + NANOS - 1) / NANOS;
  }
}
