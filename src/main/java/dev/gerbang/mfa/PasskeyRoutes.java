package dev.gerbang.mfa;

import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Passkeys: the signed-in user's (register with options then the browser's answer, list, rename, remove; adding and
 * removing need a recent authentication), and signing in with a passkey alone (a discoverable credential: no email).
 */
final class PasskeyRoutes {
  private static final long CHALLENGE_TTL_MS = 5 * 60_000L;

  private final Factors f;
  private final WebAuthn webAuthn;
  private final SessionIssuer issuer;

  PasskeyRoutes(Factors factors, WebAuthn webAuthn, SessionIssuer issuer) {
    this.f = factors;
    this.webAuthn = webAuthn;
    this.issuer = issuer;
  }

  void mount(Router api) {
    api.post("/auth/passkey/options").handler(this::signInOptions);
    api.post("/auth/passkey").handler(this::signIn);
    api.get("/me/passkeys").handler(f.c.auth().required()).handler(this::list);
    api.post("/me/passkeys/options").handler(f.c.auth().required()).handler(this::registrationOptions);
    api.post("/me/passkeys").handler(f.c.auth().required()).handler(this::register);
    api.patch("/me/passkeys/:id").handler(f.c.auth().required()).handler(this::rename);
    api.delete("/me/passkeys/:id").handler(f.c.auth().required()).handler(this::remove);
  }

  /** Stores the challenge of these options: answers {challengeId, publicKey: options} for the browser. */
  static Future<JsonObject> saveChallenge(Factors f, String purpose, String userId, String pendingId, JsonObject options) {
    String id = Ids.newId();
    Challenge challenge = new Challenge(id, purpose, userId, pendingId, options.getString("challenge"),
        System.currentTimeMillis() + CHALLENGE_TTL_MS);
    return f.service.saveChallenge(challenge).map(done -> new JsonObject().put("challengeId", id).put("publicKey", options));
  }

  private Future<Challenge> take(String challengeId, String purpose, String userId) {
    return f.service.takeChallenge(challengeId).compose(ch -> ch == null || !purpose.equals(ch.purpose())
        || userId != null && !userId.equals(ch.userId())
        ? Future.failedFuture(new Problem(400, "challenge-invalid", "title.mfa.start_again", "detail.mfa.challenge_invalid",
            List.of()))
        : Future.succeededFuture(ch));
  }

  private static JsonObject credential(RoutingContext ctx, Validator v) {
    Object value = ctx.body().asJsonObject().getValue("credential");
    if (!(value instanceof JsonObject credential)) {
      v.add("credential", "field.passkey_credential");
      return null;
    }
    return credential;
  }

  private void signInOptions(RoutingContext ctx) {
    webAuthn.assertionOptions(null).compose(options -> saveChallenge(f, Challenge.PASSKEY, null, null, options))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  /** A passkey alone: possession of the device and its user verification, two factors in one, so no second step. */
  private void signIn(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "challengeId", "credential");
    String challengeId = v.text("challengeId", 1, 40);
    JsonObject credential = credential(ctx, v);
    v.validate();
    take(challengeId, Challenge.PASSKEY, null)
        .compose(ch -> webAuthn.verify(null, ch.challenge(), credential).recover(e -> {
          f.c.audit().record(ctx, "passkey_login_failed", null, new JsonObject().put("reason", "rejected"));
          Metrics.of(ctx.vertx()).count("gerbang.signins", "method", "passkey", "outcome", "wrong_credentials");
          return Future.failedFuture(new Problem(401, "passkey-rejected", "title.mfa.passkey_rejected", "detail.mfa.passkey_rejected", List.of()));
        }))
        .compose(key -> f.c.users().find(key.userId()).compose(user -> {
          if (user == null || user.disabled()) {
            return Future.failedFuture(Problem.forbidden("detail.forbidden.disabled"));
          }
          if (f.c.authSettings().requireVerifiedEmail() && !user.emailVerified()) {
            f.c.audit().record(ctx, "login_refused", user.id(), new JsonObject().put("reason", "email_unverified"));
            return Future.failedFuture(new Problem(403, "email-unverified", "title.email_unverified",
                "detail.email_unverified", List.of()));
          }
          Metrics.of(ctx.vertx()).count("gerbang.signins", "method", "passkey", "outcome", "ok");
          return issuer.openWithPasskey(ctx, user);
        }))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    f.service.findPasskeys(AuthUser.of(ctx).userId(), null).onSuccess(keys -> {
      JsonArray items = new JsonArray();
      keys.forEach(k -> items.add(k.view()));
      Responses.ok(ctx, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void registrationOptions(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = ctx.body() == null || ctx.body().length() <= 0 ? Validator.of(new JsonObject()) : Validator.body(ctx, "password", "code");
    String password = v.has("password") ? v.secret("password", f.c.policy().maxLength() * 4) : null;
    String code = v.has("code") ? v.text("code", 1, 20) : null;
    v.validate();
    f.recent(ctx, me, password, code).compose(ok -> f.user(me.userId())).compose(webAuthn::registrationOptions)
        .compose(options -> saveChallenge(f, Challenge.REGISTER, me.userId(), null, options))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "challengeId", "credential", "name");
    String challengeId = v.text("challengeId", 1, 40);
    JsonObject credential = credential(ctx, v);
    String name = v.has("name") ? v.line("name", 1, 60) : "Passkey";
    v.validate();
    List<String> codes = RecoveryCodes.generate();
    take(challengeId, Challenge.REGISTER, me.userId()).compose(ch -> f.user(me.userId()).compose(user ->
            webAuthn.register(user, ch.challenge(), credential, name)
                .recover(e -> Future.failedFuture(Problem.validation(List.of(new dev.gerbang.failure.FieldError("credential",
                    "field.passkey_not_accepted", null, new JsonObject().put("reason", e.getMessage()))))))
                .compose(key -> f.service.addPasskey(key, f.codes.hashes(codes), MfaMails.changed(user, "passkey_added"), Audit.actor(ctx))
                    .map(issued -> {
                      JsonObject body = new JsonObject().put("passkey", key.view());
                      return issued ? body.put("recoveryCodes", new JsonArray(codes)) : body;
                    }))))
        .onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(ctx::fail);
  }

  private void rename(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "name");
    String name = v.line("name", 1, 60);
    v.validate();
    f.service.renamePasskey(me.userId(), ctx.pathParam("id"), name, Audit.actor(ctx))
        .compose(found -> found ? f.service.findPasskeys(me.userId(), null) : Future.failedFuture(Problem.notFound("detail.not_found.passkey")))
        .map(keys -> keys.stream().filter(k -> k.id().equals(ctx.pathParam("id"))).findFirst().orElseThrow().view())
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = ctx.body() == null || ctx.body().length() <= 0 ? Validator.of(new JsonObject()) : Validator.body(ctx, "password", "code");
    String password = v.has("password") ? v.secret("password", f.c.policy().maxLength() * 4) : null;
    String code = v.has("code") ? v.text("code", 1, 20) : null;
    v.validate();
    f.recent(ctx, me, password, code).compose(ok -> MfaRoutes.keepsRequiredFactor(f, me, false))
        .compose(ok -> f.user(me.userId()))
        .compose(user -> f.service.removePasskey(me.userId(), ctx.pathParam("id"), MfaMails.changed(user, "passkey_removed"), Audit.actor(ctx)))
        .onSuccess(removed -> {
          if (removed) {
            Responses.noContent(ctx);
          } else {
            ctx.fail(Problem.notFound("detail.not_found.passkey"));
          }
        }).onFailure(ctx::fail);
  }
}
