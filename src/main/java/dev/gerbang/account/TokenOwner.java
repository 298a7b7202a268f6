package dev.gerbang.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The account a usable token belongs to, as the flow that checks the token needs it. */
@DataObject
public final class TokenOwner {
  private final String userId;
  private final String email;
  private final String name;
  private final String locale;
  private final boolean disabled;
  private final String newEmail;

  public TokenOwner(String userId, String email, String name, String locale, boolean disabled, String newEmail) {
    this.userId = userId;
    this.email = email;
    this.name = name;
    this.locale = locale;
    this.disabled = disabled;
    this.newEmail = newEmail;
  }

  public TokenOwner(JsonObject json) {
    this(json.getString("userId"), json.getString("email"), json.getString("name"), json.getString("locale"),
        json.getBoolean("disabled", false), json.getString("newEmail"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("email", email).put("name", name).put("locale", locale)
        .put("disabled", disabled).put("newEmail", newEmail);
  }

  public String userId() {
    return userId;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String locale() {
    return locale;
  }

  public boolean disabled() {
    return disabled;
  }

  /** The address an email-change token confirms; null for the other kinds. */
  public String newEmail() {
    return newEmail;
  }
}
