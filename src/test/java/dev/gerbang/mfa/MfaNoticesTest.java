package dev.gerbang.mfa;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every change to the factors mails the user (GreenMail) and is audited; an old session must re-authenticate first. */
class MfaNoticesTest {
  private Mailbox mailbox;
  private TestServer server;
  private MfaClient mfa;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
    mfa = new MfaClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  @Test
  void enrolmentRecoveryUseAndAdminResetEachMailTheUserAndAreAudited() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    String userId = session.getJsonObject("user").getString("id");
    MfaClient.Enrolled enrolled = mfa.enrol(session.getString("accessToken"));
    assertThat(mailbox.awaitTo(email, "Security change").text()).contains("An authenticator app was set up");

    HttpResponse<Buffer> used = mfa.second(mfa.firstStep(email), "recoveryCode", enrolled.recoveryCodes().get(0));
    assertThat(used.statusCode()).isEqualTo(200);
    TestDb.eventually(() -> mailbox.to(email).stream().filter(m -> m.text().contains("Recovery codes left: 9")).count(), n -> n == 1);

    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    assertThat(server.send(HttpMethod.DELETE, "/api/admin/users/" + userId + "/mfa", admin, null).statusCode()).isEqualTo(204);
    TestDb.eventually(() -> mailbox.to(email).stream().filter(m -> m.text().contains("An administrator removed all second factors")).count(),
        n -> n == 1);

    for (String event : new String[] {"mfa_totp_enrolled", "mfa_recovery_code_used", "mfa_succeeded", "mfa_reset"}) {
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = ? AND user_id = ?", event, userId))
          .as(event).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aNoticeIsInTheUsersLanguage() {
    String email = TestServer.uniqueEmail();
    server.post("/api/auth/register", new JsonObject().put("email", email).put("password", TestServer.PASSWORD).put("name", "Sari")
        .put("locale", "id"));
    mfa.enrol(server.login(email, TestServer.PASSWORD).getString("accessToken"));
    assertThat(mailbox.awaitTo(email, "Perubahan keamanan").text()).contains("Aplikasi autentikator dipasang");
  }

  @Test
  void anOldSessionMustReauthenticateToChangeFactors() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    String access = session.getString("accessToken");
    mfa.enrol(access);
    TestDb.update(server, "UPDATE sessions SET created_at = ? WHERE id = ?", System.currentTimeMillis() - 3_600_000L,
        session.getString("sessionId"));

    assertProblem(server.post("/api/me/mfa/recovery-codes", access, new JsonObject()), 403, "reauthentication-required");
    assertProblem(server.post("/api/me/passkeys/options", access, new JsonObject()), 403, "reauthentication-required");
    assertProblem(server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access, new JsonObject()), 403, "reauthentication-required");
    assertThat(server.post("/api/me/mfa/recovery-codes", access, new JsonObject().put("password", TestServer.PASSWORD)).statusCode())
        .isEqualTo(200);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM mfa_totp WHERE user_id = ?", session.getJsonObject("user").getString("id")))
        .isEqualTo(1);
  }
}
