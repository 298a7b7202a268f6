package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web app in Bahasa Indonesia, as the people it is for use it: the sign-up, profile, article and medical-record
 * forms sent with mistakes show every error in Indonesian, whether the app words it from the rule code or shows the
 * server's message (which the server words in the language the app asks for).
 */
class IndonesianFormsBrowserTest extends BrowserTestBase {
  /** Words of the English messages (the server's and the app's) that no Indonesian error contains. */
  private static final List<String> ENGLISH = List.of("must", "required", " is ", " not ", "characters", "invalid",
      "at least", "at most", "already", "should", "may ", "field", "such as", "only");

  private TestServer server;
  private Browser.Tab tab;
  private Page page;

  @BeforeEach
  void start() {
    server = TestServer.start();
    tab = browser.open(server.url(""));
    // The app's language, as the language menu leaves it.
    tab.context().addInitScript("localStorage.setItem('gerbang.lang', 'id');");
    page = tab.page();
  }

  @AfterEach
  void stop() {
    tab.close();
    server.close();
  }

  @Test
  void signUpErrorsAreIndonesian() {
    page.navigate("/register");
    assertThat(page.locator("h1")).hasText("Buat akun Anda");
    Locator form = page.locator("form");
    form.locator("[name=name]").fill("   ");
    form.locator("[name=email]").fill("bukan-email");
    form.locator("[name=password]").fill("abcde");
    submit(form);
    tab.allowConsoleError("status of 400");

    assertThat(error(form, "password")).hasText("minimal 12 karakter (sekarang 5)");
    assertThat(error(form, "email")).hasText("harus berupa alamat email, misalnya nama@contoh.com");
    assertThat(error(form, "name")).hasText("tidak boleh kosong");
    assertIndonesian(form);
    tab.screenshot("register-id-errors");
    tab.assertClean();
  }

  @Test
  void profileErrorsAreIndonesian() {
    String email = account("Siti Rahma");
    signIn(email);
    page.navigate("/settings");
    Locator profile = page.locator("section#profile form");
    profile.locator("[name=username]").fill("x");
    profile.locator("[name=avatarUrl]").fill("ftp://contoh.com/foto.png");
    submit(profile);
    tab.allowConsoleError("status of 400");

    assertThat(error(profile, "username")).hasText("minimal 3 karakter");
    assertThat(error(profile, "avatarUrl")).hasText("harus berupa URL http(s)");
    assertIndonesian(profile);
    tab.assertClean();
  }

  @Test
  void articleErrorsAreIndonesian() {
    String email = account("Eka Editor", "editor");
    signIn(email);
    page.navigate("/articles/new");
    Locator form = page.locator("form").first();
    form.locator("[name=title]").fill("Tips sehat");
    form.locator("[name=tags]").fill("a, b, c, d, e, f, g, h, i, j, k");
    form.locator("[name=body]").fill("   ");
    submit(form);
    tab.allowConsoleError("status of 400");

    assertThat(error(form, "tags")).hasText("paling banyak 10 tag");
    assertThat(error(form, "body")).not().isEmpty();
    assertIndonesian(form);
    tab.assertClean();
  }

  @Test
  void medicalRecordErrorsAreIndonesian() {
    String email = account("dr. Sari Wijaya", "doctor");
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
    HttpResponse<Buffer> profile = server.send(HttpMethod.PUT, "/api/me/doctor-profile", token,
        new JsonObject().put("specialty", "Penyakit dalam").put("licenceNumber", "SIP-3171-2020-0001"));
    assertThat(profile.statusCode()).as(profile.bodyAsString()).isEqualTo(200);
    signIn(email);
    page.navigate("/medical-records/new");
    Locator form = page.locator("form").first();
    form.locator("[name=patientId]").fill("bukan-id");
    form.locator("[name=visitDate]").fill("2099-01-01");
    form.locator("[name=complaint]").fill("Batuk malam");
    form.locator("[name=diagnosis]").fill("Asma");
    form.locator("[name=icd10Code]").fill("XYZ");
    submit(form);
    tab.allowConsoleError("status of 400");

    assertThat(error(form, "icd10Code")).hasText("harus berupa kode ICD-10, misalnya J45.909 atau E11.9");
    assertThat(error(form, "visitDate")).hasText("tidak boleh di masa depan");
    assertThat(error(form, "patientId")).not().isEmpty();
    assertIndonesian(form);
    tab.screenshot("medical-new-id-errors");
    tab.assertClean();
  }

  /** An account in Indonesian, with these roles; answers its email. */
  private String account(String name, String... roles) {
    String email = TestServer.uniqueEmail();
    HttpResponse<Buffer> created = server.post("/api/auth/register", new JsonObject().put("email", email)
        .put("password", TestServer.PASSWORD).put("name", name).put("locale", "id"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    for (String role : roles) {
      server.grantRole(email, role);
    }
    return email;
  }

  private void signIn(String email) {
    page.navigate("/login");
    Locator form = page.locator("form");
    form.locator("[name=email]").fill(email);
    form.locator("[name=password]").fill(TestServer.PASSWORD);
    submit(form);
    assertThat(page.locator("h1")).containsText("Halo");
  }

  private static void submit(Locator form) {
    form.locator("button[type=submit]").click();
  }

  private static Locator error(Locator form, String field) {
    return form.locator(".field[data-field=" + field + "] .error");
  }

  /** Every error shown in the form (next to a field or in its alert) is there, and none is in English. */
  private static void assertIndonesian(Locator form) {
    assertThat(form.locator(".field .error:not(:empty)").first()).isVisible();
    List<String> texts = new ArrayList<>(form.locator(".field .error:not(:empty)").allTextContents());
    texts.addAll(form.locator(".form-alert").allTextContents());
    List<String> english = new ArrayList<>();
    for (String text : texts) {
      String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
      ENGLISH.stream().filter(lower::contains).forEach(word -> english.add("\"" + text + "\" has \"" + word.strip() + "\""));
    }
    assertThat(english).as("English in the errors " + texts).isEmpty();
    assertThat(String.join(" ", texts)).matches(Pattern.compile(".*\\b(harus|minimal|tidak|paling|wajib|bukan)\\b.*", Pattern.DOTALL));
  }
}
