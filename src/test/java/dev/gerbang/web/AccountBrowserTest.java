package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-up, the emailed links, sign-in, staying signed in across a reload, sign-out: in a real browser. */
class AccountBrowserTest extends BrowserTestBase {
  private Mailbox mailbox;
  private TestServer server;
  private Browser.Tab tab;
  private Page page;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config().put("auth", new JsonObject().put("requireVerifiedEmail", true)));
    tab = browser.open(server.url(""));
    page = tab.page();
  }

  @AfterEach
  void stop() {
    tab.close();
    server.close();
    mailbox.close();
  }

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private void click(String button) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
  }

  @Test
  void registerVerifyTheEmailFromTheMailSignInStaySignedInAfterAReloadAndSignOut() {
    String email = TestServer.uniqueEmail();
    page.navigate("/");
    assertThat(page.locator("h1")).hasText("Welcome to Gerbang");
    tab.screenshot("home");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create account").setExact(true)).first().click();
    assertThat(page).hasURL(Pattern.compile("/register$"));

    page.getByLabel("Name", exact()).fill("Siti Rahma");
    page.getByLabel("Email", exact()).fill(email);
    page.getByLabel("Password", exact()).fill("short");
    // The rules come from the server as the user types.
    assertThat(page.locator(".rules [data-rule=min_length]")).containsText("At least 12 characters");
    page.getByLabel("Password", exact()).fill(TestServer.PASSWORD);
    assertThat(page.locator(".rules .rule.ok")).hasText("This password meets every rule.");
    tab.screenshot("register");
    click("Create account");
    // This server requires a verified email, so the sign-in after sign-up is refused (a 403 on purpose).
    tab.allowConsoleError("status of 403");
    assertThat(page.locator(".notice.ok")).containsText("Check your inbox");

    // Signing in before opening the link shows the API's own words.
    page.navigate("/login");
    page.getByLabel("Email", exact()).fill(email);
    page.getByLabel("Password", exact()).fill(TestServer.PASSWORD);
    click("Sign in");
    tab.allowConsoleError("status of 403");
    assertThat(page.locator(".form-alert")).hasText("Confirm your email first: open the link we sent you, or ask for a new one");
    assertThat(page.getByLabel("Email", exact())).hasValue(email);

    String link = Browser.mailedLink(mailbox.awaitTo(email, "Confirm your email"));
    assertThat(link).startsWith(server.url("/verify-email?token="));
    page.navigate(link);
    assertThat(page.locator(".notice.ok")).hasText("Your email is confirmed. Thank you!");
    tab.screenshot("verify-email");

    Browser.signIn(tab, email, TestServer.PASSWORD);
    assertThat(page.locator("h1")).hasText("Hello, Siti Rahma");
    assertThat(page.locator(".site-header")).containsText("Siti Rahma");

    // The access token lives in memory only: after a reload the HttpOnly cookie restores the session.
    page.reload();
    assertThat(page.locator("h1")).hasText("Hello, Siti Rahma");
    assertThat(page.locator(".roles")).containsText("User");
    Object stored = page.evaluate("() => JSON.stringify(Object.assign({}, localStorage)) + document.cookie");
    assertThat(String.valueOf(stored)).doesNotContain("eyJ").doesNotContain("gerbang_refresh");

    click("Sign out");
    assertThat(page).hasURL(Pattern.compile("/login$"));
    page.navigate("/settings");
    assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Fsettings$"));
    page.reload();
    assertThat(page.locator("h1")).hasText("Sign in");
    tab.assertClean();
  }

  /**
   * publicUrl says localhost, but the user opened the app at 127.0.0.1 (as with a LAN address, or another port): a
   * reload still brings the session back through the refresh cookie, as the request's own origin is same-origin.
   */
  @Test
  void signedInAt127001TheSessionSurvivesAReload() {
    String email = TestServer.uniqueEmail();
    server.register(email, TestServer.PASSWORD, "Lokal Wijaya");
    TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE email = ?", email);
    try (Browser.Tab local = browser.open("http://127.0.0.1:" + server.port())) {
      Browser.signIn(local, email, TestServer.PASSWORD);
      local.page().reload();
      assertThat(local.page().locator("h1")).hasText("Hello, Lokal Wijaya");
      local.page().navigate("/settings");
      assertThat(local.page()).hasURL(Pattern.compile("/settings$"));
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM refresh_tokens WHERE replaced_at IS NOT NULL")).isPositive();
      local.assertClean();
    }
  }

  @Test
  void aWrongPasswordShowsTheApiErrorAndKeepsTheEmail() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    page.navigate("/login");
    page.getByLabel("Email", exact()).fill(email);
    page.getByLabel("Password", exact()).fill("not the password at all");
    click("Sign in");
    tab.allowConsoleError("status of 401");
    assertThat(page.locator(".form-alert")).hasText("The email or the password is wrong");
    assertThat(page.getByLabel("Email", exact())).hasValue(email);
    tab.screenshot("login-error");
    tab.assertClean();
  }

  @Test
  void forgotThenResetThePasswordThroughTheMailedLink() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    mailbox.awaitTo(email, "Confirm your email");
    page.navigate("/login");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
    // The sign-in page has an Email field too: wait for the new page, or the email goes into the old one.
    assertThat(page.locator("h1")).hasText("Forgot your password?");
    page.getByLabel("Email", exact()).fill(email);
    click("Send the link");
    assertThat(page.locator(".notice.ok")).containsText("If an account exists for this email");

    String link = Browser.mailedLink(mailbox.awaitTo(email, "Reset your"));
    assertThat(link).startsWith(server.url("/reset-password?token="));
    page.navigate(link);
    page.getByLabel("New password", exact()).fill("short");
    assertThat(page.locator(".rules [data-rule=min_length]")).isVisible();
    // The page does not know the email; the server does, and its error lands next to the field.
    page.getByLabel("New password", exact()).fill(email);
    click("Set the new password");
    tab.allowConsoleError("status of 400");
    assertThat(page.locator(".field[data-field=newPassword] .error")).hasText("must not be or contain your email address");
    assertThat(page.getByLabel("New password", exact())).hasAttribute("aria-invalid", "true");
    page.getByLabel("New password", exact()).fill("a brand new passphrase");
    assertThat(page.locator(".rules .rule.ok")).isVisible();
    tab.screenshot("reset-password");
    click("Set the new password");
    assertThat(page.locator(".notice.ok")).containsText("Your password has been changed");

    // The old password is gone; the new one works (after verifying, which this server requires).
    page.navigate(Browser.mailedLink(mailbox.awaitTo(email, "Confirm your email")));
    assertThat(page.locator(".notice.ok")).isVisible();
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD)).statusCode())
        .isEqualTo(401);
    Browser.signIn(tab, email, "a brand new passphrase");
    tab.assertClean();
  }

  @Test
  void aNetworkFailureOrA500ShowsAClearMessageAndLosesNothingTyped() {
    page.navigate("/login");
    page.route("**/api/auth/login", route -> route.abort());
    page.getByLabel("Email", exact()).fill("someone@example.com");
    page.getByLabel("Password", exact()).fill("what I typed");
    click("Sign in");
    tab.allowConsoleError("net::ERR_FAILED");
    assertThat(page.locator(".form-alert")).containsText("Could not reach the server");
    assertThat(page.getByLabel("Email", exact())).hasValue("someone@example.com");
    assertThat(page.getByLabel("Password", exact())).hasValue("what I typed");

    page.unroute("**/api/auth/login");
    page.route("**/api/auth/login", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
        .setStatus(500).setContentType("application/problem+json")
        .setBody("{\"type\":\"about:blank\",\"title\":\"Internal error\",\"status\":500,\"requestId\":\"req-42\"}")));
    click("Sign in");
    tab.allowConsoleError("status of 500");
    assertThat(page.locator(".form-alert")).containsText("request id req-42");
    assertThat(page.getByLabel("Password", exact())).hasValue("what I typed");
    tab.assertClean();
  }

  @Test
  void theCspWatchSeesAViolation() {
    // Proves the clean-page assertions can fail: an inline style is refused by the server's CSP.
    page.navigate("/");
    assertThat(page.locator("h1")).isVisible();
    page.evaluate("() => document.body.setAttribute('style', 'color: red')");
    page.waitForCondition(() -> !tab.cspViolations().isEmpty());
    assertThat(tab.cspViolations().get(0)).startsWith("style-src");
  }
}
