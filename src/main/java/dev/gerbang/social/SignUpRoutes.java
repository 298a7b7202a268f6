package dev.gerbang.social;

import dev.gerbang.Components;
import dev.gerbang.account.EmailTokens;
import dev.gerbang.account.Mails;
import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.security.SameOrigin;
import dev.gerbang.user.Names;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * The end of a first social sign-in whose email the provider did not verify: the provider's profile waits
 * until the link we mail to that address is opened in the same browser (bound by an HttpOnly cookie holding
 * a secret whose hash the pending sign-up keeps). The mailbox's owner thereby proves the address, and a
 * stranger who signed in with someone else's address gets no account, nor can the owner be tricked into
 * confirming the stranger's sign-up from their own browser.
 */
final class SignUpRoutes {
  static final String BROWSER_COOKIE = "gerbang_signup";
  private static final String COOKIE_PATH = "/api/auth/oauth";

  private final Components c;
  private final SocialSettings settings;
  private final SocialService social;
  private final Providers providers;
  private final SocialRoutes routes;

  SignUpRoutes(Components components, SocialSettings settings, SocialService social, Providers providers, SocialRoutes routes) {
    this.c = components;
    this.settings = settings;
    this.social = social;
    this.providers = providers;
    this.routes = routes;
  }

  void mount(Router api) {
    api.post("/auth/oauth/confirm").handler(this::confirm);
  }

  /** What signIn stores should the profile's email be unverified and unknown: the row, and the mail with its link. */
  PendingSignUp pending(Provider provider, Profile profile, String redirectPath, String browserSecret) {
    String id = Ids.newId();
    int minutes = settings.signUpTokenMinutes();
    String email = profile.email() == null ? "" : profile.email().strip();
    String name = Names.singleLine(profile.name(), Names.MAX_LENGTH);
    String locale = profile.locale() == null ? c.config().defaultLocale() : profile.locale();
    return new PendingSignUp(id, c.emailTokens().hashFor(id), RefreshTokens.hash(browserSecret), redirectPath,
        System.currentTimeMillis() + minutes * 60_000L, c.accountSettings().resendCooldownSeconds() * 1000L,
        Mails.socialSignUp(email, name.isEmpty() ? email : name, locale, provider.displayName(), id, minutes));
  }

  void bindBrowser(RoutingContext ctx, String browserSecret) {
    ctx.response().addCookie(Cookie.cookie(BROWSER_COOKIE, browserSecret).setPath(COOKIE_PATH).setHttpOnly(true)
        .setSecure(c.authSettings().cookieSecure()).setSameSite(CookieSameSite.LAX)
        .setMaxAge(settings.signUpTokenMinutes() * 60L));
  }

  private void confirm(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "token");
    String token = v.secret("token", 200);
    v.validate();
    Cookie browser = ctx.request().getCookie(BROWSER_COOKIE);
    if (browser != null && !SameOrigin.allows(ctx, c.config())) {
      ctx.fail(Problem.forbidden("detail.forbidden.cross_site_sign_up"));
      return;
    }
    String browserHash = browser == null || browser.getValue().isEmpty() ? null : RefreshTokens.hash(browser.getValue());
    social.confirmSignUp(EmailTokens.hash(token), browserHash).compose(result -> {
      Provider provider = result.provider() == null ? null : providers.get(result.provider());
      return switch (result.outcome()) {
        case CREATED, EXISTING -> {
          if (provider == null) {
            yield Future.<JsonObject>failedFuture(Problem.notFound("detail.not_found.provider_disabled"));
          }
          yield routes.signInAndReturn(ctx, provider, result.userId(), result.outcome().name().toLowerCase(Locale.ROOT),
                  result.redirectPath())
              .compose(refused -> refused == null
                  ? Future.succeededFuture(new JsonObject().put("redirectPath", result.redirectPath()))
                  : Future.failedFuture(refusal(refused)));
        }
        case ACCOUNT_EXISTS -> Future.failedFuture(Problem.conflict("email-taken",
            "detail.conflict.email_taken_link", List.of()));
        case OTHER_BROWSER -> {
          c.audit().record(ctx, "oauth_failed", null, new JsonObject().put("reason", "sign_up_other_browser"));
          yield Future.failedFuture(new Problem(400, "other-browser", "title.other_browser",
              "detail.other_browser",
              List.of()));
        }
        case INVALID -> Future.failedFuture(new Problem(400, "token-invalid", "title.token_invalid",
            "detail.token_invalid.sign_up", List.of()));
      };
    }).onSuccess(answer -> {
      ctx.response().addCookie(Cookie.cookie(BROWSER_COOKIE, "").setPath(COOKIE_PATH).setHttpOnly(true)
          .setSecure(c.authSettings().cookieSecure()).setSameSite(CookieSameSite.LAX).setMaxAge(0));
      Responses.ok(ctx, answer);
    }).onFailure(ctx::fail);
  }

  private static Problem refusal(String code) {
    return "email_unverified".equals(code)
        ? new Problem(403, "email-unverified", "title.email_unverified", "detail.email_unverified.short", List.of())
        : Problem.forbidden("detail.forbidden.disabled");
  }
}
