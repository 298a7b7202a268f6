package dev.gerbang.auth;

import dev.gerbang.crypto.Hmac;
import dev.gerbang.secrets.Secrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The server's secrets: JWT signing keys (the first signs, all verify, so a key can be rotated in without
 * signing anyone out) and the key that derives refresh-token successors, email tokens and the cursor key.
 * From GERBANG_JWT_SECRET when set, else generated on first start into DATA_DIR/keys.json (mode 600) or, in a
 * cluster, the database (encrypted); never into the repository.
 */
public final class Keys {
  public static final String FILE_NAME = "keys.json";

  public record SigningKey(String kid, String secret) {
  }

  private final List<SigningKey> signingKeys;
  private final byte[] refreshKey;

  private Keys(List<SigningKey> signingKeys, byte[] refreshKey) {
    this.signingKeys = List.copyOf(signingKeys);
    this.refreshKey = refreshKey;
  }

  /**
   * Loads or makes the server's keys: keys.json in the data dir on one node, the database in a cluster (every
   * node the same). GERBANG_JWT_SECRET, when set, signs, and the stored keys still verify. Blocking: call it
   * from a plain thread at start-up.
   */
  public static Keys loadOrCreate(Secrets secrets, String jwtSecret) {
    try {
      JsonObject stored = secrets.readOrCreate(FILE_NAME, Keys::newKeys);
      List<SigningKey> keys = new ArrayList<>();
      if (!jwtSecret.isEmpty()) {
        keys.add(new SigningKey(kidOf(jwtSecret), jwtSecret));
      }
      JsonArray jwt = stored.getJsonArray("jwt", new JsonArray());
      for (int i = 0; i < jwt.size(); i++) {
        String secret = jwt.getJsonObject(i).getString("secret");
        keys.add(new SigningKey(kidOf(secret), secret));
      }
      if (keys.isEmpty()) {
        throw new IllegalStateException("it holds no JWT key");
      }
      return new Keys(keys, Base64.getUrlDecoder().decode(stored.getString("refresh")));
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot use the keys in " + secrets.describe(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  /** How many signing keys are kept: the new one, and the ones before it that tokens may still carry. */
  private static final int KEPT_SIGNING_KEYS = 3;

  /**
   * A new signing key, first in the stored keys: it signs from now on, and the previous ones still verify
   * (access tokens live minutes, so the oldest is dropped after two more rotations). The refresh-token key
   * stays: changing it would end every session. Blocking: a worker or a plain thread.
   */
  public static Keys rotate(Secrets secrets, String jwtSecret) {
    JsonObject stored = secrets.readOrCreate(FILE_NAME, Keys::newKeys);
    JsonArray jwt = new JsonArray().add(new JsonObject().put("secret", randomSecret()));
    JsonArray previous = stored.getJsonArray("jwt", new JsonArray());
    for (int i = 0; i < previous.size() && jwt.size() < KEPT_SIGNING_KEYS; i++) {
      jwt.add(previous.getJsonObject(i));
    }
    secrets.write(FILE_NAME, stored.copy().put("jwt", jwt));
    return loadOrCreate(secrets, jwtSecret);
  }

  private static JsonObject newKeys() {
    return new JsonObject()
        .put("jwt", new JsonArray().add(new JsonObject().put("secret", randomSecret())))
        .put("refresh", randomSecret());
  }

  static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A key id that names a secret without revealing it: the first 12 hex digits of its SHA-256. */
  static String kidOf(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<SigningKey> signingKeys() {
    return signingKeys;
  }

  byte[] refreshKey() {
    return refreshKey.clone();
  }

  /** The key that derives the tokens sent by email (a separate purpose string keeps them apart from refresh tokens). */
  public byte[] emailTokenKey() {
    return refreshKey.clone();
  }

  /**
   * The key that signs list cursors: HMAC(server key, "cursor-key"), so every node with the same key file
   * signs alike, and the MACs handed out in cursors are made with a key of their own.
   */
  public byte[] cursorKey() {
    return Hmac.sha256(refreshKey, "cursor-key");
  }
}
