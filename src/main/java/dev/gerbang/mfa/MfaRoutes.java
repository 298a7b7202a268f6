package dev.gerbang.mfa;

import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The signed-in user's factors (TOTP enrolment and removal, recovery codes) and the admins' side: the role policy and
 * a user's factors with their reset. Every change but a first code needs a recent authentication and sends a notice.
 */
final class MfaRoutes {
  private final Factors f;

  MfaRoutes(Factors factors) {
    this.f = factors;
  }

  void mount(Router api) {
    api.get("/me/mfa").handler(f.c.auth().required()).handler(this::mine);
    api.post("/me/mfa/totp").handler(f.c.auth().required()).handler(this::startTotp);
    api.post("/me/mfa/totp/confirm").handler(f.c.auth().required()).handler(this::confirmTotp);
    api.delete("/me/mfa/totp").handler(f.c.auth().required()).handler(this::removeTotp);
    api.post("/me/mfa/recovery-codes").handler(f.c.auth().required()).handler(this::regenerate);
    api.get("/admin/mfa/policy").handler(f.c.auth().required(Roles.ADMIN)).handler(this::policy);
    api.put("/admin/mfa/policy").handler(f.c.auth().required(Roles.ADMIN)).handler(this::setPolicy);
    api.get("/admin/users/:id/mfa").handler(f.c.auth().required(Roles.ADMIN)).handler(this::userFactors);
    api.delete("/admin/users/:id/mfa").handler(f.c.auth().required(Roles.ADMIN)).handler(this::reset);
  }

  /** {password?, code?}: the recent authentication a change may carry (an empty body is fine). */
  private Future<Void> recent(RoutingContext ctx) {
    Validator v = ctx.body() == null || ctx.body().length() <= 0 ? Validator.of(new JsonObject()) : Validator.body(ctx, "password", "code");
    String password = v.has("password") ? v.secret("password", f.c.policy().maxLength() * 4) : null;
    String code = v.has("code") ? v.text("code", 1, 20) : null;
    v.validate();
    return f.recent(ctx, AuthUser.of(ctx), password, code);
  }

  /** Whether the user would keep a factor the role policy asks for after removing one (the TOTP app, or a passkey). */
  static Future<Void> keepsRequiredFactor(Factors f, AuthUser me, boolean totp) {
    return f.service.policy().compose(policy -> !policy.requires(me.roles()) ? Future.succeededFuture()
        : f.service.factors(me.userId()).compose(now -> {
          int left = (now.totp() && !totp ? 1 : 0) + now.passkeys().size() - (totp ? 0 : 1);
          return left > 0 ? Future.succeededFuture() : Future.failedFuture(Problem.conflict("mfa-required",
              "detail.conflict.mfa_required", List.of()));
        }));
  }

  private void mine(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    f.service.factors(me.userId()).compose(factors -> f.service.policy().map(policy -> factors.view()
            .put("required", policy.requires(me.roles()))))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void startTotp(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    recent(ctx).compose(ok -> f.user(me.userId())).compose(user -> f.startTotp(user.id())
            .map(secret -> new JsonObject().put("secret", secret).put("uri", Totp.uri(secret, f.settings.issuer(), user.email()))))
        .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  private void confirmTotp(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "code");
    String code = v.text("code", 1, 20);
    v.validate();
    List<String> codes = RecoveryCodes.generate();
    f.pendingStep(me.userId(), code).compose(step -> step < 0
            ? Future.failedFuture(Problem.validation(List.of(new FieldError("code", "field.totp_not_current"))))
            : f.user(me.userId()).compose(user -> f.service.confirmTotp(me.userId(), step, f.codes.hashes(codes),
                MfaMails.changed(user, "totp_enrolled"), Audit.actor(ctx))))
        .onSuccess(issued -> Responses.ok(ctx, issued ? new JsonObject().put("recoveryCodes", new JsonArray(codes)) : new JsonObject()))
        .onFailure(ctx::fail);
  }

  private void removeTotp(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    recent(ctx).compose(ok -> keepsRequiredFactor(f, me, true)).compose(ok -> f.user(me.userId()))
        .compose(user -> f.service.removeTotp(me.userId(), MfaMails.changed(user, "totp_removed"), Audit.actor(ctx)))
        .onSuccess(removed -> {
          if (removed) {
            Responses.noContent(ctx);
          } else {
            ctx.fail(Problem.notFound("detail.not_found.totp"));
          }
        }).onFailure(ctx::fail);
  }

  private void regenerate(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    List<String> codes = RecoveryCodes.generate();
    recent(ctx).compose(ok -> f.user(me.userId()))
        .compose(user -> f.service.replaceRecoveryCodes(me.userId(), f.codes.hashes(codes), MfaMails.changed(user, "codes_regenerated"),
            Audit.actor(ctx)))
        .onSuccess(done -> Responses.ok(ctx, new JsonObject().put("recoveryCodes", new JsonArray(codes))))
        .onFailure(ctx::fail);
  }

  private void policy(RoutingContext ctx) {
    f.service.policy().onSuccess(policy -> Responses.ok(ctx, policy.view())).onFailure(ctx::fail);
  }

  private void setPolicy(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "requiredRoles");
    if (!v.has("requiredRoles")) {
      v.add("requiredRoles", "field.required");
    }
    List<String> roles = v.optionalChoices("requiredRoles", Roles.ALL);
    v.validate();
    f.service.setPolicy(roles, Audit.actor(ctx)).onSuccess(policy -> Responses.ok(ctx, policy.view())).onFailure(ctx::fail);
  }

  private void userFactors(RoutingContext ctx) {
    f.user(ctx.pathParam("id")).compose(user -> f.service.factors(user.id()))
        .onSuccess(factors -> Responses.ok(ctx, factors.view())).onFailure(ctx::fail);
  }

  private void reset(RoutingContext ctx) {
    f.user(ctx.pathParam("id"))
        .compose(user -> f.service.reset(user.id(), MfaMails.changed(user, "reset"), Audit.actor(ctx)))
        .onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
