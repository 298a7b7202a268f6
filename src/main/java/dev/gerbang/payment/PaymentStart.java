package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A payment started at a provider for an order: the provider, its handle (Snap token, Checkout Session id), the
 * page the browser goes to, and when the provider's session ends (the order stays pending until then).
 */
@DataObject
public final class PaymentStart {
  private final String orderId;
  private final String provider;
  private final String reference;
  private final String redirectUrl;
  private final long expiresAt;

  public PaymentStart(String orderId, String provider, String reference, String redirectUrl, long expiresAt) {
    this.orderId = orderId;
    this.provider = provider;
    this.reference = reference;
    this.redirectUrl = redirectUrl;
    this.expiresAt = expiresAt;
  }

  public PaymentStart(JsonObject json) {
    this(json.getString("orderId"), json.getString("provider"), json.getString("reference"), json.getString("redirectUrl"),
        json.getLong("expiresAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("orderId", orderId).put("provider", provider).put("reference", reference)
        .put("redirectUrl", redirectUrl).put("expiresAt", expiresAt);
  }

  public String orderId() {
    return orderId;
  }

  public String provider() {
    return provider;
  }

  public String reference() {
    return reference;
  }

  public String redirectUrl() {
    return redirectUrl;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
