package dev.gerbang.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A token to store before its mail goes out: its row id (from which the mailed token is derived), the token's
 * hash, when it expires (epoch ms), whose it is (null until the account exists, at sign-up), what it is for,
 * and for an email change the new address.
 */
@DataObject
public final class EmailToken {
  private final String tokenId;
  private final String tokenHash;
  private final long expiresAt;
  private final String userId;
  private final TokenKind kind;
  private final String newEmail;

  public EmailToken(String tokenId, String tokenHash, long expiresAt, String userId, TokenKind kind, String newEmail) {
    this.tokenId = tokenId;
    this.tokenHash = tokenHash;
    this.expiresAt = expiresAt;
    this.userId = userId;
    this.kind = kind;
    this.newEmail = newEmail;
  }

  public EmailToken(JsonObject json) {
    this(json.getString("tokenId"), json.getString("tokenHash"), json.getLong("expiresAt", 0L), json.getString("userId"),
        TokenKind.of(json.getString("kind")), json.getString("newEmail"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("tokenId", tokenId).put("tokenHash", tokenHash).put("expiresAt", expiresAt)
        .put("userId", userId).put("kind", kind.id()).put("newEmail", newEmail);
  }

  /** The same token, for the account just created. */
  public EmailToken forUser(String userId) {
    return new EmailToken(tokenId, tokenHash, expiresAt, userId, kind, newEmail);
  }

  public String tokenId() {
    return tokenId;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public String userId() {
    return userId;
  }

  public TokenKind kind() {
    return kind;
  }

  public String newEmail() {
    return newEmail;
  }
}
