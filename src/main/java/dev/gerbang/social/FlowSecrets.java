package dev.gerbang.social;

import dev.gerbang.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of one sign-in flow, derived from its id with the server key, so that the flow table holds
 * none of them: the PKCE verifier (43 characters of base64url, RFC 7636) and the OIDC nonce. The state is
 * random and stored only as its hash.
 */
public final class FlowSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key;

  public FlowSecrets(byte[] key) {
    this.key = key.clone();
  }

  public String verifier(String flowId) {
    return derive("oauth-pkce:" + flowId);
  }

  /** The S256 code challenge of the flow's verifier. */
  public String challenge(String flowId) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier(flowId).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String nonce(String flowId) {
    return derive("oauth-nonce:" + flowId);
  }

  public static String newState() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  private String derive(String purpose) {
    return Hmac.derive(key, purpose);
  }
}
