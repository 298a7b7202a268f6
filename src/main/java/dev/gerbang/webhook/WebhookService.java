package dev.gerbang.webhook;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Webhook endpoints and their deliveries, on the event bus: the admins' side (every change audited in its own
 * transaction) and the webhook verticle's (claiming due deliveries, recording attempts). A missing endpoint or
 * delivery fails with NOT_FOUND. URLs are checked by the caller (see {@link Destination}) before they get here.
 */
@ProxyGen
@VertxGen
public interface WebhookService {
  String ADDRESS = "gerbang.webhooks";

  static WebhookService proxy(Vertx vertx) {
    return new WebhookServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Every endpoint, oldest first, without secrets. */
  Future<List<WebhookEndpoint>> list();

  /** One endpoint, without its secret. */
  Future<WebhookEndpoint> find(String id);

  /** Registers an endpoint with a new secret; the answer carries the secret, the one time it is shown. */
  Future<WebhookEndpoint> create(Actor actor, WebhookInput input);

  /** Changes the fields the input holds; enabling clears the failure streak and the disabled note. */
  Future<WebhookEndpoint> update(Actor actor, String id, WebhookInput changes);

  /** Removes the endpoint and its deliveries. */
  Future<Void> delete(Actor actor, String id);

  /** A new secret; the old one stays valid for overlapMinutes. The answer carries the new secret, once. */
  Future<WebhookEndpoint> rotateSecret(Actor actor, String id, int overlapMinutes);

  /** The endpoint's deliveries, newest first: {status, limit, cursor}. */
  Future<WebhookDeliveryPage> deliveries(String endpointId, JsonObject query);

  /** Queues a delivered or failed delivery again, with the same message id; CONFLICT while it is pending or sending. */
  Future<WebhookDelivery> resend(Actor actor, String endpointId, String deliveryId);

  /** Queues a webhook.test event to this endpoint whatever it subscribed to. */
  Future<WebhookDelivery> sendTest(Actor actor, String endpointId);

  /** Claims up to limit due deliveries of enabled endpoints for lockMs: no other node sends them meanwhile. */
  Future<List<WebhookJob>> claimDue(int limit, long lockMs);

  /**
   * Records an attempt. A failure starts or continues the endpoint's failure streak; when the streak has lasted
   * disableAfterMillis the endpoint is disabled (audited), and the answer is true, once.
   */
  Future<Boolean> record(AttemptResult result, long disableAfterMillis);
}
