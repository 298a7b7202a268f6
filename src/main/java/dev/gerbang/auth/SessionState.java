package dev.gerbang.auth;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the access-token check needs of a session: whose, since when, the user's current username, roles and language,
 * and whether it is alive.
 */
@DataObject
public final class SessionState {
  private final String sessionId;
  private final String userId;
  private final long signedInAt;
  private final String username;
  private final List<String> roles;
  private final boolean active;
  private final String locale;

  public SessionState(String sessionId, String userId, long signedInAt, String username, List<String> roles, boolean active,
                      String locale) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.signedInAt = signedInAt;
    this.username = username;
    this.roles = List.copyOf(roles);
    this.active = active;
    this.locale = locale;
  }

  public SessionState(JsonObject json) {
    this(json.getString("sessionId"), json.getString("userId"), json.getLong("signedInAt", 0L), json.getString("username"),
        json.getJsonArray("roles", new JsonArray()).stream().map(String::valueOf).toList(), json.getBoolean("active", false),
        json.getString("locale"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("sessionId", sessionId).put("userId", userId).put("signedInAt", signedInAt)
        .put("username", username).put("roles", new JsonArray(roles)).put("active", active).put("locale", locale);
  }

  public String sessionId() {
    return sessionId;
  }

  public String userId() {
    return userId;
  }

  /** When the session began (epoch ms): a sign-in, not a refresh. */
  public long signedInAt() {
    return signedInAt;
  }

  public String username() {
    return username;
  }

  public List<String> roles() {
    return roles;
  }

  /** Not revoked, not expired, and the account is not disabled. */
  public boolean active() {
    return active;
  }

  /** The user's language (en, id), from their profile. */
  public String locale() {
    return locale;
  }
}
