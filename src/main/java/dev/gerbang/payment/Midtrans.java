package dev.gerbang.payment;

import dev.gerbang.failure.Failure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Midtrans Snap: creates the Snap transaction of an order (POST {snap}/snap/v1/transactions, Basic auth with the
 * server key), checks a notification's signature_key, asks the Core API for a transaction's status
 * (GET {api}/v2/{order_id}/status), which is what the order's state follows, and expires a pending transaction when
 * its order is cancelled (POST {api}/v2/{order_id}/expire). Midtrans takes rupiah only.
 */
final class Midtrans implements PaymentProvider {
  /** Transaction statuses in which no money moved and none will: a cancel goes on. */
  private static final Set<String> UNPAID = Set.of("expire", "cancel", "deny", "failure");

  private final PaymentSettings settings;
  private final ProviderClient client;

  Midtrans(PaymentSettings settings, ProviderClient client) {
    this.settings = settings;
    this.client = client;
  }

  @Override
  public String name() {
    return "midtrans";
  }

  @Override
  public boolean enabled() {
    return settings.midtransEnabled();
  }

  private String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((settings.midtransServerKey() + ":").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Future<PaymentStart> start(Order order) {
    if (!order.currency().equals("IDR")) {
      return Future.failedFuture(Failure.invalid("provider", "field.midtrans_idr_only"));
    }
    long minutes = Math.max(1, (order.expiresAtMillis() - System.currentTimeMillis()) / 60_000);
    JsonArray items = new JsonArray();
    order.items().forEach(item -> {
      JsonObject line = (JsonObject) item;
      String name = line.getString("name");
      items.add(new JsonObject().put("id", line.getString("productId")).put("price", line.getLong("unitPrice"))
          .put("quantity", line.getInteger("quantity")).put("name", name.length() > 50 ? name.substring(0, 50) : name));
    });
    JsonObject body = new JsonObject()
        .put("transaction_details", new JsonObject().put("order_id", order.id()).put("gross_amount", order.amount()))
        .put("item_details", items)
        .put("customer_details", new JsonObject().put("email", order.userEmail()))
        .put("callbacks", new JsonObject().put("finish", settings.publicUrl() + "/orders/" + order.id() + "/return?provider=midtrans"))
        .put("expiry", new JsonObject().put("unit", "minutes").put("duration", minutes));
    String url = settings.midtransSnapUrl() + "/snap/v1/transactions";
    // Not repeated: a second transaction with the same order_id is refused by Midtrans anyway.
    return client.once("midtrans snap", () -> client.request(HttpMethod.POST, url).putHeader("Authorization", authorization())
            .putHeader("Accept", "application/json").sendJsonObject(body))
        .compose(response -> {
          JsonObject answer = json(response.bodyAsString());
          if (response.statusCode() / 100 != 2 || answer == null || answer.getString("token") == null
              || answer.getString("redirect_url") == null) {
            return Future.failedFuture(ProviderClient.unavailable("detail.payment_provider.not_started")
                .with("provider", "Midtrans").with("status", response.statusCode()));
          }
          return Future.succeededFuture(new PaymentStart(order.id(), name(), answer.getString("token"),
              answer.getString("redirect_url"), System.currentTimeMillis() + minutes * 60_000L));
        });
  }

  /**
   * Expires the order's transaction. Midtrans answers HTTP 200 with its own status_code in the body: 407 expired,
   * 404 no transaction (the customer never chose a payment method on the Snap page), 412 no longer pending, in which
   * case the status API tells whether it was paid (409) or ended otherwise (go on).
   */
  @Override
  public Future<PaymentEnd> end(PaymentStart started) {
    String url = settings.midtransApiUrl() + "/v2/" + URLEncoder.encode(started.orderId(), StandardCharsets.UTF_8) + "/expire";
    return client.retrying("midtrans expire", () -> client.request(HttpMethod.POST, url).putHeader("Authorization", authorization())
            .putHeader("Accept", "application/json").send())
        .compose(response -> {
          JsonObject answer = json(response.bodyAsString());
          String code = answer == null || answer.getValue("status_code") == null ? String.valueOf(response.statusCode())
              : String.valueOf(answer.getValue("status_code"));
          if (answer != null && ("407".equals(code) || "expire".equals(answer.getValue("transaction_status")))) {
            return Future.succeededFuture(PaymentEnd.of(started, PaymentEnd.EXPIRED, withoutSignature(answer)));
          }
          if ("404".equals(code)) {
            return Future.succeededFuture(PaymentEnd.of(started, PaymentEnd.ABSENT,
                answer == null ? new JsonObject().put("status_code", code) : withoutSignature(answer)));
          }
          if ("412".equals(code)) {
            return status(started.orderId()).compose(status -> ended(started, status));
          }
          return Future.failedFuture(ProviderClient.unavailable("detail.payment_provider.not_ended").with("provider", "Midtrans")
              .with("status", code));
        });
  }

  /** After a 412: a transaction paid (or being paid) stops the cancel; one that ended unpaid lets it go on. */
  private Future<PaymentEnd> ended(PaymentStart started, JsonObject status) {
    Object transaction = status.getValue("transaction_status");
    if (transaction == null) {
      return Future.failedFuture(ProviderClient.unavailable("detail.payment_provider.no_status"));
    }
    return UNPAID.contains(String.valueOf(transaction))
        ? Future.succeededFuture(PaymentEnd.of(started, PaymentEnd.ENDED_BEFORE, withoutSignature(status)))
        : Future.failedFuture(ProviderClient.beingPaid("Midtrans"));
  }

  private static JsonObject withoutSignature(JsonObject answer) {
    JsonObject copy = answer.copy();
    copy.remove("signature_key");
    return copy;
  }

  /** The transaction's status as Midtrans has it (the truth a notification is checked against). */
  Future<JsonObject> status(String orderId) {
    String url = settings.midtransApiUrl() + "/v2/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/status";
    return client.retrying("midtrans status", () -> client.request(HttpMethod.GET, url).putHeader("Authorization", authorization())
            .putHeader("Accept", "application/json").send())
        .compose(response -> {
          JsonObject answer = json(response.bodyAsString());
          return answer == null || response.statusCode() != 200
              ? Future.failedFuture(ProviderClient.unavailable("detail.payment_provider.no_status"))
              : Future.succeededFuture(answer);
        });
  }

  /** Whether signature_key is SHA-512(order_id + status_code + gross_amount + server key), compared in constant time. */
  boolean signed(String orderId, String statusCode, String grossAmount, String signatureKey) {
    try {
      byte[] expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
          .digest((orderId + statusCode + grossAmount + settings.midtransServerKey()).getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, signatureKey.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The order state a transaction status asks for (null: none yet), as Midtrans documents them. */
  static OrderStatus target(String transactionStatus, String fraudStatus) {
    if (transactionStatus == null) {
      return null;
    }
    return switch (transactionStatus) {
      case "settlement" -> OrderStatus.PAID;
      case "capture" -> "accept".equals(fraudStatus) || fraudStatus == null ? OrderStatus.PAID
          : "deny".equals(fraudStatus) ? OrderStatus.FAILED : null;
      case "deny", "failure" -> OrderStatus.FAILED;
      case "cancel" -> OrderStatus.CANCELLED;
      case "expire" -> OrderStatus.EXPIRED;
      case "refund", "partial_refund" -> OrderStatus.REFUNDED;
      default -> null;
    };
  }

  /** gross_amount ("150000.00") in whole rupiah; -1 when it is not a whole amount, null when absent. */
  static Long rupiah(String grossAmount) {
    if (grossAmount == null) {
      return null;
    }
    try {
      return new BigDecimal(grossAmount).setScale(0).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return -1L;
    }
  }

  static JsonObject json(String text) {
    try {
      return text == null ? null : new JsonObject(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
