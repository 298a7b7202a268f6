package dev.gerbang.auth;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** One of a user's active sessions as they (or an admin) see it: the device, the address, and when (ISO-8601). */
@DataObject
public final class SessionSummary {
  private final String id;
  private final String userAgent;
  private final String ip;
  private final String createdAt;
  private final String lastUsedAt;
  private final String expiresAt;

  public SessionSummary(String id, String userAgent, String ip, String createdAt, String lastUsedAt, String expiresAt) {
    this.id = id;
    this.userAgent = userAgent;
    this.ip = ip;
    this.createdAt = createdAt;
    this.lastUsedAt = lastUsedAt;
    this.expiresAt = expiresAt;
  }

  public SessionSummary(JsonObject json) {
    this(json.getString("id"), json.getString("userAgent"), json.getString("ip"), json.getString("createdAt"),
        json.getString("lastUsedAt"), json.getString("expiresAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("userAgent", userAgent)
        .put("ip", ip)
        .put("createdAt", createdAt)
        .put("lastUsedAt", lastUsedAt)
        .put("expiresAt", expiresAt);
  }

  public String id() {
    return id;
  }

  public String userAgent() {
    return userAgent;
  }

  public String ip() {
    return ip;
  }

  public String createdAt() {
    return createdAt;
  }

  public String lastUsedAt() {
    return lastUsedAt;
  }

  public String expiresAt() {
    return expiresAt;
  }
}
