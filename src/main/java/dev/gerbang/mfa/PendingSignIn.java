package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A sign-in whose first factor passed and that waits for its second (or, under the role policy, for an enrolment):
 * the hash of its token, the user, the provider and outcome of a social sign-in (null for a password), the attempts
 * made with the token so far (this one included, when answered by a use), and when it expires (epoch ms).
 */
@DataObject
public final class PendingSignIn {
  private final String id;
  private final String tokenHash;
  private final String userId;
  private final String provider;
  private final String outcome;
  private final boolean enrolment;
  private final int attempts;
  private final long expiresAt;

  public PendingSignIn(String id, String tokenHash, String userId, String provider, String outcome, boolean enrolment, int attempts,
                       long expiresAt) {
    this.id = id;
    this.tokenHash = tokenHash;
    this.userId = userId;
    this.provider = provider;
    this.outcome = outcome;
    this.enrolment = enrolment;
    this.attempts = attempts;
    this.expiresAt = expiresAt;
  }

  public PendingSignIn(JsonObject json) {
    this(json.getString("id"), json.getString("tokenHash"), json.getString("userId"), json.getString("provider"),
        json.getString("outcome"), json.getBoolean("enrolment", false), json.getInteger("attempts", 0), json.getLong("expiresAt", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("tokenHash", tokenHash).put("userId", userId).put("provider", provider)
        .put("outcome", outcome).put("enrolment", enrolment).put("attempts", attempts).put("expiresAt", expiresAt);
  }

  public String id() {
    return id;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public String userId() {
    return userId;
  }

  public String provider() {
    return provider;
  }

  public String outcome() {
    return outcome;
  }

  public boolean enrolment() {
    return enrolment;
  }

  public int attempts() {
    return attempts;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
