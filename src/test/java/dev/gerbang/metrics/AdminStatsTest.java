package dev.gerbang.metrics;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/admin/stats: the overview's numbers are what the test did, and only admins see them. */
class AdminStatsTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject stats(String token) {
    HttpResponse<Buffer> response = server.get("/api/admin/stats", token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void theNumbersAreWhatHappened() {
    JsonObject adminSession = server.newSessionWithRoles("admin", "editor");
    String admin = adminSession.getString("accessToken");
    String reader = TestServer.uniqueEmail();
    server.register(reader);
    server.login(reader, TestServer.PASSWORD);
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", reader).put("password", "wrong password"))
        .statusCode()).isEqualTo(401);
    for (String title : new String[] {"First light", "Second wind"}) {
      assertThat(server.post("/api/articles", admin, new JsonObject().put("title", title).put("body", "Text.")
          .put("status", "published")).statusCode()).isEqualTo(201);
    }
    String slug = TestDb.rows(server, "SELECT slug FROM articles ORDER BY created_at LIMIT 1").get(0).get("slug").toString();
    assertThat(server.post("/api/articles/" + slug + "/comments", admin, new JsonObject().put("body", "Nice.")).statusCode())
        .isEqualTo(201);

    JsonObject s = stats(admin);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonArray signUps = s.getJsonArray("signUpsPerDay");
    assertThat(signUps).hasSize(30);
    assertThat(last(signUps).getString("day")).isEqualTo(today);
    assertThat(last(signUps).getLong("count")).isEqualTo(2);
    assertThat(sum(signUps, "count")).isEqualTo(2);

    JsonArray hours = s.getJsonArray("signInsPerHour");
    assertThat(hours).hasSize(48);
    assertThat(Instant.parse(last(hours).getString("hour"))).isBefore(Instant.now())
        .isAfter(Instant.now().minusSeconds(3600));
    assertThat(sum(hours, "ok")).isEqualTo(2);
    assertThat(sum(hours, "failed")).isEqualTo(1);
    assertThat(sum(hours, "locked")).isZero();

    assertThat(s.getLong("activeSessions")).isEqualTo(2)
        .isEqualTo(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL"));
    Map<String, Object> roles = s.getJsonObject("usersByRole").getMap();
    assertThat(roles).containsEntry("admin", 1).containsEntry("editor", 1);
    assertThat(sum(s.getJsonArray("articlesPerDay"), "count")).isEqualTo(2);
    assertThat(last(s.getJsonArray("articlesPerDay")).getLong("count")).isEqualTo(2);
    assertThat(sum(s.getJsonArray("commentsPerDay"), "count")).isEqualTo(1);

    // The outbox as the database holds it: the two verification mails, by state and channel.
    Map<String, Long> outbox = s.getJsonArray("outbox").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(o -> o.getString("status") + "/" + o.getString("channel"), o -> o.getLong("count")));
    Map<String, Long> stored = TestDb.rows(server, "SELECT status, channel, COUNT(*) AS n FROM outbox GROUP BY status, channel")
        .stream().collect(Collectors.toMap(r -> r.get("status") + "/" + r.get("channel"), r -> ((Number) r.get("n")).longValue()));
    assertThat(outbox).isEqualTo(stored);
    assertThat(outbox.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

    assertThat(s.getJsonObject("database").getLong("sizeBytes")).isGreaterThan(4096L);
  }

  @Test
  void theRequestsOfTheLastHourAreThisNodesTraffic() {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    long before = sum(stats(admin).getJsonObject("requests").getJsonArray("perMinute"), "requests");
    for (int i = 0; i < 7; i++) {
      assertThat(server.get("/api/articles", null).statusCode()).isEqualTo(200);
    }
    JsonObject requests = stats(admin).getJsonObject("requests");
    JsonArray minutes = requests.getJsonArray("perMinute");
    // The seven reads, and the first stats request (counted once it had answered).
    assertThat(sum(minutes, "requests") - before).isEqualTo(8);
    assertThat(sum(minutes, "errors5xx")).isZero();
    assertThat(last(minutes).getDouble("p95Ms")).isPositive();
  }

  @Test
  void withMetricsOffTheOverviewHasNoRequestsButTheRest() {
    server.close();
    server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("enabled", false)));
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    JsonObject s = stats(admin);
    assertThat(s.getValue("requests")).isNull();
    assertThat(s.getLong("activeSessions")).isEqualTo(1);
  }

  @Test
  void anonymousIs401AndEveryOtherRoleIs403() {
    HttpResponse<Buffer> anonymous = server.get("/api/admin/stats", null);
    assertProblem(anonymous, 401, "unauthorized");
    String others = server.newSessionWithRoles("user", "editor", "doctor", "patient").getString("accessToken");
    HttpResponse<Buffer> forbidden = server.get("/api/admin/stats", others);
    assertProblem(forbidden, 403, "forbidden");
    assertThat(forbidden.bodyAsString()).doesNotContain("activeSessions", "signUpsPerDay");
  }

  private static JsonObject last(JsonArray array) {
    return array.getJsonObject(array.size() - 1);
  }

  private static long sum(JsonArray array, String key) {
    return array.stream().map(JsonObject.class::cast).mapToLong(o -> o.getLong(key, 0L)).sum();
  }
}
