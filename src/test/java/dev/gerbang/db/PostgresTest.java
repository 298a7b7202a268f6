package dev.gerbang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestPostgres;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL runs' own checks (every test class runs on PostgreSQL as well, in the suite's postgres
 * executions): the server really uses the embedded PostgreSQL of the expected major version, as a role that
 * only owns its database, and the flows whose SQL differs most between the dialects work.
 */
class PostgresTest {
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    assumeTrue(TestDb.onPostgres(), "checks the PostgreSQL runs: run it with -D" + TestDb.PROPERTY + "=postgres");
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      mailbox.close();
    }
  }

  @Test
  void theServerRunsOnTheExpectedPostgresAsARoleThatOnlyOwnsItsDatabase() throws Exception {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    JsonObject system = server.get("/api/admin/system", admin).bodyAsJsonObject();
    assertThat(system.getJsonObject("database").getString("dialect")).isEqualTo("postgresql");
    assertThat(system.getJsonObject("database").getLong("sizeBytes")).isPositive();
    Integer expected = Integer.getInteger("gerbang.test.pgMajor");
    if (expected != null) {
      assertThat(TestPostgres.majorVersion()).as("the binaries on the class path").isEqualTo(expected);
    }
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM pg_roles WHERE rolname = current_user"
        + " AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole")).isEqualTo(1);
    assertRowsLiveInPostgres(1);
  }

  @Test
  void accountsAndSessionsWorkOnPostgres() throws Exception {
    String email = TestServer.uniqueEmail();
    server.register(email);
    HttpResponse<Buffer> duplicate = server.post("/api/auth/register", new JsonObject().put("email", email.toUpperCase())
        .put("password", TestServer.PASSWORD).put("name", "Twin"));
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.bodyAsJsonObject().getString("type")).endsWith("/email-taken");

    JsonObject pair = server.login(email, TestServer.PASSWORD);
    String token = pair.getString("accessToken");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getJsonArray("roles")).containsExactly("user");
    HttpResponse<Buffer> username = server.send(HttpMethod.PATCH, "/api/me", token, new JsonObject().put("username", "pg_user"));
    assertThat(username.statusCode()).isEqualTo(200);
    String other = server.newSession().getString("accessToken");
    assertThat(server.send(HttpMethod.PATCH, "/api/me", other, new JsonObject().put("username", "PG_USER")).statusCode()).isEqualTo(409);

    HttpResponse<Buffer> refreshed = server.post("/api/auth/refresh", new JsonObject().put("refreshToken", pair.getString("refreshToken")));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    String newToken = refreshed.bodyAsJsonObject().getString("accessToken");
    assertThat(server.post("/api/auth/logout", newToken, null).statusCode()).isEqualTo(204);
    assertThat(server.get("/api/me", newToken).statusCode()).isEqualTo(401);
    assertRowsLiveInPostgres(2);
  }

  /** Proof that the server really used PostgreSQL: no SQLite file, and the accounts are in its database. */
  private void assertRowsLiveInPostgres(int users) throws java.sql.SQLException {
    assertThat(server.dataDir().resolve("gerbang.db")).doesNotExist();
    try (Connection conn = TestDb.connect(server.dataDir())) {
      assertThat(conn.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isEqualTo(users);
  }

  @Test
  void adminSearchPagesAndAuditWorkOnPostgres() {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    for (int i = 0; i < 7; i++) {
      server.register("pg-page-" + i + "_x%@example.com");
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      String path = "/api/admin/users?q=pg-page&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = server.get(path, admin).bodyAsJsonObject();
      assertThat(page.getLong("total")).isEqualTo(7L);
      page.getJsonArray("items").forEach(user -> assertThat(seen.add(((JsonObject) user).getString("id"))).isTrue());
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).hasSize(7);
    assertThat(server.get("/api/admin/users?q=_x%25&limit=100", admin).bodyAsJsonObject().getLong("total")).isEqualTo(7L);
    assertThat(server.get("/api/admin/users?role=admin", admin).bodyAsJsonObject().getLong("total")).isEqualTo(1L);

    JsonArray audit = server.get("/api/admin/audit?event=register&limit=100", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(audit.size()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void theCommentModerationListWorksOnPostgres() {
    String editor = server.newSessionWithRoles("editor").getString("accessToken");
    String reader = server.newSession().getString("accessToken");
    assertThat(server.post("/api/articles", editor, new JsonObject().put("title", "Musim hujan").put("body", "Payung.")
        .put("status", "published")).statusCode()).isEqualTo(201);
    for (String body : new String[] {"Terima kasih", "Spam 100%_off", "Bagus"}) {
      assertThat(server.post("/api/articles/musim-hujan/comments", reader, new JsonObject().put("body", body)).statusCode())
          .isEqualTo(201);
    }
    JsonObject all = server.get("/api/comments?limit=2", editor).bodyAsJsonObject();
    assertThat(all.getLong("total")).isEqualTo(3L);
    assertThat(all.getJsonArray("items").getJsonObject(0).getString("body")).isEqualTo("Bagus");
    JsonObject rest = server.get("/api/comments?cursor=" + all.getString("nextCursor"), editor).bodyAsJsonObject();
    assertThat(rest.getJsonArray("items").getJsonObject(0).getString("body")).isEqualTo("Terima kasih");
    JsonObject spam = server.get("/api/comments?status=visible&q=0%25_OFF", editor).bodyAsJsonObject();
    assertThat(spam.getLong("total")).isEqualTo(1L);
    assertThat(spam.getJsonArray("items").getJsonObject(0).getString("articleTitle")).isEqualTo("Musim hujan");
  }

  @Test
  void medicalRecordsAndTheirAccessRulesWorkOnPostgres() {
    dev.gerbang.medical.MedicalWorld world = new dev.gerbang.medical.MedicalWorld(server);
    var patient = world.patient("Ayu Lestari");
    var other = world.patient("Dedi Kurniawan");
    var doctor = world.doctor("Dr. Sari", "Internal medicine");
    String id = world.record(doctor, patient, "2026-01-15", "Cough at night", "Mild asthma");
    world.record(doctor, other, "2026-01-16", "Headache", "Tension headache");

    JsonObject mine = server.get("/api/medical-records?q=asthma", patient.token()).bodyAsJsonObject();
    assertThat(mine.getLong("total")).isEqualTo(1L);
    assertThat(mine.getJsonArray("items").getJsonObject(0).getJsonObject("doctor").getString("specialty")).isEqualTo("Internal medicine");
    assertThat(server.get("/api/medical-records/" + id, patient.token()).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/medical-records/" + id, other.token()).statusCode()).isEqualTo(403);
    assertThat(server.get("/api/medical-records", doctor.token()).bodyAsJsonObject().getLong("total")).isEqualTo(2L);
    mailbox.awaitTo((String) server.get("/api/me", patient.token()).bodyAsJsonObject().getString("email"), "medical record");
  }

  @Test
  void thePasswordResetFlowAndItsOutboxWorkOnPostgres() {
    String email = TestServer.uniqueEmail();
    String token = server.newSessionFor(email).getString("accessToken");
    server.post("/api/auth/password/forgot", new JsonObject().put("email", email));
    String reset = mailbox.awaitTo(email, "Reset your").token();

    HttpResponse<Buffer> done = server.post("/api/auth/password/reset",
        new JsonObject().put("token", reset).put("newPassword", "postgres passphrase 2026"));

    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(401);
    server.login(email, "postgres passphrase 2026");
    mailbox.awaitTo(email, "password was changed");
  }

  @Test
  void notificationsPreferencesPushAndArticleSearchWorkOnPostgres() {
    JsonObject editor = server.newSessionWithRoles("editor");
    String author = editor.getString("accessToken");
    String reader = server.newSession().getString("accessToken");
    HttpResponse<Buffer> article = server.post("/api/articles", author, new JsonObject().put("title", "Tempeh at home")
        .put("body", "Fermenting soybeans with rhizopus").put("status", "published"));
    assertThat(article.statusCode()).as(article.bodyAsString()).isEqualTo(201);
    String slug = article.bodyAsJsonObject().getString("slug");
    JsonObject found = server.get("/api/articles?q=soybeans", null).bodyAsJsonObject();
    assertThat(found.getJsonArray("items")).hasSize(1);
    assertThat(server.get("/api/articles?q=pizza", null).bodyAsJsonObject().getJsonArray("items")).isEmpty();

    assertThat(server.send(HttpMethod.PUT, "/api/me/notification-preferences", author,
        new JsonObject().put("comment.reply", new JsonObject().put("push", false))).statusCode()).isEqualTo(200);
    assertThat(server.send(HttpMethod.PUT, "/api/me/notification-preferences", author,
        new JsonObject().put("comment.reply", new JsonObject().put("inApp", false))).bodyAsJsonObject()
        .getJsonObject("comment.reply").getBoolean("push")).isFalse();
    String comment = server.post("/api/articles/" + slug + "/comments", reader, new JsonObject().put("body", "Tasty"))
        .bodyAsJsonObject().getString("id");
    server.post("/api/articles/" + slug + "/comments", author, new JsonObject().put("body", "Thanks").put("parentId", comment));
    JsonObject inbox = server.get("/api/notifications?unread=true", author).bodyAsJsonObject();
    assertThat(inbox.getLong("total")).isEqualTo(1L);
    String id = inbox.getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(server.get("/api/notifications", reader).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getString("type")).isEqualTo("comment.reply");
    assertThat(server.send(HttpMethod.POST, "/api/notifications/" + id + "/read", author, null).statusCode()).isEqualTo(204);
    assertThat(server.get("/api/notifications/unread-count", author).bodyAsJsonObject().getLong("count")).isZero();

    JsonObject keys = new JsonObject().put("p256dh", "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4")
        .put("auth", "BTBZMqHH6r4Tts7J_aSIgg");
    JsonObject subscription = new JsonObject().put("endpoint", "https://fcm.googleapis.com/fcm/send/pg").put("keys", keys);
    assertThat(server.post("/api/push/subscriptions", author, subscription).statusCode()).isEqualTo(201);
    assertThat(server.post("/api/push/subscriptions", reader, subscription).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/me", reader).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("webPush")).hasSize(1);
    assertThat(server.get("/api/me", author).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();
  }
}
