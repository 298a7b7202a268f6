package dev.gerbang.user;

import dev.gerbang.account.EmailToken;
import dev.gerbang.account.Mail;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A new account with the `user` role: its email, name, optional username and locale (en when null), password
 * hash, and optionally the email-verification token and its mail, stored in the same transaction.
 */
@DataObject
public final class Registration {
  private final String email;
  private final String name;
  private final String username;
  private final String locale;
  private final String passwordHash;
  private final EmailToken verification;
  private final Mail verificationMail;

  public Registration(String email, String name, String username, String locale, String passwordHash,
                      EmailToken verification, Mail verificationMail) {
    this.email = email;
    this.name = name;
    this.username = username;
    this.locale = locale;
    this.passwordHash = passwordHash;
    this.verification = verification;
    this.verificationMail = verificationMail;
  }

  /** An account without a verification mail (made by a command line). */
  public Registration(String email, String name, String passwordHash) {
    this(email, name, null, null, passwordHash, null, null);
  }

  public Registration(JsonObject json) {
    this(json.getString("email"), json.getString("name"), json.getString("username"), json.getString("locale"),
        json.getString("passwordHash"),
        json.getJsonObject("verification") == null ? null : new EmailToken(json.getJsonObject("verification")),
        json.getJsonObject("verificationMail") == null ? null : new Mail(json.getJsonObject("verificationMail")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("name", name).put("username", username).put("locale", locale)
        .put("passwordHash", passwordHash)
        .put("verification", verification == null ? null : verification.toJson())
        .put("verificationMail", verificationMail == null ? null : verificationMail.toJson());
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String username() {
    return username;
  }

  public String locale() {
    return locale;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public EmailToken verification() {
    return verification;
  }

  public Mail verificationMail() {
    return verificationMail;
  }
}
