package dev.gerbang.http;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Problems in the caller's language: the user's locale, then Accept-Language, then the default; Content-Language. */
class ProblemLanguageTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, String acceptLanguage, JsonObject body) {
    HttpRequest<Buffer> request = server.request(method, path, token);
    if (acceptLanguage != null) {
      request.putHeader("Accept-Language", acceptLanguage);
    }
    return TestServer.await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private HttpResponse<Buffer> registerWithShortPassword(String acceptLanguage) {
    return send(HttpMethod.POST, "/api/auth/register", null, acceptLanguage,
        new JsonObject().put("email", TestServer.uniqueEmail()).put("password", "abcde").put("name", "Budi"));
  }

  private static JsonObject error(JsonObject problem, String field) {
    return problem.getJsonArray("errors").stream().map(e -> (JsonObject) e)
        .filter(e -> field.equals(e.getString("field"))).findFirst().orElseThrow();
  }

  @Test
  void aShortPasswordOnRegisterIsExplainedInIndonesianWhenTheClientAsksForIt() {
    HttpResponse<Buffer> response = registerWithShortPassword("id");

    JsonObject problem = assertProblem(response, 400, "validation");
    assertThat(response.getHeader("Content-Language")).isEqualTo("id");
    assertThat(response.getHeader("Vary")).contains("Accept-Language");
    assertThat(problem.getString("title")).isEqualTo("Permintaan tidak valid");
    assertThat(problem.getString("detail")).isEqualTo("1 isian tidak valid");
    JsonObject password = error(problem, "password");
    assertThat(password.getString("message")).isEqualTo("minimal 12 karakter (sekarang 5)");
    // What clients match on does not change with the language.
    assertThat(password.getString("rule")).isEqualTo("min_length");
    assertThat(password.getJsonObject("params")).isEqualTo(new JsonObject().put("min", 12).put("actual", 5));
  }

  @Test
  void withoutAcceptLanguageTheDefaultEnglishAnswersWithTodaysWording() {
    HttpResponse<Buffer> response = registerWithShortPassword(null);

    JsonObject problem = assertProblem(response, 400, "validation");
    assertThat(response.getHeader("Content-Language")).isEqualTo("en");
    assertThat(problem.getString("title")).isEqualTo("Invalid request");
    assertThat(error(problem, "password").getString("message")).isEqualTo("must be at least 12 characters long (it has 5)");
    assertThat(error(problem, "password").getString("rule")).isEqualTo("min_length");
  }

  @Test
  void qValuesPickTheMostWantedLanguageThereAreTextsFor() {
    assertThat(registerWithShortPassword("id-ID;q=0.9, en;q=0.8").getHeader("Content-Language")).isEqualTo("id");
    assertThat(registerWithShortPassword("en;q=0.5, id;q=0.9").getHeader("Content-Language")).isEqualTo("id");
    assertThat(registerWithShortPassword("id;q=0.4, en-GB;q=0.7").getHeader("Content-Language")).isEqualTo("en");
    assertThat(registerWithShortPassword("fr-FR, fr;q=0.9, id;q=0.1").getHeader("Content-Language")).isEqualTo("id");
    // q=0 means "not this one".
    assertThat(registerWithShortPassword("id;q=0, en;q=0.1").getHeader("Content-Language")).isEqualTo("en");
  }

  @Test
  void anUnknownOrMalformedLanguageFallsBackToTheDefaultAndIsNoError() {
    for (String header : new String[] {"fr", "zz-ZZ", "*", "id;q=abc", ";;;", "x".repeat(2000)}) {
      HttpResponse<Buffer> response = registerWithShortPassword(header);
      JsonObject problem = assertProblem(response, 400, "validation");
      assertThat(response.getHeader("Content-Language")).as(header).isEqualTo("en");
      assertThat(problem.getString("title")).isEqualTo("Invalid request");
    }
  }

