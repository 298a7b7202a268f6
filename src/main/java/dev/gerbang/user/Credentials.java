package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An account and its password hash (null for an account made by social sign-in that has set none), for sign-in. */
@DataObject
public final class Credentials {
  private final User user;
  private final String passwordHash;

  public Credentials(User user, String passwordHash) {
    this.user = user;
    this.passwordHash = passwordHash;
  }

  public Credentials(JsonObject json) {
    this(new User(json.getJsonObject("user")), json.getString("passwordHash"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("user", user.toJson()).put("passwordHash", passwordHash);
  }

  public User user() {
    return user;
  }

  public String passwordHash() {
    return passwordHash;
  }
}
