package dev.gerbang.admin;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/admin/system: the admin dashboard's system page. */
class AdminSystemTest {
  private TestServer server;
  private Instant beforeStart;

  @BeforeEach
  void start() {
    beforeStart = Instant.now();
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAdminSeesHealthVersionUptimeAndTheDatabaseSize() {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    Instant asked = Instant.now();
    HttpResponse<Buffer> response = server.get("/api/admin/system", admin);
    Instant answered = Instant.now();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getString("version")).isNotBlank().doesNotContain("${");
    // This server's start, not the class's or the JVM's: between the test asking for it and the server being up.
    Instant startedAt = Instant.parse(body.getString("startedAt"));
    assertThat(startedAt).isEqualTo(server.gerbang().components().startedAt()).isBetween(beforeStart, asked);
    // Whole seconds from that start to the moment of the answer: not milliseconds, not since another instant.
    assertThat(body.getLong("uptimeSeconds")).isBetween(Duration.between(startedAt, asked).toSeconds(),
        Duration.between(startedAt, answered).toSeconds());
    JsonObject database = body.getJsonObject("database");
    assertThat(database.getString("status")).isEqualTo("UP");
    assertThat(database.getString("dialect")).isEqualTo(TestDb.onPostgres() ? "postgresql" : "sqlite");
    // A migrated database holds a page per table and index at the least.
    assertThat(database.getLong("sizeBytes")).isGreaterThan(4096L);
  }

  @Test
  void withoutATokenIs401AndForAnyOtherRoleIs403() {
    HttpResponse<Buffer> anonymous = server.get("/api/admin/system", null);
    assertProblem(anonymous, 401, "unauthorized");
    assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
    String others = server.newSessionWithRoles("user", "editor", "doctor", "patient").getString("accessToken");
    assertProblem(server.get("/api/admin/system", others), 403, "forbidden");
    assertThat(server.get("/api/admin/system", others).bodyAsString()).doesNotContain("sizeBytes", "version\"");
  }
}
