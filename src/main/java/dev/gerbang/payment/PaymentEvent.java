package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A verified notification or webhook of a provider, and (once recorded) what was decided about it.
 * <ul>
 * <li>provider, eventId: the provider's name and its id of the event (deduplicated: applied at most once);</li>
 * <li>orderId: the order it names (null: found by paymentHandle, the provider's payment id, for a refund);</li>
 * <li>kind: the provider's event type or transaction status, as sent;</li>
 * <li>target: the order state it asks for (null: an event that moves nothing);</li>
 * <li>amount and currency: what the provider says was paid, in our minor units (-1: not a whole amount of them;
 *     null: not stated), checked against the order;</li>
 * <li>paymentHandle: the provider's payment id to remember on the order (Stripe's payment intent);</li>
 * <li>reference: the payment page it is about (Stripe's Checkout Session id; null when the provider has one per
 *     order, as Midtrans does);</li>
 * <li>detail: the payload as received, for support (secrets removed);</li>
 * <li>verdict, id, receivedAt: the decision once recorded (applied, unchanged, duplicate, refused, mismatch,
 *     unconfirmed, unknown-order, superseded).</li>
 * </ul>
 */
@DataObject
public final class PaymentEvent {
  private final JsonObject json;

  public PaymentEvent(String provider, String eventId, String orderId, String kind, OrderStatus target, Long amount, String currency,
                      String paymentHandle, String detail) {
    this.json = new JsonObject().put("provider", provider).put("eventId", eventId).put("orderId", orderId).put("kind", kind)
        .put("target", target == null ? null : target.id()).put("amount", amount).put("currency", currency)
        .put("paymentHandle", paymentHandle).put("detail", detail);
  }

  public PaymentEvent(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  /** This event, about this payment page. */
  public PaymentEvent withReference(String reference) {
    return new PaymentEvent(json.copy().put("reference", reference));
  }

  /** This event as decided: its row's id, the verdict and when it was received. */
  public PaymentEvent decided(String id, String verdict, String receivedAt, String orderId) {
    return new PaymentEvent(json.copy().put("id", id).put("verdict", verdict).put("receivedAt", receivedAt).put("orderId", orderId));
  }

  public String provider() {
    return json.getString("provider");
  }

  public String eventId() {
    return json.getString("eventId");
  }

  public String orderId() {
    return json.getString("orderId");
  }

  public String kind() {
    return json.getString("kind");
  }

  public OrderStatus target() {
    String target = json.getString("target");
    return target == null ? null : OrderStatus.of(target);
  }

  public Long amount() {
    return json.getLong("amount");
  }

  public String currency() {
    return json.getString("currency");
  }

  public String paymentHandle() {
    return json.getString("paymentHandle");
  }

  public String reference() {
    return json.getString("reference");
  }

  public String detail() {
    return json.getString("detail");
  }

  public String verdict() {
    return json.getString("verdict");
  }
}
