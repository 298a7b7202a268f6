package dev.gerbang.social;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gerbang.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect issuer written for the tests: discovery, a JWKS, a token endpoint that answers an ID token
 * with whatever claims and key the test chose, for the nonce the flow sent, and a UserInfo endpoint. Its authorization endpoint
 * is the real local provider's (which sends the browser back with a code); Gerbang is configured with it as
 * the generic "acme" provider, so this also proves that a third provider is configuration only.
 */
final class StandInIssuer implements AutoCloseable {
  static final String CLIENT_ID = "acme-client";
  static final String SUBJECT = "acme-user";
  private static final String ACCESS_TOKEN = "opaque-access-token";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer http;
  private final String issuer;
  private final RSAKey signingKey;
  private volatile String jwks;
  private volatile String nonce;
  private volatile UnaryOperator<JWTClaimsSet.Builder> claims = b -> b;
  private volatile String keyId;
  private volatile JsonObject userInfo = new JsonObject().put("sub", SUBJECT).put("email", "acme-user@example.com")
      .put("email_verified", true);
  final AtomicInteger userInfoCalls = new AtomicInteger();

  StandInIssuer(String authorizationEndpoint) throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("acme-key").generate();
    keyId = signingKey.getKeyID();
    jwks = new JWKSet(signingKey.toPublicJWK()).toString();
    http = vertx.createHttpServer().requestHandler(request -> {
      String path = request.path();
      if (path.endsWith("/.well-known/openid-configuration")) {
        json(request, new JsonObject().put("issuer", issuer()).put("authorization_endpoint", authorizationEndpoint)
            .put("token_endpoint", issuer() + "/token").put("jwks_uri", issuer() + "/jwks")
            .put("userinfo_endpoint", issuer() + "/userinfo")
            .put("response_types_supported", new JsonArray().add("code")).encode());
      } else if (path.endsWith("/jwks")) {
        json(request, jwks);
      } else if (path.endsWith("/userinfo")) {
        userInfoCalls.incrementAndGet();
        if (!("Bearer " + ACCESS_TOKEN).equals(request.getHeader("Authorization"))) {
          request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"").end();
          return;
        }
        json(request, userInfo.encode());
      } else if (path.endsWith("/token")) {
        json(request, new JsonObject().put("access_token", ACCESS_TOKEN).put("token_type", "Bearer").put("expires_in", 3600)
            .put("id_token", idToken()).encode());
      } else {
        request.response().setStatusCode(404).end();
      }
    });
    TestServer.await(http.listen(0, "127.0.0.1"));
    issuer = "http://127.0.0.1:" + http.actualPort() + "/acme";
  }

  private static void json(io.vertx.core.http.HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(body);
  }

  String issuer() {
    return issuer;
  }

  /** Gerbang's config for this issuer. */
  JsonObject config() {
    return new JsonObject().put("oidc", new JsonObject().put("name", "acme").put("displayName", "Acme ID").put("issuer", issuer)
        .put("clientId", CLIENT_ID).put("clientSecret", "acme-secret"));
  }

  /** Publish these keys instead of our own (e.g. another provider's), while still signing with ours. */
  void publish(String otherJwks, String kid) {
    this.jwks = otherJwks;
    this.keyId = kid;
  }

  /** What the UserInfo endpoint answers (to a request with the access token the token endpoint gave). */
  void userInfo(JsonObject claims) {
    this.userInfo = claims;
  }

  /**
   * A strict issuer (OIDC Core 5.4): the ID token carries only the sub and the protocol claims, and UserInfo the
   * profile. A null claim value leaves the claim out of the ID token.
   */
  void onlyUserInfoHasTheProfile(JsonObject profile) {
    claims(b -> b.claim("email", null).claim("email_verified", null));
    userInfo(profile.copy().put("sub", SUBJECT));
  }

  /** Gerbang's config with this issuer as the given provider (the generic "oidc" one, or "google"). */
  JsonObject configAs(String provider) {
    JsonObject settings = new JsonObject().put("issuer", issuer).put("clientId", CLIENT_ID).put("clientSecret", "acme-secret");
    return provider.equals("oidc") ? config() : new JsonObject().put(provider, settings);
  }

  /**
   * A sign-in as a browser makes it at this Gerbang: start at /api/auth/oauth/{provider}, pass the authorization
   * endpoint (which sends the browser back with a code), and answer the callback's redirect.
   */
  HttpResponse<Buffer> signIn(TestServer gerbang, String provider) {
    HttpResponse<Buffer> start = TestServer.await(gerbang.client().get("/api/auth/oauth/" + provider).send());
    String location = start.getHeader("Location");
    nonce(URLDecoder.decode(location.replaceAll(".*[?&]nonce=([^&]+).*", "$1"), StandardCharsets.UTF_8));
    String cookie = OAuthHarness.cookie(start, SocialRoutes.FLOW_COOKIE);
    String callback = TestServer.await(gerbang.client().getAbs(location).send()).getHeader("Location");
    return TestServer.await(gerbang.client().getAbs(callback).putHeader("Cookie", SocialRoutes.FLOW_COOKIE + "=" + cookie).send());
  }

  void claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    this.claims = change;
  }

  void nonce(String nonce) {
    this.nonce = nonce;
  }

  private String idToken() {
    try {
      JWTClaimsSet.Builder base = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID).subject(SUBJECT)
          .claim("email", "acme-user@example.com").claim("email_verified", true).claim("nonce", nonce)
          .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000));
      SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(),
          claims.apply(base).build());
      token.sign(new RSASSASigner(signingKey));
      return token.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close();
  }
}
