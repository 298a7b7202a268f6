package dev.gerbang.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Bucket4j buckets in a size-bounded Caffeine map. A bucket untouched for a minute is full again, so
 * dropping it then loses nothing; under pressure the least valuable buckets are evicted first.
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Cache<String, Bucket> buckets;

  public LocalRateLimiter(long maxKeys) {
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofMinutes(1)).build();
  }

  @Override
  public Future<Decision> consume(String key, Limit limit) {
    Bucket bucket = buckets.get(limit.name() + "|" + key, k -> Bucket.builder().addLimit(RateLimiter.bandwidth(limit)).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return Future.succeededFuture(RateLimiter.decision(probe, limit));
  }

  @Override
  public long trackedKeys() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

}
