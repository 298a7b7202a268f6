package dev.gerbang.notify;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The devices push goes to: browsers' Web Push subscriptions and mobile apps' FCM tokens. */
@ProxyGen
@VertxGen
public interface PushService {
  String ADDRESS = "gerbang.push";
  String WEB_PUSH = "webpush";
  String FCM = "fcm";

  static PushService proxy(Vertx vertx) {
    return new PushServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Saves {endpoint, p256dh, auth, userAgent} for the user: a known endpoint gets the new keys and owner, since a
   * browser's subscription belongs to whoever signed in last. Keeps the user's newest `maxPerUser`.
   */
  Future<PushRegistration> subscribe(String userId, JsonObject subscription, int maxPerUser);

  /** False when the user has no subscription with this id. */
  Future<Boolean> unsubscribe(String userId, String id);

  /** Saves {token, platform, name} for the user, like subscribe. */
  Future<PushRegistration> registerDevice(String userId, JsonObject device, int maxPerUser);

  /** False when the user has no device with this id. */
  Future<Boolean> removeDevice(String userId, String id);

  /** The user's browsers and phones. */
  Future<PushDevices> devices(String userId);

  /** The subscription or device an outbox row names (channel webpush or fcm), with its secrets; null when gone. */
  Future<PushTarget> target(String channel, String id);

  /** A push went out to this target of this user: remember when. */
  Future<Void> touch(String channel, String id, String userId);

  /** The push service says this target of this user no longer exists: forget it. */
  Future<Void> remove(String channel, String id, String userId);
}
