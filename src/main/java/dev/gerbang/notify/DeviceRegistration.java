package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A mobile app's FCM registration token to save, with its platform (android, ios, web) and an optional name. */
@DataObject
public final class DeviceRegistration {
  private final String token;
  private final String platform;
  private final String name;

  public DeviceRegistration(String token, String platform, String name) {
    this.token = token;
    this.platform = platform;
    this.name = name;
  }

  public DeviceRegistration(JsonObject json) {
    this(json.getString("token"), json.getString("platform"), json.getString("name"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("token", token).put("platform", platform).put("name", name);
  }

  public String token() {
    return token;
  }

  public String platform() {
    return platform;
  }

  /** Null when the app gave none. */
  public String name() {
    return name;
  }
}
