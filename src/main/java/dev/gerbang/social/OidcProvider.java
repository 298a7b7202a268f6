package dev.gerbang.social;

import dev.gerbang.social.SocialException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);
  /** The claims a profile is made of: when the ID token lacks any, UserInfo is asked. */
  private static final List<String> USER_INFO_CLAIMS = List.of("email", "email_verified", "name", "picture");

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
  public Future<Profile> profile(String code, String redirectUri, String codeVerifier, String nonce) {
    return auth().compose(auth -> auth.authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(redirectUri).setCodeVerifier(codeVerifier))
        // The library drops an ID token that does not verify (checked below): what fails here is the exchange itself.
        .recover(failure -> Future.failedFuture(new SocialException(Kind.PROVIDER_ERROR, "code exchange: " + failure.getMessage())))
        .compose(user -> {
          JsonObject idToken = user.attributes().getJsonObject("idToken");
          if (idToken == null) {
            return Future.failedFuture(new SocialException(Kind.INVALID_TOKEN, "the provider sent no ID token that verifies"));
          }
          String problem = problem(idToken, nonce);
          if (problem != null) {
            return Future.failedFuture(new SocialException(Kind.INVALID_TOKEN, problem));
          }
          return withUserInfo(auth, user, idToken.copy());
        }))
        .map(claims -> new Profile(name, claims.getString("sub"), claims.getString("email"),
            Boolean.TRUE.equals(claims.getValue("email_verified")) || "true".equals(String.valueOf(claims.getValue("email_verified"))),
            claims.getString("name"), claims.getString("picture"), null));
  }

  /**
   * The ID token's claims, completed from the UserInfo endpoint when it lacks some that we use: OIDC Core 5.4
   * lets an issuer send email, name and picture only there. UserInfo counts only when its `sub` is the ID
   * token's (5.3.2); the ID token's own claims win, and an email_verified from UserInfo only vouches for the
   * email UserInfo names. Without the email, a failed UserInfo call fails the sign-in; otherwise it is skipped.
   */
  private Future<JsonObject> withUserInfo(OAuth2Auth auth, User user, JsonObject idToken) {
    if (USER_INFO_CLAIMS.stream().allMatch(idToken::containsKey)) {
      return Future.succeededFuture(idToken);
    }
    boolean needed = idToken.getString("email") == null;
    // Asked with the access token alone, so that the subject check below is the one that decides (the library
    // would fail a mismatch with a message only, and would merge the answer into the signed-in user).
    User bearer = User.create(new JsonObject().put("access_token", user.principal().getString("access_token")));
    return auth.userInfo(bearer).transform(answer -> {
      if (answer.failed()) {
        log.warn("{}: UserInfo failed: {}", name, answer.cause().getMessage());
        return needed ? Future.failedFuture(new SocialException(Kind.PROVIDER_ERROR, "UserInfo: " + answer.cause().getMessage()))
            : Future.succeededFuture(idToken);
      }
      JsonObject info = answer.result();
      if (!idToken.getString("sub", "").equals(info.getString("sub"))) {
        return Future.failedFuture(new SocialException(Kind.INVALID_TOKEN, "the UserInfo answer is about another subject"));
      }
      JsonObject claims = idToken;
      if (!claims.containsKey("email") && info.getValue("email") instanceof String email) {
        claims.put("email", email).put("email_verified", info.getValue("email_verified"));
      } else if (!claims.containsKey("email_verified") && String.valueOf(claims.getValue("email")).equals(info.getValue("email"))) {
        claims.put("email_verified", info.getValue("email_verified"));
      }
      for (String claim : List.of("name", "picture")) {
        if (!claims.containsKey(claim) && info.getValue(claim) instanceof String value) {
          claims.put(claim, value);
        }
      }
      return Future.succeededFuture(claims);
    });
  }
}
