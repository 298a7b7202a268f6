package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The roles whose members must sign in with a second factor, who set them last (null: the configured default) and when. */
@DataObject
public final class MfaPolicy {
  private final List<String> requiredRoles;
  private final String updatedBy;
  private final Long updatedAt;

  public MfaPolicy(List<String> requiredRoles, String updatedBy, Long updatedAt) {
    this.requiredRoles = List.copyOf(requiredRoles);
    this.updatedBy = updatedBy;
    this.updatedAt = updatedAt;
  }

  public MfaPolicy(JsonObject json) {
    this(json.getJsonArray("requiredRoles", new JsonArray()).stream().map(String::valueOf).toList(), json.getString("updatedBy"),
        json.getLong("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("requiredRoles", new JsonArray(requiredRoles)).put("updatedBy", updatedBy).put("updatedAt", updatedAt);
  }

  public List<String> requiredRoles() {
    return requiredRoles;
  }

  /** Whether a member of any of these roles must use a second factor. */
  public boolean requires(java.util.Collection<String> roles) {
    return roles.stream().anyMatch(requiredRoles::contains);
  }

  /** The JSON the admin API answers. */
  public JsonObject view() {
    return new JsonObject().put("requiredRoles", new JsonArray(requiredRoles)).put("updatedBy", updatedBy)
        .put("updatedAt", updatedAt == null ? null : java.time.Instant.ofEpochMilli(updatedAt).toString());
  }
}
