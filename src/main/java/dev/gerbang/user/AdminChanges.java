package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An admin's change to an account: the roles it should hold, and whether it is disabled; null leaves either as is. */
@DataObject
public final class AdminChanges {
  private final List<String> roles;
  private final Boolean disabled;

  public AdminChanges(List<String> roles, Boolean disabled) {
    this.roles = roles == null ? null : List.copyOf(roles);
    this.disabled = disabled;
  }

  public AdminChanges(JsonObject json) {
    this(json.getJsonArray("roles") == null ? null : json.getJsonArray("roles").stream().map(String::valueOf).toList(),
        json.getBoolean("disabled"));
  }

  /** Only what changes: {roles?, disabled?}, as the audit row records it. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (roles != null) {
      json.put("roles", new JsonArray(roles));
    }
    if (disabled != null) {
      json.put("disabled", disabled);
    }
    return json;
  }

  /** The roles the account should hold, or null to keep its roles. */
  public List<String> roles() {
    return roles;
  }

  /** Whether the account should be disabled, or null to keep its status. */
  public Boolean disabled() {
    return disabled;
  }
}
