package dev.gerbang.social;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.auth.SecondStep;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Social sign-in from the browser: start (302 to the provider with state, PKCE and nonce, the flow bound
 * to this browser by a short-lived cookie), callback (checks, code exchange, ID token or profile, then a
 * Gerbang session like a password login and a 302 back to the web app), and the linked identities of
 * the signed-in user. Every failure the user can act on returns to the web app with ?oauthError=code.
 */
public final class SocialRoutes {
  private static final Logger log = LoggerFactory.getLogger(SocialRoutes.class);
  static final String FLOW_COOKIE = "gerbang_oauth";
  private static final String MFA_LANDING = "gerbang.mfaLanding";
  private static final String FLOW_COOKIE_PATH = "/api/auth/oauth";

  private final Components c;
  private final SocialSettings settings;
  private final SessionIssuer issuer;
  private final Providers providers;
  private final SocialService social;
  private final FlowSecrets secrets;
  private final SignUpRoutes signUps;

  SocialRoutes(Components components, SocialSettings settings, SessionIssuer issuer, Providers providers, SocialService social,
               FlowSecrets secrets) {
    this.c = components;
    this.settings = settings;
    this.issuer = issuer;
    this.providers = providers;
    this.social = social;
    this.secrets = secrets;
    this.signUps = new SignUpRoutes(components, settings, social, providers, this);
  }

  void mount(Router api) {
    api.get("/auth/oauth/providers").handler(this::list);
    // Before /auth/oauth/:provider, which would otherwise take "confirm" for a provider's name.
    signUps.mount(api);
    api.get("/auth/oauth/:provider").handler(this::start);
    api.get("/auth/oauth/:provider/callback").handler(this::callback);
    api.get("/me/identities").handler(c.auth().required()).handler(this::identities);
    api.post("/me/identities/:provider").handler(c.auth().required()).handler(this::startLink);
    api.delete("/me/identities/:provider").handler(c.auth().required()).handler(this::unlink);
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    providers.all().forEach(p -> items.add(new JsonObject().put("name", p.name()).put("displayName", p.displayName())
        .put("loginUrl", "/api/auth/oauth/" + p.name())));
    Responses.ok(ctx, new JsonObject().put("items", items));
  }

  private Provider provider(RoutingContext ctx) {
    Provider provider = providers.get(ctx.pathParam("provider"));
    if (provider == null) {
      throw Problem.notFound("detail.not_found.provider");
    }
    return provider;
  }

  private String callbackUrl(Provider provider) {
    return c.config().publicUrl() + "/api/auth/oauth/" + provider.name() + "/callback";
  }

