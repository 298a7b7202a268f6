package dev.gerbang.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gerbang.events.Events;
import dev.gerbang.notify.PushDevicesChanged;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The node's answers to {@code GET /api/me}, kept encoded: the read behind every signed-in screen, whose answer
 * changes rarely. Invalidation is exact, by the services' events: any change to an account (made on this node or
 * another) or to its push devices drops that account's answer, on this node before the change's own request is
 * answered. A look-up that ran while its account changed may have read the old state: it is served to its
 * request, which raced the change, but not kept. Bounded by size in bytes; one per node, shared by the event loops.
 */
public final class MeCache {
  private final Events events;
  private final Cache<String, Buffer> answers;
  /** When each recently changed account changed (a count, not a time), for look-ups that were under way. */
  private final Cache<String, Long> recentChanges =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();
  private final AtomicLong changes = new AtomicLong();

  public MeCache(Events events, long maxBytes) {
    this.events = events;
    this.answers = Caffeine.newBuilder()
        .maximumWeight(Math.max(maxBytes, 0))
        .<String, Buffer>weigher((userId, answer) -> userId.length() + answer.length())
        .build();
  }

  /** Listens to account and push device changes, made on this node or another. */
  public void listen() {
    events.listen(UserChanged.ADDRESS, UserChanged::fromJson, changed -> forget(changed.userId()));
    events.listen(PushDevicesChanged.ADDRESS, PushDevicesChanged::fromJson, changed -> changed.userIds().forEach(this::forget));
  }

  /** The account's answer: from memory, or loaded (null: no such account, never kept). */
  public Future<Buffer> get(String userId, Supplier<Future<Buffer>> load) {
    Buffer kept = answers.getIfPresent(userId);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    long started = changes.get();
    return load.get().onSuccess(answer -> {
      if (answer == null) {
        return;
      }
      answers.put(userId, answer);
      // Put first, then look: a change announced after this look drops the answer itself.
      Long changedAt = recentChanges.getIfPresent(userId);
      if (changedAt != null && changedAt > started) {
        answers.invalidate(userId);
      }
    });
  }

  private void forget(String userId) {
    recentChanges.put(userId, changes.incrementAndGet());
    answers.invalidate(userId);
  }
}
