package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** What linking a provider to a signed-in account came to. */
@DataObject
public final class LinkResult {
  /** What linking came to. */
  public enum Outcome {
    /** Linked (now, or before to this same account). */
    LINKED,
    /** Another account has this identity. */
    TAKEN,
    /** The account has another identity of this provider. */
    PROVIDER_ALREADY_LINKED,
    /** The account's email is unverified, and only the provider that verified that very address may be linked. */
    VERIFY_EMAIL_FIRST
  }

  private final Outcome outcome;
  private final boolean emailVerified;

  public LinkResult(Outcome outcome, boolean emailVerified) {
    this.outcome = outcome;
    this.emailVerified = emailVerified;
  }

  public LinkResult(JsonObject json) {
    this(Outcome.valueOf(json.getString("outcome")), json.getBoolean("emailVerified", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome", outcome.name()).put("emailVerified", emailVerified);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Whether this link verified the account's email (the provider verified that same address). */
  public boolean emailVerified() {
    return emailVerified;
  }
}
