package dev.gerbang.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one way Gerbang derives values from a secret key: refresh-token successors, the tokens sent by
 * email, the secrets of a social sign-in flow, the cursor key and the cursors' MACs. Below every feature and the
 * database layer, so that each of them uses this one and none copies it.
 */
public final class Hmac {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Hmac() {
  }

  /** HMAC-SHA256(key, message as UTF-8): 32 bytes. */
  public static byte[] sha256(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Every Java runtime has HmacSHA256, and any key length is valid for it.
      throw new IllegalStateException(e);
    }
  }

  /** The value derived from the key for one purpose ("account-token:" + id, ...), as base64url without padding. */
  public static String derive(byte[] key, String purpose) {
    return B64.encodeToString(sha256(key, purpose));
  }
}
