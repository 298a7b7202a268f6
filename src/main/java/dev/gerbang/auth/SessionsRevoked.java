package dev.gerbang.auth;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** These sessions of this user ended (sign-out, password change or reset, refresh-token reuse, an admin). */
public record SessionsRevoked(String userId, List<String> sessionIds) implements Event {
  public static final String ADDRESS = "gerbang.sessions.revoked";

  public SessionsRevoked {
    sessionIds = List.copyOf(sessionIds);
  }

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("sessionIds", new JsonArray(sessionIds));
  }

  public static SessionsRevoked fromJson(JsonObject json) {
    return new SessionsRevoked(json.getString("userId"),
        json.getJsonArray("sessionIds", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
