package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import dev.gerbang.webhook.Receiver;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin Webhooks screens in a real browser: an endpoint added (a refused URL explained next to its field), its
 * secret shown once and verifying what a local receiver gets, a test event delivered and sent again, the endpoint
 * changed and its secret rotated.
 */
class WebhooksBrowserTest extends BrowserTestBase {
  private TestServer server;
  private Receiver receiver;
  private Browser.Tab tab;
  private Page admin;
  private String adminToken;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("webhooks", new JsonObject().put("allowInsecure", true)
        .put("timeoutMillis", 1000).put("retryBaseMillis", 50).put("pollMillis", 50)));
    receiver = new Receiver(server.clientVertx());
    String email = TestServer.uniqueEmail();
    server.register(email, TestServer.PASSWORD, "Ayu Admin");
    server.grantRole(email, "admin");
    adminToken = server.login(email, TestServer.PASSWORD).getString("accessToken");
    tab = browser.open(server.url(""));
    admin = tab.page();
    Browser.signIn(tab, email, TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    tab.close();
    receiver.close();
    server.close();
  }

  private Locator button(String name) {
    return admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  /** Refreshes the deliveries until the first row shows this status. */
  private void awaitDelivery(String status) {
    Locator tag = admin.locator("tr[data-delivery] .tag").first();
    for (int i = 0; i < 50 && !(tag.count() > 0 && tag.textContent().equals(status)); i++) {
      admin.waitForTimeout(200);
      button("Refresh").click();
    }
    assertThat(tag).hasText(status);
  }

  @Test
  void anAdminAddsAnEndpointSendsATestEventSendsItAgainChangesItAndRotatesItsSecret() {
    admin.navigate("/admin/webhooks");
    assertThat(admin.locator("h1")).hasText("Webhooks");
    admin.getByLabel("URL").fill("http://10.1.2.3/hooks");
    admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("user.registered")).check();
    tab.allowConsoleError("400");
    button("Add endpoint").click();
    assertThat(admin.locator("[data-field=url] .error")).containsText("private address");

    String path = "/ok/browser";
    admin.getByLabel("URL").fill(receiver.url(path));
    admin.getByLabel("Description").fill("Local receiver");
    button("Add endpoint").click();
    Locator secret = admin.locator("[data-secret]");
    assertThat(secret).containsText("whsec_");
    String first = secret.textContent();
    assertThat(admin.locator("tr[data-endpoint]")).hasCount(1);
    assertThat(admin.locator("tr[data-endpoint] .tag")).hasText("Enabled");
    tab.screenshot("admin-webhooks");

    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open")).click();
    assertThat(admin.locator("h1")).hasText("Webhook endpoint");
    assertThat(admin.locator("[data-secret]")).hasCount(0);
    button("Send test event").click();
    assertThat(admin.locator(".notice.ok")).containsText("webhook.test");
    List<Receiver.Received> received = receiver.await(path, 1);
    assertThat(Receiver.verifies(first, received.get(0))).isTrue();
    awaitDelivery("Delivered");
    assertThat(admin.locator("tr[data-delivery]").first()).containsText("HTTP 200");

    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the webhook.test delivery again")).click();
    assertThat(admin.locator("tr[data-delivery] .tag").first()).hasText("Pending");
    assertThat(receiver.await(path, 2).get(1).id()).isEqualTo(received.get(0).id());
    tab.screenshot("admin-webhook");

    admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("user.registered")).uncheck();
    admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("comment.created")).check();
    admin.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Enabled (enabling again clears the failures)")).uncheck();
    button("Save").click();
    assertThat(admin.locator(".notice.ok")).hasText("Endpoint saved.");
    assertThat(admin.locator("#webhook-edit-title .tag")).hasText("Disabled");
    JsonObject stored = server.get("/api/admin/webhooks", adminToken).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(stored.getJsonArray("eventTypes")).containsExactly("comment.created");
    assertThat(stored.getBoolean("enabled")).isFalse();

    admin.onceDialog(dialog -> dialog.accept());
    button("Rotate secret").click();
    assertThat(admin.locator("[data-secret]")).containsText("whsec_");
    assertThat(admin.locator("[data-secret]").textContent()).isNotEqualTo(first);
    assertThat(admin.locator(".meta", new Page.LocatorOptions().setHasText("previous secret is valid until"))).isVisible();
    tab.assertClean();
  }
}
