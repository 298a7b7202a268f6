package dev.gerbang.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides, for every authenticated request, whether the token's session is still alive and which roles its
 * user holds now. One per node, shared by all event loops: a bounded cache in front of the session table.
 * A revocation or role change clears the entries on this node before the response that caused it is sent
 * (so the next request on any event loop sees it), and is published on the event bus for the other nodes.
 */
public final class SessionGate {
  /** Published on revocations and account changes: {sessionIds:[...]} and/or {userId}. */
  public static final String CHANGED = "gerbang.sessions.changed";

  private final Vertx vertx;
  private final SessionService sessions;
  private final AsyncCache<String, Optional<JsonObject>> cache;

  public SessionGate(Vertx vertx, SessionService sessions, int cacheSeconds) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.cache = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterWrite(Duration.ofSeconds(Math.max(cacheSeconds, 0)))
        .buildAsync();
  }

  /** Listens for changes made on other nodes (and harmlessly, on this one). */
  public MessageConsumer<JsonObject> listen() {
    return vertx.eventBus().consumer(CHANGED, message -> forgetLocally(message.body()));
  }

  /** The caller when the session is active and belongs to the token's subject; otherwise null. */
  public Future<AuthUser> check(String sessionId, String userId) {
    CompletableFuture<Optional<JsonObject>> entry = cache.get(sessionId, (sid, executor) ->
        sessions.lookup(sid).map(Optional::ofNullable).toCompletionStage().toCompletableFuture());
    return Future.fromCompletionStage(entry, vertx.getOrCreateContext()).map(found -> {
      JsonObject session = found.orElse(null);
      if (session == null || !session.getBoolean("active", false) || !userId.equals(session.getString("userId"))) {
        return null;
      }
      HashSet<String> roles = new HashSet<>();
      session.getJsonArray("roles", new JsonArray()).forEach(role -> roles.add(String.valueOf(role)));
      return new AuthUser(userId, sessionId, session.getString("username"), java.util.Set.copyOf(roles));
    });
  }

  public void sessionsRevoked(Collection<String> sessionIds) {
    JsonObject change = new JsonObject().put("sessionIds", new JsonArray(java.util.List.copyOf(sessionIds)));
    forgetLocally(change);
    vertx.eventBus().publish(CHANGED, change);
  }

  /** The user's roles, name or status changed: drop what this node remembers of their sessions. */
  public void userChanged(String userId) {
    JsonObject change = new JsonObject().put("userId", userId);
    forgetLocally(change);
    vertx.eventBus().publish(CHANGED, change);
  }

  private void forgetLocally(JsonObject change) {
    JsonArray ids = change.getJsonArray("sessionIds");
    if (ids != null) {
      ids.forEach(id -> cache.synchronous().invalidate(String.valueOf(id)));
    }
    String userId = change.getString("userId");
    if (userId != null) {
      cache.synchronous().asMap().entrySet().removeIf(e -> e.getValue().map(s -> userId.equals(s.getString("userId"))).orElse(false));
    }
  }
}
