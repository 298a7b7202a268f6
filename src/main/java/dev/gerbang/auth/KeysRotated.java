package dev.gerbang.auth;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonObject;

/** The stored signing keys changed: every node reads them again and signs with the new first one. */
public record KeysRotated(String signingKid) implements Event {
  public static final String ADDRESS = "gerbang.keys.rotated";

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("signingKid", signingKid);
  }

  public static KeysRotated fromJson(JsonObject json) {
    return new KeysRotated(json.getString("signingKid"));
  }
}
