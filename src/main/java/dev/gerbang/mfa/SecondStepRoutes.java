package dev.gerbang.mfa;

import dev.gerbang.audit.Actor;
import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.http.ClientInfo;
import dev.gerbang.http.FailureHandler;
import dev.gerbang.http.Problem;
import dev.gerbang.http.RequestIds;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.user.Emails;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The second step of a sign-in, with the mfaToken its first step answered: a TOTP code, a recovery code or a passkey
 * completes it and opens the session; under the role policy the token allows only enrolling a first factor, which
 * then completes it. Each try counts against the token (mfa.maxAttempts) and, when wrong, in the account's login
 * lock like a wrong password.
 */
final class SecondStepRoutes {
  private final Factors f;
  private final WebAuthn webAuthn;
  private final SessionIssuer issuer;

  SecondStepRoutes(Factors factors, WebAuthn webAuthn, SessionIssuer issuer) {
    this.f = factors;
    this.webAuthn = webAuthn;
    this.issuer = issuer;
  }

  void mount(Router api) {
    api.post("/auth/mfa").handler(this::complete);
    api.post("/auth/mfa/passkey/options").handler(ctx -> challenge(ctx, false));
    api.post("/auth/mfa/enrol/passkey/options").handler(ctx -> challenge(ctx, true));
    api.post("/auth/mfa/enrol/totp").handler(this::enrolTotp);
  }

  static Actor actor(RoutingContext ctx, User user) {
    return new Actor(user.id(), List.copyOf(user.roles()), ClientInfo.ip(ctx), RequestIds.of(ctx));
  }

  private static Problem invalidToken() {
    return new Problem(401, "mfa-token-invalid", "title.mfa.sign_in_again", "detail.mfa.token_invalid", List.of());
  }

  /**
   * The pending sign-in of the token (one more try counted for a guess: options and a new secret are not), and its
   * user, or a 401 when it cannot be used.
   */
  private Future<Pending> pending(String token, Boolean enrolment, boolean guess) {
    return f.service.usePending(RefreshTokens.hash(token), guess).compose(p -> {
      if (p == null || enrolment != null && p.enrolment() != enrolment) {
        return Future.failedFuture(invalidToken());
      }
      if (p.attempts() > f.settings.maxAttempts()) {
        return f.service.finishPending(p.id()).compose(x -> Future.failedFuture(invalidToken()));
      }
      return f.c.users().find(p.userId()).compose(user -> user == null || user.disabled()
          ? Future.failedFuture(invalidToken()) : Future.succeededFuture(new Pending(p, user)));
    });
  }

  private record Pending(PendingSignIn sign, User user) {
  }

