package dev.gerbang.mfa;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.LockedCheck;
import dev.gerbang.crypto.Aead;
import dev.gerbang.crypto.Hmac;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * What the MFA routes share: the TOTP check (decrypt, window, replay), new secrets sealed under a key derived from the
 * key file, recovery-code hashing, and the recent-authentication rule for changing factors (ASVS 3.7.1).
 */
final class Factors {
  /** How a code compared. */
  enum Check { OK, WRONG, REPLAYED }

  final Components c;
  final MfaSettings settings;
  final MfaService service;
  final RecoveryCodes codes;
  private final Aead aead;

  Factors(Components c, MfaSettings settings, MfaService service) {
    this.c = c;
    this.settings = settings;
    this.service = service;
    this.aead = new Aead(Hmac.sha256(c.derivationKey(), "mfa-totp-key"));
    this.codes = new RecoveryCodes(Hmac.sha256(c.derivationKey(), "mfa-recovery-key"));
  }

  /** A new secret for the user, stored sealed and waiting for its first code: the secret, to show once. */
  Future<String> startTotp(String userId) {
    String secret = Totp.newSecret();
    return service.startTotp(userId, aead.encrypt(secret, userId)).map(secret);
  }

  /** The user's confirmed secret against a code: OK takes the code's time step, so the same code never passes twice. */
  Future<Check> checkTotp(String userId, String code) {
    return service.totp(userId).compose(state -> {
      if (state == null || !state.confirmed()) {
        return Future.succeededFuture(Check.WRONG);
      }
      long step = Totp.matchingStep(aead.decrypt(state.secret(), userId), code, System.currentTimeMillis() / 1000);
      if (step < 0) {
        return Future.succeededFuture(Check.WRONG);
      }
      return service.useTotpStep(userId, step).map(taken -> taken ? Check.OK : Check.REPLAYED);
    });
  }

  /** The step of a first code for the secret waiting for it, or -1. */
  Future<Long> pendingStep(String userId, String code) {
    return service.totp(userId).map(state -> state == null || state.confirmed() ? -1L
        : Totp.matchingStep(aead.decrypt(state.secret(), userId), code, System.currentTimeMillis() / 1000));
  }

  Future<User> user(String userId) {
    return c.users().find(userId).compose(user -> user == null ? Future.failedFuture(Problem.notFound("detail.not_found.user"))
        : Future.succeededFuture(user));
  }

  /**
   * Adding, removing or renewing a factor needs a recent authentication: the password or a code from the authenticator
   * app in the request, or a session that signed in within auth.recentAuthMinutes.
   */
  Future<Void> recent(RoutingContext ctx, AuthUser me, String password, String code) {
    if (password != null || code != null) {
      // A password or code typed here is a sign-in attempt too: it counts in the account's login lock.
      return user(me.userId()).compose(user -> LockedCheck.run(ctx, c.loginThrottle(), user.email(), "detail.mfa.tries_locked",
          () -> proof(me, password, code)))
          .compose(right -> right ? Future.succeededFuture()
              : Future.failedFuture(password != null ? wrong("password", "field.wrong_password") : wrong("code", "field.totp_code")));
    }
    long maxAgeMs = c.authSettings().recentAuthMinutes() * 60_000L;
    return c.sessions().lookup(me.sessionId()).compose(session -> {
      if (session != null && System.currentTimeMillis() - session.signedInAt() <= maxAgeMs) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(new Problem(403, "reauthentication-required", "title.mfa.confirm_identity",
          "detail.mfa.reauthentication_required", List.of()).with("minutes", c.authSettings().recentAuthMinutes()));
    });
  }

  private Future<Boolean> proof(AuthUser me, String password, String code) {
    if (password != null) {
      return c.users().passwordHash(me.userId())
          .compose(hash -> hash == null ? c.hasher().verifyDummy(password) : c.hasher().verify(password, hash));
    }
    return checkTotp(me.userId(), code).map(check -> check == Check.OK);
  }

  private static Problem wrong(String field, String message) {
    return Problem.validation(List.of(new FieldError(field, message)));
  }
}
