package dev.gerbang.mfa;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The role policy (a doctor without a factor gets no session until one is enrolled) and the admins' reset. */
class MfaPolicyTest {
  private TestServer server;
  private MfaClient mfa;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start();
    mfa = new MfaClient(server);
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> setPolicy(String accessToken, JsonArray roles) {
    return server.send(HttpMethod.PUT, "/api/admin/mfa/policy", accessToken, new JsonObject().put("requiredRoles", roles));
  }

  private String doctor() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    server.grantRole(email, "doctor");
    return email;
  }

  @Test
  void adminsSetThePolicyAtRuntimeAndOthersCannot() {
    assertThat(server.get("/api/admin/mfa/policy", admin).bodyAsJsonObject().getJsonArray("requiredRoles")).isEmpty();
    HttpResponse<Buffer> set = setPolicy(admin, new JsonArray().add("doctor").add("admin"));
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    assertThat(server.get("/api/admin/mfa/policy", admin).bodyAsJsonObject().getJsonArray("requiredRoles"))
        .containsExactly("doctor", "admin");
    String user = server.newSession().getString("accessToken");
    assertProblem(setPolicy(user, new JsonArray()), 403, "forbidden");
    assertProblem(setPolicy(admin, new JsonArray().add("wizard")), 400, "validation");
    assertProblem(server.send(HttpMethod.PUT, "/api/admin/mfa/policy", admin, new JsonObject()), 400, "validation");
    JsonObject audit = server.get("/api/admin/audit?event=mfa_policy_changed", admin).bodyAsJsonObject();
    assertThat(audit.encode()).contains("mfa_policy_changed");
  }

  @Test
  void aDoctorWithoutAFactorGetsNoSessionUntilEnrolmentIsDone() {
    setPolicy(admin, new JsonArray().add("doctor"));
    String email = doctor();

    JsonObject first = mfa.login(email).bodyAsJsonObject();
    assertThat(first.getBoolean("mfaRequired")).isTrue();
    assertThat(first.getBoolean("enrolmentRequired")).isTrue();
    assertThat(first.containsKey("accessToken")).isFalse();
    String token = first.getString("mfaToken");
    // The token cannot be used as a session, nor completed without an enrolment.
    assertProblem(server.get("/api/me", token), 401, "invalid-token");
    assertProblem(mfa.second(token, "code", "123456"), 401, "mfa-failed-code");
    assertProblem(mfa.second(token, "recoveryCode", "abcde-fghjk"), 400, "validation");
    assertProblem(server.post("/api/auth/mfa/passkey/options", new JsonObject().put("mfaToken", token)), 401, "mfa-token-invalid");

    HttpResponse<Buffer> passkey = server.post("/api/auth/mfa/enrol/passkey/options", new JsonObject().put("mfaToken", token));
    assertThat(passkey.statusCode()).as(passkey.bodyAsString()).isEqualTo(200);
    assertThat(passkey.bodyAsJsonObject().getJsonObject("publicKey").getJsonObject("rp").getString("id")).isEqualTo("localhost");
    HttpResponse<Buffer> started = server.post("/api/auth/mfa/enrol/totp", new JsonObject().put("mfaToken", token));
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(200);
    String secret = started.bodyAsJsonObject().getString("secret");
    assertThat(started.bodyAsJsonObject().getString("uri")).startsWith("otpauth://totp/");

    HttpResponse<Buffer> done = mfa.second(token, "code", MfaClient.code(secret, 0));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getJsonArray("recoveryCodes")).hasSize(10);
    assertThat(server.get("/api/me", done.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);

    // From now on the doctor signs in with the code, and may not remove the only factor.
    String next = mfa.firstStep(email);
    JsonObject again = mfa.second(next, "code", MfaClient.code(secret, 1)).bodyAsJsonObject();
    assertProblem(server.send(HttpMethod.DELETE, "/api/me/mfa/totp", again.getString("accessToken"), new JsonObject()), 409, "mfa-required");
  }

  @Test
  void usersOutsideTheRequiredRolesSignInWithAPasswordAlone() {
    setPolicy(admin, new JsonArray().add("doctor"));
    String email = TestServer.uniqueEmail();
    server.register(email);
    assertThat(mfa.login(email).bodyAsJsonObject().containsKey("accessToken")).isTrue();
  }

  @Test
  void anAdminSeesAndResetsAUsersFactorsAndTheUserSignsInWithThePasswordAgain() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    String userId = session.getJsonObject("user").getString("id");
    mfa.enrol(session.getString("accessToken"));

    JsonObject factors = server.get("/api/admin/users/" + userId + "/mfa", admin).bodyAsJsonObject();
    assertThat(factors.getBoolean("totp")).isTrue();
    assertThat(factors.getInteger("recoveryCodesLeft")).isEqualTo(10);
    assertProblem(server.send(HttpMethod.DELETE, "/api/admin/users/" + userId + "/mfa", session.getString("accessToken"), null), 403,
        "forbidden");
    assertProblem(server.send(HttpMethod.DELETE, "/api/admin/users/00000000-0000-0000-0000-000000000000/mfa", admin, null), 404,
        "not-found");

    assertThat(server.send(HttpMethod.DELETE, "/api/admin/users/" + userId + "/mfa", admin, null).statusCode()).isEqualTo(204);
    assertThat(server.get("/api/admin/users/" + userId + "/mfa", admin).bodyAsJsonObject().getBoolean("totp")).isFalse();
    assertThat(mfa.login(email).bodyAsJsonObject().containsKey("accessToken")).isTrue();
    JsonObject audit = server.get("/api/admin/audit?event=mfa_reset", admin).bodyAsJsonObject();
    assertThat(audit.encode()).contains(userId);
  }
}
