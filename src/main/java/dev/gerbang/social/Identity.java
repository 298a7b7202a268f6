package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A provider linked to an account: its email there, whether it verified it, when linked and last used (ISO-8601). */
@DataObject
public final class Identity {
  private final String provider;
  private final String email;
  private final boolean emailVerified;
  private final String createdAt;
  private final String lastUsedAt;

  public Identity(String provider, String email, boolean emailVerified, String createdAt, String lastUsedAt) {
    this.provider = provider;
    this.email = email;
    this.emailVerified = emailVerified;
    this.createdAt = createdAt;
    this.lastUsedAt = lastUsedAt;
  }

  public Identity(JsonObject json) {
    this(json.getString("provider"), json.getString("email"), json.getBoolean("emailVerified", false),
        json.getString("createdAt"), json.getString("lastUsedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("provider", provider)
        .put("email", email)
        .put("emailVerified", emailVerified)
        .put("createdAt", createdAt)
        .put("lastUsedAt", lastUsedAt);
  }

  public String provider() {
    return provider;
  }

  public String email() {
    return email;
  }

  public boolean emailVerified() {
    return emailVerified;
  }

  public String createdAt() {
    return createdAt;
  }

  public String lastUsedAt() {
    return lastUsedAt;
  }
}
