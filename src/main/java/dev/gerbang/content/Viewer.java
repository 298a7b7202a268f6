package dev.gerbang.content;

import dev.gerbang.audit.Actor;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is asking, as the content services see it: {userId, roles} over the event bus, or an empty object
 * for an anonymous caller. The services decide visibility and ownership from it next to their queries.
 */
public final class Viewer {
  private final String userId;
  private final JsonArray roles;

  private Viewer(String userId, JsonArray roles) {
    this.userId = userId;
    this.roles = roles;
  }

  public static JsonObject json(RoutingContext ctx) {
    AuthUser user = AuthUser.of(ctx);
    if (user == null) {
      return new JsonObject();
    }
    return new JsonObject().put("userId", user.userId()).put("roles", new JsonArray(user.roles().stream().sorted().toList()));
  }

  public static Viewer of(Actor actor) {
    return new Viewer(actor.userId(), new JsonArray(actor.roles()));
  }

  public static Viewer of(JsonObject json) {
    return new Viewer(json == null ? null : json.getString("userId"),
        json == null ? new JsonArray() : json.getJsonArray("roles", new JsonArray()));
  }

  public String userId() {
    return userId;
  }

  public boolean anonymous() {
    return userId == null;
  }

  /** Editors and admins: may publish, and may edit, hide or delete anyone's content. */
  public boolean isEditor() {
    return roles.contains(Roles.EDITOR) || roles.contains(Roles.ADMIN);
  }

  public boolean is(String authorId) {
    return userId != null && userId.equals(authorId);
  }
}
