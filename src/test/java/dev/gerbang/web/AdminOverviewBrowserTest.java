package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin overview, the first admin screen: its tiles and charts show what GET /api/admin/stats answers. */
class AdminOverviewBrowserTest extends BrowserTestBase {
  private TestServer server;
  private String adminEmail;
  private String adminToken;

  @BeforeEach
  void start() {
    server = TestServer.start();
    adminEmail = TestServer.uniqueEmail();
    server.registerAdmin(adminEmail, "Ayu Admin");
    server.grantRole(adminEmail, "editor");
    adminToken = server.login(adminEmail, TestServer.PASSWORD).getString("accessToken");
    for (int i = 0; i < 4; i++) {
      Browser.newAccountToken(server, "Reader " + i);
    }
    server.post("/api/auth/login", new JsonObject().put("email", adminEmail).put("password", "not it"));
    Browser.publish(server, adminToken, "Rain in Bandung");
    Browser.publish(server, adminToken, "Sun in Bali");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theOverviewIsTheFirstAdminScreenAndItsChartsShowTheApisNumbers() {
    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page page = tab.page();
      Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin").setExact(true)).click();
      assertThat(page).hasURL(Pattern.compile("/admin$"));
      assertThat(page.locator("h1")).hasText("Overview");
      assertThat(page.locator("svg.chart")).hasCount(5);

      JsonObject api = server.get("/api/admin/stats", adminToken).bodyAsJsonObject();
      assertThat(tile(page, "activeSessions")).hasText(String.valueOf(api.getLong("activeSessions")));
      assertThat(tile(page, "signUps")).hasText(String.valueOf(sum(api.getJsonArray("signUpsPerDay"), "count")));
      assertThat(tile(page, "signIns")).hasText(String.valueOf(sum(api.getJsonArray("signInsPerHour"), "ok")));
      assertThat(tile(page, "failed")).hasText(String.valueOf(sum(api.getJsonArray("signInsPerHour"), "failed")));
      // Each chart's bars add up to the API's numbers, series by series.
      assertThat(bars(page, "signUps", "signUps")).isEqualTo(sum(api.getJsonArray("signUpsPerDay"), "count")).isEqualTo(5);
      assertThat(bars(page, "signIns", "ok")).isEqualTo(sum(api.getJsonArray("signInsPerHour"), "ok")).isEqualTo(6);
      assertThat(bars(page, "signIns", "failed")).isEqualTo(1);
      assertThat(bars(page, "content", "articles")).isEqualTo(sum(api.getJsonArray("articlesPerDay"), "count")).isEqualTo(2);
      assertThat(page.locator("[data-chart=requests] circle[data-series=requests]")).hasCount(
          api.getJsonObject("requests").getJsonArray("perMinute").size());
      assertThat(page.locator("[data-chart=roles] dd[data-role=admin]")).hasText("1");
      assertThat(page.locator("[data-chart=outbox] tbody tr")).hasCount(api.getJsonArray("outbox").size());

      tab.screenshot("admin-overview");
      tab.assertClean();
    }
  }

  private static Locator tile(Page page, String name) {
    return page.locator("[data-tile=" + name + "] .tile-value");
  }

  /** The sum of the bars of one series of a chart, read from the drawn SVG. */
  private static long bars(Page page, String chart, String series) {
    return page.locator("[data-chart=" + chart + "] rect[data-series=" + series + "]").all().stream()
        .mapToLong(rect -> Long.parseLong(rect.getAttribute("data-value"))).sum();
  }

  private static long sum(JsonArray array, String key) {
    return array.stream().map(JsonObject.class::cast).mapToLong(o -> o.getLong(key, 0L)).sum();
  }
}
