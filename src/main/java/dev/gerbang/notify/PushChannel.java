package dev.gerbang.notify;

import dev.gerbang.notify.push.FcmSender;
import dev.gerbang.notify.push.PushOutcome;
import dev.gerbang.notify.push.WebPushSender;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A push to one browser (Web Push) or one phone (FCM): the outbox row names the subscription or device and
 * carries the notification's text. A push service that says the target is gone (404/410, an unregistered
 * token) gets it removed; a busy or failing one is retried with backoff, honouring its Retry-After.
 */
final class PushChannel implements Channel {
  private final PushService push;
  private final String channel;
  private final int ttlSeconds;
  private final WebPushSender webPush;
  private final FcmSender fcm;

  PushChannel(PushService push, String channel, int ttlSeconds, WebPushSender webPush, FcmSender fcm) {
    this.push = push;
    this.channel = channel;
    this.ttlSeconds = ttlSeconds;
    this.webPush = webPush;
    this.fcm = fcm;
  }

  @Override
  public Future<Delivery> deliver(OutboxMessage message) {
    String targetId = message.recipient();
    JsonObject payload = message.variables();
    return push.target(channel, targetId).compose(target -> {
      if (target == null) {
        return Future.succeededFuture(Delivery.dead("the device was removed before the push went out"));
      }
      if (!target.userId().equals(message.userId())) {
        // The browser's subscription moved to the account that signed in on it since: not theirs to read.
        return Future.succeededFuture(Delivery.dead("the device now belongs to another account"));
      }
      Future<PushOutcome> sent = webPush != null
          ? webPush.send(target.endpoint(), target.p256dh(), target.auth(), payload, ttlSeconds, urgency(message.template()))
          : fcm.send(target.token(), payload);
      return sent.compose(outcome -> outcome(targetId, target.userId(), outcome));
    });
  }

  private Future<Delivery> outcome(String targetId, String userId, PushOutcome outcome) {
    String detail = "HTTP " + outcome.status() + ": " + outcome.detail();
    return switch (outcome.kind()) {
      case DELIVERED -> push.touch(channel, targetId, userId).map(done -> Delivery.sent());
      case GONE -> push.remove(channel, targetId, userId).map(done -> Delivery.dead("the push service no longer knows this device, "
          + "so it was removed (" + detail + ")"));
      case RETRY -> Future.succeededFuture(Delivery.retry(detail, outcome.retryAfterMillis()));
      case REJECTED -> Future.succeededFuture(Delivery.dead(detail));
    };
  }

  /** Security notices should wake a sleeping phone; the rest may wait for it. */
  private static String urgency(String type) {
    return type != null && type.startsWith("account.") ? "high" : "normal";
  }
}
