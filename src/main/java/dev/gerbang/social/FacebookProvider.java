package dev.gerbang.social;

import dev.gerbang.crypto.Hmac;
import dev.gerbang.social.SocialException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Facebook: OAuth 2.0 code flow (with PKCE) through vertx-auth-oauth2, then the profile from the Graph API
 * (`/me?fields=id,name,email,picture`, signed with appsecret_proof). Facebook says nothing about whether the
 * email was verified, so Gerbang treats it as unverified: it never links an existing account by itself.
 */
public final class FacebookProvider implements Provider {
  private final OAuth2Auth auth;
  private final WebClient web;
  private final String graphUrl;
  private final String clientSecret;

  public FacebookProvider(Vertx vertx, String clientId, String clientSecret, String authorizeUrl, String tokenUrl, String graphUrl) {
    this.auth = OAuth2Auth.create(vertx, new OAuth2Options()
        .setClientId(clientId).setClientSecret(clientSecret)
        .setAuthorizationPath(authorizeUrl).setTokenPath(tokenUrl));
    this.web = WebClient.create(vertx);
    this.graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
    this.clientSecret = clientSecret;
  }

  @Override
  public String name() {
    return "facebook";
  }

  @Override
  public String displayName() {
    return "Facebook";
  }

  @Override
  public boolean openIdConnect() {
    return false;
  }

  @Override
  public Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
    return Future.succeededFuture(auth.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(redirectUri).setScopes(List.of("email", "public_profile")).setState(state)
        .setCodeChallenge(codeChallenge).setCodeChallengeMethod("S256")));
  }

  @Override
  public Future<Profile> profile(String code, String redirectUri, String codeVerifier, String nonce) {
    return auth.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code)
            .setRedirectUri(redirectUri).setCodeVerifier(codeVerifier))
        .recover(failure -> Future.failedFuture(new SocialException(Kind.PROVIDER_ERROR, "code exchange: " + failure.getMessage())))
        .compose(user -> {
          String accessToken = user.principal().getString("access_token");
          return web.getAbs(graphUrl + "/me")
              .addQueryParam("fields", "id,name,email,picture")
              .addQueryParam("access_token", accessToken)
              .addQueryParam("appsecret_proof", proof(accessToken))
              .send()
              .recover(failure -> Future.failedFuture(new SocialException(Kind.PROVIDER_ERROR, "the Graph API: " + failure.getMessage())));
        })
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture(new SocialException(Kind.PROVIDER_ERROR, "the Graph API answered " + response.statusCode()));
          }
          JsonObject me = response.bodyAsJsonObject();
          JsonObject picture = me.getJsonObject("picture", new JsonObject()).getJsonObject("data", new JsonObject());
          return Future.succeededFuture(new Profile(name(), me.getString("id"), me.getString("email"), false, me.getString("name"),
              picture.getString("url"), null));
        });
  }

  /** appsecret_proof: HMAC-SHA256 of the access token with the app secret, as the Graph API recommends. */
  private String proof(String accessToken) {
    return HexFormat.of().formatHex(Hmac.sha256(clientSecret.getBytes(StandardCharsets.UTF_8), accessToken));
  }
}
