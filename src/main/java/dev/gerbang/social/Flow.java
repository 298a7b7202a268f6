package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A started sign-in flow: its id (the browser's cookie), the hash of its state, the provider, what it is for, the
 * signed-in user when linking, where to land afterwards, and when it expires (epoch ms).
 */
@DataObject
public final class Flow {
  private final String id;
  private final String stateHash;
  private final String provider;
  private final FlowMode mode;
  private final String userId;
  private final String redirectPath;
  private final long expiresAt;

  public Flow(String id, String stateHash, String provider, FlowMode mode, String userId, String redirectPath, long expiresAt) {
    this.id = id;
    this.stateHash = stateHash;
    this.provider = provider;
    this.mode = mode;
    this.userId = userId;
    this.redirectPath = redirectPath;
    this.expiresAt = expiresAt;
  }

  public Flow(JsonObject json) {
    this(json.getString("id"), json.getString("stateHash"), json.getString("provider"), FlowMode.of(json.getString("mode")),
        json.getString("userId"), json.getString("redirectPath"), json.getLong("expiresAt", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("stateHash", stateHash).put("provider", provider).put("mode", mode.id())
        .put("userId", userId).put("redirectPath", redirectPath).put("expiresAt", expiresAt);
  }

  public String id() {
    return id;
  }

  public String stateHash() {
    return stateHash;
  }

  public String provider() {
    return provider;
  }

  public FlowMode mode() {
    return mode;
  }

  public String userId() {
    return userId;
  }

  public String redirectPath() {
    return redirectPath;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
