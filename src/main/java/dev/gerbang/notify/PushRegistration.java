package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A browser subscription or phone saved for push: its id, and whether it is new or an update of a known one. */
@DataObject
public final class PushRegistration {
  /** A new device, or one already known (same endpoint or token) given new keys and owner. */
  public enum Outcome { CREATED, UPDATED }

  private final String id;
  private final Outcome outcome;

  public PushRegistration(String id, Outcome outcome) {
    this.id = id;
    this.outcome = outcome;
  }

  public PushRegistration(JsonObject json) {
    this(json.getString("id"), Outcome.valueOf(json.getString("outcome")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("outcome", outcome.name());
  }

  public String id() {
    return id;
  }

  public Outcome outcome() {
    return outcome;
  }
}
