package dev.gerbang.auth;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What presenting a refresh token did; sessionId and userId are null when the token is unknown. */
@DataObject
public final class RefreshResult {
  /** What became of the token. */
  public enum Outcome {
    /** Its successor is stored: a new pair. */
    ROTATED,
    /** It was rotated moments ago (two tabs): the same successor again. */
    GRACE,
    /** It was rotated earlier: a copy exists elsewhere, and the session is now ended. */
    REUSED,
    /** Unknown, expired, revoked, past the session's absolute lifetime, or the account is disabled. */
    INVALID
  }

  private final Outcome outcome;
  private final String sessionId;
  private final String userId;
  private final Long issuedAt;

  public RefreshResult(Outcome outcome, String sessionId, String userId, Long issuedAt) {
    this.outcome = outcome;
    this.sessionId = sessionId;
    this.userId = userId;
    this.issuedAt = issuedAt;
  }

  public RefreshResult(JsonObject json) {
    this(Outcome.valueOf(json.getString("outcome")), json.getString("sessionId"), json.getString("userId"),
        json.getLong("issuedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome", outcome.name()).put("sessionId", sessionId).put("userId", userId)
        .put("issuedAt", issuedAt);
  }

  public Outcome outcome() {
    return outcome;
  }

  public String sessionId() {
    return sessionId;
  }

  public String userId() {
    return userId;
  }

  /** When the successor was issued (epoch ms): for ROTATED and GRACE, else null. */
  public Long issuedAt() {
    return issuedAt;
  }
}
