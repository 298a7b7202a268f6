package dev.gerbang.mfa;

import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.auth.SecondStep;
import dev.gerbang.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Answers auth's {@link SecondStep} question for every sign-in by a first factor: an account with a factor gets a
 * pending sign-in ({mfaRequired, mfaToken, methods}); an account in a role the policy names, without a factor, gets
 * one that only allows enrolling ({..., enrolmentRequired: true}); any other account, no answer (its session opens).
 * The token is random, stored as its SHA-256, short-lived, single-use and bound to this one attempt's row.
 */
final class SignInGate {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MfaSettings settings;
  private final MfaService service;

  SignInGate(MfaSettings settings, MfaService service) {
    this.settings = settings;
    this.service = service;
  }

  void listen(Vertx vertx) {
    vertx.eventBus().<JsonObject>localConsumer(SecondStep.ADDRESS, this::answer);
  }

  private void answer(Message<JsonObject> question) {
    JsonObject q = question.body();
    String userId = q.getString("userId");
    List<String> roles = q.getJsonArray("roles", new JsonArray()).stream().map(String::valueOf).toList();
    service.signInFactors(userId).compose(factors -> {
      if (factors.any()) {
        return pending(userId, q, false, factors.methods());
      }
      return factors.required(roles) ? pending(userId, q, true, List.of("totp", "passkey")) : Future.succeededFuture(null);
    }).onSuccess(question::reply).onFailure(e -> question.fail(500, "could not check the second factor"));
  }

  private Future<JsonObject> pending(String userId, JsonObject q, boolean enrolment, List<String> methods) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PendingSignIn pending = new PendingSignIn(Ids.newId(), RefreshTokens.hash(token), userId, q.getString("provider"),
        q.getString("outcome"), enrolment, 0, System.currentTimeMillis() + settings.tokenTtlSeconds() * 1000L);
    return service.startPending(pending).map(stored -> {
      JsonObject body = new JsonObject().put("mfaRequired", true).put("mfaToken", token).put("methods", new JsonArray(methods))
          .put("expiresIn", settings.tokenTtlSeconds());
      return enrolment ? body.put("enrolmentRequired", true) : body;
    });
  }
}
