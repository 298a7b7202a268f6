package dev.gerbang.notify;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonObject;

/** An admin broadcast was queued (after its commit): the notify verticles try to claim it at once. */
public record BroadcastQueued(String broadcastId) implements Event {
  public static final String ADDRESS = "gerbang.broadcasts.queued";

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("broadcastId", broadcastId);
  }
}
