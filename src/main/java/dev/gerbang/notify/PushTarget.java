package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * Where one push goes, with its secrets, for the notify verticle only: a browser's subscription (endpoint and
 * keys, channel webpush) or a phone's FCM token (channel fcm), and the account it belongs to now.
 */
@DataObject
public final class PushTarget {
  private final String id;
  private final String userId;
  private final String endpoint;
  private final String p256dh;
  private final String auth;
  private final String token;
  private final String platform;

  private PushTarget(String id, String userId, String endpoint, String p256dh, String auth, String token, String platform) {
    this.id = id;
    this.userId = userId;
    this.endpoint = endpoint;
    this.p256dh = p256dh;
    this.auth = auth;
    this.token = token;
    this.platform = platform;
  }

  public static PushTarget browser(String id, String userId, String endpoint, String p256dh, String auth) {
    return new PushTarget(id, userId, endpoint, p256dh, auth, null, null);
  }

  public static PushTarget phone(String id, String userId, String token, String platform) {
    return new PushTarget(id, userId, null, null, null, token, platform);
  }

  public PushTarget(JsonObject json) {
    this(json.getString("id"), json.getString("userId"), json.getString("endpoint"), json.getString("p256dh"),
        json.getString("auth"), json.getString("token"), json.getString("platform"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("userId", userId).put("endpoint", endpoint).put("p256dh", p256dh)
        .put("auth", auth).put("token", token).put("platform", platform);
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
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

  public String token() {
    return token;
  }

  public String platform() {
    return platform;
  }
}
