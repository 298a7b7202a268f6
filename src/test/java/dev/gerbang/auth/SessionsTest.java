package dev.gerbang.auth;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One's own sessions (devices): the list, ending one of them, logout and logout everywhere. */
class SessionsTest {
  private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
      + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject loginWith(String email, String userAgent) {
    HttpResponse<Buffer> response = TestServer.await(server.request(HttpMethod.POST, "/api/auth/login", null)
        .putHeader("User-Agent", userAgent)
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private List<JsonObject> sessions(String accessToken) {
    HttpResponse<Buffer> response = server.get("/api/auth/sessions", accessToken);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(item -> (JsonObject) item).toList();
  }

  private HttpResponse<Buffer> revoke(String accessToken, String sessionId) {
    return server.send(HttpMethod.DELETE, "/api/auth/sessions/" + sessionId, accessToken, null);
  }

  private int meStatus(String accessToken) {
    return server.get("/api/me", accessToken).statusCode();
  }

  @Test
  void theListShowsTheCurrentSessionWithItsDevice() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    JsonObject login = loginWith(email, FIREFOX);

    List<JsonObject> items = sessions(login.getString("accessToken"));

    assertThat(items).hasSize(1);
    JsonObject session = items.get(0);
    assertThat(session.fieldNames()).containsExactlyInAnyOrder("id", "device", "userAgent", "ip", "createdAt",
        "lastUsedAt", "expiresAt", "current");
    assertThat(session.getString("id")).isEqualTo(login.getString("sessionId"));
    assertThat(session.getString("device")).isEqualTo("Firefox on Linux");
    assertThat(session.getString("userAgent")).isEqualTo(FIREFOX);
    assertThat(session.getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
    assertThat(session.getBoolean("current")).isTrue();
    Instant created = Instant.parse(session.getString("createdAt"));
    assertThat(created).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    assertThat(Instant.parse(session.getString("expiresAt"))).isAfter(created.plusSeconds(29L * 24 * 3600));
    assertThat(Instant.parse(session.getString("lastUsedAt"))).isAfterOrEqualTo(created);
  }

  @Test
  void loggingInTwiceGivesTwoSessionsEachCurrentOnlyForItsOwnToken() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    JsonObject laptop = loginWith(email, FIREFOX);
    JsonObject phone = loginWith(email, IPHONE);

    List<JsonObject> fromLaptop = sessions(laptop.getString("accessToken"));
    List<JsonObject> fromPhone = sessions(phone.getString("accessToken"));

    assertThat(fromLaptop).extracting(s -> s.getString("id"))
        .containsExactlyInAnyOrder(laptop.getString("sessionId"), phone.getString("sessionId"));
    assertThat(fromLaptop).filteredOn(s -> s.getBoolean("current")).extracting(s -> s.getString("id"))
        .containsExactly(laptop.getString("sessionId"));
    assertThat(fromPhone).filteredOn(s -> s.getBoolean("current")).extracting(s -> s.getString("id"))
        .containsExactly(phone.getString("sessionId"));
    assertThat(fromPhone).extracting(s -> s.getString("device")).containsExactlyInAnyOrder("Firefox on Linux", "Safari on iOS");
  }

  @Test
  void endingAnotherOfMySessionsKillsItsTokensButNotMine() {
    String email = TestServer.uniqueEmail();
    JsonObject user = server.register(email);
    JsonObject mine = server.login(email, TestServer.PASSWORD);
    JsonObject other = server.login(email, TestServer.PASSWORD);
    assertThat(meStatus(other.getString("accessToken"))).isEqualTo(200);

    HttpResponse<Buffer> response = revoke(mine.getString("accessToken"), other.getString("sessionId"));

    assertThat(response.statusCode()).isEqualTo(204);
    assertProblem(server.get("/api/me", other.getString("accessToken")), 401, "invalid-token");
    assertProblem(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", other.getString("refreshToken"))),
        401, "invalid-token");
    assertThat(meStatus(mine.getString("accessToken"))).isEqualTo(200);
    assertThat(sessions(mine.getString("accessToken"))).extracting(s -> s.getString("id"))
        .containsExactly(mine.getString("sessionId"));
    assertThat(TestDb.rows(server, "SELECT revoked_reason FROM sessions WHERE id = ?", other.getString("sessionId")))
        .containsExactly(Map.of("revoked_reason", "revoked_by_user"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'session_revoked' AND user_id = ?",
        user.getString("id"))).isEqualTo(1);
    assertProblem(revoke(mine.getString("accessToken"), other.getString("sessionId")), 404, "not-found");
  }

  @Test
  void endingMyCurrentSessionByIdWorksLikeLogout() {
    JsonObject me = server.newSession();

    assertThat(revoke(me.getString("accessToken"), me.getString("sessionId")).statusCode()).isEqualTo(204);

    assertProblem(server.get("/api/me", me.getString("accessToken")), 401, "invalid-token");
    assertProblem(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", me.getString("refreshToken"))),
        401, "invalid-token");
  }

  @Test
  void someoneElsesSessionIdIs404LikeAnUnknownOneAndStaysAlive() {
    JsonObject me = server.newSession();
    JsonObject them = server.newSession();

    JsonObject foreign = assertProblem(revoke(me.getString("accessToken"), them.getString("sessionId")), 404, "not-found");
    JsonObject unknown = assertProblem(revoke(me.getString("accessToken"), UUID.randomUUID().toString()), 404, "not-found");

    foreign.remove("requestId");
    unknown.remove("requestId");
    assertThat(foreign).isEqualTo(unknown);
    assertThat(meStatus(them.getString("accessToken"))).isEqualTo(200);
    assertThat(sessions(them.getString("accessToken"))).extracting(s -> s.getString("id"))
        .containsExactly(them.getString("sessionId"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE id = ? AND revoked_at IS NULL",
        them.getString("sessionId"))).isEqualTo(1);
  }

  @Test
  void aMalformedSessionIdIs404() {
    String token = server.newSession().getString("accessToken");

    for (String id : List.of("not-an-id", "1", "' OR '1'='1", UUID.randomUUID().toString().toUpperCase())) {
      assertProblem(revoke(token, id.replace("'", "%27").replace(" ", "%20")), 404, "not-found");
    }
    assertThat(meStatus(token)).isEqualTo(200);
  }

  @Test
  void logoutEndsOnlyThisSessionAndClearsTheCookie() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    JsonObject leaving = server.login(email, TestServer.PASSWORD);
    JsonObject staying = server.login(email, TestServer.PASSWORD);

    HttpResponse<Buffer> response = server.post("/api/auth/logout", leaving.getString("accessToken"), null);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.cookies()).anySatisfy(c -> assertThat(c).startsWith("gerbang_refresh=;").contains("Max-Age=0"));
    assertProblem(server.get("/api/me", leaving.getString("accessToken")), 401, "invalid-token");
    assertThat(meStatus(staying.getString("accessToken"))).isEqualTo(200);
    assertThat(TestDb.rows(server, "SELECT revoked_reason FROM sessions WHERE id = ?", leaving.getString("sessionId")))
        .containsExactly(Map.of("revoked_reason", "logout"));
    assertThat(TestDb.rows(server, "SELECT detail FROM audit_log WHERE event = 'logout'"))
        .extracting(row -> new JsonObject((String) row.get("detail")))
        .containsExactly(new JsonObject().put("sessionId", leaving.getString("sessionId")));
  }

  @Test
  void logoutAllEndsEverySessionOfTheUserAndNoOneElses() {
    String email = TestServer.uniqueEmail();
    JsonObject user = server.register(email);
    List<JsonObject> mine = List.of(server.login(email, TestServer.PASSWORD), server.login(email, TestServer.PASSWORD),
        server.login(email, TestServer.PASSWORD));
    JsonObject stranger = server.newSession();

    HttpResponse<Buffer> response = server.post("/api/auth/logout-all", mine.get(1).getString("accessToken"), null);

    assertThat(response.statusCode()).isEqualTo(204);
    for (JsonObject session : mine) {
      assertProblem(server.get("/api/me", session.getString("accessToken")), 401, "invalid-token");
      assertProblem(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken"))),
          401, "invalid-token");
    }
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL",
        user.getString("id"))).isZero();
    assertThat(meStatus(stranger.getString("accessToken"))).isEqualTo(200);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'logout_all' AND user_id = ?",
        user.getString("id"))).isEqualTo(1);
  }

  @Test
  void everySessionEndpointWithoutATokenIs401() {
    String id = server.newSession().getString("sessionId");

    assertProblem(server.get("/api/auth/sessions", null), 401, "unauthorized");
    assertProblem(revoke(null, id), 401, "unauthorized");
    assertProblem(server.post("/api/auth/logout", null, null), 401, "unauthorized");
    assertProblem(server.post("/api/auth/logout-all", null, null), 401, "unauthorized");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE id = ? AND revoked_at IS NULL", id)).isEqualTo(1);
  }
}
