package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import dev.gerbang.payment.ProviderStandIn;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop in a real browser: an admin keeps the catalogue, a user orders and pays on the stand-in provider's page
 * (which tells the server, then sends the browser back), and the admin finds the paid order and its provider events.
 */
class PaymentsBrowserTest extends BrowserTestBase {
  private ProviderStandIn provider;
  private TestServer server;
  private Browser.Tab adminTab;
  private Page admin;
  private String userEmail;

  @BeforeEach
  void start() {
    provider = new ProviderStandIn();
    server = TestServer.start(provider.config());
    provider.notifies(server.url(""));
    String adminEmail = TestServer.uniqueEmail();
    server.registerAdmin(adminEmail, "Ayu Admin");
    userEmail = TestServer.uniqueEmail();
    server.register(userEmail, TestServer.PASSWORD, "Budi Buyer");
    adminTab = browser.open(server.url(""));
    admin = adminTab.page();
    Browser.signIn(adminTab, adminEmail, TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    adminTab.close();
    server.close();
    provider.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  /** The admin adds a product through the catalogue screen, and takes another one off sale. */
  private void catalogue() {
    admin.navigate("/admin/products");
    assertThat(admin.locator("h1")).hasText("Products");
    Locator form = admin.locator("form.card");
    for (String[] product : new String[][] {{"Kopi Luwak", "150000"}, {"Teh Tarik", "25000"}}) {
      form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(product[0]);
      form.getByLabel("Price", new Locator.GetByLabelOptions().setExact(true)).fill(product[1]);
      form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add product")).click();
      assertThat(admin.locator(".news .notice")).hasText("Added " + product[0] + ".");
    }
    assertThat(admin.locator("tbody tr")).hasCount(2);
    admin.getByRole(AriaRole.BUTTON, named("Edit Kopi Luwak")).click();
    Locator dialog = admin.getByRole(AriaRole.DIALOG);
    dialog.getByLabel("Description", new Locator.GetByLabelOptions().setExact(true)).fill("Civet coffee from Sumatra");
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
    assertThat(dialog).hasCount(0);
    assertThat(admin.locator(".news .notice")).hasText("Saved Kopi Luwak.");
    assertThat(admin.locator("tbody tr", new Page.LocatorOptions().setHasText("Kopi Luwak"))).containsText("Civet coffee from Sumatra");
    admin.getByRole(AriaRole.BUTTON, named("Take Teh Tarik off sale")).click();
    assertThat(admin.locator(".news .notice")).hasText("Saved Teh Tarik.");
    assertThat(admin.locator("tbody tr", new Page.LocatorOptions().setHasText("Teh Tarik"))).containsText("Off sale");
    adminTab.screenshot("admin-products");
  }

  @Test
  void aUserOrdersPaysOnTheProvidersPageAndTheAdminFindsThePaidOrderWithItsEvents() {
    catalogue();
    try (Browser.Tab userTab = browser.open(server.url(""))) {
      Page user = userTab.page();
      Browser.signIn(userTab, userEmail, TestServer.PASSWORD);
      user.getByRole(AriaRole.LINK, named("Shop")).click();
      assertThat(user.locator("h1")).hasText("Shop");
      assertThat(user.locator("li.product")).hasCount(1);
      user.getByLabel("How many Kopi Luwak").fill("2");
      userTab.screenshot("shop");
      user.getByRole(AriaRole.BUTTON, named("Place order")).click();

      assertThat(user).hasURL(Pattern.compile("/orders/[0-9a-f-]{36}$"));
      assertThat(user.locator(".order-detail [data-status]")).hasText("Waiting for payment");
      assertThat(user.locator(".order-detail .total")).containsText("300,000");
      userTab.screenshot("order-pending");
      user.getByRole(AriaRole.BUTTON, named("Pay with Midtrans (QRIS, virtual account, e-wallet)")).click();

      // The stand-in's page notified the server and sent the browser back; the server checked the status API.
      assertThat(user).hasURL(Pattern.compile("/orders/[0-9a-f-]{36}/return\\?provider=midtrans$"));
      assertThat(user.locator(".notice.ok")).hasText("Thank you: your payment was received.");
      assertThat(user.locator(".order-detail [data-status]")).hasText("Paid");
      userTab.screenshot("order-paid");
      org.assertj.core.api.Assertions.assertThat(provider.statusRequests).hasSize(1);

      user.getByRole(AriaRole.LINK, named("Orders")).click();
      assertThat(user.locator("li.order")).hasCount(1);
      assertThat(user.locator("li.order")).containsText("Paid");
      userTab.assertClean();
    }

    admin.navigate("/admin/orders");
    assertThat(admin.locator("tbody tr")).hasCount(1);
    admin.getByLabel("Status").selectOption("refunded");
    admin.getByRole(AriaRole.BUTTON, named("Apply")).click();
    assertThat(admin).hasURL(Pattern.compile("/admin/orders\\?status=refunded$"));
    assertThat(admin.locator(".table-wrap + p")).hasText(Pattern.compile(".+"));
    assertThat(admin.locator("tbody tr")).hasCount(0);
    admin.getByLabel("Status").selectOption("paid");
    admin.getByRole(AriaRole.BUTTON, named("Apply")).click();
    assertThat(admin.locator("tbody tr")).hasCount(1);
    assertThat(admin.locator("tbody tr")).containsText(userEmail);
    adminTab.screenshot("admin-orders");
    admin.locator("tbody tr a").click();
    assertThat(admin.locator("h1")).hasText("Order");
    assertThat(admin.locator("dl [data-status]")).hasText("Paid");
    assertThat(admin.locator("table.events tbody tr")).hasCount(1);
    assertThat(admin.locator("table.events tbody tr")).containsText("Applied");
    assertThat(admin.locator("table.events tbody tr")).containsText("settlement");
    adminTab.screenshot("admin-order-events");
    adminTab.assertClean();
  }

  @Test
  void aUserPaysByCardAndCanCancelAnotherOrder() {
    server.grantRole(userEmail, "user");
    String token = server.login(userEmail, TestServer.PASSWORD).getString("accessToken");
    String adminToken = server.newSessionWithRoles("admin").getString("accessToken");
    var created = server.post("/api/admin/products", adminToken, new io.vertx.core.json.JsonObject().put("name", "Sticker")
        .put("price", 250).put("currency", "USD"));
    String productId = created.bodyAsJsonObject().getString("id");
    var items = new io.vertx.core.json.JsonObject().put("items", new io.vertx.core.json.JsonArray()
        .add(new io.vertx.core.json.JsonObject().put("productId", productId).put("quantity", 1)));
    String first = server.post("/api/orders", token, items).bodyAsJsonObject().getString("id");
    String second = server.post("/api/orders", token, items).bodyAsJsonObject().getString("id");

    try (Browser.Tab userTab = browser.open(server.url(""))) {
      Page user = userTab.page();
      Browser.signIn(userTab, userEmail, TestServer.PASSWORD);
      user.navigate("/orders/" + second);
      // Midtrans takes rupiah only: a dollar order is offered the card payment alone.
      assertThat(user.locator(".actions button[data-provider]")).hasCount(1);
      user.getByRole(AriaRole.BUTTON, named("Cancel order")).click();
      assertThat(user.locator(".order-detail [data-status]")).hasText("Cancelled");

      user.navigate("/orders/" + first);
      assertThat(user.locator(".order-detail .total")).containsText("$2.50");
      user.getByRole(AriaRole.BUTTON, named("Pay by card (Stripe)")).click();
      assertThat(user).hasURL(Pattern.compile("/orders/" + first + "/return\\?provider=stripe$"));
      assertThat(user.locator(".order-detail [data-status]")).hasText("Paid");
      userTab.assertClean();
    }
  }

  @Test
  void cancellingAnOrderTheProviderWasAlreadyPaidForSaysSoAndOffersToFollowThePayment() {
    server.grantRole(userEmail, "user");
    String token = server.login(userEmail, TestServer.PASSWORD).getString("accessToken");
    String adminToken = server.newSessionWithRoles("admin").getString("accessToken");
    var created = server.post("/api/admin/products", adminToken, new io.vertx.core.json.JsonObject().put("name", "Sticker")
        .put("price", 250).put("currency", "USD"));
    var items = new io.vertx.core.json.JsonObject().put("items", new io.vertx.core.json.JsonArray()
        .add(new io.vertx.core.json.JsonObject().put("productId", created.bodyAsJsonObject().getString("id")).put("quantity", 1)));
    String orderId = server.post("/api/orders", token, items).bodyAsJsonObject().getString("id");
    var paying = server.post("/api/orders/" + orderId + "/pay", token, new io.vertx.core.json.JsonObject().put("provider", "stripe"));
    org.assertj.core.api.Assertions.assertThat(paying.statusCode()).as(paying.bodyAsString()).isEqualTo(200);
    // The customer paid on the Checkout page in another tab; Stripe's webhook has not arrived yet.
    String session = (String) dev.gerbang.TestDb.row(server, "SELECT provider_ref FROM orders WHERE id = ?", orderId).get("provider_ref");
    provider.completeSession(session);

    try (Browser.Tab userTab = browser.open(server.url(""))) {
      Page user = userTab.page();
      Browser.signIn(userTab, userEmail, TestServer.PASSWORD);
      user.navigate("/orders/" + orderId);
      userTab.allowConsoleError("409");
      user.getByRole(AriaRole.BUTTON, named("Cancel order")).click();

      assertThat(user.locator(".order-detail .notice.warn")).hasText(
          "Your payment for this order already went through at Stripe, so it can no longer be cancelled: "
              + "the order will show as paid in a moment");
      assertThat(user.getByRole(AriaRole.BUTTON, named("Cancel order"))).hasCount(0);
      assertThat(user.locator(".order-detail [data-status]")).hasText("Waiting for payment");
      assertThat(user.getByRole(AriaRole.LINK, named("Follow the payment"))).isVisible();
      userTab.screenshot("order-being-paid");

      // The return page follows the order while Stripe's webhook arrives (the stand-in's payment page sends it).
      user.getByRole(AriaRole.LINK, named("Follow the payment")).click();
      TestServer.await(server.client().getAbs(provider.base() + "/pay/stripe/" + session).followRedirects(false).send());
      assertThat(user.locator(".notice.ok")).hasText("Thank you: your payment was received.");
      assertThat(user.locator(".order-detail [data-status]")).hasText("Paid");
      userTab.assertClean();
    }
  }
}
