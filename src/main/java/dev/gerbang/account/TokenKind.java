package dev.gerbang.account;

import io.vertx.codegen.annotations.VertxGen;

/** What a token sent by email is for; id() is its kind in the account_tokens table. */
@VertxGen
public enum TokenKind {
  VERIFY_EMAIL("verify_email"),
  PASSWORD_RESET("password_reset"),
  EMAIL_CHANGE("email_change");

  private final String id;

  TokenKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static TokenKind of(String id) {
    for (TokenKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no token kind " + id);
  }
}
