package dev.gerbang.notify.push;

import dev.gerbang.secrets.Secrets;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Locale;

/**
 * The server's VAPID (RFC 8292) P-256 key pair, generated on first start into DATA_DIR/vapid.json (mode 600), or
 * the database in a cluster, and loaded on later starts, and the Authorization header values it signs for push services.
 */
public final class VapidKeys {
  static final String FILE_NAME = "vapid.json";
  static final long TOKEN_LIFETIME_SECONDS = 12 * 3600;

  private final ECPrivateKey privateKey;
  private final String publicKeyBase64Url;

  private VapidKeys(ECPrivateKey privateKey, byte[] publicKey) {
    this.privateKey = privateKey;
    this.publicKeyBase64Url = Jwt.base64Url(publicKey);
  }

  /**
   * Loads or makes the key pair: DATA_DIR/vapid.json on one node, the database in a cluster (so every node signs
   * with the pair the browsers subscribed with). Blocking: call it from a plain thread at start-up.
   */
  public static VapidKeys loadOrCreate(Secrets secrets) {
    try {
      JsonObject stored = secrets.readOrCreate(FILE_NAME, VapidKeys::newPair);
      byte[] publicKey = Base64.getUrlDecoder().decode(stored.getString("publicKey", ""));
      ECPrivateKey privateKey = WebPushCrypto.privateKey(Base64.getUrlDecoder().decode(stored.getString("privateKey", "")));
      requireMatchingPair(privateKey, WebPushCrypto.publicKey(publicKey));
      return new VapidKeys(privateKey, publicKey);
    } catch (RuntimeException e) {
      // Never the parser's message: it may quote the document, which holds the private key.
      String why = e instanceof DecodeException ? "it is not JSON" : e.getMessage();
      throw new IllegalStateException("cannot use the VAPID keys in " + secrets.describe(FILE_NAME) + ": " + why, e);
    }
  }

  private static JsonObject newPair() {
    KeyPair pair = WebPushCrypto.generateKeyPair();
    return new JsonObject()
        .put("publicKey", Jwt.base64Url(WebPushCrypto.rawPublicKey((ECPublicKey) pair.getPublic())))
        .put("privateKey", Jwt.base64Url(WebPushCrypto.rawPrivateKey((ECPrivateKey) pair.getPrivate())));
  }

  private static void requireMatchingPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
    try {
      byte[] probe = "vapid".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(privateKey);
      signer.update(probe);
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (!verifier.verify(signer.sign())) {
        throw new IllegalArgumentException("its public key does not belong to its private key");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot check the key pair", e);
    }
  }

  /** The 65-byte uncompressed public point in base64url without padding: the browser's applicationServerKey. */
  public String publicKeyBase64Url() {
    return publicKeyBase64Url;
  }

  /**
   * The RFC 8292 Authorization value {@code vapid t=<JWT>, k=<public key>} for a push to this endpoint:
   * ES256 over {aud: the endpoint's origin, exp: now + 12 h, sub: subject (mailto: or https:)}.
   */
  public String authorization(String endpoint, String subject, long nowSeconds) {
    requireSubject(subject);
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", "ES256");
    JsonObject claims = new JsonObject()
        .put("aud", audience(endpoint))
        .put("exp", nowSeconds + TOKEN_LIFETIME_SECONDS)
        .put("sub", subject);
    String jwt = Jwt.sign(header, claims, "SHA256withECDSAinP1363Format", privateKey);
    return "vapid t=" + jwt + ", k=" + publicKeyBase64Url;
  }

  /** Push services use the subject to contact the operator: RFC 8292 section 2.1 wants a mailto: or https: URL. */
  static void requireSubject(String subject) {
    String lower = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("mailto:") && lower.length() > 7) && !(lower.startsWith("https://") && lower.length() > 8)) {
      throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URL");
    }
  }

  /** scheme://host[:port] of an http(s) URL, the port only when it is not the scheme's default. */
  static String audience(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("the push endpoint is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("the push endpoint is not an http(s) URL with a host");
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
