package dev.gerbang.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A used reset link: whose password it set, the sessions that ended, and the providers unlinked as unproven. */
@DataObject
public final class PasswordReset {
  private final String userId;
  private final List<String> sessionIds;
  private final List<String> identitiesRemoved;

  public PasswordReset(String userId, List<String> sessionIds, List<String> identitiesRemoved) {
    this.userId = userId;
    this.sessionIds = List.copyOf(sessionIds);
    this.identitiesRemoved = List.copyOf(identitiesRemoved);
  }

  public PasswordReset(JsonObject json) {
    this(json.getString("userId"), strings(json.getJsonArray("sessionIds")), strings(json.getJsonArray("identitiesRemoved")));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("sessionIds", new JsonArray(sessionIds))
        .put("identitiesRemoved", new JsonArray(identitiesRemoved));
  }

  public String userId() {
    return userId;
  }

  public List<String> sessionIds() {
    return sessionIds;
  }

  /** The providers (google, facebook, ...) whose links were removed. */
  public List<String> identitiesRemoved() {
    return identitiesRemoved;
  }
}
