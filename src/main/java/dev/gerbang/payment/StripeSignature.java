package dev.gerbang.payment;

import dev.gerbang.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Stripe's webhook signature, as Stripe documents it: the Stripe-Signature header holds t=&lt;unix seconds&gt; and
 * one or more v1=&lt;hex HMAC-SHA256 of "t.payload" with the endpoint's secret&gt; (several while a secret rolls);
 * the payload is accepted when any v1 matches (compared in constant time) and t is within the tolerance of now.
 * The official stripe-java library does the same in Webhook.Signature.verifyHeader; it is not used here because it
 * would bring a 10+ MB SDK (and Gson) for these twenty lines: docs/payments.md.
 */
final class StripeSignature {
  static final long TOLERANCE_SECONDS = 300;

  private StripeSignature() {
  }

  /** Whether the header signs the payload with the secret at a time within the tolerance of nowSeconds. */
  static boolean verify(String header, byte[] payload, String secret, long nowSeconds) {
    if (header == null || secret == null || secret.isEmpty()) {
      return false;
    }
    Long timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      if (pair[0].equals("t")) {
        try {
          timestamp = Long.parseLong(pair[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (pair[0].equals("v1")) {
        signatures.add(pair[1]);
      }
    }
    if (timestamp == null || signatures.isEmpty() || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) {
      return false;
    }
    String signed = timestamp + "." + new String(payload, StandardCharsets.UTF_8);
    byte[] expected = HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed))
        .getBytes(StandardCharsets.US_ASCII);
    boolean any = false;
    for (String signature : signatures) {
      // Every candidate is compared, so that the time taken says nothing of which one matched.
      any |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
    return any;
  }

  /** The header Stripe would send for this payload at this time (the tests and local tools sign with it). */
  static String sign(byte[] payload, String secret, long timestamp) {
    String signed = timestamp + "." + new String(payload, StandardCharsets.UTF_8);
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed));
  }
}