  @Test
  void everyKindOfProblemCarriesContentLanguage() {
    HttpResponse<Buffer> notFound = send(HttpMethod.GET, "/api/no/such/thing", null, "id", null);
    assertThat(assertProblem(notFound, 404, "not-found").getString("title")).isEqualTo("Tidak ditemukan");
    assertThat(notFound.getHeader("Content-Language")).isEqualTo("id");

    HttpResponse<Buffer> unauthorized = send(HttpMethod.GET, "/api/me", null, "id", null);
    assertThat(assertProblem(unauthorized, 401, "unauthorized").getString("detail"))
        .isEqualTo("Silakan masuk terlebih dahulu: kirim Authorization: Bearer <token akses>");

    HttpResponse<Buffer> wrongMethod = send(HttpMethod.PUT, "/api/me", null, "en", new JsonObject());
    assertProblem(wrongMethod, 405, "method-not-allowed");
    assertThat(wrongMethod.getHeader("Content-Language")).isEqualTo("en");

    HttpResponse<Buffer> login = send(HttpMethod.POST, "/api/auth/login", null, "id",
        new JsonObject().put("email", TestServer.uniqueEmail()).put("password", "wrong password here"));
    JsonObject failed = assertProblem(login, 401, "login-failed");
    assertThat(failed.getString("title")).isEqualTo("Gagal masuk");
    assertThat(failed.getString("detail")).isEqualTo("Email atau kata sandi salah");
  }

  @Test
  void theSignedInUsersLocaleBeatsAcceptLanguage() {
    String email = TestServer.uniqueEmail();
    HttpResponse<Buffer> created = server.post("/api/auth/register", new JsonObject().put("email", email)
        .put("password", TestServer.PASSWORD).put("name", "Siti").put("locale", "id"));
    assertThat(created.statusCode()).isEqualTo(201);
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");

    HttpResponse<Buffer> response = send(HttpMethod.PATCH, "/api/me", token, "en;q=1.0", new JsonObject().put("locale", "fr"));

    JsonObject problem = assertProblem(response, 400, "validation");
    assertThat(response.getHeader("Content-Language")).isEqualTo("id");
    assertThat(error(problem, "locale").getString("message")).isEqualTo("harus salah satu dari en, id");
    assertThat(error(problem, "locale").getString("rule")).isEqualTo("locale");
  }

  @Test
  void aChangedProfileLocaleAnswersTheVeryNextProblem() {
    String token = server.newSession().getString("accessToken");
    HttpResponse<Buffer> before = send(HttpMethod.PATCH, "/api/me", token, "id", new JsonObject());
    assertThat(before.getHeader("Content-Language")).as("an English account").isEqualTo("en");

    assertThat(send(HttpMethod.PATCH, "/api/me", token, null, new JsonObject().put("locale", "id")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> after = send(HttpMethod.PATCH, "/api/me", token, "en", new JsonObject());
    JsonObject problem = assertProblem(after, 400, "validation");
    assertThat(after.getHeader("Content-Language")).isEqualTo("id");
    assertThat(error(problem, "body").getString("message"))
        .isEqualTo("sebutkan setidaknya salah satu dari name, username, bio, avatarUrl, locale");
  }

  @Test
  void aServiceFailureCrossesTheEventBusAsKeysAndIsRenderedInTheCallersLanguage() {
    String email = TestServer.uniqueEmail();
    server.register(email);

    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/auth/register", null, "id-ID",
        new JsonObject().put("email", email).put("password", TestServer.PASSWORD).put("name", "Dua"));

    JsonObject problem = assertProblem(response, 409, "email-taken");
    assertThat(problem.getString("title")).isEqualTo("Konflik");
    assertThat(problem.getString("detail")).isEqualTo("Sudah ada akun dengan email ini");
    assertThat(error(problem, "email").getString("message")).isEqualTo("Sudah ada akun dengan email ini");
  }

  @Test
  void theConfiguredDefaultAnswersCallersWhoAskForNoLanguageWeHave() {
    try (TestServer indonesian = TestServer.start(new JsonObject().put("mail", new JsonObject().put("defaultLocale", "id")))) {
      HttpResponse<Buffer> plain = TestServer.await(indonesian.request(HttpMethod.GET, "/api/me", null).send());
      assertThat(plain.getHeader("Content-Language")).isEqualTo("id");
      HttpResponse<Buffer> french = TestServer.await(indonesian.request(HttpMethod.GET, "/api/me", null)
          .putHeader("Accept-Language", "fr").send());
      assertThat(french.getHeader("Content-Language")).isEqualTo("id");
      HttpResponse<Buffer> english = TestServer.await(indonesian.request(HttpMethod.GET, "/api/me", null)
          .putHeader("Accept-Language", "en-US").send());
      assertThat(english.getHeader("Content-Language")).isEqualTo("en");
      assertThat(assertProblem(english, 401, "unauthorized").getString("title")).isEqualTo("Authentication required");
    }
  }

  @Test
  void aFieldErrorWithParametersIsRenderedInTheCallersLanguage() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/articles?limit=0", null, "id", null);

    JsonObject problem = assertProblem(response, 400, "validation");
    JsonObject limit = error(problem, "limit");
    assertThat(limit.getString("message")).isEqualTo("harus bilangan bulat dari 1 sampai " + limit.getJsonObject("params").getInteger("max"));
    assertThat(limit.getString("rule")).isEqualTo("limit");
  }

