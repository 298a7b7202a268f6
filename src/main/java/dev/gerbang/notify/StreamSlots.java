package dev.gerbang.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * At most {@code max} open notification streams per account, counted across the whole cluster (on one node, that
 * node): each account has that many named slots in a shared map, and a stream holds one. A slot is held with a
 * time to live that the stream's heartbeat renews, so the slots of a node that died free themselves.
 */
final class StreamSlots {
  private static final String MAP = "gerbang.notify.stream-slots";
  private final int max;
  private final long ttlMillis;
  private final Future<AsyncMap<String, String>> map;

  StreamSlots(Vertx vertx, int max, long ttlMillis) {
    this.max = max;
    this.ttlMillis = ttlMillis;
    this.map = vertx.sharedData().getAsyncMap(MAP);
  }

  /** The slot the holder now has for this account, or null when all are taken. */
  Future<String> acquire(String userId, String holder) {
    return map.compose(slots -> tryFrom(slots, userId, holder, 0));
  }

  private Future<String> tryFrom(AsyncMap<String, String> slots, String userId, String holder, int index) {
    String key = userId + "#" + index;
    return slots.putIfAbsent(key, holder, ttlMillis).compose(previous -> previous == null
        ? Future.succeededFuture(key)
        : index + 1 < max ? tryFrom(slots, userId, holder, index + 1) : Future.succeededFuture(null));
  }

  /** Keeps the slot for another time to live, while the holder still has it. */
  void renew(String key, String holder) {
    map.compose(slots -> slots.get(key).compose(current -> holder.equals(current)
        ? slots.put(key, holder, ttlMillis) : Future.succeededFuture()));
  }

  void release(String key, String holder) {
    map.compose(slots -> slots.removeIfPresent(key, holder));
  }

  int max() {
    return max;
  }
}
