package dev.gerbang.auth;

import static dev.gerbang.Problems.assertProblem;
import static dev.gerbang.Problems.fields;
import static dev.gerbang.Problems.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-up: the stored account, uniqueness, every failing field and password rule, and malformed requests. */
class RegisterTest {
  private static final String STRONG = "Gerbang kita aman sekali 2024";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> register(JsonObject body) {
    return server.post("/api/auth/register", body);
  }

  private static JsonObject account(String email, String password) {
    return new JsonObject().put("email", email).put("password", password).put("name", "Siti Rahma");
  }

  private HttpResponse<Buffer> postRaw(String contentType, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    return server.raw(HttpMethod.POST, "/api/auth/register", headers, body);
  }

  private long usersWithEmail(String email) {
    return TestDb.count(server, "SELECT COUNT(*) FROM users WHERE email_normalized = ?", email.toLowerCase());
  }

  @Test
  void registrationAnswers201WithTheUserAndStoresAnArgon2idHashAndTheEmailAsTyped() {
    String email = "Siti." + TestServer.uniqueEmail().replace("example.com", "Example.COM");

    HttpResponse<Buffer> response = register(account(email, STRONG).put("username", "siti_r").put("locale", "id"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Location")).isEqualTo("/api/me");
    assertThat(response.bodyAsString()).doesNotContain("argon2").doesNotContain(STRONG).doesNotContainIgnoringCase("hash\"");
    JsonObject user = response.bodyAsJsonObject().getJsonObject("user");
    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "email", "username", "name", "bio", "avatarUrl",
        "locale", "emailVerified", "disabled", "hasPassword", "roles", "createdAt", "updatedAt");
    assertThat(user.getString("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getString("username")).isEqualTo("siti_r");
    assertThat(user.getString("name")).isEqualTo("Siti Rahma");
    assertThat(user.getString("locale")).isEqualTo("id");
    assertThat(user.getBoolean("emailVerified")).isFalse();
    assertThat(user.getBoolean("disabled")).isFalse();
    assertThat(user.getBoolean("hasPassword")).isTrue();
    assertThat(user.getJsonArray("roles")).isEqualTo(new JsonArray().add("user"));

    List<Map<String, Object>> rows = TestDb.rows(server,
        "SELECT email, email_normalized, password_hash FROM users WHERE id = ?", user.getString("id"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("email")).isEqualTo(email);
    assertThat(rows.get(0).get("email_normalized")).isEqualTo(email.toLowerCase());
    assertThat((String) rows.get(0).get("password_hash")).startsWith("$argon2id$v=19$").doesNotContain(STRONG);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'register' AND user_id = ?",
        user.getString("id"))).isEqualTo(1);
    assertThat(server.login(email.toLowerCase(), STRONG).getJsonObject("user").getString("id")).isEqualTo(user.getString("id"));
  }

  @Test
  void theSameEmailInAnotherCaseWithSpacesOrInFullwidthLettersIs409EmailTaken() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    String fullwidth = email.substring(0, 4).chars().mapToObj(ch -> String.valueOf((char) (ch - 'a' + 'ａ')))
        .reduce("", String::concat) + email.substring(4);

    for (String variant : List.of(email.toUpperCase(), "  " + email + " ", fullwidth)) {
      JsonObject problem = assertProblem(register(account(variant, STRONG)), 409, "email-taken");
      assertThat(fields(problem)).containsExactly("email");
    }
    assertThat(usersWithEmail(email)).isEqualTo(1);
  }

  @Test
  void aUsernameTakenInAnyCaseIs409UsernameTaken() {
    assertThat(register(account(TestServer.uniqueEmail(), STRONG).put("username", "budi.s")).statusCode()).isEqualTo(201);

    String other = TestServer.uniqueEmail();
    JsonObject problem = assertProblem(register(account(other, STRONG).put("username", "Budi.S")), 409, "username-taken");

    assertThat(fields(problem)).containsExactly("username");
    assertThat(usersWithEmail(other)).isZero();
  }

  @Test
  void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount() {
    String email = TestServer.uniqueEmail();
    List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String variant = i % 2 == 0 ? email : email.toUpperCase();
      inFlight.add(server.request(HttpMethod.POST, "/api/auth/register", null).sendJsonObject(account(variant, STRONG)));
    }

    List<HttpResponse<Buffer>> responses = inFlight.stream().map(TestServer::await).toList();

    assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
    responses.stream().filter(r -> r.statusCode() != 201).forEach(r -> assertProblem(r, 409, "email-taken"));
    assertThat(usersWithEmail(email)).isEqualTo(1);
  }

  @Test
  void everyInvalidFieldIsListedInOne400() {
    JsonObject body = new JsonObject().put("email", "not-an-email").put("password", "short").put("name", "   ")
        .put("username", "-x").put("locale", "fr").put("isAdmin", true);

    JsonObject problem = assertProblem(register(body), 400, "validation");

    assertThat(fields(problem)).containsExactlyInAnyOrder("isAdmin", "email", "name", "username", "locale", "password");
    assertThat(problem.getString("detail")).isEqualTo("6 fields are invalid");
    assertThat(problem.getJsonArray("errors")).allSatisfy(e -> assertThat(((JsonObject) e).getString("message")).isNotBlank());
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void missingFieldsAreEachRequired() {
    JsonObject problem = assertProblem(register(new JsonObject()), 400, "validation");

    assertThat(fields(problem)).containsExactlyInAnyOrder("email", "password", "name");
    assertThat(problem.getJsonArray("errors")).allSatisfy(e -> assertThat(((JsonObject) e).getString("message")).isEqualTo("is required"));
  }

  @Test
  void eachPasswordRuleIsReportedSeparatelyByName() {
    String email = TestServer.uniqueEmail();
    assertThat(rules(assertProblem(register(account(email, "short pw")), 400, "validation"), "password"))
        .containsExactly("min_length");
    assertThat(rules(assertProblem(register(account(email, "my mail is " + email.toUpperCase())), 400, "validation"), "password"))
        .containsExactly("contains_email");
    assertThat(rules(assertProblem(register(account(email, "QWERTY123456")), 400, "validation"), "password"))
        .containsExactly("common");
    assertThat(rules(assertProblem(register(account(email, "password")), 400, "validation"), "password"))
        .containsExactlyInAnyOrder("min_length", "common");
    assertThat(rules(assertProblem(register(account(email, "a".repeat(1025))), 400, "validation"), "password"))
        .containsExactly("max_length");
    assertThat(usersWithEmail(email)).isZero();
  }

  @Test
  void aVeryLongPasswordIsStillReportedAsTheMaxLengthRule() {
    JsonObject problem = assertProblem(register(account(TestServer.uniqueEmail(), "b".repeat(5000))), 400, "validation");

    assertThat(rules(problem, "password")).containsExactly("max_length");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("message")).contains("1024");
  }

