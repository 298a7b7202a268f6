package dev.gerbang.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gerbang.events.Events;
import dev.gerbang.user.UserChanged;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, for every authenticated request, whether the token's session is still alive and which roles its
 * user holds now. One per node, shared by all event loops: a bounded cache in front of the session table,
 * with an index of the cached sessions by user. It listens to the services' events: a revocation drops those
 * sessions, a change to an account's roles, status or names drops that account's sessions (and only those).
 * On this node that happens before the service answers, so before the response that caused it is sent.
 */
public final class SessionGate {
  private final Vertx vertx;
  private final SessionService sessions;
  private final AsyncCache<String, Optional<SessionState>> cache;
  private final Map<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();
  /** When each recently changed account changed (a count, not a time), for look-ups that were under way. */
  private final Cache<String, Long> recentChanges = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();
  private final AtomicLong changes = new AtomicLong();

  public SessionGate(Vertx vertx, SessionService sessions, int cacheSeconds) {
    this(vertx, sessions, cacheSeconds, ForkJoinPool.commonPool());
  }

  /** With the executor that runs the cache's removal listener (a test holds it back to replay a late one). */
  SessionGate(Vertx vertx, SessionService sessions, int cacheSeconds, Executor executor) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.cache = Caffeine.newBuilder()
        .executor(executor)
        .maximumSize(100_000)
        .expireAfterWrite(Duration.ofSeconds(Math.max(cacheSeconds, 0)))
        .<String, Optional<SessionState>>removalListener((sessionId, session, cause) -> {
          if (session != null) {
            session.ifPresent(s -> forgetIndex(s.userId(), sessionId));
          }
        })
        .buildAsync();
  }

  /** Listens to revocations and account changes, made on this node or another. */
  public void listen(Events events) {
    events.listen(SessionsRevoked.ADDRESS, SessionsRevoked::fromJson, revoked -> cache.synchronous().invalidateAll(revoked.sessionIds()));
    events.listen(UserChanged.ADDRESS, UserChanged::fromJson, changed -> {
      if (changed.affectsSessions()) {
        recentChanges.put(changed.userId(), changes.incrementAndGet());
        Set<String> ids = sessionsByUser.remove(changed.userId());
        if (ids != null) {
          cache.synchronous().invalidateAll(ids);
        }
      }
    });
  }

  /** The caller when the session is active and belongs to the token's subject; otherwise null. */
  public Future<AuthUser> check(String sessionId, String userId) {
    CompletableFuture<Optional<SessionState>> entry = cache.get(sessionId, (sid, executor) -> {
      long started = changes.get();
      return sessions.lookup(sid).map(found -> {
        if (found != null) {
          String user = found.userId();
          sessionsByUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(sid);
          Long changedAt = recentChanges.getIfPresent(user);
          if (changedAt != null && changedAt > started) {
            // The account changed while this look-up ran: it may have read the old state. Serve it to this
            // request, which raced the change, but keep it for no other.
            vertx.runOnContext(v -> cache.synchronous().invalidate(sid));
          }
        }
        return Optional.ofNullable(found);
      }).toCompletionStage().toCompletableFuture();
    });
    return Future.fromCompletionStage(entry, vertx.getOrCreateContext()).map(found -> {
      SessionState session = found.orElse(null);
      if (session == null || !session.active() || !userId.equals(session.userId())) {
        return null;
      }
      return new AuthUser(userId, sessionId, session.username(), Set.copyOf(session.roles()), session.locale());
    });
  }

  /**
   * Called by the removal listener, which runs later, on another thread: by then the session may have been looked
   * up again and cached anew, and its index entry is the new one's, to keep. Otherwise a change of the account's
   * roles would no longer find it, and an admin demoted would stay one here until the entry expired. Under the
   * user's lock, which the look-up takes to add its entry, after its future is in the cache.
   */
  private void forgetIndex(String userId, String sessionId) {
    if (userId != null) {
      sessionsByUser.computeIfPresent(userId, (user, ids) -> {
        if (!cache.asMap().containsKey(sessionId)) {
          ids.remove(sessionId);
        }
        return ids.isEmpty() ? null : ids;
      });
    }
  }
}
