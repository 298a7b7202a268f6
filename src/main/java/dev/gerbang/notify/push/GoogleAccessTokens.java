package dev.gerbang.notify.push;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/**
 * OAuth2 access tokens for a service account by the JWT-bearer grant (RFC 7523), cached until a minute
 * before they expire, with one fetch in flight shared by everyone who asks meanwhile.
 */
final class GoogleAccessTokens {
  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final long ASSERTION_LIFETIME_SECONDS = 3600;
  private static final long EXPIRY_MARGIN_MILLIS = 60_000;

  /** A failure whose message is ours alone: safe to store and log, it never holds a key, assertion or token. */
  static final class TokenFetchException extends RuntimeException {
    TokenFetchException(String message) {
      super(message, null, false, false);
    }
  }

  private record Token(String value, long validUntilMillis) {
  }

  private final WebClient client;
  private final FcmCredentials credentials;
  private final long timeoutMillis;
  private Token cached;
  private Future<Token> inFlight;

  GoogleAccessTokens(WebClient client, FcmCredentials credentials, long timeoutMillis) {
    this.client = client;
    this.credentials = credentials;
    this.timeoutMillis = timeoutMillis;
  }

  /** A valid access token; a failed future holds a TokenFetchException. */
  synchronized Future<String> get() {
    if (cached != null && System.currentTimeMillis() < cached.validUntilMillis()) {
      return Future.succeededFuture(cached.value());
    }
    if (inFlight == null) {
      Future<Token> fetch = fetch();
      inFlight = fetch;
      // Registered after the assignment: a fetch that already failed still clears inFlight.
      fetch.onComplete(result -> fetched(fetch, result));
    }
    return inFlight.map(Token::value);
  }

  /** Forgets this token (the API answered 401) unless a newer one has replaced it meanwhile. */
  synchronized void invalidate(String token) {
    if (cached != null && cached.value().equals(token)) {
      cached = null;
    }
  }

  private synchronized void fetched(Future<Token> fetch, AsyncResult<Token> result) {
    if (inFlight == fetch) {
      inFlight = null;
    }
    if (result.succeeded()) {
      cached = result.result();
    }
  }

  private Future<Token> fetch() {
    long now = System.currentTimeMillis();
    String assertion;
    try {
      assertion = Jwt.sign(new JsonObject().put("alg", "RS256").put("typ", "JWT"), new JsonObject()
          .put("iss", credentials.clientEmail())
          .put("scope", SCOPE)
          .put("aud", credentials.tokenUri())
          .put("iat", now / 1000)
          .put("exp", now / 1000 + ASSERTION_LIFETIME_SECONDS), "SHA256withRSA", credentials.privateKey());
    } catch (RuntimeException e) {
      return Future.failedFuture(new TokenFetchException("cannot sign the token request"));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", GRANT_TYPE).add("assertion", assertion);
    return client.postAbs(credentials.tokenUri())
        .followRedirects(false)
        .connectTimeout(timeoutMillis)
        .idleTimeout(timeoutMillis)
        .sendForm(form)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(new TokenFetchException("token endpoint unreachable: " + PushOutcome.describe(e))))
        .compose(response -> token(response, now));
  }

  private static Future<Token> token(HttpResponse<Buffer> response, long requestedAt) {
    JsonObject body = json(response.body());
    if (response.statusCode() != 200) {
      Object error = body.getValue("error");
      return Future.failedFuture(new TokenFetchException("token endpoint answered HTTP " + response.statusCode()
          + (error instanceof String code ? " " + PushOutcome.clip(code) : "")));
    }
    if (!(body.getValue("access_token") instanceof String value) || !(body.getValue("expires_in") instanceof Number expiresIn)) {
      return Future.failedFuture(new TokenFetchException("token endpoint answered without access_token and expires_in"));
    }
    return Future.succeededFuture(new Token(value, requestedAt + expiresIn.longValue() * 1000 - EXPIRY_MARGIN_MILLIS));
  }

  static JsonObject json(Buffer body) {
    try {
      return body == null || body.length() == 0 ? new JsonObject() : new JsonObject(body);
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
