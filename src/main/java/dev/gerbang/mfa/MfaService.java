package dev.gerbang.mfa;

import dev.gerbang.account.Mail;
import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Second factors on the event bus: TOTP secrets (ciphertext), hashed recovery codes, passkeys, the sign-ins waiting
 * for their second step, WebAuthn challenges and the role policy. Every change is audited in its transaction, and
 * the user's notice mail queued with it.
 */
@ProxyGen
@VertxGen
public interface MfaService {
  String ADDRESS = "gerbang.mfa";

  static MfaService proxy(Vertx vertx) {
    return new MfaServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The user's factors. */
  Future<MfaFactors> factors(String userId);

  /** What a sign-in of this user needs to know (their factors in short, and the policy), in one query. */
  Future<SignInFactors> signInFactors(String userId);

  /** The user's TOTP secret as stored, or null when none. */
  Future<TotpState> totp(String userId);

  /** Stores a new secret waiting for its first code; CONFLICT when the user has a confirmed one. */
  Future<Void> startTotp(String userId, String secret);

  /** Takes this time step of the confirmed secret: false when it (or a later one) was used already, a replay. */
  Future<Boolean> useTotpStep(String userId, long step);

  /**
   * Confirms the waiting secret with the step of its first code, audited (mfa_totp_enrolled) and notified; the
   * recovery codes (hashes) are stored when the user had none left: answers whether they were.
   */
  Future<Boolean> confirmTotp(String userId, long step, List<String> codeHashes, Mail mail, Actor actor);

  /** Removes the TOTP secret (and the recovery codes, when no factor is left), audited and notified; false when none. */
  Future<Boolean> removeTotp(String userId, Mail mail, Actor actor);

  /** Replaces the recovery codes with these hashes (the old ones stop working), audited and notified. */
  Future<Void> replaceRecoveryCodes(String userId, List<String> codeHashes, Mail mail, Actor actor);

  /** Uses the unused recovery code of this hash, audited and notified: the codes left, or -1 when none matches. */
  Future<Integer> useRecoveryCode(String userId, String codeHash, Mail mail, Actor actor);

  /** Stores a new passkey (and recovery codes, when the user had none: answers whether), audited and notified. */
  Future<Boolean> addPasskey(Passkey passkey, List<String> codeHashes, Mail mail, Actor actor);

  /** The passkeys of this credential id (of this user, when given), or the user's all when the credential is null. */
  Future<List<Passkey>> findPasskeys(String userId, String credentialId);

  /** Records a use of the passkey: its new signature counter and the time. */
  Future<Void> usePasskey(String credentialId, long signCount);

  /** Renames one of the user's passkeys: false when the user has no such passkey. */
  Future<Boolean> renamePasskey(String userId, String passkeyId, String name, Actor actor);

  /** Removes one of the user's passkeys (and the recovery codes, when no factor is left), audited and notified. */
  Future<Boolean> removePasskey(String userId, String passkeyId, Mail mail, Actor actor);

  /** An admin's reset: every factor, recovery code and pending sign-in of the user goes; audited and notified. */
  Future<Void> reset(String userId, Mail mail, Actor actor);

  /** Stores a sign-in waiting for its second step (and drops expired ones). */
  Future<Void> startPending(PendingSignIn pending);

  /**
   * The pending sign-in of the token of this hash, one more attempt counted when the call is a guess (a code, a
   * passkey), or null when unknown or expired.
   */
  Future<PendingSignIn> usePending(String tokenHash, boolean guess);

  /** Ends a pending sign-in: true for the one call that ended it (a token completes one sign-in at most). */
  Future<Boolean> finishPending(String pendingId);

  /**
   * Ends a pending sign-in whose second step succeeded by this method, audited (mfa_succeeded) in the same
   * transaction: true for the one call that ended it.
   */
  Future<Boolean> completePending(PendingSignIn pending, String method, Actor actor);

  /** Stores a WebAuthn challenge (and drops expired ones). */
  Future<Void> saveChallenge(Challenge challenge);

  /** Takes the challenge of this id, once: null when unknown, used or expired. */
  Future<Challenge> takeChallenge(String challengeId);

  /** The roles that must use a second factor. */
  Future<MfaPolicy> policy();

  /** Sets the roles that must use a second factor, audited (mfa_policy_changed). */
  Future<MfaPolicy> setPolicy(List<String> requiredRoles, Actor actor);
}
