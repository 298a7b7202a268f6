package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.Test;

/** "Continue with Google" through the provider's own login page, and the medical records screens. */
class SocialAndMedicalBrowserTest extends BrowserTestBase {

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  void continueWithGoogleThroughTheProvidersLoginPageLandsSignedIn() {
    MockOAuth2Server google = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    google.start(0);
    JsonObject config = new JsonObject().put("google", new JsonObject().put("clientId", "gerbang-web")
        .put("clientSecret", "gerbang-web-secret").put("issuer", google.issuerUrl("google").toString()));
    try (TestServer server = TestServer.start(config); Browser.Tab tab = browser.open(server.url(""))) {
      Page page = tab.page();
      page.navigate("/login");
      tab.screenshot("login-with-providers");
      page.getByRole(AriaRole.LINK, named("Continue with Google")).click();

      // The provider's own login page (the local OpenID Connect server's), not Gerbang's.
      page.locator("input[name=username]").fill("sam.social");
      page.locator("textarea[name=claims]").fill(new JsonObject().put("email", "sam.social@example.com")
          .put("email_verified", true).put("name", "Sam Social").encode());
      page.locator("input[type=submit]").click();

      assertThat(page.locator("h1")).hasText("Hello, Sam Social");
      page.reload();
      assertThat(page.locator("h1")).hasText("Hello, Sam Social");
      page.navigate("/settings");
      assertThat(page.locator("#identities [data-provider=google]")).containsText("Linked (sam.social@example.com)");
      // The provider's login page (not Gerbang's) links a stylesheet from a CDN this offline machine cannot
      // resolve; Gerbang's own pages must still be clean, and the CSP check covers every page.
      tab.allowConsoleError("ERR_NAME_NOT_RESOLVED");
      tab.assertClean();
    } finally {
      google.shutdown();
    }
  }

  /**
   * A provider that does not vouch for the email (here an OpenID issuer saying email_verified=false): no
   * account until the mailed link is opened, and only the browser that signed in can open it.
   */
  @Test
  void anUnverifiedProviderEmailSignsUpThroughTheMailedLinkInTheSameBrowserOnly() {
    MockOAuth2Server google = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    google.start(0);
    dev.gerbang.Mailbox mailbox = dev.gerbang.Mailbox.started();
    JsonObject config = mailbox.config().put("google", new JsonObject().put("clientId", "gerbang-web")
        .put("clientSecret", "gerbang-web-secret").put("issuer", google.issuerUrl("google").toString()));
    try (TestServer server = TestServer.start(config); Browser.Tab tab = browser.open(server.url(""))) {
      Page page = tab.page();
      page.navigate("/login");
      page.getByRole(AriaRole.LINK, named("Continue with Google")).click();
      page.locator("input[name=username]").fill("una.verified");
      page.locator("textarea[name=claims]").fill(new JsonObject().put("email", "una@example.com")
          .put("email_verified", false).put("name", "Una Verified").encode());
      page.locator("input[type=submit]").click();

      assertThat(page.locator("[data-oauth-error=confirm_email]")).containsText("Open it in this browser");
      String link = Browser.mailedLink(mailbox.awaitTo("una@example.com", "Finish signing in"));

      try (Browser.Tab other = browser.open(server.url(""))) {
        other.page().navigate(link);
        assertThat(other.page().locator(".notice.bad")).containsText("Open this link in the browser you signed in with");
      }
      page.navigate(link);
      assertThat(page.locator("h1")).hasText("Hello, Una Verified");
      page.reload();
      assertThat(page.locator("h1")).hasText("Hello, Una Verified");
      tab.allowConsoleError("ERR_NAME_NOT_RESOLVED");
      tab.assertClean();
    } finally {
      google.shutdown();
      mailbox.close();
    }
  }

  @Test
  void aPatientSeesOnlyTheirRecordsAndADoctorWritesOne() {
    try (TestServer server = TestServer.start()) {
      MedicalWorld world = new MedicalWorld(server);
      MedicalWorld.Person ayu = world.patient("Ayu Lestari");
      MedicalWorld.Person dedi = world.patient("Dedi Kurniawan");
      MedicalWorld.Person doctor = world.doctor("Dr. Sari Wijaya", "Internal medicine");
      world.record(doctor, ayu, "2026-02-01", "Night cough", "Mild asthma");
      String dedisRecord = world.record(doctor, dedi, "2026-02-02", "Headache", "Tension headache");

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, email(server, ayu), TestServer.PASSWORD);
        page.getByRole(AriaRole.LINK, named("Medical records")).first().click();
        assertThat(page.locator(".record")).hasCount(1);
        assertThat(page.locator(".records")).containsText("Mild asthma");
        assertThat(page.locator(".records")).containsText("Dr. Sari Wijaya, Internal medicine");
        assertThat(page.locator(".records")).not().containsText("Tension headache");
        tab.screenshot("medical-records");
        page.getByRole(AriaRole.LINK, named("Mild asthma")).click();
        assertThat(page.locator("h1")).hasText("Mild asthma");
        assertThat(page.locator(".record-detail")).containsText("Night cough");
        tab.screenshot("medical-record");

        page.navigate("/medical-records/" + dedisRecord);
        assertThat(page.locator(".notice.bad")).hasText("Your account does not have access to this page.");
        assertThat(page.locator("body")).not().containsText("Tension headache");
        tab.allowConsoleError("status of 403");
        tab.assertClean();
      }

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, email(server, doctor), TestServer.PASSWORD);
        page.navigate("/medical-records/new");
        page.getByLabel("Patient id", new Page.GetByLabelOptions().setExact(true)).fill(ayu.profileId());
        page.getByLabel("Complaint", new Page.GetByLabelOptions().setExact(true)).fill("Shortness of breath on stairs");
        page.getByLabel("Diagnosis", new Page.GetByLabelOptions().setExact(true)).fill("Asthma, moderate");
        page.getByLabel("ICD-10 code", new Page.GetByLabelOptions().setExact(true)).fill("not a code");
        page.getByRole(AriaRole.BUTTON, named("Save the record")).click();
        assertThat(page.locator(".field[data-field=icd10Code] .error")).not().isEmpty();
        tab.allowConsoleError("status of 400");
        page.getByLabel("ICD-10 code", new Page.GetByLabelOptions().setExact(true)).fill("J45.40");
        tab.screenshot("medical-new");
        page.getByRole(AriaRole.BUTTON, named("Save the record")).click();
        assertThat(page.locator("h1")).hasText("Asthma, moderate");
        assertThat(page.locator(".record-detail")).containsText("Ayu Lestari");
        tab.assertClean();
      }
    }
  }

  private static String email(TestServer server, MedicalWorld.Person person) {
    return server.get("/api/me", person.token()).bodyAsJsonObject().getString("email");
  }
}
