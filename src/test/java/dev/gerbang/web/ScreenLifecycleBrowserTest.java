package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Screens clean up after themselves: what a screen starts that outlives its DOM (a listener on the document, a
 * subscription to the notification stream, a timer, a request in flight, a dialog) ends when the router leaves
 * it, not when the next event happens to arrive.
 */
class ScreenLifecycleBrowserTest extends BrowserTestBase {
  private TestServer server;
  private Browser.Tab tab;
  private Page page;
  private String email;
  private final Queue<Route> held = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() {
    server = TestServer.start();
    tab = browser.open(server.url(""));
    page = tab.page();
    email = TestServer.uniqueEmail();
  }

  @AfterEach
  void stop() {
    // Requests a test held back: let them go (the page may have aborted them already).
    for (Route route = held.poll(); route != null; route = held.poll()) {
      try {
        route.resume();
      } catch (RuntimeException ignored) {
        // Already aborted by the page, or the page is gone.
      }
    }
    tab.close();
    server.close();
  }

  @Test
  void theInboxStopsListeningToTheStreamWhenItIsLeftNotWhenTheNextNotificationArrives() {
    server.register(email, TestServer.PASSWORD, "Ayu Author");
    server.grantRole(email, "editor");
    String author = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String slug = Browser.publish(server, author, "Tips for the rainy season");
    Browser.signIn(tab, email, TestServer.PASSWORD);
    link("Blog").click();
    assertThat(page.locator("h1")).hasText("Blog");
    int idle = streamListeners();

    for (int visit = 1; visit <= 3; visit++) {
      page.locator("a.bell").click();
      assertThat(page.locator("h1")).hasText("Notifications");
      // This browser's sign-in left a notice: the inbox has loaded.
      assertThat(page.locator("li.notification").first()).isVisible();
      assertThat(streamListeners()).as("with the inbox open").isEqualTo(idle + 1);
      link("Blog").click();
      assertThat(page.locator("h1")).hasText("Blog");
      assertThat(streamListeners()).as("after leaving the inbox %d times", visit).isEqualTo(idle);
    }

    // A language switch draws the inbox again: the new one listens, the old one does not.
    page.locator("a.bell").click();
    assertThat(page.locator("li.notification").first()).isVisible();
    page.getByLabel("Language", new Page.GetByLabelOptions().setExact(true)).selectOption("id");
    assertThat(page.locator("h1")).hasText("Notifikasi");
    assertThat(page.locator("li.notification").first()).isVisible();
    assertThat(streamListeners()).as("after a language switch on the inbox").isEqualTo(idle + 1);
    page.getByLabel("Bahasa", new Page.GetByLabelOptions().setExact(true)).selectOption("en");
    assertThat(page.locator("h1")).hasText("Notifications");
    assertThat(streamListeners()).isEqualTo(idle + 1);

    // Left, the inbox hears nothing of a new notification, and asks the server for nothing.
    link("Blog").click();
    assertThat(page.locator("h1")).hasText("Blog");
    Queue<String> inboxRequests = new ConcurrentLinkedQueue<>();
    page.onRequest(request -> {
      if (request.url().contains("/api/notifications?")) {
        inboxRequests.add(request.url());
      }
    });
    assertThat(server.post("/api/notifications/read-all", author, null).statusCode()).isEqualTo(200);
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", "Notifications, 0 unread");
    String reader = Browser.newAccountToken(server, "Citra Commenter");
    comment(reader, slug, "Terima kasih!");
    // The stream brought it: the bell rings, on the page the user is on.
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", "Notifications, 1 unread");
    assertThat(page.locator("h1")).hasText("Blog");
    assertThat(streamListeners()).isEqualTo(idle);
    assertThat(inboxRequests).isEmpty();

    // Signing out from the inbox ends it too.
    page.locator("a.bell").click();
    assertThat(page.locator("li.notification").first()).isVisible();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page.locator("h1")).hasText("Sign in");
    assertThat(streamListeners()).as("after signing out from the inbox").isEqualTo(idle);
    tab.assertClean();
  }

  @Test
  void visitingSettingsAgainAndAgainLeavesNoListenerOnTheDocumentOrTheWindow() {
    server.register(email);
    Browser.signIn(tab, email, TestServer.PASSWORD);
    CDPSession cdp = tab.context().newCDPSession(page);
    Map<String, Integer> onDocument = listeners(cdp, "document");
    Map<String, Integer> onWindow = listeners(cdp, "window");

    for (int visit = 1; visit <= 4; visit++) {
      link("Settings").click();
      assertThat(page.locator("h1")).hasText("Settings");
      assertThat(page.locator("section#sessions li.session")).hasCount(1);
      assertThat(listeners(cdp, "document").get("gerbang:sessions-changed")).as("on the settings page").isEqualTo(1);
      link("Home").click();
      assertThat(page.locator("h1")).containsText("Hello");
      assertThat(listeners(cdp, "document")).as("on the document after leaving settings %d times", visit).isEqualTo(onDocument);
      assertThat(listeners(cdp, "window")).as("on the window after leaving settings %d times", visit).isEqualTo(onWindow);
    }

    // Drawn again in another language, the page still has exactly one; and the one it has still works.
    link("Settings").click();
    assertThat(page.locator("section#sessions li.session")).hasCount(1);
    page.getByLabel("Language", new Page.GetByLabelOptions().setExact(true)).selectOption("id");
    assertThat(page.locator("h1")).hasText("Pengaturan");
    assertThat(page.locator("section#sessions li.session")).hasCount(1);
    page.getByLabel("Bahasa", new Page.GetByLabelOptions().setExact(true)).selectOption("en");
    assertThat(page.locator("h1")).hasText("Settings");
    assertThat(page.locator("section#sessions li.session")).hasCount(1);
    assertThat(listeners(cdp, "document").get("gerbang:sessions-changed")).isEqualTo(1);
    Queue<String> reloads = new ConcurrentLinkedQueue<>();
    page.onRequest(request -> {
      if (request.url().endsWith("/api/auth/sessions")) {
        reloads.add(request.url());
      }
    });
    page.evaluate("() => document.dispatchEvent(new CustomEvent('gerbang:sessions-changed'))");
    page.waitForCondition(() -> !reloads.isEmpty());
    assertThat(page.locator("section#sessions li.session")).hasCount(1);
    assertThat(reloads).as("one settings page, one reload").hasSize(1);
    tab.assertClean();
  }

  @Test
  void aRequestStillInFlightWhenItsScreenIsLeftIsAborted() {
    page.route(url -> url.contains("/api/articles?"), held::add);
    Queue<String> failed = new ConcurrentLinkedQueue<>();
    page.onRequestFailed(request -> failed.add(request.url() + " " + request.failure()));
    page.navigate("/articles");
    assertThat(page.locator("h1")).hasText("Blog");
    page.waitForCondition(() -> !held.isEmpty());

    link("Sign in").click();
    assertThat(page.locator("h1")).hasText("Sign in");
    page.waitForCondition(() -> failed.stream().anyMatch(f -> f.contains("/api/articles?")),
        new Page.WaitForConditionOptions().setTimeout(5000));
    assertThat(page.locator("h1")).hasText("Sign in");
    tab.assertClean();
  }

  @Test
  void aScreenStillLoadingWhenTheUserGoesElsewhereIsAbortedAndNeverShown() {
    server.register(email, TestServer.PASSWORD, "Eka Editor");
    server.grantRole(email, "editor");
    String slug = Browser.publish(server, server.login(email, TestServer.PASSWORD).getString("accessToken"), "Monsoon notes");
    page.navigate("/articles");
    assertThat(page.locator("[data-article='" + slug + "'] a")).hasText("Monsoon notes");

    String article = "/api/articles/" + slug;
    page.route(url -> url.endsWith(article), held::add);
    Queue<String> failed = new ConcurrentLinkedQueue<>();
    page.onRequestFailed(request -> failed.add(request.url()));
    page.locator("[data-article='" + slug + "'] a").click();
    page.waitForCondition(() -> !held.isEmpty());
    // The article's screen waits for its article; the user goes to another page meanwhile.
    link("Sign in").click();
    assertThat(page.locator("h1")).hasText("Sign in");
    page.waitForCondition(() -> failed.stream().anyMatch(f -> f.endsWith(article)),
        new Page.WaitForConditionOptions().setTimeout(5000));
    assertThat(page.locator("h1")).hasText("Sign in");
    tab.assertClean();
  }

  @Test
  void aDialogOpenWhenItsScreenIsLeftClosesWithIt() {
    server.register(email, TestServer.PASSWORD, "Eka Editor");
    server.grantRole(email, "editor");
    String editor = server.login(email, TestServer.PASSWORD).getString("accessToken");
    var created = server.post("/api/categories", editor, new io.vertx.core.json.JsonObject().put("name", "Recipes"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    Browser.signIn(tab, email, TestServer.PASSWORD);
    link("Admin").click();
    assertThat(page.locator("h1")).hasText("Articles");
    page.locator(".tabs").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName("Categories and tags").setExact(true)).click();
    assertThat(page.locator("h1")).hasText("Categories and tags");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete Recipes").setExact(true)).click();
    assertThat(page.getByRole(AriaRole.DIALOG)).isVisible();

    // The back button still works under a modal dialog: the dialog must not stay over the next page.
    page.goBack();
    assertThat(page.locator("h1")).hasText("Articles");
    assertThat(page.locator("dialog")).hasCount(0);
    assertThat(server.get("/api/categories", null).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    tab.assertClean();
  }

  @Test
  void thePasswordChecksWaitingTimerEndsWithItsScreen() {
    // Every fetch the page starts, counted as it starts (the network events arrive later).
    tab.context().addInitScript("window.__fetches = []; const fetch0 = window.fetch; "
        + "window.fetch = function (input, init) { window.__fetches.push(String(input && input.url || input)); "
        + "return fetch0.apply(this, arguments); };");
    page.clock().install();
    page.navigate("/register");
    assertThat(page.locator("h1")).hasText("Create your account");
    com.microsoft.playwright.Locator password = page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true));
    // It checks a quarter of a second after the last key.
    password.fill("short");
    page.clock().runFor(300);
    assertThat(page.locator("ul.rules li.rule")).not().hasCount(0);
    assertThat(checks()).isEqualTo(1);

    password.fill("shorter");
    page.locator("main").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName("Sign in").setExact(true)).click();
    assertThat(page.locator("h1")).hasText("Sign in");
    page.clock().runFor(1000);
    assertThat(checks()).as("password checks after leaving the page").isEqualTo(1);
    tab.assertClean();
  }

  @Test
  void aScopeEndsWhatItHoldsOnceAndWhatItGuardsNeverSettlesAfter() {
    page.navigate("/");
    assertThat(page.locator("h1")).isVisible();
    @SuppressWarnings("unchecked")
    Map<String, Object> seen = (Map<String, Object>) page.evaluate("""
        async () => {
          const { scope } = await import('/js/lifecycle.js');
          const tick = () => new Promise((resolve) => { setTimeout(resolve, 0); });
          const seen = { cleanups: 0, late: 0, listener: 0, timer: 0, child: 0, partLeft: 0, order: [] };
          const life = scope();
          life.add(() => { seen.cleanups += 1; seen.order.push('first'); });
          life.add(() => seen.order.push('second'));
          const taken = life.add(() => { seen.cleanups += 100; });
          taken();
          const target = new EventTarget();
          life.on(target, 'ping', () => { seen.listener += 1; });
          target.dispatchEvent(new Event('ping'));
          life.timeout(() => { seen.timer += 1; }, 0);
          const part = life.child();
          part.add(() => { seen.child += 1; });
          const replaced = life.child();
          replaced.add(() => { seen.partLeft += 1; });
          replaced.dispose();
          let release;
          const answer = new Promise((resolve) => { release = resolve; });
          life.guard(answer).then(() => { seen.late += 1; }, () => { seen.late += 1; });
          life.guard(Promise.reject(new Error('late'))).catch(() => { seen.late += 10; });
          life.dispose();
          life.dispose();
          release('too late');
          target.dispatchEvent(new Event('ping'));
          await tick();
          let after = 0;
          life.add(() => { after += 1; });
          life.timeout(() => { seen.timer += 10; }, 0);
          await tick();
          return { ...seen, after, aborted: life.signal.aborted, disposed: life.disposed };
        }""");
    assertThat(seen.get("cleanups")).as("a clean-up runs once, one taken back never").isEqualTo(1);
    assertThat(seen.get("order")).as("newest first").isEqualTo(java.util.List.of("second", "first"));
    assertThat(seen.get("listener")).as("the listener, before and after").isEqualTo(1);
    assertThat(seen.get("timer")).as("timers of a scope that ended").isEqualTo(0);
    assertThat(seen.get("child")).as("a part ends with its screen").isEqualTo(1);
    assertThat(seen.get("partLeft")).as("a part replaced earlier ends once").isEqualTo(1);
    assertThat(seen.get("late")).as("guarded answers arriving after the end").isEqualTo(0);
    assertThat(seen.get("after")).as("added after the end: run at once").isEqualTo(1);
    assertThat(seen.get("aborted")).isEqualTo(true);
    assertThat(seen.get("disposed")).isEqualTo(true);
    tab.assertClean();
  }

  /** Listeners on the stream's events and count (the bell's, an open inbox's), from notify.js. */
  private int streamListeners() {
    return ((Number) page.evaluate("() => import('/js/notify.js').then(m => m.listenerCount())")).intValue();
  }

  private int checks() {
    return ((Number) page.evaluate("() => window.__fetches.filter(u => u.includes('/api/auth/password/check')).length")).intValue();
  }

  private com.microsoft.playwright.Locator link(String name) {
    return page.locator("header").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName(name).setExact(true));
  }

  /** The event listeners on document or window, by type, as DevTools sees them (getEventListeners in the console). */
  private static Map<String, Integer> listeners(CDPSession cdp, String expression) {
    JsonObject evaluate = new JsonObject();
    evaluate.addProperty("expression", expression);
    evaluate.addProperty("objectGroup", "listeners");
    String objectId = cdp.send("Runtime.evaluate", evaluate).getAsJsonObject("result").get("objectId").getAsString();
    JsonObject ask = new JsonObject();
    ask.addProperty("objectId", objectId);
    Map<String, Integer> byType = new TreeMap<>();
    for (JsonElement listener : cdp.send("DOMDebugger.getEventListeners", ask).getAsJsonArray("listeners")) {
      byType.merge(listener.getAsJsonObject().get("type").getAsString(), 1, Integer::sum);
    }
    JsonObject release = new JsonObject();
    release.addProperty("objectGroup", "listeners");
    cdp.send("Runtime.releaseObjectGroup", release);
    return byType;
  }

  private void comment(String token, String slug, String body) {
    var created = server.post("/api/articles/" + slug + "/comments", token, new io.vertx.core.json.JsonObject().put("body", body));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }
}
