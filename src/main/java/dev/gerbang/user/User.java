package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A user as the API shows it: never the password hash. A class, not a record, because Vert.x codegen
 * 5.0 accepts only classes and interfaces as data objects.
 */
@DataObject
public final class User {
  private final String id;
  private final String email;
  private final String username;
  private final String name;
  private final String bio;
  private final String avatarUrl;
  private final String locale;
  private final boolean emailVerified;
  private final boolean disabled;
  private final boolean hasPassword;
  private final List<String> roles;
  private final String createdAt;
  private final String updatedAt;

  public User(String id, String email, String username, String name, String bio, String avatarUrl, String locale, boolean emailVerified, boolean disabled, boolean hasPassword, List<String> roles, String createdAt, String updatedAt) {
    this.id = id;
    this.email = email;
    this.username = username;
    this.name = name;
    this.bio = bio;
    this.avatarUrl = avatarUrl;
    this.locale = locale;
    this.emailVerified = emailVerified;
    this.disabled = disabled;
    this.hasPassword = hasPassword;
    this.roles = List.copyOf(roles);
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public User(JsonObject json) {
    this(json.getString("id"), json.getString("email"), json.getString("username"), json.getString("name"),
        json.getString("bio"), json.getString("avatarUrl"), json.getString("locale"),
        json.getBoolean("emailVerified", false), json.getBoolean("disabled", false),
        json.getBoolean("hasPassword", true), roles(json.getJsonArray("roles")),
        json.getString("createdAt"), json.getString("updatedAt"));
  }

  private static List<String> roles(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).sorted().toList();
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String username() {
    return username;
  }

  public String name() {
    return name;
  }

  public String bio() {
    return bio;
  }

  public String avatarUrl() {
    return avatarUrl;
  }

  public String locale() {
    return locale;
  }

  public boolean emailVerified() {
    return emailVerified;
  }

  public boolean disabled() {
    return disabled;
  }

  public boolean hasPassword() {
    return hasPassword;
  }

  public List<String> roles() {
    return roles;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("username", username)
        .put("name", name)
        .put("bio", bio)
        .put("avatarUrl", avatarUrl)
        .put("locale", locale)
        .put("emailVerified", emailVerified)
        .put("disabled", disabled)
        .put("hasPassword", hasPassword)
        .put("roles", new JsonArray(roles))
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }
}
