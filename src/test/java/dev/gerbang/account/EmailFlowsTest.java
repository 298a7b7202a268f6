package dev.gerbang.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification, password reset and email change, end to end through a real SMTP server. */
class EmailFlowsTest {
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return server.post(path, body);
  }

  /** How many audit rows of this event the account has: written in the transaction of the change, before the answer. */
  private long audited(String event, String userId) {
    return TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = ? AND user_id = ?", event, userId);
  }

  /** Outbox rows of this template to this address: written in the transaction of the change that causes them. */
  private long queued(String email, String template) {
    return TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND template = ?", email, template);
  }

  @Test
  void signUpMailsAVerificationLinkThatVerifiesTheEmailExactlyOnce() {
    String email = TestServer.uniqueEmail();
    JsonObject login = server.newSessionFor(email);
    assertThat(server.get("/api/me", login.getString("accessToken")).bodyAsJsonObject().getBoolean("emailVerified")).isFalse();

    Mailbox.Mail mail = mailbox.awaitTo(email, "Confirm your email");
    assertThat(mail.text()).contains(server.url("/verify-email?token="));
    assertThat(mail.html()).contains("Confirm my email");
    HttpResponse<Buffer> verified = post("/api/auth/verify-email", new JsonObject().put("token", mail.token()));

    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(audited("email_verified", login.getJsonObject("user").getString("id"))).isEqualTo(1);
    assertThat(server.get("/api/me", login.getString("accessToken")).bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
    HttpResponse<Buffer> again = post("/api/auth/verify-email", new JsonObject().put("token", mail.token()));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.bodyAsJsonObject().getString("type")).endsWith("/token-invalid");
  }

  @Test
  void anIndonesianAccountGetsItsMailInIndonesian() {
    String email = TestServer.uniqueEmail();
    HttpResponse<Buffer> created = post("/api/auth/register", new JsonObject().put("email", email)
        .put("password", TestServer.PASSWORD).put("name", "Budi").put("locale", "id"));
    assertThat(created.statusCode()).isEqualTo(201);

    Mailbox.Mail mail = mailbox.awaitTo(email, "Konfirmasi email Anda");
    assertThat(mail.text()).contains("Halo Budi").contains("24 jam");
  }

  @Test
  void aResentVerificationVoidsTheEarlierLink() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    String first = mailbox.awaitTo(email, "Confirm your email").token();

    assertThat(post("/api/auth/verify-email/resend", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    List<Mailbox.Mail> mails = awaitCount(email, 2);
    String second = mails.get(1).token();

    assertThat(second).isNotEqualTo(first);
    assertThat(post("/api/auth/verify-email", new JsonObject().put("token", first)).statusCode()).isEqualTo(400);
    assertThat(post("/api/auth/verify-email", new JsonObject().put("token", second)).statusCode()).isEqualTo(200);
  }

  private List<Mailbox.Mail> awaitCount(String email, int count) {
    List<Mailbox.Mail> mails = mailbox.awaitCount(email, count);
    assertThat(mails).hasSize(count);
    return mails;
  }

  @Test
  void forgotAndResendAnswerTheSameForKnownAndUnknownEmails() {
    String known = TestServer.uniqueEmail();
    server.register(known);
    for (String path : List.of("/api/auth/password/forgot", "/api/auth/verify-email/resend")) {
      HttpResponse<Buffer> forKnown = post(path, new JsonObject().put("email", known));
      HttpResponse<Buffer> forUnknown = post(path, new JsonObject().put("email", "nobody-" + known));
      assertThat(forKnown.statusCode()).isEqualTo(202);
      assertThat(forUnknown.statusCode()).isEqualTo(202);
      assertThat(forKnown.bodyAsJsonObject()).isEqualTo(forUnknown.bodyAsJsonObject());
    }
    mailbox.awaitTo(known, "Reset your");
    assertThat(mailbox.to("nobody-" + known)).isEmpty();
  }

  @Test
  void forgotAnswersBeforeTheWorkThatOnlyAKnownEmailCauses() throws Exception {
    String known = TestServer.uniqueEmail();
    server.register(known);
    mailbox.awaitTo(known, "Confirm your email");
    // Hold a write lock: issuing a reset token, which only a known email causes, has to wait for it.
    try (AutoCloseable lock = TestDb.blockWrites(server.dataDir(), "account_tokens")) {
      long start = System.nanoTime();
      HttpResponse<Buffer> forKnown = post("/api/auth/password/forgot", new JsonObject().put("email", known));
      HttpResponse<Buffer> forUnknown = post("/api/auth/password/forgot", new JsonObject().put("email", "nobody-" + known));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(forKnown.statusCode()).isEqualTo(202);
      assertThat(forUnknown.statusCode()).isEqualTo(202);
      assertThat(forKnown.bodyAsJsonObject()).isEqualTo(forUnknown.bodyAsJsonObject());
      // Had the answer waited for the token, the known email would have taken as long as the lock is held.
      assertThat(millis).as("both answers, while the write they cause is blocked").isLessThan(1500);
      // The token and its mail are one transaction, which waits for the lock: neither exists yet.
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM account_tokens WHERE kind = 'password_reset'")).isZero();
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE template = 'password-reset'")).isZero();
    }
    mailbox.awaitTo(known, "Reset your");
    assertThat(queued(known, "password-reset")).isEqualTo(1);
    assertThat(queued("nobody-" + known, "password-reset")).isZero();
  }

  @Test
  void aResetLinkSetsTheNewPasswordEndsEverySessionAndSendsANotice() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    assertThat(post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String token = mailbox.awaitTo(email, "Reset your").token();
    String newPassword = "a brand new passphrase for 2026";

    HttpResponse<Buffer> weak = post("/api/auth/password/reset", new JsonObject().put("token", token).put("newPassword", "password"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.bodyAsJsonObject().getJsonArray("errors").encode()).contains("min_length").contains("common");
    HttpResponse<Buffer> reset = post("/api/auth/password/reset", new JsonObject().put("token", token).put("newPassword", newPassword));

    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.bodyAsJsonObject().getInteger("sessionsRevoked")).isEqualTo(1);
    assertThat(TestDb.rows(server, "SELECT detail FROM audit_log WHERE event = 'password_reset' AND user_id = ?",
        session.getJsonObject("user").getString("id"))).extracting(row -> new JsonObject((String) row.get("detail")))
        .containsExactly(new JsonObject().put("sessionsRevoked", 1).put("identitiesRemoved", new JsonArray()));
    assertThat(server.get("/api/me", session.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD)).statusCode()).isEqualTo(401);
    server.login(email, newPassword);
    mailbox.awaitTo(email, "password was changed");
    assertThat(post("/api/auth/password/reset", new JsonObject().put("token", token).put("newPassword", "yet another passphrase 42"))
        .statusCode()).isEqualTo(400);
  }

  @Test
  void aNewerResetLinkVoidsTheOlderOneAndAnExpiredLinkIsRefused() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    assertThat(post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String older = mailbox.awaitTo(email, "Reset your").token();
    assertThat(post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String newer = awaitCount(email, 3).get(2).token();

    JsonObject body = new JsonObject().put("newPassword", "a brand new passphrase for 2026");
    assertThat(post("/api/auth/password/reset", body.copy().put("token", older)).statusCode()).isEqualTo(400);

    assertThat(TestDb.update(server, "UPDATE account_tokens SET expires_at = 0 WHERE kind = 'password_reset'")).isEqualTo(2);
    assertThat(post("/api/auth/password/reset", body.copy().put("token", newer)).statusCode()).isEqualTo(400);
  }

  @Test
  void twoParallelUsesOfOneResetLinkLetExactlyOneSucceed() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    assertThat(post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String token = mailbox.awaitTo(email, "Reset your").token();

    var first = server.client().post("/api/auth/password/reset")
        .sendJsonObject(new JsonObject().put("token", token).put("newPassword", "first parallel passphrase 1"));
    var second = server.client().post("/api/auth/password/reset")
        .sendJsonObject(new JsonObject().put("token", token).put("newPassword", "second parallel passphrase 2"));

    List<Integer> statuses = List.of(TestServer.await(first).statusCode(), TestServer.await(second).statusCode());
    assertThat(statuses).containsExactlyInAnyOrder(200, 400);
  }

  @Test
  void anEmailChangeAppliesOnlyWhenTheNewAddressConfirmsIt() {
    String email = TestServer.uniqueEmail();
    String newEmail = "new-" + email;
    JsonObject session = server.newSessionFor(email);
    String token = session.getString("accessToken");

    HttpResponse<Buffer> wrongPassword = server.post("/api/me/email", token,
        new JsonObject().put("newEmail", newEmail).put("password", "not my password at all"));
    assertThat(wrongPassword.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> asked = server.post("/api/me/email", token, new JsonObject().put("newEmail", newEmail).put("password", TestServer.PASSWORD));
    assertThat(asked.statusCode()).isEqualTo(202);
    String userId = session.getJsonObject("user").getString("id");
    assertThat(audited("email_change_requested", userId)).isEqualTo(1);

    Mailbox.Mail confirm = mailbox.awaitTo(newEmail, "Confirm your new email");
    mailbox.awaitTo(email, "about to change");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getString("email")).isEqualTo(email);
    HttpResponse<Buffer> confirmed = post("/api/auth/email-change/confirm", new JsonObject().put("token", confirm.token()));

    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(audited("email_changed", userId)).isEqualTo(1);
    JsonObject me = server.get("/api/me", token).bodyAsJsonObject();
    assertThat(me.getString("email")).isEqualTo(newEmail);
    assertThat(me.getBoolean("emailVerified")).isTrue();
    server.login(newEmail, TestServer.PASSWORD);
  }

  @Test
  void aTakenEmailIsA409WhenAskedAndWhenConfirmed() {
    String email = TestServer.uniqueEmail();
    String taken = TestServer.uniqueEmail();
    server.register(taken);
    String token = server.newSessionFor(email).getString("accessToken");
    JsonObject ask = new JsonObject().put("password", TestServer.PASSWORD);

    assertThat(server.post("/api/me/email", token, ask.copy().put("newEmail", taken.toUpperCase())).statusCode()).isEqualTo(409);

    String later = TestServer.uniqueEmail();
    assertThat(server.post("/api/me/email", token, ask.copy().put("newEmail", later)).statusCode()).isEqualTo(202);
    String confirmToken = mailbox.awaitTo(later, "Confirm your new email").token();
    server.register(later);
    HttpResponse<Buffer> confirmed = post("/api/auth/email-change/confirm", new JsonObject().put("token", confirmToken));
    assertThat(confirmed.statusCode()).isEqualTo(409);
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getString("email")).isEqualTo(email);
  }

  /** The new-device notices queued for this address: the outbox row is written in the sign-in's own transaction. */
  private long newSignInNotices(String email) {
    return TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE template = 'new-sign-in' AND recipient = ?", email);
  }

  private HttpResponse<Buffer> loginWith(String email, String userAgent) {
    return TestServer.await(server.client().post("/api/auth/login").putHeader("User-Agent", userAgent)
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD)));
  }

  @Test
  void aSignInFromANewDeviceSendsANoticeAndAKnownDeviceDoesNot() {
    String firefox = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
    String email = TestServer.uniqueEmail();
    server.newSessionFor(email);
    assertThat(newSignInNotices(email)).as("an account's first sign-in is from no new device").isZero();

    assertThat(loginWith(email, firefox).statusCode()).isEqualTo(200);
    assertThat(newSignInNotices(email)).as("a new browser").isEqualTo(1);
    server.login(email, TestServer.PASSWORD);
    assertThat(loginWith(email, firefox).statusCode()).isEqualTo(200);
    assertThat(newSignInNotices(email)).as("known browsers").isEqualTo(1);

    Mailbox.Mail notice = mailbox.awaitTo(email, "New sign-in");
    assertThat(notice.text()).contains("Firefox on Linux");
  }

  @Test
  void withVerificationRequiredAnUnverifiedAccountCannotSignInUntilItVerifies() {
    server.close();
    server = TestServer.start(mailbox.config().put("auth", new JsonObject().put("requireVerifiedEmail", true)));
    String email = TestServer.uniqueEmail();
    server.register(email);
    JsonObject credentials = new JsonObject().put("email", email).put("password", TestServer.PASSWORD);

    HttpResponse<Buffer> refused = post("/api/auth/login", credentials);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/email-unverified");
    assertThat(post("/api/auth/login", credentials.copy().put("password", "wrong password, wrong")).statusCode()).isEqualTo(401);

    HttpResponse<Buffer> verified = post("/api/auth/verify-email",
        new JsonObject().put("token", mailbox.awaitTo(email, "Confirm your email").token()));
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(post("/api/auth/login", credentials).statusCode()).isEqualTo(200);
  }
}
