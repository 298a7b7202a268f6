package dev.gerbang.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.gerbang.security.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;

/**
 * The rate limiter's buckets in the cluster, with Bucket4j's Hazelcast back end: each bucket lives in one
 * partition of a Hazelcast map and is taken from by an entry processor there, atomically, so requests spread
 * over the nodes meet the limit one node would. Asynchronous: no event loop waits for the network.
 */
final class HazelcastRateLimiter implements RateLimiter {
  static final String MAP = "gerbang.rate-limits";
  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;

  HazelcastRateLimiter(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(hazelcast.<String, byte[]>getMap(MAP)).build().asAsync();
  }

  @Override
  public Future<Decision> consume(String key, Limit limit) {
    BucketConfiguration configuration = BucketConfiguration.builder().addLimit(RateLimiter.bandwidth(limit)).build();
    CompletableFuture<Decision> decided = buckets.builder()
        .build(limit.name() + "|" + key, () -> CompletableFuture.completedFuture(configuration))
        .tryConsumeAndReturnRemaining(1)
        .thenApply(probe -> RateLimiter.decision(probe, limit));
    return Future.fromCompletionStage(decided, vertx.getOrCreateContext());
  }

  @Override
  public long trackedKeys() {
    return -1;
  }
}
