package dev.gerbang.social;

import dev.gerbang.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real local OAuth 2.0 / OpenID Connect provider over HTTP (mock-oauth2-server) configured as "google",
 * the same server's endpoints as "facebook" with a small Graph API stand-in, and a Gerbang pointed at them.
 * Follows the browser's redirects by hand, carrying the cookies a browser would.
 */
final class OAuthHarness implements AutoCloseable {
  static final String CLIENT_ID = "gerbang-test-client";
  static final String CLIENT_SECRET = "gerbang-test-secret";

  final MockOAuth2Server provider = new MockOAuth2Server();
  final Vertx graphVertx = Vertx.vertx();
  final HttpServer graph;
  final TestServer server;

  OAuthHarness(JsonObject overrides) {
    provider.start(0);
    graph = TestServer.await(graphVertx.createHttpServer().requestHandler(request -> {
      // Facebook's /me: answers for the access token the token endpoint issued, and checks appsecret_proof.
      String token = request.getParam("access_token");
      String proof = request.getParam("appsecret_proof");
      if (token == null || !hmac(token).equals(proof)) {
        request.response().setStatusCode(400).end("{\"error\":{\"message\":\"bad appsecret_proof\"}}");
        return;
      }
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
      request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("id", claims.getString("sub")).put("name", claims.getString("name", "Facebook User"))
          .put("email", claims.getString("email")).encode());
    }).listen(0, "127.0.0.1"));
    JsonObject config = new JsonObject()
        .put("google", new JsonObject().put("clientId", CLIENT_ID).put("clientSecret", CLIENT_SECRET)
            .put("issuer", provider.issuerUrl("google").toString()))
        .put("facebook", new JsonObject().put("clientId", CLIENT_ID).put("clientSecret", CLIENT_SECRET)
            .put("authorizeUrl", provider.authorizationEndpointUrl("facebook").toString())
            .put("tokenUrl", provider.tokenEndpointUrl("facebook").toString())
            .put("graphUrl", "http://127.0.0.1:" + graph.actualPort()));
    server = TestServer.start(config.mergeIn(overrides, true));
  }

  static String hmac(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of the next token the provider issues for this issuer. */
  void nextUser(String issuer, String subject, String email, boolean emailVerified) {
    nextToken(issuer, subject, List.of(CLIENT_ID), Map.of("email", email, "email_verified", emailVerified, "name", "Sam Social"), 3600);
  }

  void nextToken(String issuer, String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", audience, claims, expirySeconds));
  }

  /** One browser step: the response, and the cookie value the response set (or null). */
  record Step(HttpResponse<Buffer> response, String location, String cookie) {
  }

  Step get(String url, String cookieHeader) {
    var request = server.client().getAbs(url.startsWith("http") ? url : server.url(url));
    if (cookieHeader != null) {
      request.putHeader("Cookie", cookieHeader);
    }
    HttpResponse<Buffer> response = TestServer.await(request.send());
    return new Step(response, response.getHeader("Location"), null);
  }

  static String cookie(HttpResponse<Buffer> response, String name) {
    for (String header : response.cookies()) {
      if (header.startsWith(name + "=")) {
        String value = header.substring(name.length() + 1).split(";", 2)[0];
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** Start at Gerbang, pass the provider, and stop at the callback's answer (a 302 back to the web app). */
  Flow run(String startPath) {
    Step start = get(startPath, null);
    if (start.response().statusCode() != 302) {
      throw new AssertionError("start: " + start.response().statusCode() + " " + start.response().bodyAsString());
    }
    String flowCookie = cookie(start.response(), SocialRoutes.FLOW_COOKIE);
    // The stand-in provider is an OpenID Connect server and insists on the openid scope, which Facebook does
    // not know; the "browser" adds it for the Facebook stand-in. Gerbang's exchange and checks are unchanged.
    String authorizeUrl = start.location().replace("scope=email+public_profile", "scope=openid+email+public_profile");
    Step authorize = get(authorizeUrl, null);
    if (authorize.location() == null) {
      throw new AssertionError("the provider did not redirect back from " + start.location() + ": "
          + authorize.response().statusCode() + " " + authorize.response().bodyAsString());
    }
    return new Flow(start.location(), flowCookie, authorize.location());
  }

  /** The state of a flow at the moment the provider sends the browser back: the callback URL to visit. */
  record Flow(String authorizeUrl, String flowCookie, String callbackUrl) {
  }

  /** Visits the callback with the flow cookie (as the browser would); answers the 302 to the web app. */
  HttpResponse<Buffer> callback(Flow flow) {
    return get(flow.callbackUrl(), flow.flowCookie() == null ? null : SocialRoutes.FLOW_COOKIE + "=" + flow.flowCookie()).response();
  }

  /** From Settings, "link" a provider to the signed-in user: through the provider to the callback's answer. */
  HttpResponse<Buffer> link(String provider, String accessToken) {
    HttpResponse<Buffer> started = server.post("/api/me/identities/" + provider, accessToken, null);
    if (started.statusCode() != 200) {
      throw new AssertionError("link start: " + started.statusCode() + " " + started.bodyAsString());
    }
    Step authorize = get(started.bodyAsJsonObject().getString("authorizeUrl"), null);
    if (authorize.location() == null) {
      throw new AssertionError("the provider did not redirect back: " + authorize.response().statusCode() + " "
          + authorize.response().bodyAsString());
    }
    return callback(new Flow(null, cookie(started, SocialRoutes.FLOW_COOKIE), authorize.location()));
  }

  /** After a successful callback: the web app's refresh (with the refresh cookie) gives the token pair. */
  JsonObject session(HttpResponse<Buffer> callback) {
    String refresh = cookie(callback, "gerbang_refresh");
    if (refresh == null) {
      throw new AssertionError("no session cookie; went to " + callback.getHeader("Location"));
    }
    HttpResponse<Buffer> response = TestServer.await(server.client().post("/api/auth/refresh")
        .putHeader("Cookie", "gerbang_refresh=" + refresh).send());
    if (response.statusCode() != 200) {
      throw new AssertionError("refresh after the callback: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  @Override
  public void close() {
    server.close();
    provider.shutdown();
    graphVertx.close();
  }
}