  /** A relative path on this site, or an URL on a configured origin; anything else is refused (no open redirect). */
  private String redirectTarget(String requested, String fallback) {
    if (requested == null || requested.isEmpty()) {
      return fallback;
    }
    if (requested.length() <= 512 && requested.matches("/[A-Za-z0-9/_.~%?=&#-]*") && !requested.startsWith("//")) {
      return requested;
    }
    try {
      URI uri = URI.create(requested);
      String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      if (requested.length() <= 512 && uri.getUserInfo() == null && settings.redirectOrigins().contains(origin)) {
        return requested;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the refusal
    }
    throw Problem.validation(java.util.List.of(new FieldError("redirect",
        "field.redirect")));
  }

  private Future<String> begin(RoutingContext ctx, Provider provider, FlowMode mode, String userId, String redirect) {
    String flowId = Ids.newId();
    String state = FlowSecrets.newState();
    Flow flow = new Flow(flowId, RefreshTokens.hash(state), provider.name(), mode, userId, redirect,
        System.currentTimeMillis() + settings.flowTtlSeconds() * 1000L);
    return social.startFlow(flow)
        .compose(stored -> provider.authorizeUrl(callbackUrl(provider), state, secrets.challenge(flowId), secrets.nonce(flowId)))
        .onSuccess(url -> ctx.response().addCookie(Cookie.cookie(FLOW_COOKIE, flowId).setPath(FLOW_COOKIE_PATH).setHttpOnly(true)
            .setSecure(c.authSettings().cookieSecure())
            // Lax, not Strict: the provider sends the browser back with a cross-site top-level navigation.
            .setSameSite(CookieSameSite.LAX)
            .setMaxAge(settings.flowTtlSeconds())));
  }

  private void start(RoutingContext ctx) {
    Provider provider = provider(ctx);
    String redirect = redirectTarget(ctx.queryParams().get("redirect"), "/");
    begin(ctx, provider, FlowMode.LOGIN, null, redirect)
        .onSuccess(url -> ctx.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end())
        .onFailure(failure -> {
          log.warn("could not start a {} sign-in: {}", provider.name(), failure.toString());
          c.audit().record(ctx, "oauth_failed", null, new JsonObject().put("provider", provider.name()).put("reason", "provider_error"));
          backToApp(ctx, "/login", "provider_error");
        });
  }

  private void startLink(RoutingContext ctx) {
    Provider provider = provider(ctx);
    begin(ctx, provider, FlowMode.LINK, AuthUser.of(ctx).userId(), "/settings")
        .onSuccess(url -> Responses.ok(ctx, new JsonObject().put("authorizeUrl", url)))
        .onFailure(failure -> ctx.fail(new Problem(502, "provider-error", "title.provider_error",
            "detail.provider_error", java.util.List.of())));
  }

  void backToApp(RoutingContext ctx, String path, String error) {
    String target = path.startsWith("http") ? path : c.config().publicUrl() + path;
    if (error != null) {
      target += (target.contains("?") ? "&" : "?") + "oauthError=" + URLEncoder.encode(error, StandardCharsets.UTF_8);
    }
    ctx.response().setStatusCode(302).putHeader("Location", target).putHeader("Cache-Control", "no-store").end();
  }

  private void callback(RoutingContext ctx) {
    Provider provider = provider(ctx);
    Cookie cookie = ctx.request().getCookie(FLOW_COOKIE);
    ctx.response().addCookie(Cookie.cookie(FLOW_COOKIE, "").setPath(FLOW_COOKIE_PATH).setHttpOnly(true)
        .setSecure(c.authSettings().cookieSecure()).setSameSite(CookieSameSite.LAX).setMaxAge(0));
    String error = ctx.queryParams().get("error");
    String code = ctx.queryParams().get("code");
    String state = ctx.queryParams().get("state");
    if (error != null) {
      fail(ctx, provider, "/login", "access_denied".equals(error) ? "access_denied" : "provider_error", error);
      return;
    }
    if (code == null || state == null || state.length() > 200) {
      fail(ctx, provider, "/login", "state_mismatch", "missing code or state");
      return;
    }
    // Without this browser's flow cookie the flow cannot succeed, but the state still tells an expired flow apart.
    String flowId = cookie == null || !Ids.looksValid(cookie.getValue()) ? "" : cookie.getValue();
    social.useFlow(flowId, RefreshTokens.hash(state), provider.name()).onSuccess(flow -> {
      switch (flow.outcome()) {
        case EXPIRED -> fail(ctx, provider, "/login", "flow_expired", "expired");
        case MISMATCH -> fail(ctx, provider, "/login", "state_mismatch", "mismatch");
        case OK -> exchange(ctx, provider, flowId, flow, code);
      }
    }).onFailure(failure -> fail(ctx, provider, "/login", "provider_error", failure.getMessage()));
  }

  /** A flow this browser may use: the code for the provider's profile, then a sign-in or a link. */
  private void exchange(RoutingContext ctx, Provider provider, String flowId, FlowUse flow, String code) {
    boolean link = flow.mode() == FlowMode.LINK;
    String home = link ? "/settings" : "/login";
    provider.profile(code, callbackUrl(provider), secrets.verifier(flowId), secrets.nonce(flowId))
        .onFailure(failure -> fail(ctx, provider, home, SocialException.codeOf(failure), failure.getMessage()))
        .onSuccess(profile -> (link ? finishLink(ctx, provider, flow, profile) : finishLogin(ctx, provider, flow, profile))
            .onFailure(failure -> fail(ctx, provider, home, "provider_error", failure.getMessage())));
  }

  void fail(RoutingContext ctx, Provider provider, String home, String code, String reason) {
    c.audit().record(ctx, "oauth_failed", AuthUser.of(ctx) == null ? null : AuthUser.of(ctx).userId(),
        new JsonObject().put("provider", provider.name()).put("reason", code));
    log.info("social sign-in with {} failed: {} ({})", provider.name(), code, reason);
    backToApp(ctx, home, code);
  }

  private Future<Void> finishLogin(RoutingContext ctx, Provider provider, FlowUse flow, Profile profile) {
    String browserSecret = FlowSecrets.newState();
    PendingSignUp signUp = signUps.pending(provider, profile, flow.redirectPath(), browserSecret);
    return social.signIn(profile, signUp, Audit.actor(ctx)).compose(result -> {
      String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
      switch (result.outcome()) {
        case EXISTING, LINKED, CREATED -> {
          return signInAndReturn(ctx, provider, result.userId(), outcome, flow.redirectPath())
              .map(problem -> {
                if (problem == null) {
                  backToApp(ctx, landing(ctx, flow.redirectPath()), null);
                } else {
                  fail(ctx, provider, "/login", problem, outcome);
                }
                return null;
              });
        }
        case CONFIRM_EMAIL -> {
          signUps.bindBrowser(ctx, browserSecret);
          backToApp(ctx, "/login", "confirm_email");
        }
        case CONFIRM_EMAIL_SENT -> backToApp(ctx, "/login", "confirm_email_sent");
        case DISABLED -> fail(ctx, provider, "/login", "account_disabled", outcome);
        case NO_EMAIL -> fail(ctx, provider, "/login", "email_required", outcome);
        case LINK_REQUIRED -> fail(ctx, provider, "/login", "link_required", outcome);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Opens a session for an account a provider (or a confirmed sign-up) vouched for, unless the account may
   * not sign in: answers null when signed in, else the oauthError code.
   */
  Future<String> signInAndReturn(RoutingContext ctx, Provider provider, String userId, String outcome, String redirectPath) {
    Metrics metrics = Metrics.of(ctx.vertx());
    if ("created".equals(outcome)) {
      metrics.count("gerbang.registrations", "method", "social");
    }
    return c.users().find(userId).compose(user -> {
      if (user == null || user.disabled()) {
        return Future.succeededFuture("account_disabled");
      }
      if (c.authSettings().requireVerifiedEmail() && !user.emailVerified()) {
        c.audit().record(ctx, "login_refused", userId, new JsonObject().put("reason", "email_unverified"));
        return Future.succeededFuture("email_unverified");
      }
      return issuer.signIn(ctx, user, provider.name(), outcome).map(answer -> {
        if (SecondStep.pending(answer)) {
          // No session yet: the web app's sign-in screen asks for the second factor (the token in the fragment, never sent on).
          ctx.put(MFA_LANDING, "/login#" + MfaFragment.of(answer, redirectPath));
        }
        metrics.count("gerbang.signins", "method", "social", "outcome", SecondStep.pending(answer) ? "mfa_pending" : "ok");
        return (String) null;
      });
    });
  }

  /** Where a sign-in lands: the second-factor step when one is pending, else where it was headed. */
  String landing(RoutingContext ctx, String redirectPath) {
    String mfa = ctx.get(MFA_LANDING);
    return mfa == null ? redirectPath : mfa;
  }

  private Future<Void> finishLink(RoutingContext ctx, Provider provider, FlowUse flow, Profile profile) {
    String userId = flow.userId();
    return social.link(userId, profile, Audit.actor(ctx)).map(result -> {
      String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
      switch (result.outcome()) {
        case LINKED -> backToApp(ctx, flow.redirectPath(), null);
        case TAKEN -> fail(ctx, provider, "/settings", "identity_taken", outcome);
        case VERIFY_EMAIL_FIRST -> fail(ctx, provider, "/settings", "verify_email_first", outcome);
        case PROVIDER_ALREADY_LINKED -> fail(ctx, provider, "/settings", "already_linked", outcome);
      }
      return null;
    });
  }

  private void identities(RoutingContext ctx) {
    social.identities(AuthUser.of(ctx).userId())
        .onSuccess(items -> Responses.ok(ctx, new JsonObject()
            .put("items", new JsonArray(items.stream().map(Identity::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void unlink(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    String name = ctx.pathParam("provider");
    if (name.length() > 30) {
      ctx.fail(Problem.notFound("detail.not_found.identity"));
      return;
    }
    social.unlink(me.userId(), name, Audit.actor(ctx)).onSuccess(removed -> {
      if (!removed) {
        ctx.fail(Problem.notFound("detail.not_found.identity"));
        return;
      }
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }
}
