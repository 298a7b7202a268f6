package dev.gerbang.notify;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The push devices of these accounts changed: one registered, removed, moved to another account (a browser on
 * which someone else signed in), trimmed, or used (its last-used time). What shows a user's devices drops it.
 */
public record PushDevicesChanged(List<String> userIds) implements Event {
  public static final String ADDRESS = "gerbang.push.devices.changed";

  public PushDevicesChanged {
    userIds = userIds.stream().distinct().toList();
  }

  public static PushDevicesChanged of(String... userIds) {
    return new PushDevicesChanged(List.of(userIds));
  }

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("userIds", new JsonArray(userIds));
  }

  public static PushDevicesChanged fromJson(JsonObject json) {
    return new PushDevicesChanged(json.getJsonArray("userIds", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
