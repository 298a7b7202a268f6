package dev.gerbang.auth;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.LogCapture;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens: rotation, the grace window, reuse detection, the cookie and its CSRF check, and storage. */
class RefreshTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> refresh(String refreshToken) {
    return server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refreshToken));
  }

  private HttpResponse<Buffer> refreshByCookie(String refreshToken, String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Cookie", "gerbang_refresh=" + refreshToken);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    return server.raw(HttpMethod.POST, "/api/auth/refresh", headers, null);
  }

  private int meStatus(String accessToken) {
    return server.get("/api/me", accessToken).statusCode();
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static String cookieValue(HttpResponse<Buffer> response) {
    return response.cookies().stream().filter(c -> c.startsWith("gerbang_refresh=")).findFirst()
        .map(c -> c.substring("gerbang_refresh=".length(), c.indexOf(';'))).orElseThrow();
  }

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refreshRotatesToANewPairWhoseAccessTokenWorks() {
    JsonObject login = server.newSession();

    HttpResponse<Buffer> response = refresh(login.getString("refreshToken"));

    JsonObject pair = ok(response);
    assertThat(pair.getString("tokenType")).isEqualTo("Bearer");
    assertThat(pair.getLong("expiresIn")).isBetween(890L, 900L);
    assertThat(pair.getString("sessionId")).isEqualTo(login.getString("sessionId"));
    assertThat(pair.getJsonObject("user").getString("id")).isEqualTo(login.getJsonObject("user").getString("id"));
    assertThat(pair.getString("refreshToken")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(login.getString("refreshToken"));
    // No inequality check on the access token: it is deterministic (same claims, iat in whole seconds), so a
    // refresh within the login's second signs the very same token, which is harmless.
    assertThat(cookieValue(response)).isEqualTo(pair.getString("refreshToken"));
    assertThat(meStatus(pair.getString("accessToken"))).isEqualTo(200);
    assertThat(ok(refresh(pair.getString("refreshToken"))).getString("refreshToken")).isNotEqualTo(pair.getString("refreshToken"));
  }

  @Test
  void theOldTokenInsideTheGraceWindowAnswersTheIdenticalPair() {
    JsonObject login = server.newSession();

    JsonObject first = ok(refresh(login.getString("refreshToken")));
    JsonObject again = ok(refresh(login.getString("refreshToken")));

    assertThat(again.getString("refreshToken")).isEqualTo(first.getString("refreshToken"));
    assertThat(again.getString("accessToken")).isEqualTo(first.getString("accessToken"));
    assertThat(meStatus(again.getString("accessToken"))).isEqualTo(200);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ?", login.getString("sessionId")))
        .isEqualTo(2);
  }

  @Test
  void reusingARotatedTokenAfterTheGraceWindowRevokesTheWholeSession() throws Exception {
    server.close();
    server = TestServer.start(new JsonObject().put("session", new JsonObject().put("refreshGraceSeconds", 1)));
    JsonObject login = server.newSession();
    JsonObject rotated = ok(refresh(login.getString("refreshToken")));
    assertThat(meStatus(rotated.getString("accessToken"))).isEqualTo(200);

    Thread.sleep(2200);
    HttpResponse<Buffer> reuse = refresh(login.getString("refreshToken"));

    assertProblem(reuse, 401, "invalid-token");
    assertProblem(refresh(rotated.getString("refreshToken")), 401, "invalid-token");
    assertProblem(server.get("/api/me", rotated.getString("accessToken")), 401, "invalid-token");
    String sessionId = login.getString("sessionId");
    assertThat(TestDb.rows(server, "SELECT revoked_reason FROM sessions WHERE id = ?", sessionId))
        .containsExactly(Map.of("revoked_reason", "refresh_reuse"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'refresh_reuse' AND user_id = ?"
        + " AND detail LIKE ?", login.getJsonObject("user").getString("id"), "%" + sessionId + "%")).isEqualTo(1);
  }

  @Test
  void twoConcurrentRefreshesWithOneTokenBothGetTheSamePair() {
    JsonObject login = server.newSession();
    JsonObject body = new JsonObject().put("refreshToken", login.getString("refreshToken"));

    Future<HttpResponse<Buffer>> a = server.request(HttpMethod.POST, "/api/auth/refresh", null).sendJsonObject(body);
    Future<HttpResponse<Buffer>> b = server.request(HttpMethod.POST, "/api/auth/refresh", null).sendJsonObject(body);
    JsonObject first = ok(TestServer.await(a));
    JsonObject second = ok(TestServer.await(b));

    assertThat(second.getString("refreshToken")).isEqualTo(first.getString("refreshToken"));
    assertThat(second.getString("accessToken")).isEqualTo(first.getString("accessToken"));
    assertThat(meStatus(first.getString("accessToken"))).isEqualTo(200);
  }

  @Test
  void theCookieAloneRefreshesFromAClientOrFromOurOwnOrigin() {
    JsonObject login = server.newSession();

    HttpResponse<Buffer> plain = refreshByCookie(login.getString("refreshToken"));
    JsonObject pair = ok(plain);
    String successor = cookieValue(plain);
    HttpResponse<Buffer> sameOrigin = refreshByCookie(successor,
        "Origin", "http://localhost:" + server.port(), "Sec-Fetch-Site", "same-origin");

    assertThat(successor).isNotEqualTo(login.getString("refreshToken"));
    assertThat(plain.cookies()).anySatisfy(c -> assertThat(c).startsWith("gerbang_refresh=")
        .containsIgnoringCase("HttpOnly").contains("Secure").contains("SameSite=Strict").contains("Path=/api/auth"));
    assertThat(meStatus(pair.getString("accessToken"))).isEqualTo(200);
    assertThat(ok(sameOrigin).getString("accessToken")).isNotBlank();
    assertThat(cookieValue(sameOrigin)).isNotEqualTo(successor);
  }

  /** ASVS 3.4.2: a script injected into the page cannot lift the refresh token the HttpOnly cookie holds. */
  @Test
  void aCookieRefreshKeepsTheNewRefreshTokenOutOfTheBodyWhileABodyRefreshGetsItThere() {
    JsonObject login = server.newSession();

    JsonObject byCookie = ok(refreshByCookie(login.getString("refreshToken")));
    JsonObject byBody = ok(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", server.newSession()
        .getString("refreshToken"))));

    assertThat(byCookie.fieldNames()).contains("accessToken", "user").doesNotContain("refreshToken");
    assertThat(byBody.getString("refreshToken")).isNotBlank();
  }

  @Test
  void aCrossSiteCookieRefreshIs403AndDoesNotSpendTheToken() {
    JsonObject login = server.newSession();
    String token = login.getString("refreshToken");

    assertProblem(refreshByCookie(token, "Origin", "https://evil.example"), 403, "forbidden");
    assertProblem(refreshByCookie(token, "Sec-Fetch-Site", "cross-site"), 403, "forbidden");
    assertProblem(refreshByCookie(token, "Origin", "http://localhost:" + server.port(), "Sec-Fetch-Site", "same-site"),
        403, "forbidden");

    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM refresh_tokens WHERE session_id = ? AND replaced_at IS NOT NULL",
        login.getString("sessionId"))).isZero();
    assertThat(ok(refresh(token)).getString("refreshToken")).isNotEqualTo(token);
  }

  /** A cookie refresh sent to this server at another address than localhost, as a browser opened there sends it. */
  private HttpResponse<Buffer> refreshByCookieAt(String base, String refreshToken, String... headerPairs) {
    var request = server.client().postAbs(base + "/api/auth/refresh").putHeader("Cookie", "gerbang_refresh=" + refreshToken);
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.putHeader(headerPairs[i], headerPairs[i + 1]);
    }
    return TestServer.await(request.send());
  }

  /**
   * The web app opened at http://127.0.0.1 (or a LAN address, or another port) while publicUrl says localhost: its
   * reload refreshes by cookie with its own origin, which is the one the request was sent to. A foreign origin
   * sent to that same address is still refused, and the log names the origins this server expected.
   */
  @Test
  void aBrowserAtAnotherAddressOfThisServerRefreshesByCookieAndAForeignOriginStillCannot() {
    JsonObject login = server.newSession();
    String local = "http://127.0.0.1:" + server.port();

    HttpResponse<Buffer> reload = refreshByCookieAt(local, login.getString("refreshToken"), "Origin", local, "Sec-Fetch-Site", "same-origin");

    assertThat(meStatus(ok(reload).getString("accessToken"))).isEqualTo(200);
    String token = cookieValue(reload);
    List<String> log;
    try (LogCapture capture = LogCapture.of(dev.gerbang.security.SameOrigin.class)) {
      assertProblem(refreshByCookieAt(local, token, "Origin", "https://evil.example"), 403, "forbidden");
      assertProblem(refreshByCookieAt(local, token, "Origin", "http://127.0.0.1:" + (server.port() + 1)), 403, "forbidden");
      assertProblem(refreshByCookieAt(local, token, "Origin", local, "Sec-Fetch-Site", "cross-site"), 403, "forbidden");
      log = capture.lines();
    }
    assertThat(log).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("WARN ")
        .contains(local + " or http://localhost:" + server.port()).contains("GERBANG_PUBLIC_URL"));
    assertThat(log.get(0)).contains("https://evil.example");
    HttpResponse<Buffer> again = refreshByCookieAt(local, token, "Origin", local + "/", "Sec-Fetch-Site", "same-origin");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(cookieValue(again)).isNotEqualTo(token);
  }

  @Test
  void forwardedHostAndSchemeCountOnlyFromATrustedProxy() {
    String app = "https://app.example.com";
    String[] proxied = {"Origin", app, "Sec-Fetch-Site", "same-origin", "X-Forwarded-Host", "app.example.com",
        "X-Forwarded-Proto", "https"};
    JsonObject login = server.newSession();

    assertProblem(refreshByCookie(login.getString("refreshToken"), proxied), 403, "forbidden");

    server.close();
    server = TestServer.start(new JsonObject().put("http", new JsonObject().put("trustedProxies", new io.vertx.core.json.JsonArray()
        .add("127.0.0.1").add("::1"))));
    String token = server.newSession().getString("refreshToken");
    HttpResponse<Buffer> viaProxy = refreshByCookie(token, proxied);
    assertThat(meStatus(ok(viaProxy).getString("accessToken"))).isEqualTo(200);
    assertProblem(refreshByCookie(cookieValue(viaProxy), "Origin", "https://evil.example", "Sec-Fetch-Site", "same-origin",
        "X-Forwarded-Host", "app.example.com", "X-Forwarded-Proto", "https"), 403, "forbidden");
  }

  @Test
  void aConfiguredCorsOriginMayRefreshByCookieFromItsSite() {
    server.close();
    server = TestServer.start(new JsonObject().put("http", new JsonObject().put("corsOrigins",
        new io.vertx.core.json.JsonArray().add("https://app.example.com"))));
    String token = server.newSession().getString("refreshToken");

    HttpResponse<Buffer> fromApp = refreshByCookie(token, "Origin", "https://app.example.com", "Sec-Fetch-Site", "same-site");

    assertThat(meStatus(ok(fromApp).getString("accessToken"))).isEqualTo(200);
    assertProblem(refreshByCookie(cookieValue(fromApp), "Origin", "https://other.example.com", "Sec-Fetch-Site", "same-site"),
        403, "forbidden");
  }

  @Test
  void noRefreshTokenAtAllIs401Unauthorized() {
    assertProblem(server.raw(HttpMethod.POST, "/api/auth/refresh", MultiMap.caseInsensitiveMultiMap(), null), 401, "unauthorized");
    assertProblem(refreshByCookie(""), 401, "unauthorized");
  }

  @Test
  void anUnknownRefreshTokenIs401AndClearsTheCookie() {
    HttpResponse<Buffer> response = refresh("bm90LWEtcmVhbC1yZWZyZXNoLXRva2VuLWF0LWFsbC0xMjM0NTY");

    assertProblem(response, 401, "invalid-token");
    assertThat(response.cookies()).anySatisfy(c -> assertThat(c).startsWith("gerbang_refresh=;").contains("Max-Age=0"));
    assertProblem(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", 42)), 400, "validation");
  }

  @Test
  void afterLogoutTheRefreshTokenIsDead() {
    JsonObject login = server.newSession();
    assertThat(server.post("/api/auth/logout", login.getString("accessToken"), null).statusCode()).isEqualTo(204);

    assertProblem(refresh(login.getString("refreshToken")), 401, "invalid-token");
    assertProblem(refreshByCookie(login.getString("refreshToken")), 401, "invalid-token");
  }

  @Test
  void anAccountDisabledByAnAdminCannotRefresh() {
    JsonObject admin = server.newSessionWithRoles("admin");
    JsonObject login = server.newSession();
    String userId = login.getJsonObject("user").getString("id");

    HttpResponse<Buffer> disabled = server.send(HttpMethod.PATCH, "/api/admin/users/" + userId,
        admin.getString("accessToken"), new JsonObject().put("disabled", true));

    assertThat(disabled.statusCode()).isEqualTo(200);
    assertProblem(refresh(login.getString("refreshToken")), 401, "invalid-token");
    assertProblem(server.get("/api/me", login.getString("accessToken")), 401, "invalid-token");
  }

  @Test
  void refreshTokensAreStoredOnlyAsSha256Hashes() throws Exception {
    JsonObject login = server.newSession();
    JsonObject rotated = ok(refresh(login.getString("refreshToken")));
    List<String> clear = List.of(login.getString("refreshToken"), rotated.getString("refreshToken"));

    List<Map<String, Object>> tokens = TestDb.rows(server, "SELECT * FROM refresh_tokens WHERE session_id = ? ORDER BY issued_at",
        login.getString("sessionId"));
    List<Map<String, Object>> sessions = TestDb.rows(server, "SELECT * FROM sessions WHERE id = ?", login.getString("sessionId"));

    assertThat(tokens).extracting(row -> row.get("token_hash"))
        .containsExactlyInAnyOrder(sha256Hex(clear.get(0)), sha256Hex(clear.get(1)));
    for (Map<String, Object> row : concat(tokens, sessions)) {
      for (Object value : row.values()) {
        for (String token : clear) {
          assertThat(String.valueOf(value)).doesNotContain(token);
        }
      }
    }
  }

  private static List<Map<String, Object>> concat(List<Map<String, Object>> a, List<Map<String, Object>> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** ASVS 4.0.3 V3.3.2: however active, a session ends session.absoluteLifetimeHours after its sign-in. */
  @Test
  void aSessionEndsItsAbsoluteLifetimeAfterSignInHoweverOftenItRefreshes() {
    server.close();
    server = TestServer.start(new JsonObject().put("session", new JsonObject().put("absoluteLifetimeHours", 12)));
    JsonObject login = server.newSession();
    String sessionId = (String) TestDb.rows(server, "SELECT session_id FROM refresh_tokens").get(0).get("session_id");
    // Signed in eleven hours ago: the refresh works, and the session's end is capped at the absolute limit.
    long signedIn = System.currentTimeMillis() - 11 * 3_600_000L;
    assertThat(TestDb.update(server, "UPDATE sessions SET created_at = ? WHERE id = ?", signedIn, sessionId)).isEqualTo(1);
    JsonObject pair = ok(refresh(login.getString("refreshToken")));
    long expiresAt = ((Number) TestDb.row(server, "SELECT expires_at FROM sessions WHERE id = ?", sessionId).get("expires_at")).longValue();
    assertThat(expiresAt).isEqualTo(signedIn + 12 * 3_600_000L);

    // Thirteen hours: refused, although the token was never used and the 30-day idle limit is far away.
    assertThat(TestDb.update(server, "UPDATE sessions SET created_at = ? WHERE id = ?", System.currentTimeMillis() - 13 * 3_600_000L,
        sessionId)).isEqualTo(1);
    HttpResponse<Buffer> refused = refresh(pair.getString("refreshToken"));
    dev.gerbang.Problems.assertProblem(refused, 401, "invalid-token");
  }
}
