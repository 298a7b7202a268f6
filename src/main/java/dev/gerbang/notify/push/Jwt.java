package dev.gerbang.notify.push;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Compact JWS signing for the two tokens we mint (VAPID ES256, Google service account RS256). */
final class Jwt {
  private Jwt() {
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** header.claims.signature, with a JDK signature algorithm such as SHA256withRSA. */
  static String sign(JsonObject header, JsonObject claims, String algorithm, PrivateKey key) {
    String signingInput = base64Url(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a " + algorithm + " JWT", e);
    }
  }
}
