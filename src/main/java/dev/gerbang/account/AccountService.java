package dev.gerbang.account;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The email flows on the event bus: each change commits together with the mails it causes (outbox),
 * and each token is single-use, expiring, and revokes its older siblings.
 */
@ProxyGen
@VertxGen
public interface AccountService {
  String ADDRESS = "gerbang.accounts";

  static AccountService proxy(Vertx vertx) {
    return new AccountServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Issues a token {userId, kind, tokenId, tokenHash, expiresAt, newEmail?} and queues its mails [..]
   * ({recipient, template, locale, variables}); with cooldownMs > 0, does nothing when a token of that kind
   * was issued more recently. Answers whether a token was issued.
   */
  Future<Boolean> issue(JsonObject token, io.vertx.core.json.JsonArray mails, long cooldownMs);

  /** The usable token of this kind with this hash: {userId, email, name, locale, disabled, newEmail}, or null. */
  Future<JsonObject> findUsable(String tokenHash, String kind);

  /**
   * Uses a verification token: marks the email verified, and removes (telling the owner) the sign-in providers
   * linked while it was unproven. Answers the user id, or null when the token is not usable.
   */
  Future<String> verifyEmail(String tokenHash);

  /**
   * Uses a reset token: sets the password hash, ends every session, queues the notice mail, and removes
   * (telling the owner) the sign-in providers linked while the email was unproven. Answers
   * {userId, sessionIds[], identitiesRemoved[]} or null when the token is not usable.
   */
  Future<JsonObject> resetPassword(String tokenHash, String passwordHash, JsonObject noticeMail);

  /** Changes a signed-in user's password hash, ends their other sessions, queues the notice. Answers the ended session ids. */
  Future<JsonObject> changePassword(String userId, String passwordHash, String keepSessionId, JsonObject noticeMail);

  /** Uses an email-change token: the new email replaces the old (409 when taken by now). Answers {userId, email} or null. */
  Future<JsonObject> confirmEmailChange(String tokenHash);

  /** Queues one mail on its own (notices with no other change to commit with). */
  Future<Void> enqueue(JsonObject mail);
}
