package dev.gerbang.social;

import dev.gerbang.account.Mail;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * What a sign-in stores when the provider's email is unverified and no account has it: the row (id, the hash of
 * the mailed token, the hash of the browser's secret, where to land, expiry) and the mail with the link; no second
 * mail to the same address within cooldownMs.
 */
@DataObject
public final class PendingSignUp {
  private final String id;
  private final String tokenHash;
  private final String browserHash;
  private final String redirectPath;
  private final long expiresAt;
  private final long cooldownMs;
  private final Mail mail;

  public PendingSignUp(String id, String tokenHash, String browserHash, String redirectPath, long expiresAt, long cooldownMs,
                       Mail mail) {
    this.id = id;
    this.tokenHash = tokenHash;
    this.browserHash = browserHash;
    this.redirectPath = redirectPath;
    this.expiresAt = expiresAt;
    this.cooldownMs = cooldownMs;
    this.mail = mail;
  }

  public PendingSignUp(JsonObject json) {
    this(json.getString("id"), json.getString("tokenHash"), json.getString("browserHash"), json.getString("redirectPath"),
        json.getLong("expiresAt", 0L), json.getLong("cooldownMs", 0L), new Mail(json.getJsonObject("mail")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("tokenHash", tokenHash).put("browserHash", browserHash)
        .put("redirectPath", redirectPath).put("expiresAt", expiresAt).put("cooldownMs", cooldownMs).put("mail", mail.toJson());
  }

  public String id() {
    return id;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public String browserHash() {
    return browserHash;
  }

  public String redirectPath() {
    return redirectPath;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public long cooldownMs() {
    return cooldownMs;
  }

  public Mail mail() {
    return mail;
  }
}
