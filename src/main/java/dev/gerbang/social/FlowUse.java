package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A callback's use of its flow: OK with the flow's mode, user and landing path, or why not. */
@DataObject
public final class FlowUse {
  /** Whether the flow could be used. */
  public enum Outcome {
    OK,
    /** The flow (or the state of an unused flow the browser's cookie no longer names) has expired. */
    EXPIRED,
    /** Unknown, another browser's, a wrong state or provider, or a replay. */
    MISMATCH
  }

  private final Outcome outcome;
  private final FlowMode mode;
  private final String userId;
  private final String redirectPath;

  public FlowUse(Outcome outcome, FlowMode mode, String userId, String redirectPath) {
    this.outcome = outcome;
    this.mode = mode;
    this.userId = userId;
    this.redirectPath = redirectPath;
  }

  /** A flow that cannot be used, and why. */
  public static FlowUse refused(Outcome outcome) {
    return new FlowUse(outcome, null, null, null);
  }

  public FlowUse(JsonObject json) {
    this(Outcome.valueOf(json.getString("outcome")), json.getString("mode") == null ? null : FlowMode.of(json.getString("mode")),
        json.getString("userId"), json.getString("redirectPath"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome", outcome.name()).put("mode", mode == null ? null : mode.id()).put("userId", userId)
        .put("redirectPath", redirectPath);
  }

  public Outcome outcome() {
    return outcome;
  }

  public FlowMode mode() {
    return mode;
  }

  /** The signed-in user who started a link flow; null for a sign-in. */
  public String userId() {
    return userId;
  }

  public String redirectPath() {
    return redirectPath;
  }
}
