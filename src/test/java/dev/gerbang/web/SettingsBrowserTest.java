package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.Mailbox;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile and settings in a real browser: profile edits, field errors, devices, email change, language. */
class SettingsBrowserTest extends BrowserTestBase {
  private Mailbox mailbox;
  private TestServer server;
  private Browser.Tab tab;
  private Page page;
  private String email;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
    tab = browser.open(server.url(""));
    page = tab.page();
    email = TestServer.uniqueEmail();
    server.register(email);
    Browser.signIn(tab, email, TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    tab.close();
    server.close();
    mailbox.close();
  }

  private Locator section(String id) {
    return page.locator("section#" + id);
  }

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static Locator.GetByRoleOptions named(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  void editTheProfileWithTheErrorNextToItsFieldAndKeepItAfterAReload() {
    page.navigate("/settings");
    Locator profile = section("profile");
    profile.getByLabel("Username", new Locator.GetByLabelOptions().setExact(true)).fill("x");
    profile.getByRole(AriaRole.BUTTON, named("Save")).click();
    tab.allowConsoleError("status of 400");
    assertThat(profile.locator(".field[data-field=username] .error")).hasText("must be at least 3 characters long");
    assertThat(profile.getByLabel("Username", new Locator.GetByLabelOptions().setExact(true))).isFocused();

    profile.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Budi Santoso");
    profile.getByLabel("Username", new Locator.GetByLabelOptions().setExact(true)).fill("budi.s");
    // A picture this server has (the sandbox reaches no other host, and a broken image logs an error).
    String avatar = server.url("/favicon.svg");
    profile.getByLabel("Avatar URL").fill(avatar);
    profile.getByRole(AriaRole.BUTTON, named("Save")).click();
    assertThat(profile.locator(".notice.ok")).hasText("Saved.");
    assertThat(profile.locator(".field[data-field=username] .error")).isEmpty();
    assertThat(page.locator(".site-header .who")).hasText("Budi Santoso");
    assertThat(profile.locator("img.avatar")).hasAttribute("src", avatar);

    page.reload();
    assertThat(section("profile").getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))).hasValue("Budi Santoso");
    assertThat(section("profile").getByLabel("Username", new Locator.GetByLabelOptions().setExact(true))).hasValue("budi.s");
    JsonObject me = server.login(email, TestServer.PASSWORD).getJsonObject("user");
    assertThat(me.getString("name")).isEqualTo("Budi Santoso");
    assertThat(me.getString("avatarUrl")).isEqualTo(avatar);
    tab.assertClean();
  }

  @Test
  void theDevicesListShowsThisOneAndSignsAnotherOut() {
    String other = server.login(email, TestServer.PASSWORD).getString("accessToken");
    page.navigate("/settings");
    Locator sessions = section("sessions");
    assertThat(sessions.locator("li.session")).hasCount(2);
    assertThat(sessions.locator("li.session .tag.ok")).hasText("This device");
    tab.screenshot("settings");
    // The API client that signed in above is described as "Other client" (its user agent is GerbangTest/1.0).
    sessions.getByRole(AriaRole.BUTTON, named("Sign out Other client")).click();
    assertThat(sessions.locator("li.session")).hasCount(1);
    assertThat(server.get("/api/me", other).statusCode()).isEqualTo(401);
    // This device is still signed in, until it signs out everywhere.
    page.reload();
    assertThat(section("sessions").locator("li.session")).hasCount(1);
    String third = server.login(email, TestServer.PASSWORD).getString("accessToken");
    section("sessions").getByRole(AriaRole.BUTTON, named("Sign out on every device, this one too")).click();
    assertThat(page.locator("h1")).hasText("Sign in");
    assertThat(server.get("/api/me", third).statusCode()).isEqualTo(401);
    page.navigate("/settings");
    assertThat(page.locator("h1")).hasText("Sign in");
    tab.assertClean();
  }

  @Test
  void changeThePasswordThenTheEmailThroughTheLinkMailedToTheNewAddress() {
    page.navigate("/settings");
    Locator password = section("password");
    password.getByLabel("Current password").fill(TestServer.PASSWORD);
    password.getByLabel("New password").fill("another long passphrase");
    password.getByRole(AriaRole.BUTTON, named("Change password")).click();
    assertThat(password.locator(".notice.ok")).containsText("Your password has been changed");

    String newEmail = TestServer.uniqueEmail();
    Locator change = section("email");
    change.getByLabel("New email").fill(newEmail);
    change.getByLabel("Current password").fill("another long passphrase");
    change.getByRole(AriaRole.BUTTON, named("Change email")).click();
    assertThat(change.locator(".notice.ok")).containsText("We sent a link to " + newEmail);
    String link = Browser.mailedLink(mailbox.awaitTo(newEmail, "Confirm your new email"));
    assertThat(link).startsWith(server.url("/confirm-email?token="));
    page.navigate(link);
    assertThat(page.locator(".notice.ok")).hasText("Your email is now " + newEmail + ".");
    page.navigate("/settings");
    assertThat(section("email")).containsText(newEmail);
    tab.assertClean();
  }

  @Test
  void switchingToIndonesianTranslatesThePageAndSavesTheLocale() {
    page.navigate("/settings");
    // Once the session is restored: until then the profile's own locale may still replace the choice.
    assertThat(page.locator("h1")).hasText("Settings");
    page.getByLabel("Language", exact()).selectOption("id");
    assertThat(page.locator("h1")).hasText("Pengaturan");
    assertThat(page.locator("html")).hasAttribute("lang", "id");
    assertThat(section("sessions").locator("li.session .tag.ok")).hasText("Perangkat ini");
    page.waitForCondition(() -> "id".equals(server.login(email, TestServer.PASSWORD).getJsonObject("user").getString("locale")));
    page.reload();
    assertThat(page.locator("h1")).hasText("Pengaturan");
    tab.screenshot("settings-id");
    tab.assertClean();
  }

  @Test
  void deletingTheAccountNeedsThePasswordThenSignsOutForGood() {
    page.navigate("/settings");
    Locator delete = section("delete");
    delete.getByLabel("Current password").fill("not my password");
    delete.getByRole(AriaRole.BUTTON, named("Delete my account")).click();
    tab.allowConsoleError("status of 400");
    assertThat(delete.locator(".field[data-field=password] .error")).hasText("is not your current password");
    delete.getByLabel("Current password").fill(TestServer.PASSWORD);
    delete.getByRole(AriaRole.BUTTON, named("Delete my account")).click();
    assertThat(page.locator(".notice.ok")).hasText("Your account has been deleted.");
    page.reload();
    assertThat(page.locator("h1")).hasText("Welcome to Gerbang");
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD)).statusCode())
        .isEqualTo(401);
    tab.assertClean();
  }

  @Test
  void theKeyboardMovesThroughThePageWithAVisibleFocus() {
    page.navigate("/settings");
    // After each navigation the focus goes to the new page's heading, for screen readers and keyboards.
    assertThat(page.locator("h1")).isFocused();
    page.keyboard().press("Tab");
    assertThat(page.locator(":focus")).hasText("Profile");
    assertThat(page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
    // Text fields always show their focus ring.
    section("profile").getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).focus();
    assertThat(page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
    // Backwards from the heading: the header, then the skip link first of all.
    page.locator("h1").focus();
    for (int i = 0; i < 10 && !"Skip to content".equals(page.evaluate("() => document.activeElement.textContent")); i++) {
      page.keyboard().press("Shift+Tab");
    }
    assertThat(page.locator(":focus")).hasText("Skip to content");
    assertThat(page.locator(":focus")).isVisible();
    tab.assertClean();
  }
}
