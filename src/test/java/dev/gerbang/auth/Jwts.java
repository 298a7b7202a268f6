package dev.gerbang.auth;

import dev.gerbang.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds JWTs by hand (HS256 over Base64url), with the server's real key or another, to forge bad tokens. */
public final class Jwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private Jwts() {
  }

  /** The secret the server signs with, read from its data dir. */
  public static String realSecret(TestServer server) {
    try {
      JsonObject keys = new JsonObject(Files.readString(server.dataDir().resolve("keys.json")));
      return keys.getJsonArray("jwt").getJsonObject(0).getString("secret");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key id the server gives a secret: the first 12 hex digits of its SHA-256. */
  public static String kidOf(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject header(String kid) {
    return new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid);
  }

  /** Claims as the server would issue them for this subject and session, issued now. */
  public static JsonObject claims(String userId, String sessionId) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", userId).put("sid", sessionId).put("username", (String) null)
        .put("roles", new JsonArray().add("user")).put("iss", "gerbang").put("aud", "gerbang-api")
        .put("iat", now).put("exp", now + 900);
  }

  public static String sign(JsonObject header, JsonObject claims, String secret) {
    String signingInput = part(header) + "." + part(claims);
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  /** Signed with the server's real key and kid. */
  public static String signReal(TestServer server, JsonObject claims) {
    String secret = realSecret(server);
    return sign(header(kidOf(secret)), claims, secret);
  }

  public static String part(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  public static JsonObject decodePart(String token, int index) {
    return new JsonObject(new String(DECODE.decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
