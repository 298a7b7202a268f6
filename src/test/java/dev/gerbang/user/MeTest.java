package dev.gerbang.user;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signed-in user's own account: read it, edit the profile, change the password, delete it. */
class MeTest {
  private static final String NEW_PASSWORD = "a different long passphrase";
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> patchMe(String token, JsonObject body) {
    return server.send(HttpMethod.PATCH, "/api/me", token, body);
  }

  private HttpResponse<Buffer> changePassword(String token, String current, String next) {
    return server.post("/api/me/password", token, new JsonObject().put("currentPassword", current).put("newPassword", next));
  }

  private Map<String, Object> userRow(String id) {
    return TestDb.row(server, "SELECT * FROM users WHERE id = ?", id);
  }

  @Test
  void meAnswersTheSignedInUserWithEveryProfileFieldAndNoSecret() {
    JsonObject session = server.newSession();

    HttpResponse<Buffer> response = server.get("/api/me", session.getString("accessToken"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject me = response.bodyAsJsonObject();
    assertThat(me.fieldNames()).containsExactlyInAnyOrder("id", "email", "username", "name", "bio", "avatarUrl", "locale",
        "emailVerified", "disabled", "hasPassword", "roles", "createdAt", "updatedAt", "pushDevices");
    assertThat(me.remove("pushDevices")).isEqualTo(new JsonObject().put("webPush", new JsonArray()).put("mobile", new JsonArray()));
    assertThat(me).isEqualTo(session.getJsonObject("user"));
    assertThat(me.getString("name")).isEqualTo("Test User");
    assertThat(me.getString("locale")).isEqualTo("en");
    assertThat(me.getJsonArray("roles")).containsExactly("user");
    assertThat(me.getBoolean("hasPassword")).isTrue();
    assertThat(me.getBoolean("emailVerified")).isFalse();
    assertThat(me.getBoolean("disabled")).isFalse();
    assertThat(me.getString("username")).isNull();
    assertThat(response.bodyAsString()).doesNotContain("argon2", "password\"", "hash");
  }

  @Test
  void meWithoutATokenOrWithAForgedOneIs401() {
    assertProblem(server.get("/api/me", null), 401, "unauthorized");
    String forged = server.newSession().getString("accessToken").replaceAll(".$", "A").replaceAll("^.", "x");
    HttpResponse<Buffer> bad = server.get("/api/me", forged);
    assertProblem(bad, 401, "invalid-token");
    assertThat(bad.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void patchMeChangesEveryProfileFieldAndStoresIt() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String id = session.getJsonObject("user").getString("id");
    JsonObject changes = new JsonObject().put("name", "  Siti Rahma  ").put("username", "Siti.Rahma_1")
        .put("bio", "Dokter gigi").put("avatarUrl", "https://img.example.com/a.png?s=64").put("locale", "id");

    HttpResponse<Buffer> response = patchMe(token, changes);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject me = response.bodyAsJsonObject();
    assertThat(me.getString("name")).isEqualTo("Siti Rahma");
    assertThat(me.getString("username")).isEqualTo("Siti.Rahma_1");
    assertThat(me.getString("bio")).isEqualTo("Dokter gigi");
    assertThat(me.getString("avatarUrl")).isEqualTo("https://img.example.com/a.png?s=64");
    assertThat(me.getString("locale")).isEqualTo("id");
    HttpResponse<Buffer> reread = server.get("/api/me", token);
    assertThat(reread.statusCode()).isEqualTo(200);
    JsonObject read = reread.bodyAsJsonObject();
    assertThat(read.remove("pushDevices")).isNotNull();
    assertThat(read).isEqualTo(me);
    Map<String, Object> row = userRow(id);
    assertThat(row).containsEntry("name", "Siti Rahma").containsEntry("username", "Siti.Rahma_1")
        .containsEntry("username_normalized", "siti.rahma_1").containsEntry("bio", "Dokter gigi").containsEntry("locale", "id");
    assertThat(((Number) row.get("updated_at")).longValue()).isGreaterThanOrEqualTo(((Number) row.get("created_at")).longValue());
  }

  @Test
  void patchMeChangesOnlyTheFieldsSentAndEmptyOrNullClears() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String id = session.getJsonObject("user").getString("id");
    assertThat(patchMe(token, new JsonObject().put("username", "rahma").put("bio", "hi")
        .put("avatarUrl", "http://example.com/me.jpg")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> response = patchMe(token, new JsonObject().put("bio", "").putNull("avatarUrl").putNull("username"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject me = response.bodyAsJsonObject();
    assertThat(me.getString("bio")).isNull();
    assertThat(me.getString("avatarUrl")).isNull();
    assertThat(me.getString("username")).isNull();
    assertThat(me.getString("name")).isEqualTo("Test User");
    Map<String, Object> row = userRow(id);
    assertThat(row.get("bio")).isNull();
    assertThat(row.get("avatar_url")).isNull();
    assertThat(row.get("username_normalized")).isNull();
  }

  @Test
  void patchMeListsEveryBadFieldAndStoresNothing() {
    JsonObject session = server.newSession();
    String id = session.getJsonObject("user").getString("id");
    JsonObject bad = new JsonObject().put("name", "").put("username", "ab").put("bio", "x".repeat(501))
        .put("avatarUrl", "javascript:alert(1)").put("locale", "fr").put("email", "new@example.com");

    HttpResponse<Buffer> response = patchMe(session.getString("accessToken"), bad);

    assertThat(assertInvalid(response)).containsExactlyInAnyOrder("name", "username", "bio", "avatarUrl", "locale", "email");
    assertThat(userRow(id)).containsEntry("name", "Test User").containsEntry("locale", "en").containsEntry("bio", null);
  }

  @Test
  void patchMeEnforcesEachLengthAndShapeAtItsBoundary() {
    String token = server.newSession().getString("accessToken");
    List<JsonObject> bad = List.of(
        new JsonObject().put("name", "n".repeat(101)), new JsonObject().putNull("name"), new JsonObject().put("name", 42),
        new JsonObject().put("name", "bad\u0007name"), new JsonObject().put("username", "u".repeat(33)),
        new JsonObject().put("username", "_starts"), new JsonObject().put("username", "has space"),
        new JsonObject().put("username", "émile"), new JsonObject().put("avatarUrl", "ftp://example.com/a.png"),
        new JsonObject().put("avatarUrl", "https://example.com/" + "a".repeat(2030)), new JsonObject().put("locale", "EN"),
        new JsonObject().put("bio", true));
    for (JsonObject body : bad) {
      assertThat(assertInvalid(patchMe(token, body))).as(body.encode()).containsExactlyElementsOf(body.fieldNames());
    }
    List<JsonObject> good = List.of(new JsonObject().put("name", "n".repeat(100)), new JsonObject().put("username", "abc"),
        new JsonObject().put("username", "9" + "u".repeat(31)), new JsonObject().put("bio", "b".repeat(500)),
        new JsonObject().put("avatarUrl", "https://example.com/" + "a".repeat(2028)), new JsonObject().put("locale", "en"));
    for (JsonObject body : good) {
      assertThat(patchMe(token, body).statusCode()).as(body.encode()).isEqualTo(200);
    }
  }

  @Test
  void anEmptyObjectOrANonObjectBodyIs400AndTextIs415() {
    String token = server.newSession().getString("accessToken");
    assertThat(assertInvalid(patchMe(token, new JsonObject()))).containsExactly("body");
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token).add("Content-Type", "application/json");
    assertProblem(server.raw(HttpMethod.PATCH, "/api/me", json, Buffer.buffer("[1,2]")), 400, "bad-request");
    assertProblem(server.raw(HttpMethod.PATCH, "/api/me", json, Buffer.buffer("{\"name\":")), 400, "bad-request");
    MultiMap text = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token).add("Content-Type", "text/plain");
    assertProblem(server.raw(HttpMethod.PATCH, "/api/me", text, Buffer.buffer("{\"name\":\"x\"}")), 415, "unsupported-media-type");
  }

  @Test
  void aUsernameTakenInAnyCaseIs409WhileItsOwnerMayRecaseIt() {
    String first = server.newSession().getString("accessToken");
    String second = server.newSession().getString("accessToken");
    assertThat(patchMe(first, new JsonObject().put("username", "budi")).statusCode()).isEqualTo(200);

    JsonObject conflict = assertProblem(patchMe(second, new JsonObject().put("username", "BUDI")), 409, "username-taken");

    assertThat(Problems.fields(conflict)).containsExactly("username");
    HttpResponse<Buffer> unchanged = server.get("/api/me", second);
    assertThat(unchanged.statusCode()).isEqualTo(200);
    assertThat(unchanged.bodyAsJsonObject().getString("username")).isNull();
    HttpResponse<Buffer> recased = patchMe(first, new JsonObject().put("username", "Budi"));
    assertThat(recased.statusCode()).isEqualTo(200);
    assertThat(recased.bodyAsJsonObject().getString("username")).isEqualTo("Budi");
  }

  @Test
  void changingThePasswordRevokesOtherSessionsKeepsThisOneAndIsAudited() {
    String email = TestServer.uniqueEmail();
    String id = server.register(email).getString("id");
    String current = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String other1 = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String other2 = server.login(email, TestServer.PASSWORD).getString("accessToken");
    assertThat(server.get("/api/me", other1).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> response = changePassword(current, TestServer.PASSWORD, NEW_PASSWORD);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("sessionsRevoked", 2));
    assertProblem(server.get("/api/me", other1), 401, "invalid-token");
    assertProblem(server.get("/api/me", other2), 401, "invalid-token");
    assertThat(server.get("/api/me", current).statusCode()).isEqualTo(200);
    assertProblem(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD)),
        401, "login-failed");
    assertThat(server.login(email, NEW_PASSWORD).getString("accessToken")).isNotBlank();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked_reason = 'password_changed'", id))
        .isEqualTo(2);
    List<Map<String, Object>> audit = TestDb.rows(server, "SELECT * FROM audit_log WHERE event = 'password_changed' AND user_id = ?", id);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0)).containsEntry("actor_id", id);
    assertThat(new JsonObject((String) audit.get(0).get("detail"))).isEqualTo(new JsonObject().put("sessionsRevoked", 2));
  }

