package dev.gerbang.security;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.auth.Jwts;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CSRF on the cookie-authenticated endpoint, JWT forgeries, stored and reflected XSS, and missing headers. */
class AttackTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> refreshByCookie(String refreshToken, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap().add("Cookie", "gerbang_refresh=" + refreshToken);
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    return server.raw(HttpMethod.POST, "/api/auth/refresh", map, null);
  }

  // --- CSRF: refresh is the one endpoint a cookie authenticates; logout and the rest need a bearer token.

  @Test
  void aCookieRefreshFromAForeignOriginOrACrossSiteFetchIs403AndTheTokenStaysUsable() {
    String refresh = server.newSession().getString("refreshToken");

    assertProblem(refreshByCookie(refresh, "Origin", "https://evil.example"), 403, "forbidden");
    assertProblem(refreshByCookie(refresh, "Origin", "null"), 403, "forbidden");
    assertProblem(refreshByCookie(refresh, "Sec-Fetch-Site", "cross-site"), 403, "forbidden");
    assertProblem(refreshByCookie(refresh, "Sec-Fetch-Site", "same-site", "Origin", "https://sub.localhost"), 403, "forbidden");
    // A form post cannot send JSON: a text/plain body is refused before the cookie is looked at.
    HttpResponse<Buffer> form = server.raw(HttpMethod.POST, "/api/auth/refresh", MultiMap.caseInsensitiveMultiMap()
        .add("Cookie", "gerbang_refresh=" + refresh).add("Origin", "https://evil.example")
        .add("Content-Type", "text/plain"), Buffer.buffer("{\"refreshToken\":\"x\"}"));
    assertProblem(form, 415, "unsupported-media-type");

    HttpResponse<Buffer> own = refreshByCookie(refresh, "Origin", "http://localhost:" + server.port(),
        "Sec-Fetch-Site", "same-origin");
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAnyOriginACookieRefreshIsANonBrowserClientAndWorks() {
    String refresh = server.newSession().getString("refreshToken");
    assertThat(refreshByCookie(refresh).statusCode()).isEqualTo(200);
  }

  @Test
  void logoutIgnoresTheCookieAndWantsABearerToken() {
    String refresh = server.newSession().getString("refreshToken");
    HttpResponse<Buffer> response = server.raw(HttpMethod.POST, "/api/auth/logout", MultiMap.caseInsensitiveMultiMap()
        .add("Cookie", "gerbang_refresh=" + refresh).add("Origin", "https://evil.example"), null);
    assertProblem(response, 401, "unauthorized");
    assertThat(refreshByCookie(refresh).statusCode()).isEqualTo(200);
  }

  // --- JWT forgeries (TokenTest covers the basics; these are the classic attacks).

  private JsonObject liveClaims() {
    JsonObject session = server.newSession();
    return Jwts.claims(session.getJsonObject("user").getString("id"), session.getString("sessionId"));
  }

  private void assertRefused(String token) {
    assertProblem(server.get("/api/me", token), 401, "invalid-token");
  }

  @Test
  void algNoneWithTheRealKidIs401() {
    String kid = Jwts.kidOf(Jwts.realSecret(server));
    JsonObject header = new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid);
    assertRefused(Jwts.part(header) + "." + Jwts.part(liveClaims()) + ".");
    assertRefused(Jwts.part(header.put("alg", "None")) + "." + Jwts.part(liveClaims()) + ".");
  }

  @Test
  void algConfusionRs256OrHs512SignedWithTheRealSecretIs401() {
    String secret = Jwts.realSecret(server);
    JsonObject claims = liveClaims();
    assertRefused(Jwts.sign(Jwts.header(Jwts.kidOf(secret)).put("alg", "RS256"), claims, secret));
    assertRefused(Jwts.sign(Jwts.header(Jwts.kidOf(secret)).put("alg", "ES256"), claims, secret));
    assertRefused(Jwts.sign(Jwts.header(Jwts.kidOf(secret)).put("alg", "HS512"), claims, secret));
    // An embedded key (jwk) the attacker chose must not be used to verify.
    assertRefused(Jwts.sign(Jwts.header(Jwts.kidOf(secret)).put("jwk", new JsonObject().put("kty", "oct").put("k", "YQ")),
        claims, "a"));
  }

  @Test
  void kidInjectionPathsAndSqlAreRefused() {
    JsonObject claims = liveClaims();
    for (String kid : new String[] {"../../keys", "../../../../../../dev/null", "' OR 1=1 --", "keys.json", "", "*"}) {
      assertRefused(Jwts.sign(Jwts.header(kid), claims, "\0"));
      assertRefused(Jwts.sign(Jwts.header(kid), claims, "attacker-chosen-secret-of-32-bytes!!"));
    }
  }

  @Test
  void expiredAndFutureIssuedTokensAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertRefused(Jwts.signReal(server, liveClaims().put("iat", now - 3600).put("exp", now - 60)));
    assertRefused(Jwts.signReal(server, liveClaims().put("iat", now + 3600).put("exp", now + 4500)));
    assertRefused(Jwts.signReal(server, liveClaims().put("exp", "never")));
    assertRefused(Jwts.signReal(server, liveClaims().put("iat", "now")));
    assertRefused(Jwts.signReal(server, liveClaims().put("sub", 42)));
    assertRefused(Jwts.signReal(server, liveClaims().put("sid", new JsonObject())));
  }

  // --- XSS: the API only ever answers JSON with nosniff; nothing is reflected into HTML.

  @Test
  void aStoredScriptComesBackAsJsonDataNeverAsMarkup() {
    String script = "<script>alert('x')</script>";
    String email = TestServer.uniqueEmail();
    server.register(email, TestServer.PASSWORD, script);
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");

    HttpResponse<Buffer> me = server.get("/api/me", token);

    assertThat(me.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(me.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(me.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(me.bodyAsJsonObject().getString("name")).isEqualTo(script);
  }

  @Test
  void reflectedScriptsInPathsAndQueriesAreNotEchoed() {
    String script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    HttpResponse<Buffer> api = server.get("/api/" + script, null);
    assertProblem(api, 404, "not-found");
    assertThat(api.bodyAsString()).doesNotContain("<script>");

    HttpResponse<Buffer> page = server.raw(HttpMethod.GET, "/" + script + "?q=" + script,
        MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).doesNotContain("alert(1)");
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
  }

  // --- Missing headers.

  @Test
  void missingHeadersGetTheirExactStatus() {
    String token = server.newSession().getString("accessToken");
    assertProblem(server.get("/api/me", null), 401, "unauthorized");
    assertProblem(server.raw(HttpMethod.POST, "/api/auth/login", MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer("{\"email\":\"a@example.com\",\"password\":\"x\"}")), 415, "unsupported-media-type");
    assertProblem(server.raw(HttpMethod.PATCH, "/api/me", MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + token), Buffer.buffer("{\"name\":\"x\"}")), 415, "unsupported-media-type");
    assertProblem(server.raw(HttpMethod.GET, "/api/me", MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer"),
        null), 401, "unauthorized");
    // No User-Agent, no Accept, no Origin: a plain client is served.
    HttpResponse<Buffer> bare = server.client().get("/api/me").putHeader("Authorization", "Bearer " + token)
        .putHeader("User-Agent", "").send().await();
    assertThat(bare.statusCode()).isEqualTo(200);
  }
}
