package dev.gerbang.auth;

import dev.gerbang.crypto.Hmac;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * From GERBANG_JWT_SECRET when set, else generated on first start into DATA_DIR/keys.json (mode 600), never
 * into the repository.
 */
public final class Keys {
  public record SigningKey(String kid, String secret) {
  }

  private final List<SigningKey> signingKeys;
  private final byte[] refreshKey;

  private Keys(List<SigningKey> signingKeys, byte[] refreshKey) {
    this.signingKeys = List.copyOf(signingKeys);
    this.refreshKey = refreshKey;
  }

  /** Loads or creates the key file. Blocks on file IO: call before Vert.x starts or on a worker. */
  public static Keys loadOrCreate(Path dataDir, String jwtSecret) {
    Path file = dataDir.resolve("keys.json");
    try {
      JsonObject stored = Files.exists(file) ? new JsonObject(Files.readString(file)) : create(file);
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
        throw new IllegalStateException(file + " holds no JWT key");
      }
      return new Keys(keys, Base64.getUrlDecoder().decode(stored.getString("refresh")));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot use the key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonObject create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    JsonObject keys = new JsonObject()
        .put("jwt", new JsonArray().add(new JsonObject().put("secret", randomSecret())))
        .put("refresh", randomSecret());
    Path temp = file.resolveSibling("keys.json.tmp");
    Files.deleteIfExists(temp);
    // Mode 600 from the start, so the secrets are never readable under a looser umask, not even briefly. On a
    // file system without POSIX permissions (Windows) the data directory's own permissions apply.
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(temp, keys.encodePrettily(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return keys;
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
