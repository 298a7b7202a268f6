package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A browser subscribed to Web Push, as its owner sees it: the push service's host only, since the endpoint is a
 * capability URL.
 */
@DataObject
public final class WebPushDevice {
  private final String id;
  private final String service;
  private final String userAgent;
  private final String createdAt;
  private final String lastUsedAt;

  public WebPushDevice(String id, String service, String userAgent, String createdAt, String lastUsedAt) {
    this.id = id;
    this.service = service;
    this.userAgent = userAgent;
    this.createdAt = createdAt;
    this.lastUsedAt = lastUsedAt;
  }

  public WebPushDevice(JsonObject json) {
    this(json.getString("id"), json.getString("service"), json.getString("userAgent"), json.getString("createdAt"),
        json.getString("lastUsedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("service", service).put("userAgent", userAgent)
        .put("createdAt", createdAt).put("lastUsedAt", lastUsedAt);
  }

  public String id() {
    return id;
  }
}
