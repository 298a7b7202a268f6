package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * What became of an order's payment at its provider when the order was cancelled: ended by us now ({@link #EXPIRED}),
 * nothing there to end ({@link #ABSENT}: Midtrans knows no transaction, the Snap page was never used), ended before
 * ({@link #ENDED_BEFORE}: expired, cancelled or failed there already), or no payment started ({@link #NOT_STARTED}).
 * answer is the provider's answer as received (secrets removed), kept with the order's payment events.
 */
@DataObject
public final class PaymentEnd {
  public static final String EXPIRED = "expired";
  public static final String ABSENT = "absent";
  public static final String ENDED_BEFORE = "ended-before";
  public static final String NOT_STARTED = "not-started";

  private final String orderId;
  private final String provider;
  private final String reference;
  private final String outcome;
  private final String answer;

  public PaymentEnd(String orderId, String provider, String reference, String outcome, String answer) {
    this.orderId = orderId;
    this.provider = provider;
    this.reference = reference;
    this.outcome = outcome;
    this.answer = answer;
  }

  public PaymentEnd(JsonObject json) {
    this(json.getString("orderId"), json.getString("provider"), json.getString("reference"), json.getString("outcome"),
        json.getString("answer"));
  }

  /** An order whose payment never started: nothing to end anywhere. */
  public static PaymentEnd notStarted(String orderId) {
    return new PaymentEnd(orderId, null, null, NOT_STARTED, null);
  }

  /** The payment's end as told by the provider's answer to it. */
  static PaymentEnd of(PaymentStart started, String outcome, JsonObject answer) {
    return new PaymentEnd(started.orderId(), started.provider(), started.reference(), outcome, answer.encode());
  }

  public JsonObject toJson() {
    return new JsonObject().put("orderId", orderId).put("provider", provider).put("reference", reference).put("outcome", outcome)
        .put("answer", answer);
  }

  public String orderId() {
    return orderId;
  }

  /** The provider's name; null when no payment started. */
  public String provider() {
    return provider;
  }

  /** The handle kept at begin (Snap token, Checkout Session id); null when no payment started. */
  public String reference() {
    return reference;
  }

  public String outcome() {
    return outcome;
  }

  public String answer() {
    return answer;
  }
}
