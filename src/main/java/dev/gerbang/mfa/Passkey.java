package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A registered WebAuthn credential: its id and COSE public key (base64url), signature counter, and its owner's name for it. */
@DataObject
public final class Passkey {
  private final String id;
  private final String userId;
  private final String credentialId;
  private final String publicKey;
  private final long signCount;
  private final String aaguid;
  private final String name;
  private final long createdAt;
  private final Long lastUsedAt;

  public Passkey(String id, String userId, String credentialId, String publicKey, long signCount, String aaguid, String name,
                 long createdAt, Long lastUsedAt) {
    this.id = id;
    this.userId = userId;
    this.credentialId = credentialId;
    this.publicKey = publicKey;
    this.signCount = signCount;
    this.aaguid = aaguid;
    this.name = name;
    this.createdAt = createdAt;
    this.lastUsedAt = lastUsedAt;
  }

  public Passkey(JsonObject json) {
    this(json.getString("id"), json.getString("userId"), json.getString("credentialId"), json.getString("publicKey"),
        json.getLong("signCount", 0L), json.getString("aaguid"), json.getString("name"), json.getLong("createdAt", 0L),
        json.getLong("lastUsedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("userId", userId).put("credentialId", credentialId).put("publicKey", publicKey)
        .put("signCount", signCount).put("aaguid", aaguid).put("name", name).put("createdAt", createdAt).put("lastUsedAt", lastUsedAt);
  }

  /** What its owner (and an admin) sees: no key material. */
  public JsonObject view() {
    return new JsonObject().put("id", id).put("name", name).put("createdAt", java.time.Instant.ofEpochMilli(createdAt).toString())
        .put("lastUsedAt", lastUsedAt == null ? null : java.time.Instant.ofEpochMilli(lastUsedAt).toString());
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public String credentialId() {
    return credentialId;
  }

  public String publicKey() {
    return publicKey;
  }

  public long signCount() {
    return signCount;
  }

  public String aaguid() {
    return aaguid;
  }

  public String name() {
    return name;
  }
}
