package dev.gerbang.user;

import dev.gerbang.Components;
import dev.gerbang.account.Mails;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthRoutes;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.LockedCheck;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.notify.PushDevices;
import dev.gerbang.notify.PushService;
import dev.gerbang.user.ProfileChanges.Field;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/** The signed-in user's own account: profile, password, deletion. */
public final class UserRoutes {
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"]+");

  private final Components c;
  private final SessionIssuer issuer;
  private final PushService push;
  private final MeCache cache;

  public UserRoutes(Components components, SessionIssuer issuer, PushService push, MeCache cache) {
    this.c = components;
    this.issuer = issuer;
    this.push = push;
    this.cache = cache;
  }

  public void mount(Router api) {
    api.get("/me").handler(c.auth().required()).handler(this::me);
    api.patch("/me").handler(c.auth().required()).handler(this::update);
    api.post("/me/password").handler(c.auth().required()).handler(this::changePassword);
    api.delete("/me").handler(c.auth().required()).handler(this::delete);
  }

  /** The account, with the devices push notifications go to (browsers and phones). */
  private void me(RoutingContext ctx) {
    String userId = AuthUser.of(ctx).userId();
    cache.get(userId, () -> load(userId))
        .compose(answer -> answer == null ? Future.failedFuture(Problem.notFound("detail.not_found.account_gone"))
            : Future.succeededFuture(answer))
        .onSuccess(answer -> Responses.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  /** The answer of GET /api/me, encoded; null when the account is gone. */
  private Future<Buffer> load(String userId) {
    Future<PushDevices> devices = push.devices(userId);
    return c.users().find(userId).compose(user -> user == null ? Future.succeededFuture(null)
        : devices.map(found -> user.toJson().put("pushDevices", found.toJson()).toBuffer()));
  }

  private void update(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "name", "username", "bio", "avatarUrl", "locale");
    ProfileChanges changes = ProfileChanges.none();
    if (v.has("name")) {
      changes = changes.with(Field.NAME, v.line("name", 1, 100));
    }
    if (v.has("username")) {
      changes = changes.with(Field.USERNAME,
          v.pattern("username", v.optionalLine("username", 3, 32), AuthRoutes.USERNAME, AuthRoutes.USERNAME_RULE));
    }
    if (v.has("bio")) {
      String bio = v.optionalText("bio", 0, 500);
      changes = changes.with(Field.BIO, bio == null || bio.isEmpty() ? null : bio);
    }
    if (v.has("avatarUrl")) {
      String url = v.optionalLine("avatarUrl", 0, 2048);
      changes = changes.with(Field.AVATAR_URL, url == null || url.isEmpty() ? null
          : v.pattern("avatarUrl", url, HTTP_URL, "field.http_url"));
    }
    if (v.has("locale")) {
      String locale = v.line("locale", 2, 10);
      if (locale != null && !AuthRoutes.LOCALES.contains(locale)) {
        v.add("locale", "field.locale");
      }
      changes = changes.with(Field.LOCALE, locale);
    }
    if (changes.isEmpty() && v.raw().isEmpty()) {
      v.add("body", "field.body.profile");
    }
    v.validate();
    c.users().updateProfile(me.userId(), changes).onSuccess(user -> {
      Responses.ok(ctx, user.toJson());
    }).onFailure(ctx::fail);
  }

  /**
   * Changes the password. An account that has none yet (signed up with Google) sets one without a current
   * password, but only from a recent sign-in: a stolen access token of an old session must not be able to
   * add a password and so a new way in.
   */
  private void changePassword(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "currentPassword", "newPassword");
    String current = v.has("currentPassword") ? v.secret("currentPassword", c.policy().maxLength() * 4) : null;
    String next = v.secret("newPassword", Integer.MAX_VALUE);
    c.users().find(me.userId()).compose(user -> c.users().passwordHash(me.userId()).compose(hash -> {
      // Only now is it known whether a current password is needed: then every field problem is listed at once.
      if (hash != null && !v.has("currentPassword")) {
        v.add("currentPassword", "field.required");
      }
      v.validate();
      Future<Boolean> currentOk = hash == null ? recentSignIn(me)
          : LockedCheck.run(ctx, c.loginThrottle(), user.email(), "detail.login_locked", () -> c.hasher().verify(current, hash));
      return currentOk.compose(matches -> {
        Validator rules = Validator.of(new JsonObject());
        if (!matches) {
          rules.add("currentPassword", "field.wrong_password");
        }
        c.policy().check(rules, "newPassword", next, user.email());
        if (next.equals(current)) {
          rules.add("newPassword", "field.password.same_as_current", "same_as_current");
        }
        rules.validate();
        return c.hasher().hash(next);
      }).compose(newHash -> c.accounts().changePassword(me.userId(), newHash, me.sessionId(),
          Mails.passwordChanged(user.email(), user.name(), user.locale()), Audit.actor(ctx)));
    }))
        .onSuccess(revoked -> Responses.ok(ctx, new JsonObject().put("sessionsRevoked", revoked.size())))
        .onFailure(ctx::fail);
  }

  /** ASVS 2.5.x / 3.x: adding a credential needs a fresh authentication (a new social sign-in, or the emailed reset link). */
  private Future<Boolean> recentSignIn(AuthUser me) {
    long maxAgeMs = c.authSettings().recentAuthMinutes() * 60_000L;
    return c.sessions().lookup(me.sessionId()).compose(session -> {
      if (session != null && System.currentTimeMillis() - session.signedInAt() <= maxAgeMs) {
        return Future.succeededFuture(true);
      }
      return Future.failedFuture(new Problem(403, "reauthentication-required", "title.reauthentication_required",
          "detail.reauthentication_required", List.of()).with("minutes", c.authSettings().recentAuthMinutes()));
    });
  }

  private void delete(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "password");
    String password = v.secret("password", c.policy().maxLength() * 4);
    v.validate();
    c.users().find(me.userId()).compose(user -> LockedCheck.password(ctx, c, user, password))
        .compose(right -> right ? c.users().delete(me.userId(), Audit.actor(ctx))
            : Future.failedFuture(Problem.validation(List.of(new FieldError("password", "field.wrong_password")))))
        .onSuccess(done -> {
          issuer.clearCookie(ctx);
          Responses.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }
}
