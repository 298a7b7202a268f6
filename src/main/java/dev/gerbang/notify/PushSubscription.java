package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A browser's Web Push subscription to save: its endpoint, its keys (p256dh, auth) and the browser's user agent. */
@DataObject
public final class PushSubscription {
  private final String endpoint;
  private final String p256dh;
  private final String auth;
  private final String userAgent;

  public PushSubscription(String endpoint, String p256dh, String auth, String userAgent) {
    this.endpoint = endpoint;
    this.p256dh = p256dh;
    this.auth = auth;
    this.userAgent = userAgent;
  }

  public PushSubscription(JsonObject json) {
    this(json.getString("endpoint"), json.getString("p256dh"), json.getString("auth"), json.getString("userAgent"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("endpoint", endpoint).put("p256dh", p256dh).put("auth", auth).put("userAgent", userAgent);
  }

  public String endpoint() {
    return endpoint;
  }

  public String p256dh() {
    return p256dh;
  }

  public String auth() {
    return auth;
  }

  /** Null when the browser sent none. */
  public String userAgent() {
    return userAgent;
  }
}
