package dev.gerbang.account;

import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.crypto.Hmac;

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

  /** The hash the database keeps of the token derived from this row id. */
  public String hashFor(String tokenId) {
    return hash(tokenFor(tokenId));
  }

  /** A new token to store, valid ttlMinutes from now; userId null when the account does not exist yet (sign-up). */
  public EmailToken issue(String tokenId, TokenKind kind, String userId, String newEmail, int ttlMinutes) {
    return new EmailToken(tokenId, hashFor(tokenId), System.currentTimeMillis() + ttlMinutes * 60_000L, userId, kind, newEmail);
  }
}
