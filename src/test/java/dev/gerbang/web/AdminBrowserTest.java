package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin dashboard in a real browser, next to the user it acts on (two separate browser contexts). */
class AdminBrowserTest extends BrowserTestBase {
  private Mailbox mailbox;
  private TestServer server;
  private Browser.Tab adminTab;
  private Page admin;
  private String userEmail;

  @BeforeEach
  void start() {
    // The mailbox is down at first, and one attempt is all a mail gets: the first mails die, for the retry.
    mailbox = new Mailbox();
    server = TestServer.start(mailbox.config().put("mail", mailbox.config().getJsonObject("mail").put("maxAttempts", 1)));
    String adminEmail = TestServer.uniqueEmail();
    server.registerAdmin(adminEmail, "Ayu Admin");
    userEmail = TestServer.uniqueEmail();
    server.register(userEmail, TestServer.PASSWORD, "Rudi User");
    adminTab = browser.open(server.url(""));
    admin = adminTab.page();
    Browser.signIn(adminTab, adminEmail, TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    adminTab.close();
    server.close();
    mailbox.close();
  }

  private static Locator.GetByRoleOptions named(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  void anAdminGrantsARoleAndTheUserSeesTheNewMenu() {
    try (Browser.Tab userTab = browser.open(server.url(""))) {
      Page user = userTab.page();
      Browser.signIn(userTab, userEmail, TestServer.PASSWORD);
      assertThat(user.locator(".site-header nav")).not().containsText("Admin");
      user.navigate("/admin");
      assertThat(user.locator("h1")).hasText("Not allowed");

      admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true)).click();
      assertThat(admin).hasURL(Pattern.compile("/admin$"));
      // The overview comes first for an admin; the users are the next tab.
      assertThat(admin.locator("h1")).hasText("Overview");
      admin.locator(".tabs").getByRole(AriaRole.LINK, named("Users")).click();
      admin.getByLabel("Search email, name or username").fill("Rudi");
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
      assertThat(admin).hasURL(Pattern.compile("/admin/users\\?q=Rudi$"));
      assertThat(admin.locator("tbody tr")).hasCount(1);
      adminTab.screenshot("admin-users");
      admin.locator("tbody tr a").click();
      assertThat(admin.locator(".card h2").first()).hasText("Rudi User");
      admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Admin").setExact(true)).check();
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save roles")).click();
      assertThat(admin.locator(".notice.ok")).containsText("Roles saved");
      assertThat(admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Admin").setExact(true))).isChecked();
      adminTab.screenshot("admin-user");

      // The user's next token carries the role: a reload refreshes it, and the menu follows.
      user.reload();
      assertThat(user.locator(".site-header nav")).containsText("Admin");
      assertThat(user.locator("h1")).hasText("Overview");
      assertThat(user.locator("[data-tile=signUps] .tile-value")).hasText("2");
      user.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Home").setExact(true)).click();
      assertThat(user.locator(".roles")).containsText("Admin");
      userTab.assertClean();
    }

    admin.navigate("/admin/audit");
    admin.getByLabel("Event").fill("admin_user_updated");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    assertThat(admin.locator("tbody tr")).hasCount(1);
    assertThat(admin.locator("tbody tr td.detail")).containsText("admin");
    adminTab.screenshot("admin-audit");
    adminTab.assertClean();
  }

  @Test
  void anAdminDisablesAUserAndEndsTheirSessions() {
    String token = server.login(userEmail, TestServer.PASSWORD).getString("accessToken");
    admin.navigate("/admin/users?status=active");
    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Rudi User")).click();
    assertThat(admin.locator("#sessions-card h2")).hasText("Sessions (1)");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out everywhere")).click();
    assertThat(admin.locator(".notice.ok")).hasText("Sessions ended: 1.");
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(401);

    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable account")).click();
    assertThat(admin.locator(".notice.ok")).containsText("The account is disabled");
    assertThat(admin.locator(".tag.bad")).hasText("Disabled");
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", userEmail).put("password", TestServer.PASSWORD)).statusCode())
        .isEqualTo(403);
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable account")).click();
    assertThat(admin.locator(".notice.ok")).hasText("The account is enabled.");
    assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable account"))).isVisible();

    admin.navigate("/admin/users?status=disabled");
    assertThat(admin.locator("p.meta")).hasText("Nothing matches.");
    adminTab.assertClean();
  }

  @Test
  void theOutboxRetriesADeadMailAndTheSystemPageShowsThisNode() {
    admin.navigate("/admin/outbox");
    admin.getByLabel("Status").selectOption("dead");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    assertThat(admin).hasURL(Pattern.compile("status=dead$"));
    // The sign-up mails died against the closed SMTP port (the page is reloaded until they have).
    Locator dead = admin.locator("tbody tr", new Page.LocatorOptions().setHasText(userEmail));
    for (int i = 0; i < 50 && dead.count() == 0; i++) {
      admin.waitForTimeout(300);
      admin.reload();
      admin.locator("p.meta").waitFor();
    }
    assertThat(dead.locator(".tag")).hasText("Failed");
    adminTab.screenshot("admin-outbox");

    mailbox.start();
    dead.getByRole(AriaRole.BUTTON, named("Retry the mail to " + userEmail)).click();
    assertThat(dead.locator(".tag")).hasText("Pending");
    mailbox.awaitTo(userEmail, "Confirm your email");

    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("System")).click();
    assertThat(admin.locator("[data-fact=health]")).hasText("Up");
    assertThat(admin.locator("[data-fact=version]")).hasText(server.gerbang().components().version());
    assertThat(admin.locator("[data-fact=database]")).containsText(TestDb.onPostgres() ? "postgresql" : "sqlite");
    assertThat(admin.locator("[data-fact=database]")).containsText(Pattern.compile("\\d+(\\.\\d)? (KiB|MiB)"));
    adminTab.screenshot("admin-system");
    adminTab.assertClean();
  }

