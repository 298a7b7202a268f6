package dev.gerbang.metrics;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the node's gauges show between two refreshes: sessions open now, and per channel the outbox messages
 * waiting (pending or held: count) and when the oldest of them was queued (bucket: epoch millis).
 */
@DataObject
public final class Levels {
  private final long activeSessions;
  private final List<Count> waiting;

  public Levels(long activeSessions, List<Count> waiting) {
    this.activeSessions = activeSessions;
    this.waiting = List.copyOf(waiting);
  }

  public Levels(JsonObject json) {
    this(json.getLong("activeSessions", 0L), Overview.counts(json.getJsonArray("waiting")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("activeSessions", activeSessions).put("waiting", Overview.json(waiting));
  }

  public long activeSessions() {
    return activeSessions;
  }

  public List<Count> waiting() {
    return waiting;
  }
}
