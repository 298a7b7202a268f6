package dev.gerbang.auth;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Sessions and their rotating refresh tokens (stored as SHA-256 hashes), on the event bus. */
@ProxyGen
@VertxGen
public interface SessionService {
  String ADDRESS = "gerbang.sessions";

  static SessionService proxy(Vertx vertx) {
    return new SessionServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Opens a session and writes the sign-in's audit row (login, or oauth_login for a provider). Its new-device mail
   * is queued, in the same transaction, when the account has signed in before but never from this user agent.
   */
  Future<Void> create(NewSession session, Actor actor);

  /**
   * Presents a refresh token (by hash) together with the hash of its deterministic successor: rotated (successor
   * stored), grace (already rotated within graceMs: same successor again), reused (rotated earlier: the session is
   * now revoked, and refresh_reuse audited) or invalid. A rotation extends the session by ttlMs, never past absoluteMs
   * after its sign-in.
   */
  Future<RefreshResult> refresh(String tokenHash, String successorHash, long graceMs, long ttlMs, long absoluteMs, Actor actor);

  /** The session and its user's current roles, for the access-token check, or null when unknown. */
  Future<SessionState> lookup(String sessionId);

  /** Revokes one session of this user, audited as the reason says; false when the user has no such active session. */
  Future<Boolean> revoke(String userId, String sessionId, SessionEnd reason, Actor actor);

  /** Revokes every active session of the user except one (null: all), audited as the reason says; answers the revoked ids. */
  Future<List<String>> revokeAll(String userId, String exceptSessionId, SessionEnd reason, Actor actor);

  /** The user's active sessions, most recently used first. */
  Future<List<SessionSummary>> list(String userId);
}
