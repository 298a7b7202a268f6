package dev.gerbang.events;

import io.vertx.core.json.JsonObject;

/** A change others react to: a small record with the event-bus address it travels on and its JSON form. */
public interface Event {
  String address();

  JsonObject toJson();
}
