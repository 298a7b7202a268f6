package dev.gerbang.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * Access tokens: HS256 JWTs with a `kid`, claims sub, sid, username, roles, iss, aud, iat, exp.
 * HS256 because verifying ES256 on every request caps this kind of machine near 2k req/s (STACK.md);
 * the key never leaves the server, so the asymmetry would buy nothing here.
 */
public final class Tokens {
  /**
   * The key that signs (alone in its JWTAuth: vertx-auth's JWT signs with a key picked at random among those it
   * holds for the algorithm, so a verifier that knows the previous keys must never sign) and the verifier of
   * every kept key: swapped whole when the keys are rotated.
   */
  private record Signer(JWTAuth signing, JWTAuth jwt, String signingKid) {
  }

  private final Vertx vertx;
  private final AuthSettings config;
  private volatile Signer signer;

  public Tokens(Vertx vertx, AuthSettings config, Keys keys) {
    this.vertx = vertx;
    this.config = config;
    use(keys);
  }

  /** From now on, sign with the keys' first and accept all of them (a rotation, heard from any node). */
  public void use(Keys keys) {
    JWTAuthOptions verifying = options();
    for (Keys.SigningKey key : keys.signingKeys()) {
      verifying.addPubSecKey(hs256(key));
    }
    Keys.SigningKey current = keys.signingKeys().get(0);
    this.signer = new Signer(JWTAuth.create(vertx, options().addPubSecKey(hs256(current))), JWTAuth.create(vertx, verifying),
        current.kid());
  }

  private JWTAuthOptions options() {
    return new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(config.jwtIssuer())
        .setAudience(List.of(config.jwtAudience()))
        .setLeeway(5));
  }

  private static PubSecKeyOptions hs256(Keys.SigningKey key) {
    return new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key.secret()).setId(key.kid());
  }

  /** The id of the key that signs now. */
  public String signingKid() {
    return signer.signingKid();
  }

  /** Signs an access token issued at the given time; the same inputs give the same token. */
  public String issue(String userId, String sessionId, String username, List<String> roles, long issuedAtMillis) {
    long iat = issuedAtMillis / 1000;
    JsonObject claims = new JsonObject()
        .put("sub", userId)
        .put("sid", sessionId)
        .put("username", username)
        .put("roles", new JsonArray(roles))
        .put("iss", config.jwtIssuer())
        .put("aud", config.jwtAudience())
        .put("iat", iat)
        .put("exp", iat + config.accessTokenTtlSeconds());
    Signer current = signer;
    return current.signing().generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256")
        .setNoTimestamp(true)
        .setHeader(new JsonObject().put("kid", current.signingKid())));
  }

  public int ttlSeconds() {
    return config.accessTokenTtlSeconds();
  }

  /** The verified claims: signature, algorithm, issuer, audience, expiry and issue time are all checked. */
  public Future<JsonObject> verify(String token) {
    try {
      return signer.jwt().authenticate(new TokenCredentials(token)).map(user -> user.principal());
    } catch (RuntimeException e) {
      // vertx-auth-jwt throws (rather than fails) on some malformed claims, such as a string "exp".
      return Future.failedFuture(e);
    }
  }
}
