package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.audit.AuditTrail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox loses nothing and sends nothing twice: SMTP outages, restarts, dead letters. */
class OutboxTest {
  private final Mailbox mailbox = new Mailbox();
  private TestServer server;
  private Path dataDir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    mailbox.close();
    if (dataDir != null) {
      TestServer.deleteTree(dataDir);
    }
  }

  private JsonArray outbox(String adminToken, String status) {
    HttpResponse<Buffer> response = server.get("/api/admin/outbox?limit=100" + (status == null ? "" : "&status=" + status), adminToken);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  /** Waits (10 s at most) for an outbox message the admin list shows, for states the notify verticle reaches later. */
  private JsonObject awaitMessage(String adminToken, Predicate<JsonObject> wanted) {
    JsonObject found = TestDb.eventually(() -> outbox(adminToken, null).stream().map(JsonObject.class::cast)
        .filter(wanted).findFirst().orElse(null), message -> message != null, 10_000);
    assertThat(found).as("no such outbox message; outbox: " + outbox(adminToken, null).encodePrettily()).isNotNull();
    return found;
  }

  /**
   * Each address got its verification mail, and will get no other: its one outbox row is sent, a state no node
   * sends from again (only pending rows, and sending rows whose claim ran out, are claimed), and the mail server
   * holds one mail, accepted before the row was marked sent.
   */
  private void assertDeliveredOnce(List<String> recipients) {
    for (String recipient : recipients) {
      mailbox.awaitTo(recipient, "Confirm your email");
      List<Map<String, Object>> rows = TestDb.eventually(() -> TestDb.rows(server, "SELECT status FROM outbox WHERE recipient = ?",
          recipient), found -> found.size() == 1 && "sent".equals(found.get(0).get("status")), 10_000);
      assertThat(rows).as("outbox rows to " + recipient).containsExactly(Map.of("status", "sent"));
      assertThat(mailbox.to(recipient)).as("mails to " + recipient).hasSize(1);
    }
  }

  @Test
  void mailsQueuedWhileSmtpIsDownAreDeliveredOnceWhenItComesBack() {
    server = TestServer.start(mailbox.config());
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    List<String> recipients = List.of(TestServer.uniqueEmail(), TestServer.uniqueEmail(), TestServer.uniqueEmail());
    recipients.forEach(server::register);

    JsonObject failing = awaitMessage(admin, m -> m.getString("recipient").equals(recipients.get(0))
        && m.getLong("attempts") >= 2 && m.getString("lastError") != null);
    assertThat(failing.getString("status")).isIn("pending", "sending");
    mailbox.start();

    assertDeliveredOnce(recipients);
    for (String recipient : recipients) {
      awaitMessage(admin, m -> m.getString("recipient").equals(recipient) && m.getString("status").equals("sent"));
    }
  }

  @Test
  void mailsLeftUnsentWhenTheServerStopsAreDeliveredAfterARestart() throws Exception {
    dataDir = Files.createTempDirectory("gerbang-outbox");
    server = TestServer.startOn(dataDir, mailbox.config());
    List<String> recipients = List.of(TestServer.uniqueEmail(), TestServer.uniqueEmail());
    recipients.forEach(server::register);
    server.close();
    server = null;

    mailbox.start();
    server = TestServer.startOn(dataDir, mailbox.config());

    assertDeliveredOnce(recipients);
  }

  @Test
  void withoutSmtpMailsAreHeldAndListedThenSentOnceSmtpIsConfigured() throws Exception {
    dataDir = Files.createTempDirectory("gerbang-outbox");
    server = TestServer.startOn(dataDir, new JsonObject());
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    String recipient = TestServer.uniqueEmail();
    server.register(recipient);

    JsonObject held = awaitMessage(admin, m -> m.getString("recipient").equals(recipient) && m.getString("status").equals("held"));
    assertThat(held.getString("template")).isEqualTo("verify-email");
    assertThat(held.encode()).doesNotContain("token");
    server.close();
    server = null;

    mailbox.start();
    server = TestServer.startOn(dataDir, mailbox.config());
    assertDeliveredOnce(List.of(recipient));
  }

  @Test
  void aMessageIsDeadAfterItsLastAttemptAndAnAdminCanRetryIt() {
    server = TestServer.start(mailbox.config().put("mail", mailbox.config().getJsonObject("mail").copy().put("maxAttempts", 2)));
    JsonObject adminSession = server.newSessionWithRoles("admin");
    String admin = adminSession.getString("accessToken");
    String recipient = TestServer.uniqueEmail();
    server.register(recipient);

    JsonObject dead = awaitMessage(admin, m -> m.getString("recipient").equals(recipient) && m.getString("status").equals("dead"));
    assertThat(dead.getLong("attempts")).isEqualTo(2L);
    assertThat(dead.getString("lastError")).isNotBlank();
    // Dead is final: no node claims a dead row, so its attempts stop at mail.maxAttempts.
    assertThat(outbox(admin, "dead").stream().map(m -> ((JsonObject) m).getLong("attempts")).toList()).allMatch(n -> n == 2L);

    mailbox.start();
    String path = "/api/admin/outbox/" + dead.getString("id") + "/retry";
    String user = server.newSession().getString("accessToken");
    assertThat(server.post(path, user, null).statusCode()).isEqualTo(403);
    assertThat(server.post(path, null, null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> retried = TestServer.await(server.request(HttpMethod.POST, path, admin)
        .putHeader("X-Request-Id", "retry-req-0001").send());
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", dead.getString("id")).put("status", "pending"));
    // Written in the retry's transaction: there as soon as the answer is.
    List<JsonObject> audited = AuditTrail.entries(server, admin, "admin_mail_retried", null);
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).getString("actorId")).isEqualTo(adminSession.getJsonObject("user").getString("id"));
    assertThat(audited.get(0).getString("userId")).isNull();
    assertThat(audited.get(0).getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(audited.get(0).getString("requestId")).isEqualTo("retry-req-0001");
    assertThat(audited.get(0).getJsonObject("detail")).isEqualTo(new JsonObject().put("messageId", dead.getString("id")));
    assertDeliveredOnce(List.of(recipient));
    assertThat(server.post(path, admin, null).statusCode()).isEqualTo(409);
    assertThat(server.post("/api/admin/outbox/01900000-0000-7000-8000-000000000000/retry", admin, null).statusCode())
        .as("a message that does not exist").isEqualTo(409);
    assertThat(server.post("/api/admin/outbox/not-an-id/retry", admin, null).statusCode()).isEqualTo(404);
    assertThat(AuditTrail.entries(server, admin, "admin_mail_retried", null)).as("retries that changed nothing").hasSize(1);
  }

  @Test
  void aRetryWhoseAuditRowCannotBeWrittenLeavesTheMessageDead() throws Exception {
    server = TestServer.start(mailbox.config().put("mail", mailbox.config().getJsonObject("mail").copy().put("maxAttempts", 1)));
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    String recipient = TestServer.uniqueEmail();
    server.register(recipient);
    JsonObject dead = awaitMessage(admin, m -> m.getString("recipient").equals(recipient) && m.getString("status").equals("dead"));

    try (AutoCloseable refused = AuditTrail.refuseWrites(server)) {
      assertThat(server.post("/api/admin/outbox/" + dead.getString("id") + "/retry", admin, null).statusCode()).isEqualTo(500);
    }
    assertThat(TestDb.rows(server, "SELECT status, attempts FROM outbox WHERE id = ?", dead.getString("id")))
        .extracting(row -> row.get("status"), row -> ((Number) row.get("attempts")).longValue())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dead", 1L));
    assertThat(AuditTrail.entries(server, admin, "admin_mail_retried", null)).isEmpty();
  }

  @Test
  void theOutboxListChecksItsParametersAndIsForAdminsOnly() {
    server = TestServer.start(mailbox.config());
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    String user = server.newSession().getString("accessToken");

    assertThat(server.get("/api/admin/outbox", user).statusCode()).isEqualTo(403);
    assertThat(server.get("/api/admin/outbox", null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> bad = server.get("/api/admin/outbox?status=lost&limit=500&cursor=xyz", admin);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("status", "limit");
  }
}
