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
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect issuer written for the tests: discovery, a JWKS, and a token endpoint that answers an ID
 * token with whatever claims and key the test chose, for the nonce the flow sent. Its authorization endpoint
 * is the real local provider's (which sends the browser back with a code); Gerbang is configured with it as
 * the generic "acme" provider, so this also proves that a third provider is configuration only.
 */
final class StandInIssuer implements AutoCloseable {
  static final String CLIENT_ID = "acme-client";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer http;
  private final String issuer;
  private final RSAKey signingKey;
  private volatile String jwks;
  private volatile String nonce;
  private volatile UnaryOperator<JWTClaimsSet.Builder> claims = b -> b;
  private volatile String keyId;

  StandInIssuer(String authorizationEndpoint) throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("acme-key").generate();
    keyId = signingKey.getKeyID();
    jwks = new JWKSet(signingKey.toPublicJWK()).toString();
    http = vertx.createHttpServer().requestHandler(request -> {
      String path = request.path();
      if (path.endsWith("/.well-known/openid-configuration")) {
        json(request, new JsonObject().put("issuer", issuer()).put("authorization_endpoint", authorizationEndpoint)
            .put("token_endpoint", issuer() + "/token").put("jwks_uri", issuer() + "/jwks")
            .put("response_types_supported", new JsonArray().add("code")).encode());
      } else if (path.endsWith("/jwks")) {
        json(request, jwks);
      } else if (path.endsWith("/token")) {
        json(request, new JsonObject().put("access_token", "opaque").put("token_type", "Bearer").put("expires_in", 3600)
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

  void claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    this.claims = change;
  }

  void nonce(String nonce) {
    this.nonce = nonce;
  }

  private String idToken() {
    try {
      JWTClaimsSet.Builder base = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID).subject("acme-user")
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
