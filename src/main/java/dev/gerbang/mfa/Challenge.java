package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A WebAuthn challenge handed to a browser: what for (register, passkey, second), the user registering, the pending
 * sign-in it completes, the challenge itself, and when it expires (epoch ms). Each is used once.
 */
@DataObject
public final class Challenge {
  public static final String REGISTER = "register";
  public static final String PASSKEY = "passkey";
  public static final String SECOND = "second";

  private final String id;
  private final String purpose;
  private final String userId;
  private final String pendingId;
  private final String challenge;
  private final long expiresAt;

  public Challenge(String id, String purpose, String userId, String pendingId, String challenge, long expiresAt) {
    this.id = id;
    this.purpose = purpose;
    this.userId = userId;
    this.pendingId = pendingId;
    this.challenge = challenge;
    this.expiresAt = expiresAt;
  }

  public Challenge(JsonObject json) {
    this(json.getString("id"), json.getString("purpose"), json.getString("userId"), json.getString("pendingId"),
        json.getString("challenge"), json.getLong("expiresAt", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("purpose", purpose).put("userId", userId).put("pendingId", pendingId)
        .put("challenge", challenge).put("expiresAt", expiresAt);
  }

  public String id() {
    return id;
  }

  public String purpose() {
    return purpose;
  }

  public String userId() {
    return userId;
  }

  public String pendingId() {
    return pendingId;
  }

  public String challenge() {
    return challenge;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
