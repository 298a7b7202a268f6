package dev.gerbang.webhook;

import dev.gerbang.crypto.Hmac;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks signature: v1, and the base64 of HMAC-SHA256 over "id.timestamp.body", keyed with the
 * base64-decoded part of the secret after "whsec_". With several secrets (a rotation's overlap) the header holds
 * one signature per secret, separated by spaces; a receiver accepts the message when any of them verifies.
 */
public final class Signatures {
  private static final String PREFIX = "whsec_";

  private Signatures() {
  }

  public static String sign(String secret, String messageId, long timestampSeconds, String body) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] key = Base64.getDecoder().decode(encoded);
    return "v1," + Base64.getEncoder().encodeToString(Hmac.sha256(key, messageId + "." + timestampSeconds + "." + body));
  }

  /** The webhook-signature header's value for these secrets, the current one first. */
  public static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
    return secrets.stream().map(secret -> sign(secret, messageId, timestampSeconds, body)).collect(Collectors.joining(" "));
  }
}
