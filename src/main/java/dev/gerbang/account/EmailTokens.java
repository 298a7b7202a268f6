package dev.gerbang.account;

import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.crypto.Hmac;
import io.vertx.core.json.JsonObject;

/**
 * Tokens sent by email (verify email, reset password, confirm a new email). A token is derived from its
 * row id with the server's key: HMAC(key, "account-token:" + id). The database keeps only the id and the
 * token's SHA-256; the notify verticle derives the token again when it writes the link. So neither the
 * token table nor the outbox ever holds a usable token.
 */
public final class EmailTokens {
  private final byte[] key;

  public EmailTokens(byte[] key) {
    this.key = key.clone();
  }

  public String tokenFor(String tokenId) {
    return Hmac.derive(key, "account-token:" + tokenId);
  }

  public static String hash(String token) {
    return RefreshTokens.hash(token);
  }

  /** A new token row to store: {tokenId, tokenHash, expiresAt}. */
  public JsonObject issue(String tokenId, int ttlMinutes) {
    return new JsonObject()
        .put("tokenId", tokenId)
        .put("tokenHash", hash(tokenFor(tokenId)))
        .put("expiresAt", System.currentTimeMillis() + ttlMinutes * 60_000L);
  }
}