  @Test
  void aMessageToEveryoneIsAcceptedAtOnceShowsItsProgressAndASendAfterALostAnswerMakesNoSecondOne() {
    TestDb.seedUsers(server, 2_000);
    long everyone = TestDb.count(server, "SELECT COUNT(*) FROM users");
    // The first send reaches the server, but its answer is lost on the way back, as on a flaky network.
    AtomicInteger posts = new AtomicInteger();
    admin.route("**/api/admin/notifications", route -> {
      if (route.request().method().equals("POST") && posts.getAndIncrement() == 0) {
        route.fetch();
        route.abort();
      } else {
        route.resume();
      }
    });
    adminTab.allowConsoleError("net::ERR_FAILED");
    admin.navigate("/admin/users");
    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Messages").setExact(true)).click();
    assertThat(admin.locator("h1")).hasText("Messages");
    admin.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Clinic closed on Friday");
    admin.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill("We reopen on Monday at 8:00.");
    Locator send = admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send").setExact(true));
    send.click();
    assertThat(admin.locator(".form-alert")).containsText("Could not reach the server");

    // Sent again as it was: the same Idempotency-Key, so the server answers with the job it already made.
    send.click();
    assertThat(admin.locator(".notice.ok")).hasText("Accepted (202): the message is queued and goes out in batches.");
    Locator status = admin.locator(".broadcast-status");
    assertThat(status).hasText(Pattern.compile("Waiting to start…|Sending: \\d+ accounts reached so far"));
    assertThat(status.locator("progress")).isVisible();
    adminTab.screenshot("admin-messages");
    assertThat(status).hasText("Done: " + everyone + " accounts reached",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
    assertThat(status.locator("progress")).hasCount(0);

    assertThat(posts.get()).isEqualTo(2);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM broadcasts")).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE type = 'admin.message'")).isEqualTo(everyone);
    assertThat(TestDb.count(server, "SELECT COUNT(DISTINCT user_id) FROM notifications WHERE type = 'admin.message'"))
        .isEqualTo(everyone);
    adminTab.assertClean();
  }
}
