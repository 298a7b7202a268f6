package dev.gerbang.account;

import io.vertx.codegen.annotations.VertxGen;

/**
 * What a token sent by email is for; id() is its kind in the account_tokens table, and issuedEvent() the audit row
 * written when one is issued (null when asking for one changes nothing: a resent link, a forgotten password).
 */
@VertxGen
public enum TokenKind {
  VERIFY_EMAIL("verify_email", null),
  PASSWORD_RESET("password_reset", null),
  EMAIL_CHANGE("email_change", "email_change_requested");

  private final String id;
  private final String issuedEvent;

  TokenKind(String id, String issuedEvent) {
    this.id = id;
    this.issuedEvent = issuedEvent;
  }

  public String id() {
    return id;
  }

  public String issuedEvent() {
    return issuedEvent;
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
