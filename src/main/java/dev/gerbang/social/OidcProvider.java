package dev.gerbang.social;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An OpenID Connect provider (Google, or any issuer): discovery and keys through vertx-auth-oauth2, which
 * checks the ID token's signature against the issuer's JWKS, its issuer, audience, authorised party and
 * expiry. The nonce, which the library does not check, is checked here.
 */
public final class OidcProvider implements Provider {
  private final Vertx vertx;
  private final String name;
  private final String displayName;
  private static final long LEEWAY_SECONDS = 60;

  private final OAuth2Options options;
  private final String issuer;
  private final String clientId;
  private Future<OAuth2Auth> discovered;

  public OidcProvider(Vertx vertx, String name, String displayName, String issuer, String clientId, String clientSecret) {
    this.vertx = vertx;
    this.name = name;
    this.displayName = displayName;
    this.options = new OAuth2Options().setSite(issuer).setClientId(clientId).setClientSecret(clientSecret);
    this.issuer = issuer;
    this.clientId = clientId;
  }

  /** Discovery happens on first use and is kept; a failed discovery (provider down) is tried again next time. */
  private synchronized Future<OAuth2Auth> auth() {
    if (discovered == null || discovered.failed()) {
      discovered = OpenIDConnectAuth.discover(vertx, new OAuth2Options(options));
    }
    return discovered;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public boolean openIdConnect() {
    return true;
  }

  @Override
  public Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
    return auth().map(auth -> auth.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(redirectUri)
        .setScopes(List.of("openid", "email", "profile"))
        .setState(state)
        .setCodeChallenge(codeChallenge)
        .setCodeChallengeMethod("S256")) + "&nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8));
  }

  /**
   * The claims checks of OpenID Connect Core 3.1.3.7 that Gerbang makes itself, whatever the library did:
   * issuer, audience, expiry, issue time and nonce. Null when the token passes.
   */
  String problem(JsonObject idToken, String nonce) {
    long now = System.currentTimeMillis() / 1000;
    Object aud = idToken.getValue("aud");
    boolean audienceOk = clientId.equals(aud) || aud instanceof io.vertx.core.json.JsonArray list && list.contains(clientId);
    Long exp = idToken.getLong("exp");
    Long iat = idToken.getLong("iat");
    if (!issuer.equals(idToken.getString("iss"))) {
      return "the ID token comes from another issuer";
    }
    if (!audienceOk) {
      return "the ID token is for another client";
    }
    if (exp == null || exp + LEEWAY_SECONDS < now) {
      return "the ID token has expired";
    }
    if (iat != null && iat - LEEWAY_SECONDS > now) {
      return "the ID token is issued in the future";
    }
    if (!nonce.equals(idToken.getString("nonce"))) {
      return "the ID token's nonce is not this flow's";
    }
    return null;
  }

  @Override
  public Future<JsonObject> profile(String code, String redirectUri, String codeVerifier, String nonce) {
    return auth().compose(auth -> auth.authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(redirectUri).setCodeVerifier(codeVerifier)))
        .compose(user -> {
          JsonObject idToken = user.attributes().getJsonObject("idToken");
          if (idToken == null) {
            return Future.failedFuture(new SocialException("invalid_token", "the provider sent no ID token"));
          }
          String problem = problem(idToken, nonce);
          if (problem != null) {
            return Future.failedFuture(new SocialException("invalid_token", problem));
          }
          return Future.succeededFuture(new JsonObject()
              .put("provider", name)
              .put("subject", idToken.getString("sub"))
              .put("email", idToken.getString("email"))
              .put("emailVerified", Boolean.TRUE.equals(idToken.getValue("email_verified"))
                  || "true".equals(String.valueOf(idToken.getValue("email_verified"))))
              .put("name", idToken.getString("name"))
              .put("avatarUrl", idToken.getString("picture")));
        });
  }
}
