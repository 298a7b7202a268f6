package dev.gerbang.payment;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The Stripe events an order follows, read into {@link PaymentEvent}s; null for every other type. */
final class StripeEvents {
  private StripeEvents() {
  }

  static PaymentEvent of(JsonObject event) {
    try {
      return read(event);
    } catch (ClassCastException e) {
      return null;
    }
  }

  private static PaymentEvent read(JsonObject event) {
    String id = event.getString("id");
    String type = event.getString("type");
    JsonObject data = event.getJsonObject("data");
    JsonObject object = data == null ? null : data.getJsonObject("object");
    if (id == null || type == null || object == null) {
      return null;
    }
    String detail = event.encode();
    return switch (type) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> session(id, type, object,
          "paid".equals(object.getString("payment_status")) ? OrderStatus.PAID : null, detail);
      case "checkout.session.async_payment_failed" -> session(id, type, object, OrderStatus.FAILED, detail);
      case "checkout.session.expired" -> session(id, type, object, OrderStatus.EXPIRED, detail);
      case "charge.refunded" -> {
        JsonObject metadata = object.getJsonObject("metadata", new JsonObject());
        yield new PaymentEvent("stripe", id, metadata.getString("order_id"), type, OrderStatus.REFUNDED, null, null,
            object.getString("payment_intent"), detail);
      }
      default -> null;
    };
  }

  private static PaymentEvent session(String id, String type, JsonObject session, OrderStatus target, String detail) {
    String orderId = session.getString("client_reference_id");
    if (orderId == null) {
      orderId = session.getJsonObject("metadata", new JsonObject()).getString("order_id");
    }
    String currency = session.getString("currency") == null ? null : session.getString("currency").toUpperCase(Locale.ROOT);
    Long amount = null;
    if (session.getValue("amount_total") != null && target == OrderStatus.PAID) {
      Long total = session.getLong("amount_total");
      amount = Currencies.known(currency) ? Currencies.fromStripe(total, currency) : null;
      amount = amount == null ? Long.valueOf(-1L) : amount;
    }
    return new PaymentEvent("stripe", id, orderId, type, target, amount, target == OrderStatus.PAID ? currency : null,
        session.getString("payment_intent"), detail).withReference(session.getString("id"));
  }
}