  @Test
  void passwordLengthIsCountedInCodePointsSoLongUnicodePasswordsWork() {
    String twelveEmoji = "🔒🌏🐉🌺🍜🎉🚀🌙🦜🍀🔑🐢";
    assertThat(twelveEmoji).hasSize(24);
    assertThat(twelveEmoji.codePointCount(0, twelveEmoji.length())).isEqualTo(12);
    String elevenEmoji = twelveEmoji.substring(0, 22);
    assertThat(rules(assertProblem(register(account(TestServer.uniqueEmail(), elevenEmoji)), 400, "validation"), "password"))
        .containsExactly("min_length");

    String emojiEmail = TestServer.uniqueEmail();
    assertThat(register(account(emojiEmail, twelveEmoji)).statusCode()).isEqualTo(201);
    assertThat(server.login(emojiEmail, twelveEmoji).getString("accessToken")).isNotBlank();

    String indonesian = "Selamat pagi, kopi susu hangat ☕ dan nasi goreng pedas 🌶️ di Yogyakarta! ".repeat(8);
    String longEmail = TestServer.uniqueEmail();
    assertThat(register(account(longEmail, indonesian)).statusCode()).isEqualTo(201);
    assertThat(server.login(longEmail, indonesian).getString("accessToken")).isNotBlank();
  }

  @Test
  void anUnknownFieldIsRefusedAndCreatesNoAccount() {
    String email = TestServer.uniqueEmail();

    JsonObject problem = assertProblem(register(account(email, STRONG).put("roles", new JsonArray().add("admin"))), 400, "validation");

    assertThat(problem.getJsonArray("errors")).containsExactly(
        new JsonObject().put("field", "roles").put("message", "is not a known field").put("rule", "unknown_field"));
    assertThat(usersWithEmail(email)).isZero();
  }

  @Test
  void malformedJsonAndAJsonArrayAre400BadRequest() {
    assertProblem(postRaw("application/json", Buffer.buffer("{\"email\": \"a@b.co\", ")), 400, "bad-request");
    assertProblem(postRaw("application/json", Buffer.buffer("[{\"email\":\"a@b.co\"}]")), 400, "bad-request");
    assertProblem(postRaw("application/json", Buffer.buffer("")), 400, "bad-request");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    String form = "email=" + TestServer.uniqueEmail() + "&password=" + STRONG + "&name=Siti";
    assertProblem(postRaw("application/x-www-form-urlencoded", Buffer.buffer(form)), 415, "unsupported-media-type");
    assertProblem(postRaw("text/plain", Buffer.buffer(account(TestServer.uniqueEmail(), STRONG).encode())), 415,
        "unsupported-media-type");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void aBodyOver64KibIs413() {
    JsonObject huge = account(TestServer.uniqueEmail(), STRONG).put("name", "x".repeat(70 * 1024));

    assertProblem(postRaw("application/json", huge.toBuffer()), 413, "payload-too-large");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void passwordCheckNamesEachFailedRuleWithoutCreatingAnything() {
    String email = TestServer.uniqueEmail();

    HttpResponse<Buffer> weak = server.post("/api/auth/password/check", new JsonObject().put("password", "password").put("email", email));
    HttpResponse<Buffer> mine = server.post("/api/auth/password/check",
        new JsonObject().put("password", email + "!!").put("email", email));
    HttpResponse<Buffer> strong = server.post("/api/auth/password/check", new JsonObject().put("password", STRONG));

    assertThat(weak.statusCode()).isEqualTo(200);
    assertThat(mine.statusCode()).isEqualTo(200);
    JsonObject body = weak.bodyAsJsonObject();
    assertThat(body.getBoolean("ok")).isFalse();
    assertThat(body.getInteger("minLength")).isEqualTo(12);
    assertThat(body.getInteger("maxLength")).isEqualTo(1024);
    assertThat(body.getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("rule")))
        .containsExactlyInAnyOrder("min_length", "common");
    assertThat(body.getJsonArray("failures")).allSatisfy(f -> assertThat(((JsonObject) f).getString("message")).isNotBlank());
    assertThat(mine.bodyAsJsonObject().getJsonArray("failures").stream().map(f -> ((JsonObject) f).getString("rule")))
        .containsExactly("contains_email");
    assertThat(strong.statusCode()).isEqualTo(200);
    assertThat(strong.bodyAsJsonObject()).isEqualTo(new JsonObject().put("ok", true).put("minLength", 12)
        .put("maxLength", 1024).put("failures", new JsonArray()));
    assertProblem(server.post("/api/auth/password/check", new JsonObject().put("pw", "x")), 400, "validation");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
  }
}
