package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What a provider sign-in came to, and for which account. */
@DataObject
public final class SignInResult {
  /** What a provider sign-in came to. */
  public enum Outcome {
    /** The identity was linked before: its account. */
    EXISTING,
    /** Linked now to the account whose verified email the provider verified too. */
    LINKED,
    /** A new account for the email the provider verified. */
    CREATED,
    /** An unverified email no account has: a sign-up waits for the mailed link. */
    CONFIRM_EMAIL,
    /** As CONFIRM_EMAIL, but a link went to this address moments ago: no second mail. */
    CONFIRM_EMAIL_SENT,
    /** An account has this email, but one of the two is unverified: link from settings after a password sign-in. */
    LINK_REQUIRED,
    /** The account is disabled. */
    DISABLED,
    /** The provider gave no email. */
    NO_EMAIL
  }

  private final Outcome outcome;
  private final String userId;

  public SignInResult(Outcome outcome, String userId) {
    this.outcome = outcome;
    this.userId = userId;
  }

  public SignInResult(JsonObject json) {
    this(Outcome.valueOf(json.getString("outcome")), json.getString("userId"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome", outcome.name()).put("userId", userId);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The account signed in to, for EXISTING, LINKED, CREATED and DISABLED; else null. */
  public String userId() {
    return userId;
  }
}