  @Test
  void anEnglishAccountGetsEnglishWhateverItsBrowserAsks() {
    String token = server.newSessionWithRoles("editor").getString("accessToken");
    JsonObject article = new JsonObject().put("title", "Hari ini").put("body", "Isi").put("tags",
        new io.vertx.core.json.JsonArray().add("a").add("b").add("c").add("d").add("e").add("f").add("g").add("h")
            .add("i").add("j").add("k"));

    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/articles", token, "id", article);

    JsonObject problem = assertProblem(response, 400, "validation");
    assertThat(response.getHeader("Content-Language")).isEqualTo("en");
    assertThat(error(problem, "tags").getString("message")).isEqualTo("may hold at most 10 tags");
    assertThat(error(problem, "tags").getJsonObject("params")).isEqualTo(new JsonObject().put("max", 10));
  }

  @Test
  void paymentProblemsAreKeysRenderedInTheCallersLanguage() {
    String token = server.newSession().getString("accessToken");
    // An account's own language wins over its browser's: this one chooses Indonesian.
    assertThat(send(HttpMethod.PATCH, "/api/me", token, null, new JsonObject().put("locale", "id")).statusCode()).isEqualTo(200);
    JsonObject order = new JsonObject().put("items", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("productId", "not an id").put("quantity", 0).put("price", 1)));
    HttpRequest<Buffer> request = server.request(HttpMethod.POST, "/api/orders", token).putHeader("Accept-Language", "id")
        .putHeader("Idempotency-Key", "order-in-indonesian");

    JsonObject problem = assertProblem(TestServer.await(request.sendJsonObject(order)), 400, "validation");
    assertThat(error(problem, "items[0].productId").getString("message")).isEqualTo("harus berupa id produk");
    JsonObject quantity = error(problem, "items[0].quantity");
    assertThat(quantity.getString("message")).isEqualTo("harus bilangan bulat dari 1 sampai " + quantity.getJsonObject("params").getInteger("max"));
    assertThat(error(problem, "items[0].price").getString("message")).isEqualTo("bukan isian yang dikenal (harga diambil dari katalog)");

    // No Stripe keys on this server: the provider is named in the sentence.
    JsonObject disabled = assertProblem(send(HttpMethod.POST, "/api/payments/stripe/webhook", null, "id", new JsonObject()), 503,
        "payment-provider-disabled");
    assertThat(disabled.getString("title")).isEqualTo("Penyedia pembayaran belum dikonfigurasi");
    assertThat(disabled.getString("detail")).isEqualTo("Stripe belum dikonfigurasi di server ini (lihat docs/payments.md)");
  }
}
