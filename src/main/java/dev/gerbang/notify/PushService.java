package dev.gerbang.notify;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

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
   * Saves the browser's subscription for the user, audited (push_subscribed): a known endpoint gets the new keys
   * and owner, since a browser's subscription belongs to whoever signed in last. Keeps the user's newest `maxPerUser`.
   */
  Future<PushRegistration> subscribe(String userId, PushSubscription subscription, int maxPerUser, Actor actor);

  /** Forgets one of the user's browsers, audited (push_unsubscribed); false when the user has no subscription with this id. */
  Future<Boolean> unsubscribe(String userId, String id, Actor actor);

  /** Saves the phone for the user like subscribe, audited (push_device_registered). */
  Future<PushRegistration> registerDevice(String userId, DeviceRegistration device, int maxPerUser, Actor actor);

  /** Forgets one of the user's phones, audited (push_device_removed); false when the user has no device with this id. */
  Future<Boolean> removeDevice(String userId, String id, Actor actor);

  /** The user's browsers and phones. */
  Future<PushDevices> devices(String userId);

  /** The subscription or device an outbox row names (channel webpush or fcm), with its secrets; null when gone. */
  Future<PushTarget> target(String channel, String id);

  /** A push went out to this target of this user: remember when. */
  Future<Void> touch(String channel, String id, String userId);

  /** The push service says this target of this user no longer exists: forget it. */
  Future<Void> remove(String channel, String id, String userId);
}
