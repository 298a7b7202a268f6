package dev.gerbang.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A confirmed email change: whose, and the new (verified) address. */
@DataObject
public final class EmailChange {
  private final String userId;
  private final String email;

  public EmailChange(String userId, String email) {
    this.userId = userId;
    this.email = email;
  }

  public EmailChange(JsonObject json) {
    this(json.getString("userId"), json.getString("email"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("email", email);
  }

  public String userId() {
    return userId;
  }

  public String email() {
    return email;
  }
}
