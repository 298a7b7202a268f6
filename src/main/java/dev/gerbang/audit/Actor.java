package dev.gerbang.audit;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Who asks a service for something, and from where (routes make one with {@link Audit#actor}): the signed-in user and their roles (none for an
 * anonymous caller), the client address and the request id. Services decide access from it and write it
 * into the audit rows of their own transactions.
 */
@DataObject
public final class Actor {
  private final String userId;
  private final List<String> roles;
  private final String ip;
  private final String requestId;

  public Actor(String userId, List<String> roles, String ip, String requestId) {
    this.userId = userId;
    this.roles = List.copyOf(roles);
    this.ip = ip;
    this.requestId = requestId;
  }

  public Actor(JsonObject json) {
    this(json.getString("userId"), json.getJsonArray("roles", new JsonArray()).stream().map(String::valueOf).toList(),
        json.getString("ip"), json.getString("requestId"));
  }

  /** A command line or a job of the server's own: no user, no address. */
  public static Actor system(String what) {
    return new Actor(null, List.of(), null, what);
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("roles", new JsonArray(roles)).put("ip", ip).put("requestId", requestId);
  }

  public String userId() {
    return userId;
  }

  public List<String> roles() {
    return roles;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public String ip() {
    return ip;
  }

  public String requestId() {
    return requestId;
  }
}
