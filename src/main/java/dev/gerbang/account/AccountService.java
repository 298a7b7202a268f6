package dev.gerbang.account;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

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
   * Stores the token and queues its mails (and audits the request, when its kind names an event); with
   * cooldownMs > 0, does nothing when a token of that kind was issued more recently. Answers whether a token was issued.
   */
  Future<Boolean> issue(EmailToken token, List<Mail> mails, long cooldownMs, Actor actor);

  /** The account of the usable token of this kind with this hash, or null. */
  Future<TokenOwner> findUsable(String tokenHash, TokenKind kind);

  /**
   * Uses a verification token: marks the email verified, and removes (telling the owner) the sign-in providers
   * linked while it was unproven; audited email_verified. Answers the user id, or null when the token is not usable.
   */
  Future<String> verifyEmail(String tokenHash, Actor actor);

  /**
   * Uses a reset token: sets the password hash, ends every session, queues the notice mail, and removes
   * (telling the owner) the sign-in providers linked while the email was unproven; audited password_reset. Null when
   * the token is not usable.
   */
  Future<PasswordReset> resetPassword(String tokenHash, String passwordHash, Mail noticeMail, Actor actor);

  /**
   * Changes a signed-in user's password hash, ends their other sessions, queues the notice; audited password_changed.
   * Answers the ended session ids.
   */
  Future<List<String>> changePassword(String userId, String passwordHash, String keepSessionId, Mail noticeMail, Actor actor);

  /**
   * Uses an email-change token: the new email replaces the old (409 when taken by now); audited email_changed. Null
   * when the token is not usable.
   */
  Future<EmailChange> confirmEmailChange(String tokenHash, Actor actor);
}
