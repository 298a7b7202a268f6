package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A phone registered for FCM, as its owner sees it: never its token. */
@DataObject
public final class MobileDevice {
  private final String id;
  private final String platform;
  private final String name;
  private final String createdAt;
  private final String lastUsedAt;

  public MobileDevice(String id, String platform, String name, String createdAt, String lastUsedAt) {
    this.id = id;
    this.platform = platform;
    this.name = name;
    this.createdAt = createdAt;
    this.lastUsedAt = lastUsedAt;
  }

  public MobileDevice(JsonObject json) {
    this(json.getString("id"), json.getString("platform"), json.getString("name"), json.getString("createdAt"),
        json.getString("lastUsedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("platform", platform).put("name", name)
        .put("createdAt", createdAt).put("lastUsedAt", lastUsedAt);
  }

  public String id() {
    return id;
  }
}
