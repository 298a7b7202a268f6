package dev.gerbang.auth;

import dev.gerbang.Components;
import dev.gerbang.account.EmailToken;
import dev.gerbang.account.Mail;
import dev.gerbang.account.Mails;
import dev.gerbang.account.TokenKind;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.FailureHandler;
import dev.gerbang.http.Language;
import dev.gerbang.http.Messages;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.user.Emails;
import dev.gerbang.user.Registration;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up and password sign-in. */
public final class AuthRoutes {
  private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");
  public static final String USERNAME_RULE = "field.username";
  public static final Set<String> LOCALES = Set.of("en", "id");

  private final Components c;
  private final SessionIssuer issuer;

  public AuthRoutes(Components components, SessionIssuer issuer) {
    this.c = components;
    this.issuer = issuer;
  }

  public void mount(Router api) {
    api.post("/auth/register").handler(this::register);
    api.post("/auth/login").handler(this::login);
    api.post("/auth/password/check").handler(this::checkPassword);
  }

  private void register(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "email", "password", "name", "username", "locale");
    String email = v.email("email");
    String name = v.line("name", 1, 100);
    String username = v.pattern("username", v.optionalLine("username", 3, 32), USERNAME, USERNAME_RULE);
    String locale = v.optionalLine("locale", 2, 10);
    if (locale != null && !LOCALES.contains(locale)) {
      v.add("locale", "field.locale");
    }
    String password = v.secret("password", Integer.MAX_VALUE);
    c.policy().check(v, "password", password, email);
    v.validate();
    String userLocale = locale == null ? c.config().defaultLocale() : locale;
    String tokenId = Ids.newId();
    int ttl = c.accountSettings().verifyEmailTokenMinutes();
    EmailToken verification = c.emailTokens().issue(tokenId, TokenKind.VERIFY_EMAIL, null, null, ttl);
    Mail mail = Mails.verifyEmail(email, name, userLocale, tokenId, ttl);
    c.hasher().hash(password)
        .compose(hash -> c.users().register(new Registration(email, name, username, userLocale, hash, verification, mail),
            Audit.actor(ctx)))
        .onSuccess(user -> {
          Metrics.of(ctx.vertx()).count("gerbang.registrations", "method", "password");
          ctx.response().putHeader("Location", "/api/me");
          Responses.json(ctx, 201, new JsonObject().put("user", user.toJson()));
        })
        .onFailure(ctx::fail);
  }

  private static Problem loginFailed() {
    return new Problem(401, "login-failed", "title.login_failed", "detail.login_failed", List.of());
  }

  private static Problem loginLocked(long seconds) {
    return new Problem(429, "login-locked", "title.login_locked", "detail.login_locked", List.of()).with("seconds", seconds);
  }

  /** A failed attempt that started a lock: the account's password sign-in is now locked for a while. */
  private void recordLock(RoutingContext ctx, LoginThrottle.Attempt attempt, String userId) {
    if (attempt.lockSeconds() > 0) {
      c.audit().record(ctx, "login_locked", userId, new JsonObject().put("lockSeconds", attempt.lockSeconds()));
    }
  }

  private void login(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "email", "password");
    String email = v.text("email", 1, 254);
    String password = v.secret("password", c.policy().maxLength() * 4);
    v.validate();
    String account = Emails.normalize(email);
    c.loginThrottle().attempt(account).onComplete(counted -> {
      if (counted.failed()) {
        ctx.fail(counted.cause());
      } else if (!counted.result().allowed()) {
        // Refused before the password is checked: a right password during a lock says nothing more than a wrong one.
        ctx.put(FailureHandler.RETRY_AFTER, Long.toString(counted.result().retryAfterSeconds()));
        signIn(ctx, "locked");
        ctx.fail(loginLocked(counted.result().retryAfterSeconds()));
      } else {
        verifyPassword(ctx, email, password, account, counted.result());
      }
    });
  }

  private void verifyPassword(RoutingContext ctx, String email, String password, String account, LoginThrottle.Attempt attempt) {
    c.users().findCredentials(email).compose(found -> {
      String hash = found == null ? null : found.passwordHash();
      if (hash == null) {
        // Spend the time a real check takes, so that timing does not tell which emails have accounts.
        String userId = found == null ? null : found.user().id();
        return c.hasher().verifyDummy(password).compose(x -> {
          c.audit().record(ctx, "login_failed", userId, new JsonObject().put("reason", userId == null ? "unknown_email" : "no_password"));
          recordLock(ctx, attempt, userId);
          signIn(ctx, "wrong_credentials");
          return Future.<JsonObject>failedFuture(loginFailed());
        });
      }
      User user = found.user();
      return c.hasher().verify(password, hash).compose(matches -> {
        if (!matches) {
          c.audit().record(ctx, "login_failed", user.id(), new JsonObject().put("reason", "wrong_password"));
          recordLock(ctx, attempt, user.id());
          signIn(ctx, "wrong_credentials");
          return Future.failedFuture(loginFailed());
        }
        if (user.disabled()) {
          c.audit().record(ctx, "login_refused", user.id(), new JsonObject().put("reason", "disabled"));
          return Future.failedFuture(Problem.forbidden("detail.forbidden.disabled"));
        }
        if (c.authSettings().requireVerifiedEmail() && !user.emailVerified()) {
          c.audit().record(ctx, "login_refused", user.id(), new JsonObject().put("reason", "email_unverified"));
          return Future.failedFuture(new Problem(403, "email-unverified", "title.email_unverified",
              "detail.email_unverified", List.of()));
        }
        upgradeHashIfStale(user.id(), password, hash);
        // A right password forgets the failures once the sign-in is complete: while a second step is pending, wrong
        // codes keep counting toward the same lock.
        return issuer.signIn(ctx, user, null, null).onSuccess(answer -> {
          if (!SecondStep.pending(answer)) {
            c.loginThrottle().clear(account);
          }
        });
      });
    }).onSuccess(answer -> {
      signIn(ctx, SecondStep.pending(answer) ? "mfa_pending" : "ok");
      Responses.ok(ctx, answer);
    }).onFailure(ctx::fail);
  }

  /** Counts a password sign-in by its outcome: ok, mfa_pending, wrong_credentials, locked (a tag value, never who). */
  private static void signIn(RoutingContext ctx, String outcome) {
    Metrics.of(ctx.vertx()).count("gerbang.signins", "method", "password", "outcome", outcome);
  }

  /** Hashes made with older Argon2 parameters are replaced at the next successful login. */
  private void upgradeHashIfStale(String userId, String password, String hash) {
    if (c.hasher().needsRehash(hash)) {
      c.hasher().hash(password)
          .compose(newHash -> c.users().upgradePasswordHash(userId, hash, newHash))
          .onFailure(e -> log.warn("could not upgrade the password hash of user {}", userId, e));
    }
  }

  /** Live feedback for a sign-up or password form: which rules a candidate password fails. */
  private void checkPassword(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "password", "email");
    String password = v.secret("password", Integer.MAX_VALUE);
    String email = v.optionalText("email", 1, 254);
    v.validate();
    JsonArray failures = new JsonArray();
    String language = Language.of(ctx, Messages.bundled().languages(), c.config().defaultLocale());
    c.policy().check(password, email).forEach(f -> failures.add(new JsonObject().put("rule", f.rule())
        .put("message", Messages.bundled().render(language, f.message(), f.params()))));
    Responses.ok(ctx, new JsonObject()
        .put("ok", failures.isEmpty())
        .put("minLength", c.policy().minLength())
        .put("maxLength", c.policy().maxLength())
        .put("failures", failures));
  }
}
