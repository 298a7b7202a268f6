package dev.gerbang.security;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-account throttling of password sign-in, whatever address the attempts come from: 3 free failures, then
 * the account's password login locks for 1 s, 2 s, 4 s (capped), and a password reset by email ends the lock.
 */
class LoginThrottleTest {
  private static final String WRONG = "not the password at all";
  private final AtomicInteger nextIp = new AtomicInteger(1);
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config()
        .put("http", new JsonObject().put("trustedProxies", new JsonArray().add("127.0.0.1").add("::1")))
        .put("loginThrottle", new JsonObject().put("freeFailures", 3).put("lockBaseSeconds", 1).put("lockMaxSeconds", 4)));
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  /** Every attempt from another address, as a botnet would: the IP limiter never sees two from one client. */
  private HttpResponse<Buffer> login(String email, String password) {
    int n = nextIp.getAndIncrement();
    return server.raw(HttpMethod.POST, "/api/auth/login", MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", "application/json").add("X-Forwarded-For", "198.51." + (n / 256) + "." + (n % 256)),
        Buffer.buffer(new JsonObject().put("email", email).put("password", password).encode()));
  }

  @Test
  void afterTheFreeFailuresEvenTheRightPasswordIs429UntilTheLockEndsAndTheLockIsAudited() {
    String email = TestServer.uniqueEmail();
    String userId = server.register(email).getString("id");
    for (int i = 0; i < 3; i++) {
      assertProblem(login(email, WRONG), 401, "login-failed");
    }

    HttpResponse<Buffer> locked = login(email, TestServer.PASSWORD);

    JsonObject problem = assertProblem(locked, 429, "login-locked");
    assertThat(problem.getString("detail")).contains("reset the password by email");
    assertThat(locked.getHeader("Retry-After")).isEqualTo("1");
    assertThat(locked.getHeader("WWW-Authenticate")).isNull();
    assertProblem(login(email.toUpperCase(), WRONG), 429, "login-locked");
    // Another spelling of the same address (a fullwidth first letter, spaces) is the same account.
    assertProblem(login(" \uFF55" + email.substring(1) + " ", WRONG), 429, "login-locked");
    TestDb.eventuallyCount(server, 1, "SELECT COUNT(*) FROM audit_log WHERE event = 'login_locked'");
    assertThat(TestDb.rows(server, "SELECT user_id, detail FROM audit_log WHERE event = 'login_locked'"))
        .singleElement().satisfies(row -> {
          assertThat(row.get("user_id")).isEqualTo(userId);
          assertThat(String.valueOf(row.get("detail"))).contains("\"lockSeconds\":1");
        });

    Mailbox.sleep(1100);
    assertThat(login(email, TestServer.PASSWORD).statusCode()).isEqualTo(200);
    // Success forgot the failures: three more are free again.
    for (int i = 0; i < 2; i++) {
      assertProblem(login(email, WRONG), 401, "login-failed");
    }
    assertThat(login(email, TestServer.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void eachFurtherFailureAfterALockDoublesItUpToTheMaximum() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    for (int i = 0; i < 3; i++) {
      login(email, WRONG);
    }
    assertThat(login(email, WRONG).getHeader("Retry-After")).isEqualTo("1");
    Mailbox.sleep(1100);
    assertProblem(login(email, WRONG), 401, "login-failed");
    assertThat(login(email, WRONG).getHeader("Retry-After")).isEqualTo("2");
    Mailbox.sleep(2100);
    assertProblem(login(email, WRONG), 401, "login-failed");
    assertThat(login(email, WRONG).getHeader("Retry-After")).isEqualTo("4");
  }

  @Test
  void anUnknownEmailIsThrottledExactlyLikeAKnownOne() {
    String nobody = TestServer.uniqueEmail();
    for (int i = 0; i < 3; i++) {
      assertProblem(login(nobody, WRONG), 401, "login-failed");
    }
    HttpResponse<Buffer> locked = login(nobody, WRONG);
    JsonObject body = assertProblem(locked, 429, "login-locked");
    String known = TestServer.uniqueEmail();
    server.register(known);
    for (int i = 0; i < 3; i++) {
      login(known, WRONG);
    }
    JsonObject other = assertProblem(login(known, WRONG), 429, "login-locked");
    body.remove("requestId");
    other.remove("requestId");
    assertThat(other).isEqualTo(body);
  }

  @Test
  void aPasswordResetByEmailEndsTheLock() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    for (int i = 0; i < 3; i++) {
      login(email, WRONG);
    }
    assertProblem(login(email, TestServer.PASSWORD), 429, "login-locked");

    assertThat(server.post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String token = mailbox.awaitTo(email, "password").token();
    String newPassword = "a brand new passphrase 42";
    assertThat(server.post("/api/auth/password/reset", new JsonObject().put("token", token).put("newPassword", newPassword))
        .statusCode()).isEqualTo(200);

    assertThat(login(email, newPassword).statusCode()).isEqualTo(200);
  }

  @Test
  void theLockIsPerAccount() {
    String victim = TestServer.uniqueEmail();
    String bystander = TestServer.uniqueEmail();
    server.register(victim);
    server.register(bystander);
    for (int i = 0; i < 4; i++) {
      login(victim, WRONG);
    }
    assertProblem(login(victim, TestServer.PASSWORD), 429, "login-locked");
    assertThat(login(bystander, TestServer.PASSWORD).statusCode()).isEqualTo(200);
  }

  /**
   * ASVS 2.2.1: a password typed to confirm an action is a guess like one at the sign-in form. Otherwise a stolen access
   * token could try passwords at these endpoints without ever meeting the lock.
   */
  @Test
  void aPasswordTypedToConfirmAnActionCountsInTheSameLock() {
    String email = TestServer.uniqueEmail();
    String token = server.newSessionFor(email).getString("accessToken");
    assertProblem(server.send(HttpMethod.DELETE, "/api/me", token, new JsonObject().put("password", WRONG)), 400, "validation");
    assertProblem(server.send(HttpMethod.POST, "/api/me/password", token, new JsonObject().put("currentPassword", WRONG)
        .put("newPassword", "another long passphrase 7")), 400, "validation");
    assertProblem(server.send(HttpMethod.POST, "/api/me/email", token, new JsonObject().put("password", WRONG)
        .put("newEmail", TestServer.uniqueEmail())), 400, "validation");

    assertProblem(login(email, TestServer.PASSWORD), 429, "login-locked");
    HttpResponse<Buffer> refused = server.send(HttpMethod.DELETE, "/api/me", token, new JsonObject().put("password", TestServer.PASSWORD));
    assertProblem(refused, 429, "login-locked");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users WHERE email = ?", email)).isEqualTo(1);

    Mailbox.sleep(1100);
    // The right password forgets the failures here as at the sign-in form.
    assertThat(server.send(HttpMethod.POST, "/api/me/password", token, new JsonObject().put("currentPassword", TestServer.PASSWORD)
        .put("newPassword", "another long passphrase 7")).statusCode()).isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      assertProblem(login(email, WRONG), 401, "login-failed");
    }
    assertThat(login(email, "another long passphrase 7").statusCode()).isEqualTo(200);
  }
}
