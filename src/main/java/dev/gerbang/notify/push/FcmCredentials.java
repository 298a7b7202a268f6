package dev.gerbang.notify.push;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Firebase service account (project id, client email, RSA private key, token URI) read from the JSON file
 * the Firebase console downloads. Errors name the file and the field and never quote the key.
 */
public final class FcmCredentials {
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final String projectId;
  private final String clientEmail;
  private final PrivateKey privateKey;
  private final String tokenUri;

  private FcmCredentials(String projectId, String clientEmail, PrivateKey privateKey, String tokenUri) {
    this.projectId = projectId;
    this.clientEmail = clientEmail;
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
  }

  /** Reads a service account JSON file. Blocks on file IO: call before Vert.x starts or on a worker. */
  public static FcmCredentials load(Path serviceAccountJson) {
    String text;
    try {
      text = Files.readString(serviceAccountJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the FCM service account file " + serviceAccountJson + ": " + e, e);
    }
    return parse(text, serviceAccountJson.toString());
  }

  static FcmCredentials parse(String json, String source) {
    JsonObject account;
    try {
      account = new JsonObject(json);
    } catch (DecodeException e) {
      // The parser's message may quote the file, and the file holds the private key.
      throw new IllegalArgumentException("the FCM service account file " + source + " is not a JSON object");
    }
    String projectId = field(account, "project_id", source);
    String clientEmail = field(account, "client_email", source);
    String pem = field(account, "private_key", source);
    String tokenUri = field(account, "token_uri", source);
    if (!isHttpUrl(tokenUri)) {
      throw new IllegalArgumentException("the FCM service account file " + source + " has a token_uri that is not an http(s) URL");
    }
    return new FcmCredentials(projectId, clientEmail, rsaKey(pem, source), tokenUri);
  }

  private static String field(JsonObject account, String name, String source) {
    if (account.getValue(name) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw new IllegalArgumentException("the FCM service account file " + source + " has no \"" + name + "\"");
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static PrivateKey rsaKey(String pem, String source) {
    String trimmed = pem.trim();
    if (!trimmed.startsWith(PEM_BEGIN) || !trimmed.endsWith(PEM_END)) {
      throw new IllegalArgumentException("the FCM service account file " + source
          + ": private_key is not a PKCS#8 PEM key (" + PEM_BEGIN + ")");
    }
    String base64 = trimmed.substring(PEM_BEGIN.length(), trimmed.length() - PEM_END.length());
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // No cause and no message from the parser: either could carry key bytes into a log.
      throw new IllegalArgumentException("the FCM service account file " + source + ": private_key is not a readable RSA key");
    }
  }

  public String projectId() {
    return projectId;
  }

  public String clientEmail() {
    return clientEmail;
  }

  public String tokenUri() {
    return tokenUri;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "FcmCredentials[projectId=" + projectId + ", clientEmail=" + clientEmail + ", tokenUri=" + tokenUri + "]";
  }
}
