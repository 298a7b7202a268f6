package dev.gerbang.webhook;

import dev.gerbang.secrets.Secrets;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the endpoints' signing secrets encrypted at rest: AES-256-GCM under a key of the server's own (the shared
 * secret webhooks.json, in the data dir or, for a cluster, in the database encrypted with the cluster secret). The
 * endpoint's id is bound in as associated data, so a ciphertext copied to another endpoint does not open. Not a
 * hash: the server must read a secret back to sign with it.
 */
public final class SecretBox {
  /** DATA_DIR/webhooks.json on one node (mode 600), the database in a cluster. */
  static final String FILE_NAME = "webhooks.json";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private final SecretKeySpec key;

  SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The box with the server's webhook key, made once and then only read. Blocking: call from a plain thread. */
  public static SecretBox load(Secrets secrets) {
    JsonObject document = secrets.readOrCreate(FILE_NAME, () -> {
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      return new JsonObject().put("key", B64.encodeToString(fresh));
    });
    return new SecretBox(B64D.decode(document.getString("key")));
  }

  /** A new Standard Webhooks secret: whsec_ and the base64 of 32 random bytes. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + B64.encodeToString(bytes);
  }

  public String seal(String endpointId, String secret) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String open(String endpointId, String sealed) {
    try {
      byte[] bytes = B64D.decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the signing secret of webhook endpoint " + endpointId + " does not open with this "
          + "server's key", e);
    }
  }
}
