package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What opening a pending sign-up's mailed link came to. */
@DataObject
public final class SignUpResult {
  /** What opening the link came to. */
  public enum Outcome {
    /** The account exists now, its email verified, with the provider linked. */
    CREATED,
    /** The identity was linked meanwhile: its account. */
    EXISTING,
    /** The email registered meanwhile: no second account for one address. */
    ACCOUNT_EXISTS,
    /** Opened in a browser other than the one that signed in. */
    OTHER_BROWSER,
    /** Unknown, expired or used. */
    INVALID
  }

  private final Outcome outcome;
  private final String userId;
  private final String provider;
  private final String redirectPath;

  public SignUpResult(Outcome outcome, String userId, String provider, String redirectPath) {
    this.outcome = outcome;
    this.userId = userId;
    this.provider = provider;
    this.redirectPath = redirectPath;
  }

  /** A link that created nothing, and why. */
  public static SignUpResult refused(Outcome outcome) {
    return new SignUpResult(outcome, null, null, null);
  }

  public SignUpResult(JsonObject json) {
    this(Outcome.valueOf(json.getString("outcome")), json.getString("userId"), json.getString("provider"),
        json.getString("redirectPath"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome", outcome.name()).put("userId", userId).put("provider", provider)
        .put("redirectPath", redirectPath);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The account to sign in to, for CREATED and EXISTING. */
  public String userId() {
    return userId;
  }

  /** The provider the sign-up came from, when the link was used. */
  public String provider() {
    return provider;
  }

  public String redirectPath() {
    return redirectPath;
  }
}