  @Test
  void aWrongCurrentPasswordIs400OnThatFieldAndChangesNothing() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String other = server.login(email, TestServer.PASSWORD).getString("accessToken");

    assertThat(assertInvalid(changePassword(token, "not my password at all", NEW_PASSWORD))).containsExactly("currentPassword");

    assertThat(server.get("/api/me", other).statusCode()).isEqualTo(200);
    assertThat(server.login(email, TestServer.PASSWORD).getString("accessToken")).isNotBlank();
  }

  @Test
  void everyFailedNewPasswordRuleIsListedByName() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");

    JsonObject shortOne = assertProblem(changePassword(token, "wrong password here", "short"), 400, "validation");
    JsonObject common = assertProblem(changePassword(token, TestServer.PASSWORD, "123qweasdzxc"), 400, "validation");
    JsonObject withEmail = assertProblem(changePassword(token, TestServer.PASSWORD, "my " + email + " pass"), 400, "validation");
    JsonObject same = assertProblem(changePassword(token, TestServer.PASSWORD, TestServer.PASSWORD), 400, "validation");
    JsonObject missing = assertProblem(server.post("/api/me/password", token, new JsonObject().put("newPassword", 7)),
        400, "validation");

    assertThat(Problems.fields(shortOne)).containsExactlyInAnyOrder("currentPassword", "newPassword");
    assertThat(Problems.rules(shortOne, "newPassword")).containsExactly("min_length");
    assertThat(Problems.rules(common, "newPassword")).containsExactly("common");
    assertThat(Problems.rules(withEmail, "newPassword")).containsExactly("contains_email");
    assertThat(Problems.rules(same, "newPassword")).containsExactly("same_as_current");
    assertThat(Problems.fields(missing)).containsExactlyInAnyOrder("currentPassword", "newPassword");
    assertThat(server.login(email, TestServer.PASSWORD).getString("accessToken")).isNotBlank();
  }

  @Test
  void deletingTheAccountRemovesItSoLoginAndTheOldTokenFail() {
    String email = TestServer.uniqueEmail();
    String id = server.register(email).getString("id");
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");

    HttpResponse<Buffer> response = server.send(HttpMethod.DELETE, "/api/me", token,
        new JsonObject().put("password", TestServer.PASSWORD));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(204);
    assertThat(response.bodyAsString()).isNullOrEmpty();
    assertProblem(server.get("/api/me", token), 401, "invalid-token");
    assertProblem(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD)),
        401, "login-failed");
    assertThat(userRow(id)).isNull();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", id)).isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM user_roles WHERE user_id = ?", id)).isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'account_deleted' AND user_id = ?", id))
        .isEqualTo(1);
    server.register(email);
  }

  @Test
  void deletingWithAWrongOrMissingPasswordIs400AndKeepsTheAccount() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");

    assertThat(assertInvalid(server.send(HttpMethod.DELETE, "/api/me", token, new JsonObject().put("password", "nope nope nope"))))
        .containsExactly("password");
    assertThat(assertInvalid(server.send(HttpMethod.DELETE, "/api/me", token, new JsonObject()))).containsExactly("password");

    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(200);
    assertThat(userRow(session.getJsonObject("user").getString("id"))).isNotNull();
  }

  @Test
  void theLastEnabledAdminCannotDeleteThemselfButOneOfTwoCan() {
    JsonObject admin = server.newSessionWithRoles("admin");
    JsonObject password = new JsonObject().put("password", TestServer.PASSWORD);

    assertProblem(server.send(HttpMethod.DELETE, "/api/me", admin.getString("accessToken"), password), 409, "last-admin");
    assertThat(userRow(admin.getJsonObject("user").getString("id"))).isNotNull();

    server.newSessionWithRoles("admin");
    assertThat(server.send(HttpMethod.DELETE, "/api/me", admin.getString("accessToken"), password).statusCode()).isEqualTo(204);
  }
}
