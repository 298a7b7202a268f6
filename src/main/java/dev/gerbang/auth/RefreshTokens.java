package dev.gerbang.auth;

import dev.gerbang.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque refresh tokens: 256 random bits, stored only as SHA-256. A token's successor is derived, not
 * random: HMAC(server key, token). So two tabs refreshing with the same token inside the grace window
 * both get the same new token, without the server ever storing a token in the clear.
 */
public final class RefreshTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;

  public RefreshTokens(Keys keys) {
    this.key = keys.refreshKey();
  }

  public String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String successor(String token) {
    return Hmac.derive(key, token);
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
