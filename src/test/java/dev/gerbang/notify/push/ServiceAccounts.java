package dev.gerbang.notify.push;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/** Firebase service-account key files as Google issues them, with a key made for the test. */
public final class ServiceAccounts {
  private ServiceAccounts() {
  }

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as a PKCS#8 PEM block, the form of the file's private_key. */
  public static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The file's JSON: the fields Gerbang reads and the others Google puts there. */
  public static JsonObject json(String projectId, String clientEmail, PrivateKey key, String tokenUri) {
    return new JsonObject().put("type", "service_account").put("project_id", projectId).put("private_key_id", "abc123")
        .put("private_key", pem(key)).put("client_email", clientEmail).put("client_id", "1234567890")
        .put("auth_uri", "https://accounts.google.com/o/oauth2/auth").put("token_uri", tokenUri);
  }

  /** A key file in the directory for a new key, whose token endpoint is tokenUri. */
  public static Path write(Path dir, String projectId, String tokenUri) throws java.io.IOException {
    JsonObject account = json(projectId, "push@" + projectId + ".iam.gserviceaccount.com", rsaKeyPair().getPrivate(), tokenUri);
    return Files.writeString(Files.createTempFile(dir, "service-account", ".json"), account.encodePrettily());
  }
}
