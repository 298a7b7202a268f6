package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.mfa.MfaTestCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Second factors in a real browser: a passkey on Chromium's virtual authenticator (the DevTools WebAuthn domain)
 * registered in Settings, then used alone and as the second step; an authenticator app enrolled from its QR code's
 * secret, with codes computed by the test. The relying party is localhost, a secure context over plain http.
 */
class MfaBrowserTest extends BrowserTestBase {
  private TestServer server;
  private Browser.Tab tab;
  private Page page;
  private String email;

  @BeforeEach
  void start() {
    server = TestServer.start();
    tab = browser.open(server.url(""));
    page = tab.page();
    email = TestServer.uniqueEmail();
    server.register(email);
  }

  @AfterEach
  void stop() {
    tab.close();
    server.close();
  }

  private Locator button(String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private void signOut() {
    button("Sign out").click();
    assertThat(page.locator("h1")).hasText("Sign in");
  }

  private void passwordFirstStep() {
    page.navigate("/login");
    page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestServer.PASSWORD);
    button("Sign in").click();
    assertThat(page.locator(".second-step h2")).hasText("Second step");
  }

  @Test
  void aPasskeyRegisteredInSettingsSignsInAloneAndServesAsTheSecondStep() {
    CDPSession cdp = page.context().newCDPSession(page);
    cdp.send("WebAuthn.enable");
    JsonObject options = new JsonObject();
    options.addProperty("protocol", "ctap2");
    options.addProperty("transport", "internal");
    options.addProperty("hasResidentKey", true);
    options.addProperty("hasUserVerification", true);
    options.addProperty("isUserVerified", true);
    JsonObject args = new JsonObject();
    args.add("options", options);
    cdp.send("WebAuthn.addVirtualAuthenticator", args);

    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/settings");
    Locator security = page.locator("section#security");
    security.getByLabel("Name of the new passkey").fill("Laptop");
    security.locator("[data-passkey-add]").click();
    assertThat(security.locator("[data-recovery-codes] li")).hasCount(10);
    button("I have saved them").click();
    assertThat(security.locator("li[data-passkey]")).containsText("Laptop");
    // Renamed in place: an empty name is refused next to the field and the old one stays; then the new one is kept.
    Locator row = security.locator("li[data-passkey]");
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rename")).click();
    Locator rename = row.getByLabel("New name of this passkey");
    assertThat(rename).isFocused();
    rename.fill("");
    tab.allowConsoleError("status of 400");
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
    assertThat(row.locator(".field .error")).not().isEmpty();
    rename.fill("Work laptop");
    rename.press("Enter");
    assertThat(row.locator("strong")).hasText("Work laptop");

    signOut();
    page.navigate("/login");
    page.locator("[data-passkey-sign-in]").click();
    assertThat(page.locator("h1")).containsText("Hello");
    // Audited in the session's own transaction: there as soon as the session is, with no waiting.
    assertThat(TestDb.rows(server, "SELECT a.detail FROM audit_log a JOIN users u ON u.id = a.user_id"
        + " WHERE a.event = 'mfa_succeeded' AND u.email = ?", email)).singleElement()
        .satisfies(audit -> assertThat(String.valueOf(audit.get("detail"))).contains("\"passwordless\":true"));

    signOut();
    passwordFirstStep();
    page.locator(".second-step [data-passkey]").click();
    assertThat(page.locator("h1")).containsText("Hello");
    page.navigate("/settings");
    assertThat(page.locator("section#security li[data-passkey] .meta")).not().containsText("last used never");
    tab.assertClean();
  }

  @Test
  void anAuthenticatorAppIsEnrolledFromTheSecretShownAndAsksForACodeAtTheNextSignIn() {
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/settings");
    Locator security = page.locator("section#security");
    security.locator("[data-totp-add]").click();
    assertThat(security.locator("svg.qr")).isVisible();
    tab.screenshot("mfa-totp-setup");
    String secret = security.locator("[data-totp-secret]").textContent();
    assertThat(secret).matches("[A-Z2-7]{32}");
    security.getByLabel("The code the app shows now").fill(MfaTestCodes.code(secret, 0));
    button("Confirm").click();
    assertThat(security.locator("[data-recovery-codes] li")).hasCount(10);
    tab.screenshot("mfa-recovery-codes");
    button("I have saved them").click();
    assertThat(security.locator("[data-totp=on]")).isVisible();

    signOut();
    passwordFirstStep();
    tab.screenshot("mfa-second-step");
    page.getByLabel("Code from your authenticator app").fill(MfaTestCodes.code(secret, 1));
    button("Continue").click();
    assertThat(page.locator("h1")).containsText("Hello");
    tab.assertClean();
  }

  @Test
  void anAdminRequiresMfaForDoctorsAndResetsAUsersFactorsFromTheDashboard() {
    String secret;
    String userId = server.login(email, TestServer.PASSWORD).getJsonObject("user").getString("id");
    secret = MfaTestCodes.enrol(server, server.login(email, TestServer.PASSWORD).getString("accessToken"));
    assertThat(secret).isNotBlank();
    String adminEmail = TestServer.uniqueEmail();
    server.register(adminEmail);
    server.grantRole(adminEmail, "admin");
    Browser.signIn(tab, adminEmail, TestServer.PASSWORD);

    page.navigate("/admin/system");
    Locator policy = page.locator("#mfa-policy");
    policy.getByLabel("Doctor").check();
    policy.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
    assertThat(policy.locator(".notice.ok")).hasText("Saved.");
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    assertThat(server.get("/api/admin/mfa/policy", admin).bodyAsJsonObject().getJsonArray("requiredRoles").getList()).containsExactly("doctor");

    page.navigate("/admin/users/" + userId);
    Locator factors = page.locator("#mfa-card");
    assertThat(factors.locator("[data-factor=totp]")).hasText("Authenticator app: set up");
    page.onDialog(dialog -> dialog.accept());
    factors.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset second factors")).click();
    assertThat(factors.locator("[data-factor=totp]")).hasText("Authenticator app: none");
    assertThat(server.login(email, TestServer.PASSWORD).containsKey("accessToken")).isTrue();
    tab.assertClean();
  }
}
