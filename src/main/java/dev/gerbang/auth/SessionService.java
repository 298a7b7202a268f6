package dev.gerbang.auth;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sessions and their rotating refresh tokens (stored as SHA-256 hashes), on the event bus. */
@ProxyGen
@VertxGen
public interface SessionService {
  String ADDRESS = "gerbang.sessions";

  static SessionService proxy(Vertx vertx) {
    return new SessionServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Opens a session: {id, userId, refreshHash, userAgent, ip, expiresAt, newDeviceMail?}. The mail is queued,
   * in the same transaction, when the account has signed in before but never from this user agent.
   */
  Future<Void> create(JsonObject session);

  /**
   * Presents a refresh token (by hash) together with the hash of its deterministic successor.
   * Answers {outcome, sessionId, userId, issuedAt}: outcome `rotated` (successor stored), `grace` (already
   * rotated within graceMs: same successor again), `reused` (rotated earlier: the session is now revoked),
   * or `invalid` (unknown, expired, revoked, older than absoluteMs since sign-in, or the account is disabled).
   * A rotation extends the session by ttlMs, never past absoluteMs after its sign-in.
   */
  Future<JsonObject> refresh(String tokenHash, String successorHash, long graceMs, long ttlMs, long absoluteMs);

  /** {sessionId, userId, signedInAt (epoch ms), username, roles, active} for the access-token check, or null when unknown. */
  Future<JsonObject> lookup(String sessionId);

  /** Revokes one session of this user; false when the user has no such active session. */
  Future<Boolean> revoke(String userId, String sessionId, String reason);

  /** Revokes every active session of the user except one (null: all); answers the revoked ids. */
  Future<JsonArray> revokeAll(String userId, String exceptSessionId, String reason);

  /** The user's active sessions, most recently used first. */
  Future<JsonArray> list(String userId);
}
