package dev.gerbang.webhook;

import dev.gerbang.crypto.Aead;
import dev.gerbang.secrets.Secrets;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;

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
  private final Aead aead;

  SecretBox(byte[] key) {
    this.aead = new Aead(key);
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
    return aead.encrypt(secret, endpointId);
  }

  public String open(String endpointId, String sealed) {
    try {
      return aead.decrypt(sealed, endpointId);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the signing secret of webhook endpoint " + endpointId + " does not open with this "
          + "server's key", e);
    }
  }
}