  private void enrolTotp(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "mfaToken");
    String token = v.secret("mfaToken", 100);
    v.validate();
    pending(token, true, false).compose(p -> f.startTotp(p.user().id()).map(secret -> new JsonObject().put("secret", secret)
            .put("uri", Totp.uri(secret, f.settings.issuer(), p.user().email()))))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  /** A WebAuthn challenge for this pending sign-in: an assertion of one of the user's passkeys, or a registration. */
  private void challenge(RoutingContext ctx, boolean enrol) {
    Validator v = Validator.body(ctx, "mfaToken");
    String token = v.secret("mfaToken", 100);
    v.validate();
    pending(token, enrol, false).compose(p -> (enrol ? webAuthn.registrationOptions(p.user()) : webAuthn.assertionOptions(p.user().id()))
            .compose(options -> PasskeyRoutes.saveChallenge(f, enrol ? Challenge.REGISTER : Challenge.SECOND, p.user().id(), p.sign().id(),
                options)))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void complete(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "mfaToken", "code", "recoveryCode", "challengeId", "credential", "name");
    String token = v.secret("mfaToken", 100);
    String code = v.has("code") ? v.text("code", 1, 20) : null;
    String recovery = v.has("recoveryCode") ? v.text("recoveryCode", 1, 40) : null;
    String challengeId = v.has("challengeId") ? v.text("challengeId", 1, 40) : null;
    JsonObject credential = ctx.body().asJsonObject().getValue("credential") instanceof JsonObject o ? o : null;
    if (v.has("credential") && credential == null) {
      v.add("credential", "field.passkey_credential");
    }
    int given = (code == null ? 0 : 1) + (recovery == null ? 0 : 1) + (credential == null ? 0 : 1);
    if (given != 1) {
      v.add("code", "field.mfa_one_answer");
    }
    if (credential != null && challengeId == null) {
      v.add("challengeId", "field.required_with_credential");
    }
    String name = v.has("name") ? v.line("name", 1, 60) : "Passkey";
    v.validate();
    String method = code != null ? "totp" : recovery != null ? "recovery" : "passkey";
    pending(token, null, true).compose(p -> {
      String account = Emails.normalize(p.user().email());
      return f.c.loginThrottle().attempt(account).compose(attempt -> {
        if (!attempt.allowed()) {
          ctx.put(FailureHandler.RETRY_AFTER, Long.toString(attempt.retryAfterSeconds()));
          return Future.failedFuture(new Problem(429, "login-locked", "title.login_locked", "detail.mfa.login_locked", List.of())
              .with("seconds", attempt.retryAfterSeconds()));
        }
        Future<JsonObject> checked = p.sign().enrolment() ? enrol(ctx, p, method, code, challengeId, credential, name)
            : verify(ctx, p, method, code, recovery, challengeId, credential);
        return checked.recover(e -> failed(ctx, p, method, attempt, e))
            .compose(extra -> finish(ctx, p, method, account, extra));
      });
    }).onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private Future<JsonObject> failed(RoutingContext ctx, Pending p, String method, LoginThrottle.Attempt attempt, Throwable e) {
    if (e instanceof Problem problem && problem.status() != 401 || e instanceof dev.gerbang.failure.Failure) {
      return Future.failedFuture(e);
    }
    f.c.audit().record(ctx, "mfa_failed", p.user().id(), new JsonObject().put("method", method)
        .put("reason", e instanceof Problem problem ? problem.type() : "passkey_rejected"));
    Metrics.of(ctx.vertx()).count("gerbang.signins", "method", "second_step", "outcome",
        attempt.lockSeconds() > 0 ? "locked" : "wrong_credentials");
    if (attempt.lockSeconds() > 0) {
      f.c.audit().record(ctx, "login_locked", p.user().id(), new JsonObject().put("lockSeconds", attempt.lockSeconds()));
    }
    return Future.failedFuture(e instanceof Problem ? e : wrong("passkey", "detail.mfa.passkey_rejected"));
  }

  private static Problem wrong(String type, String detail) {
    return new Problem(401, "mfa-failed-" + type, "title.mfa.failed", detail, List.of());
  }

  /** A second step by a factor the user has: extra fields for the answer (recovery codes left), or a 401 Problem. */
  private Future<JsonObject> verify(RoutingContext ctx, Pending p, String method, String code, String recovery, String challengeId,
                                    JsonObject credential) {
    String userId = p.user().id();
    return switch (method) {
      case "totp" -> f.checkTotp(userId, code).compose(check -> switch (check) {
        case OK -> Future.succeededFuture(new JsonObject());
        case REPLAYED -> Future.failedFuture(wrong("replayed", "detail.mfa.code_replayed"));
        case WRONG -> Future.failedFuture(wrong("code", "detail.mfa.code_wrong"));
      });
      case "recovery" -> f.service.useRecoveryCode(userId, f.codes.hash(recovery), MfaMails.changed(p.user(), "recovery_used", 0),
          actor(ctx, p.user())).compose(left -> left < 0 ? Future.failedFuture(wrong("recovery", "detail.mfa.recovery_wrong"))
              : Future.succeededFuture(new JsonObject().put("recoveryCodesLeft", left)));
      default -> f.service.takeChallenge(challengeId).compose(ch -> ch == null || !Challenge.SECOND.equals(ch.purpose())
              || !p.sign().id().equals(ch.pendingId())
          ? Future.failedFuture(wrong("challenge", "detail.mfa.challenge_invalid"))
          : webAuthn.verify(userId, ch.challenge(), credential).map(used -> new JsonObject()));
    };
  }

  /** The enrolment the policy asks for: a first TOTP code or a new passkey; the new recovery codes for the answer. */
  private Future<JsonObject> enrol(RoutingContext ctx, Pending p, String method, String code, String challengeId, JsonObject credential,
                                   String name) {
    User user = p.user();
    List<String> codes = RecoveryCodes.generate();
    Future<Boolean> enrolled = switch (method) {
      case "totp" -> f.pendingStep(user.id(), code).compose(step -> step < 0 ? Future.failedFuture(wrong("code", "detail.mfa.code_wrong"))
          : f.service.confirmTotp(user.id(), step, f.codes.hashes(codes), MfaMails.changed(user, "totp_enrolled"), actor(ctx, user)));
      case "passkey" -> f.service.takeChallenge(challengeId).compose(ch -> ch == null || !Challenge.REGISTER.equals(ch.purpose())
              || !p.sign().id().equals(ch.pendingId())
          ? Future.failedFuture(wrong("challenge", "detail.mfa.challenge_invalid"))
          : webAuthn.register(user, ch.challenge(), credential, name)
              .compose(key -> f.service.addPasskey(key, f.codes.hashes(codes), MfaMails.changed(user, "passkey_added"), actor(ctx, user))));
      default -> Future.failedFuture(Problem.validation(List.of(new dev.gerbang.failure.FieldError("recoveryCode",
          "field.recovery_before_factor"))));
    };
    return enrolled.map(issued -> issued ? new JsonObject().put("recoveryCodes", new JsonArray(codes)) : new JsonObject());
  }

  private Future<JsonObject> finish(RoutingContext ctx, Pending p, String method, String account, JsonObject extra) {
    f.c.loginThrottle().clear(account);
    return f.service.completePending(p.sign(), method, actor(ctx, p.user())).compose(won -> {
      if (!won) {
        return Future.failedFuture(invalidToken());
      }
      Metrics.of(ctx.vertx()).count("gerbang.signins", "method", "second_step", "outcome", "ok");
      return issuer.open(ctx, p.user(), p.sign().provider(), p.sign().outcome()).map(pair -> pair.mergeIn(extra));
    });
  }
}
