package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the JWTs the senders mint the way the receiving service would: header, signature, then claims. */
final class Jwts {
  private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_\\-.]+), k=([A-Za-z0-9_\\-]+)");

  private Jwts() {
  }

  /** The claims of a compact JWT whose header names alg and whose signature verifies with the key. */
  static JsonObject verifiedClaims(String jwt, String alg, String jdkAlgorithm, PublicKey key) throws GeneralSecurityException {
    String[] parts = jwt.split("\\.");
    assertThat(parts).as("header.claims.signature").hasSize(3);
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    assertThat(header).isEqualTo(new JsonObject().put("typ", "JWT").put("alg", alg));
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    if (alg.equals("ES256")) {
      assertThat(signature).as("raw R||S").hasSize(64);
    }
    Signature verifier = Signature.getInstance(jdkAlgorithm);
    verifier.initVerify(key);
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(signature)).as("the signature verifies").isTrue();
    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  /** A push service's check of an RFC 8292 header: the JWT verifies against k; answers its claims. */
  static JsonObject vapidClaims(String authorization, String expectedK) throws GeneralSecurityException {
    Matcher matcher = VAPID.matcher(authorization == null ? "" : authorization);
    assertThat(matcher.matches()).as("'vapid t=..., k=...' but was " + authorization).isTrue();
    assertThat(matcher.group(2)).as("k").isEqualTo(expectedK);
    PublicKey key = WebPushCrypto.publicKey(Base64.getUrlDecoder().decode(matcher.group(2)));
    return verifiedClaims(matcher.group(1), "ES256", "SHA256withECDSAinP1363Format", key);
  }
}
