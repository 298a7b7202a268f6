package dev.gerbang.mfa;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TOTP enrolment and the two-step password sign-in: codes once only, recovery codes once only, tokens once only. */
class MfaSignInTest {
  private TestServer server;
  private MfaClient mfa;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("loginThrottle", new JsonObject().put("freeFailures", 6)));
    mfa = new MfaClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void afterEnrolmentAPasswordSignInAsksForACodeAndOnlyTheCodeOpensTheSession() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    HttpResponse<Buffer> before = server.get("/api/me/mfa", session.getString("accessToken"));
    assertThat(before.bodyAsJsonObject().getBoolean("totp")).isFalse();
    MfaClient.Enrolled enrolled = mfa.enrol(session.getString("accessToken"));
    assertThat(enrolled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
    JsonObject factors = server.get("/api/me/mfa", session.getString("accessToken")).bodyAsJsonObject();
    assertThat(factors.getBoolean("totp")).isTrue();
    assertThat(factors.getInteger("recoveryCodesLeft")).isEqualTo(10);

    HttpResponse<Buffer> first = mfa.login(email);
    JsonObject pending = first.bodyAsJsonObject();
    assertThat(pending.getJsonArray("methods")).containsExactly("totp", "recovery");
    assertThat(pending.getBoolean("enrolmentRequired", false)).isFalse();
    String token = pending.getString("mfaToken");
    // The pending token is no session: not a bearer token, and no refresh cookie was set.
    assertProblem(server.get("/api/me", token), 401, "invalid-token");
    assertThat(server.send(HttpMethod.POST, "/api/auth/refresh", null, null).statusCode()).isEqualTo(401);

    HttpResponse<Buffer> wrong = mfa.second(token, "code", "000000".equals(MfaClient.code(enrolled.secret(), 0)) ? "111111" : "000000");
    assertProblem(wrong, 401, "mfa-failed-code");
    HttpResponse<Buffer> done = mfa.second(token, "code", MfaClient.code(enrolled.secret(), 0));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    String access = done.bodyAsJsonObject().getString("accessToken");
    assertThat(server.get("/api/me", access).statusCode()).isEqualTo(200);
    // Audited in the transaction that ended the pending sign-in: there as soon as the answer is.
    String userId = session.getJsonObject("user").getString("id");
    assertThat(TestDb.rows(server, "SELECT actor_id, detail FROM audit_log WHERE event = 'mfa_succeeded' AND user_id = ?", userId))
        .singleElement().satisfies(row -> {
          assertThat(row.get("actor_id")).isEqualTo(userId);
          assertThat(String.valueOf(row.get("detail"))).contains("\"method\":\"totp\"");
        });
    assertThat(done.cookies()).anyMatch(cookie -> cookie.startsWith("gerbang_refresh="));
  }

  @Test
  void theSecondStepsProblemsReadInTheCallersLanguage() {
    String email = TestServer.uniqueEmail();
    MfaClient.Enrolled enrolled = mfa.enrol(server.newSessionFor(email).getString("accessToken"));
    String wrongCode = "000000".equals(MfaClient.code(enrolled.secret(), 0)) ? "111111" : "000000";
    String token = mfa.firstStep(email);

    HttpResponse<Buffer> english = mfa.second(token, "code", wrongCode);
    assertProblem(english, 401, "mfa-failed-code");
    assertThat(english.bodyAsJsonObject().getString("title")).isEqualTo("Second step failed");
    assertThat(english.bodyAsJsonObject().getString("detail")).isEqualTo("The code is wrong");

    HttpResponse<Buffer> indonesian = secondInIndonesian(new JsonObject().put("mfaToken", token).put("code", wrongCode));
    assertProblem(indonesian, 401, "mfa-failed-code");
    assertThat(indonesian.getHeader("Content-Language")).isEqualTo("id");
    assertThat(indonesian.bodyAsJsonObject().getString("title")).isEqualTo("Langkah kedua gagal");
    assertThat(indonesian.bodyAsJsonObject().getString("detail")).isEqualTo("Kodenya salah");

    HttpResponse<Buffer> badToken = secondInIndonesian(new JsonObject().put("mfaToken", "not-a-token").put("code", wrongCode));
    assertProblem(badToken, 401, "mfa-token-invalid");
    assertThat(badToken.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Langkah masuk ini sudah kedaluwarsa, sudah dipakai, atau terlalu banyak dicoba: silakan masuk lagi");

    HttpResponse<Buffer> twoAnswers = secondInIndonesian(new JsonObject().put("mfaToken", token).put("code", wrongCode)
        .put("recoveryCode", "abcd-efgh"));
    assertProblem(twoAnswers, 400, "validation");
    assertThat(twoAnswers.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"))
        .isEqualTo("isi tepat salah satu dari code, recoveryCode, atau challengeId beserta credential");
  }

  private HttpResponse<Buffer> secondInIndonesian(JsonObject body) {
    HttpRequest<Buffer> request = server.request(HttpMethod.POST, "/api/auth/mfa", null).putHeader("Accept-Language", "id");
    return TestServer.await(request.sendJsonObject(body));
  }

  @Test
  void aCodeIsRefusedTheSecondTimeAndTheTokenWorksOnce() {
    String email = TestServer.uniqueEmail();
    MfaClient.Enrolled enrolled = mfa.enrol(server.newSessionFor(email).getString("accessToken"));
    String code = MfaClient.code(enrolled.secret(), 0);
    String token = mfa.firstStep(email);
    assertThat(mfa.second(token, "code", code).statusCode()).isEqualTo(200);

    assertProblem(mfa.second(token, "code", code), 401, "mfa-token-invalid");
    HttpResponse<Buffer> replay = mfa.second(mfa.firstStep(email), "code", code);
    assertProblem(replay, 401, "mfa-failed-replayed");
  }

  @Test
  void wrongCodesCountTowardTheAccountsLoginLock() {
    String email = TestServer.uniqueEmail();
    MfaClient.Enrolled enrolled = mfa.enrol(server.newSessionFor(email).getString("accessToken"));
    String good = MfaClient.code(enrolled.secret(), 0);
    String bad = good.equals("123456") ? "654321" : "123456";
    boolean locked = false;
    for (int i = 0; i < 8 && !locked; i++) {
      HttpResponse<Buffer> first = mfa.login(email);
      HttpResponse<Buffer> response = first.statusCode() == 429 ? first
          : mfa.second(first.bodyAsJsonObject().getString("mfaToken"), "code", bad);
      if (response.statusCode() == 429) {
        assertProblem(response, 429, "login-locked");
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        locked = true;
      } else {
        assertProblem(response, 401, "mfa-failed-code");
      }
    }
    assertThat(locked).isTrue();
    // Locked: even the right password is refused now, as after wrong passwords.
    assertProblem(mfa.login(email), 429, "login-locked");
  }

  @Test
  void aTokenAllowsOnlyAFewTries() {
    TestServer strict = TestServer.start(new JsonObject().put("mfa", new JsonObject().put("maxAttempts", 2))
        .put("loginThrottle", new JsonObject().put("freeFailures", 100)));
    try {
      MfaClient client = new MfaClient(strict);
      String email = TestServer.uniqueEmail();
      MfaClient.Enrolled enrolled = client.enrol(strict.newSessionFor(email).getString("accessToken"));
      String good = MfaClient.code(enrolled.secret(), 0);
      String bad = good.equals("123456") ? "654321" : "123456";
      String token = client.firstStep(email);
      assertProblem(client.second(token, "code", bad), 401, "mfa-failed-code");
      assertProblem(client.second(token, "code", bad), 401, "mfa-failed-code");
      assertProblem(client.second(token, "code", good), 401, "mfa-token-invalid");
    } finally {
      strict.close();
    }
  }

  @Test
  void anExpiredTokenIsRefused() throws InterruptedException {
    TestServer quick = TestServer.start(new JsonObject().put("mfa", new JsonObject().put("tokenTtlSeconds", 1)));
    try {
      MfaClient client = new MfaClient(quick);
      String email = TestServer.uniqueEmail();
      MfaClient.Enrolled enrolled = client.enrol(quick.newSessionFor(email).getString("accessToken"));
      long issued = System.currentTimeMillis();
      String token = client.firstStep(email);
      // Expiry is by the clock: wait until the token's second has certainly passed.
      while (System.currentTimeMillis() < issued + 1500) {
        Thread.sleep(100);
      }
      assertProblem(client.second(token, "code", MfaClient.code(enrolled.secret(), 0)), 401, "mfa-token-invalid");
    } finally {
      quick.close();
    }
  }

  @Test
  void aRecoveryCodeWorksOnceAndSaysHowManyAreLeft() {
    String email = TestServer.uniqueEmail();
    MfaClient.Enrolled enrolled = mfa.enrol(server.newSessionFor(email).getString("accessToken"));
    String recovery = enrolled.recoveryCodes().get(3);

    HttpResponse<Buffer> used = mfa.second(mfa.firstStep(email), "recoveryCode", recovery.toUpperCase());
    assertThat(used.statusCode()).as(used.bodyAsString()).isEqualTo(200);
    assertThat(used.bodyAsJsonObject().getInteger("recoveryCodesLeft")).isEqualTo(9);
    assertProblem(mfa.second(mfa.firstStep(email), "recoveryCode", recovery), 401, "mfa-failed-recovery");

    // Regenerating voids the old ones.
    String access = used.bodyAsJsonObject().getString("accessToken");
    HttpResponse<Buffer> renewed = server.post("/api/me/mfa/recovery-codes", access, new JsonObject());
    assertThat(renewed.statusCode()).isEqualTo(200);
    assertThat(renewed.bodyAsJsonObject().getJsonArray("recoveryCodes")).hasSize(10);
    assertProblem(mfa.second(mfa.firstStep(email), "recoveryCode", enrolled.recoveryCodes().get(0)), 401, "mfa-failed-recovery");
    String fresh = renewed.bodyAsJsonObject().getJsonArray("recoveryCodes").getString(0);
    assertThat(mfa.second(mfa.firstStep(email), "recoveryCode", fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void badSecondStepsAreClearProblems() {
    assertProblem(server.post("/api/auth/mfa", new JsonObject().put("mfaToken", "nope").put("code", "123456")), 401, "mfa-token-invalid");
    HttpResponse<Buffer> both = server.post("/api/auth/mfa", new JsonObject().put("mfaToken", "x").put("code", "1").put("recoveryCode", "2"));
    assertProblem(both, 400, "validation");
    assertProblem(server.post("/api/auth/mfa", new JsonObject().put("code", "123456")), 400, "validation");
    assertProblem(server.post("/api/auth/mfa", new JsonObject().put("mfaToken", "x").put("credential", "text")), 400, "validation");
  }

  @Test
  void changingFactorsNeedsTheRightPasswordWhenOneIsGivenAndRemovingTheAppEndsTheSecondStep() {
    String email = TestServer.uniqueEmail();
    String access = server.newSessionFor(email).getString("accessToken");
    mfa.enrol(access);
    HttpResponse<Buffer> wrong = server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access, new JsonObject().put("password", "not it at all"));
    assertProblem(wrong, 400, "validation");
    HttpResponse<Buffer> removed = server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access,
        new JsonObject().put("password", TestServer.PASSWORD));
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(mfa.login(email).bodyAsJsonObject().containsKey("accessToken")).isTrue();
    JsonObject factors = server.get("/api/me/mfa", access).bodyAsJsonObject();
    assertThat(factors.getInteger("recoveryCodesLeft")).isZero();
    assertProblem(server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access, null), 404, "not-found");
  }

  @Test
  void aSecondEnrolmentIsRefusedWhileTheFirstStands() {
    String access = server.newSession().getString("accessToken");
    mfa.enrol(access);
    assertProblem(server.post("/api/me/mfa/totp", access, new JsonObject()), 409, "totp-enrolled");
    assertProblem(server.post("/api/me/mfa/totp/confirm", access, new JsonObject().put("code", "123456")), 400, "validation");
  }

  @Test
  void wrongPasswordsGivenToChangeFactorsCountTowardTheLoginLock() {
    String email = TestServer.uniqueEmail();
    String access = server.newSessionFor(email).getString("accessToken");
    mfa.enrol(access);
    int status = 0;
    for (int i = 0; i < 10 && status != 429; i++) {
      status = server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access, new JsonObject().put("password", "not it at all")).statusCode();
      assertThat(status).isIn(400, 429);
    }
    assertThat(status).isEqualTo(429);
    HttpResponse<Buffer> locked = server.send(HttpMethod.DELETE, "/api/me/mfa/totp", access, new JsonObject().put("password", "x"));
    assertProblem(locked, 429, "login-locked");
    assertThat(locked.getHeader("Retry-After")).isNotBlank();
    assertProblem(mfa.login(email), 429, "login-locked");
  }
}
