package dev.gerbang.account;

import dev.gerbang.Components;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.LockedCheck;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Emails;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows that go through the user's mailbox: verify the email, forgot/reset the password, change the
 * email. Requests that name an email (forgot, resend) always answer 202 with the same body, before any
 * look-up, so neither the body nor the time tells whether an account exists.
 */
public final class AccountRoutes {
  private static final Logger log = LoggerFactory.getLogger(AccountRoutes.class);
  private static final JsonObject ACCEPTED = new JsonObject()
      .put("status", "accepted")
      .put("message", "If an account exists for this email, we have sent it a message. Check your inbox.");

  private final Components c;

  public AccountRoutes(Components components) {
    this.c = components;
  }

  public void mount(Router api) {
    api.post("/auth/verify-email").handler(this::verifyEmail);
    api.post("/auth/verify-email/resend").handler(this::resendVerification);
    api.post("/auth/password/forgot").handler(this::forgotPassword);
    api.post("/auth/password/reset").handler(this::resetPassword);
    api.post("/auth/email-change/confirm").handler(this::confirmEmailChange);
    api.post("/me/email").handler(c.auth().required()).handler(this::requestEmailChange);
  }

  private static Problem unusableToken() {
    return new Problem(400, "token-invalid", "title.token_invalid",
        "detail.token_invalid.account", List.of());
  }

  private String token(Validator v) {
    return v.secret("token", 200);
  }

  private void verifyEmail(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "token");
    String token = token(v);
    v.validate();
    c.accounts().verifyEmail(EmailTokens.hash(token), Audit.actor(ctx)).onSuccess(userId -> {
      if (userId == null) {
        ctx.fail(unusableToken());
        return;
      }
      Responses.ok(ctx, new JsonObject().put("emailVerified", true));
    }).onFailure(ctx::fail);
  }

  /** Answers at once; the look-up and the mail happen afterwards, whatever the outcome. */
  private void acceptThen(RoutingContext ctx, String email, BiFunction<User, Actor, Future<?>> work) {
    Actor actor = Audit.actor(ctx);
    Responses.json(ctx, 202, ACCEPTED);
    c.users().findCredentials(email)
        .compose(found -> found == null ? Future.succeededFuture() : work.apply(found.user(), actor))
        .onFailure(e -> log.warn("mail request could not be processed", e));
  }

  private void resendVerification(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "email");
    String email = v.email("email");
    v.validate();
    acceptThen(ctx, email, (user, actor) -> user.emailVerified() || user.disabled() ? Future.succeededFuture()
        : issue(actor, user, TokenKind.VERIFY_EMAIL, null, c.accountSettings().verifyEmailTokenMinutes(),
            (tokenId, ttl) -> List.of(Mails.verifyEmail(user.email(), user.name(), user.locale(), tokenId, ttl))));
  }

  private void forgotPassword(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "email");
    String email = v.email("email");
    v.validate();
    acceptThen(ctx, email, (user, actor) -> user.disabled() ? Future.succeededFuture()
        : issue(actor, user, TokenKind.PASSWORD_RESET, null, c.accountSettings().passwordResetTokenMinutes(),
            (tokenId, ttl) -> List.of(Mails.passwordReset(user.email(), user.name(), user.locale(), tokenId, ttl))));
  }

  private Future<Boolean> issue(Actor actor, User user, TokenKind kind, String newEmail, int ttlMinutes,
                                BiFunction<String, Integer, List<Mail>> mails) {
    String tokenId = Ids.newId();
    EmailToken token = c.emailTokens().issue(tokenId, kind, user.id(), newEmail, ttlMinutes);
    long cooldown = newEmail == null ? c.accountSettings().resendCooldownSeconds() * 1000L : 0;
    return c.accounts().issue(token, mails.apply(tokenId, ttlMinutes), cooldown, actor);
  }

  private void resetPassword(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "token", "newPassword");
    String token = token(v);
    String password = v.secret("newPassword", Integer.MAX_VALUE);
    v.validate();
    String hash = EmailTokens.hash(token);
    c.accounts().findUsable(hash, TokenKind.PASSWORD_RESET).compose(found -> {
      if (found == null) {
        return Future.failedFuture(unusableToken());
      }
      Validator rules = Validator.of(new JsonObject());
      c.policy().check(rules, "newPassword", password, found.email());
      rules.validate();
      Mail notice = Mails.passwordChanged(found.email(), found.name(), found.locale());
      // The owner proved control of the mailbox: a password-login lock on the account ends too.
      return c.hasher().hash(password)
          .compose(passwordHash -> c.accounts().resetPassword(hash, passwordHash, notice, Audit.actor(ctx)))
          .onSuccess(done -> {
            if (done != null) {
              c.loginThrottle().clear(Emails.normalize(found.email()));
            }
          });
    }).onSuccess(result -> {
      if (result == null) {
        ctx.fail(unusableToken());
        return;
      }
      Responses.ok(ctx, new JsonObject().put("sessionsRevoked", result.sessionIds().size()));
    }).onFailure(ctx::fail);
  }

  private void requestEmailChange(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, "newEmail", "password");
    String newEmail = v.email("newEmail");
    String password = v.secret("password", c.policy().maxLength() * 4);
    v.validate();
    c.users().find(me.userId()).compose(user -> LockedCheck.password(ctx, c, user, password)
        .compose(matches -> {
          if (!matches) {
            return Future.failedFuture(Problem.validation(List.of(new FieldError("password", "field.wrong_password"))));
          }
          if (dev.gerbang.user.Emails.normalize(newEmail).equals(dev.gerbang.user.Emails.normalize(user.email()))) {
            return Future.failedFuture(Problem.validation(List.of(new FieldError("newEmail", "field.same_email"))));
          }
          return c.users().findCredentials(newEmail);
        })
        .compose(taken -> taken != null
            ? Future.failedFuture(Problem.conflict("email-taken", "detail.conflict.email_taken",
                List.of(new FieldError("newEmail", "field.taken"))))
            : issue(Audit.actor(ctx), user, TokenKind.EMAIL_CHANGE, newEmail, c.accountSettings().emailChangeTokenMinutes(), (tokenId, ttl) -> List.of(
                Mails.emailChangeConfirm(newEmail, user.name(), user.locale(), tokenId, ttl),
                Mails.emailChangeNotice(user.email(), user.name(), user.locale(), newEmail)))))
        .onSuccess(issued -> {
          Responses.json(ctx, 202, new JsonObject().put("status", "accepted")
              .put("message", "We sent a confirmation link to the new address. Your email changes when you open it."));
        })
        .onFailure(ctx::fail);
  }

  private void confirmEmailChange(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "token");
    String token = token(v);
    v.validate();
    c.accounts().confirmEmailChange(EmailTokens.hash(token), Audit.actor(ctx)).onSuccess(result -> {
      if (result == null) {
        ctx.fail(unusableToken());
        return;
      }
      Responses.ok(ctx, new JsonObject().put("email", result.email()).put("emailVerified", true));
    }).onFailure(ctx::fail);
  }
}
