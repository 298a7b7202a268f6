package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications in a real browser: the bell's live count, the inbox, the preferences, the service worker, and
 * what signing out undoes. Headless chromium cannot make a real Web Push subscription (see
 * {@link #theServiceWorkerRegistersAtTheRootAndThePushSwitchSaysWhatStopsIt}), so a push is handed to the
 * service worker through the DevTools protocol instead of through a push service.
 */
class NotificationsBrowserTest extends BrowserTestBase {
  private static final Locator.GetByLabelOptions EXACT = new Locator.GetByLabelOptions().setExact(true);
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
  }

  @AfterEach
  void stop() {
    tab.close();
    server.close();
  }

  @Test
  void aCommentRingsTheBellLiveAndOpeningItMarksItReadAndGoesToTheArticle() {
    server.register(email, TestServer.PASSWORD, "Ayu Author");
    server.grantRole(email, "editor");
    String author = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String slug = Browser.publish(server, author, "Tips for the rainy season");
    Browser.signIn(tab, email, TestServer.PASSWORD);
    // Signing in from this browser, a new device, left a notice: read, so that the bell starts at 0.
    assertThat(server.post("/api/notifications/read-all", author, null).statusCode()).isEqualTo(200);

    Locator bell = page.locator("a.bell");
    bell.click();
    assertThat(page.locator("h1")).hasText("Notifications");
    assertThat(bell).hasAttribute("aria-label", "Notifications, 0 unread");
    assertThat(bell).hasAttribute("aria-current", "page");
    assertThat(bell.locator(".badge")).isHidden();
    assertThat(page.locator("li.notification")).hasCount(1);
    assertThat(page.locator("li.notification.unread")).hasCount(0);

    String reader = Browser.newAccountToken(server, "Citra Commenter");
    String commentId = comment(reader, slug, "Terima kasih!");
    // Within a few seconds (Playwright's assertions wait up to 5 s), with no reload: the stream brought it.
    assertThat(bell).hasAttribute("aria-label", "Notifications, 1 unread");
    assertThat(bell.locator(".badge")).hasText("1");
    Locator fresh = page.locator("li.notification").first();
    assertThat(fresh).hasClass(Pattern.compile("\\bunread\\b"));
    assertThat(fresh.locator("a.open")).hasText("Unread: New comment on \"Tips for the rainy season\"");
    assertThat(fresh).containsText("Citra Commenter commented on your article.");
    assertThat(fresh.locator("a.open")).hasAttribute("href", "/articles/" + slug + "#comment-" + commentId);
    assertThat(page.locator("#notify-live")).hasText("New notification: New comment on \"Tips for the rainy season\"");
    tab.screenshot("notifications");

    // By keyboard: the link takes the focus and Enter opens it.
    fresh.locator("a.open").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("h1")).hasText("Tips for the rainy season");
    assertThat(page).hasURL(server.url("/articles/" + slug + "#comment-" + commentId));
    assertThat(bell).hasAttribute("aria-label", "Notifications, 0 unread");
    assertThat(bell.locator(".badge")).isHidden();
    assertThat(server.get("/api/notifications/unread-count", author).bodyAsJsonObject().getInteger("count")).isZero();
    tab.assertClean();
  }

  @Test
  void theInboxFiltersUnreadMarksAllReadAndDeletesOne() {
    server.register(email, TestServer.PASSWORD, "Ayu Author");
    server.grantRole(email, "editor");
    String author = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String slug = Browser.publish(server, author, "Sambal recipes");
    String reader = Browser.newAccountToken(server, "Citra Commenter");
    comment(reader, slug, "one");
    comment(reader, slug, "two");
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/notifications");
    // Two comments and this browser's sign-in.
    assertThat(page.locator("li.notification.unread")).hasCount(3);
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", "Notifications, 3 unread");

    Locator signIn = page.locator("li.notification[data-type='account.sign-in']");
    signIn.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Delete: New sign-in to your account")).click();
    assertThat(signIn).hasCount(0);
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", "Notifications, 2 unread");

    page.getByText("Show only unread").click();
    assertThat(page).hasURL(server.url("/notifications?unread=true"));
    assertThat(page.locator("li.notification.unread")).hasCount(2);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Mark all as read")).click();
    assertThat(page.locator(".inbox .notice.ok")).hasText("Marked as read: 2.");
    assertThat(page.locator("li.notification.unread")).hasCount(0);
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", "Notifications, 0 unread");
    page.reload();
    assertThat(page.locator(".inbox .empty")).hasText("No unread notifications.");
    assertThat(server.get("/api/notifications", author).bodyAsJsonObject().getInteger("total")).isEqualTo(2);
    tab.assertClean();
  }

  @Test
  void pushForRepliesStaysOffAfterAReloadAndSecurityEmailsCannotBeTurnedOff() {
    server.register(email);
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/settings");
    Locator prefs = page.locator("section#notifications");
    Locator replyPush = prefs.getByLabel("Push: Replies to your comments", EXACT);
    assertThat(replyPush).isChecked();
    replyPush.uncheck();
    prefs.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
    assertThat(prefs.locator(".notice.ok")).hasText("Saved.");
    tab.screenshot("notification-settings");
    sectionScreenshot(prefs, "notification-preferences");

    page.reload();
    prefs = page.locator("section#notifications");
    assertThat(prefs.getByLabel("Push: Replies to your comments", EXACT)).not().isChecked();
    assertThat(prefs.getByLabel("In the app: Replies to your comments", EXACT)).isChecked();
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
    JsonObject saved = server.get("/api/me/notification-preferences", token).bodyAsJsonObject();
    assertThat(saved.getJsonObject("comment.reply").getBoolean("push")).isFalse();
    assertThat(saved.getJsonObject("comment.reply").getBoolean("inApp")).isTrue();

    for (String type : List.of("Sign-ins from a new device", "Password changes")) {
      Locator securityEmail = prefs.getByLabel("Email: " + type, EXACT);
      assertThat(securityEmail).isChecked();
      assertThat(securityEmail).isDisabled();
      assertThat(securityEmail).hasAccessibleDescription(Pattern.compile("always come by email"));
    }
    // Even with the box forced open, the server refuses, and says so next to the box.
    Locator signInEmail = prefs.getByLabel("Email: Sign-ins from a new device", EXACT);
    signInEmail.evaluate("box => { box.disabled = false; }");
    signInEmail.uncheck();
    prefs.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
    tab.allowConsoleError("status of 400");
    assertThat(prefs.locator(".field[data-field='account.sign-in.email'] .error"))
        .hasText("cannot be turned off: security notices always go by email");
    assertThat(signInEmail).isFocused();
    JsonObject after = server.get("/api/me/notification-preferences", token).bodyAsJsonObject();
    assertThat(after.getJsonObject("account.sign-in").getBoolean("email")).isTrue();

    // And in Indonesian.
    page.getByLabel("Language", new Page.GetByLabelOptions().setExact(true)).selectOption("id");
    assertThat(page.locator("#notifications-title")).hasText("Notifikasi");
    assertThat(page.locator("section#notifications").getByLabel("Push: Balasan untuk komentar Anda", EXACT)).not().isChecked();
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", Pattern.compile("^Notifikasi, \\d+ belum dibaca$"));
    tab.assertClean();
  }

  @Test
  void theServiceWorkerRegistersAtTheRootAndThePushSwitchSaysWhatStopsIt() {
    HttpResponse<Buffer> script = server.get("/sw.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
    // Without worker-src, workers fall back to script-src 'self': /sw.js is allowed, and no other origin's.
    String csp = script.getHeader("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'");
    assertThat(csp.contains("worker-src") ? csp.contains("worker-src 'self'") : true).as(csp).isTrue();

    server.register(email);
    CDPSession cdp = tab.context().newCDPSession(page);
    // Blocked, as a user who once answered "Block" has it (in this browser context only).
    String contextId = cdp.send("Target.getTargetInfo").getAsJsonObject("targetInfo").get("browserContextId").getAsString();
    cdp.send("Browser.setPermission", com.google.gson.JsonParser.parseString("{\"permission\":{\"name\":\"notifications\"},"
        + "\"setting\":\"denied\",\"origin\":\"" + server.url("") + "\",\"browserContextId\":\"" + contextId + "\"}").getAsJsonObject());
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/settings");
    Locator push = page.locator("section#push");
    assertThat(push.locator("#push-state")).hasText(Pattern.compile("Notifications are blocked for this site"));
    assertThat(push.getByLabel("Push notifications on this device", EXACT)).isDisabled();

    tab.context().grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(server.url("")));
    page.reload();
    push = page.locator("section#push");
    Locator toggle = push.getByLabel("Push notifications on this device", EXACT);
    assertThat(push.locator("#push-state")).hasText(Pattern.compile("^This browser does not get push notifications"));
    assertThat(toggle).isEnabled();
    toggle.click();
    // Playwright's contexts are off the record, where Chrome has no Push API: subscribe() fails, and Chrome
    // logs this error itself. The switch says so and stays off; the service worker is registered all the same.
    tab.allowConsoleError("does not support the Push API in incognito mode");
    assertThat(push.locator(".notice.bad")).hasText(Pattern.compile("^The browser could not subscribe to its push service \\(.+\\)\\. Push stays off\\.$"));
    assertThat(toggle).not().isChecked();
    assertThat(toggle).isEnabled();
    assertThat(push.locator(".push-devices")).hasCount(0);
    assertThat(push).containsText("No browser or phone gets push notifications from this account.");
    assertThat(page.evaluate("() => navigator.serviceWorker.getRegistration('/').then(r => [r.active.scriptURL, r.scope])"))
        .isEqualTo(List.of(server.url("/sw.js"), server.url("/")));
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();
    tab.assertClean();
  }

  @Test
  void aPushShowsItsTitleAndBodyAsTextAndTheWorkerTakesAnOpenTabWhereItLeads() throws Exception {
    server.register(email);
    tab.context().grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(server.url("")));
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/notifications");
    assertThat(page.evaluate("() => import('/js/push.js').then(m => m.registerWorker()).then(r => r.active.scriptURL)"))
        .isEqualTo(server.url("/sw.js"));

    CDPSession cdp = tab.context().newCDPSession(page);
    Queue<String> registrations = new ConcurrentLinkedQueue<>();
    // The browser is shared by the class's tests, each on its own server (origin): take this origin's registration,
    // not one an earlier test left behind, to which a push for this origin would never show.
    String scope = server.url("/");
    cdp.on("ServiceWorker.workerRegistrationUpdated", event -> event.getAsJsonArray("registrations").forEach(r -> {
      com.google.gson.JsonObject registration = r.getAsJsonObject();
      if (scope.equals(registration.get("scopeURL").getAsString()) && !registration.get("isDeleted").getAsBoolean()) {
        registrations.offer(registration.get("registrationId").getAsString());
      }
    }));
    cdp.send("ServiceWorker.enable");
    // Playwright delivers events while the test thread is inside one of its calls: wait through it.
    page.waitForCondition(() -> !registrations.isEmpty());
    String registrationId = registrations.poll();

    assertThat(pushUntilShown(cdp, registrationId, new JsonObject().put("id", "n-1").put("type", "admin.message")
        .put("title", "Hello <b>Ana</b>").put("body", "Body & <i>more</i>").put("path", "/articles")))
        .isEqualTo(List.of("Hello <b>Ana</b>", "Body & <i>more</i>", "n-1", "/articles"));
    // Each is checked as it shows: headless chromium does not promise to keep an earlier one on display.
    assertThat(pushUntilShown(cdp, registrationId, new JsonObject().put("id", "n-2").put("type", "admin.message")
        .put("title", "Elsewhere").put("body", "").put("path", "//evil.example/x")))
        .isEqualTo(List.of("Elsewhere", "", "n-2", "/"));

    // What a click on the first does, run in the worker: the open tab goes there without a reload.
    page.evaluate("() => { window.__sameDocument = true; }");
    evaluateInWorker(cdp, "openApp('/articles')");
    assertThat(page.locator("h1")).hasText("Blog");
    assertThat(page).hasURL(server.url("/articles"));
    assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo(true);
    // The tab follows only paths of this app, whatever message it gets.
    page.evaluate("() => navigator.serviceWorker.dispatchEvent(new MessageEvent('message', "
        + "{data: {type: 'gerbang:navigate', path: '//evil.example/'}}))");
    page.waitForTimeout(300);
    assertThat(page).hasURL(server.url("/articles"));
    tab.assertClean();
  }

  @Test
  void signingOutDeletesThisBrowsersPushSubscriptionWhileTheSessionStillWorks() throws Exception {
    JsonObject user = server.register(email);
    String other = server.login(email, TestServer.PASSWORD).getString("accessToken");
    Browser.signIn(tab, email, TestServer.PASSWORD);
    // The server's side of a subscription as this browser would have made it (headless chromium cannot make a
    // real one), recorded where the app keeps it.
    String endpoint = "https://fcm.googleapis.com/fcm/send/test-" + UUID.randomUUID();
    String id = subscribe(other, endpoint);
    page.evaluate("record => localStorage.setItem('gerbang.push', JSON.stringify(record))",
        java.util.Map.of("id", id, "userId", user.getString("id"), "endpoint", endpoint));
    assertThat(webPush(other)).hasSize(1);

    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page.locator("h1")).hasText("Sign in");
    assertThat(page.locator("a.bell")).hasCount(0);
    assertThat(webPush(other)).isEmpty();
    assertThat(page.evaluate("() => localStorage.getItem('gerbang.push')")).isNull();
    // The stream stopped with the session: no reconnection knocks with a dead token (it would log a 401).
    page.waitForTimeout(2500);
    tab.assertClean();
  }

  @Test
  void theAccountsPushDevicesAreListedEachWithARemoveButton() throws Exception {
    server.register(email);
    String other = server.login(email, TestServer.PASSWORD).getString("accessToken");
    subscribe(other, "https://fcm.googleapis.com/fcm/send/test-" + UUID.randomUUID());
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/settings");
    Locator devices = page.locator("section#push .push-devices li");
    assertThat(devices).hasCount(1);
    // The API client's user agent (GerbangTest/1.0) names no browser; the endpoint's host is shown, never the URL.
    assertThat(devices.locator("strong")).hasText("A browser");
    assertThat(devices.locator(".meta")).hasText(Pattern.compile("^Browser · via fcm\\.googleapis\\.com · added .+ · last push never$"));
    devices.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove A browser")).click();
    assertThat(page.locator("section#push")).containsText("No browser or phone gets push notifications from this account.");
    assertThat(webPush(other)).isEmpty();
    tab.assertClean();
  }

  @Test
  void whenTheSessionIsRevokedElsewhereTheStreamEndsAndTheAppSignsOut() {
    server.register(email);
    Browser.signIn(tab, email, TestServer.PASSWORD);
    page.navigate("/notifications");
    assertThat(page.locator("a.bell")).hasAttribute("aria-label", Pattern.compile("^Notifications, \\d+ unread$"));
    String admin = newAdmin();
    String userId = server.login(email, TestServer.PASSWORD).getJsonObject("user").getString("id");
    assertThat(server.send(io.vertx.core.http.HttpMethod.DELETE, "/api/admin/users/" + userId + "/sessions", admin, null)
        .statusCode()).isIn(200, 204);
    // The stream ends; coming back, its token is refused, the refresh too, and the app lets go of the session.
    assertThat(page.locator("h1")).hasText("Sign in", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
        .setTimeout(15000));
    assertThat(page.locator("a.bell")).hasCount(0);
    tab.allowConsoleError("status of 401");
    tab.allowConsoleError("status of 401");
    tab.assertClean();
  }

  private String newAdmin() {
    String admin = TestServer.uniqueEmail();
    server.register(admin);
    server.grantRole(admin, "admin");
    return server.login(admin, TestServer.PASSWORD).getString("accessToken");
  }

  /** One part of the page, at desktop and phone width, beside the harness's full-page screenshots. */
  private void sectionScreenshot(Locator part, String name) {
    part.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name + "-desktop.png")));
    page.setViewportSize(Browser.PHONE.width, Browser.PHONE.height);
    part.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name + "-phone.png")));
    page.setViewportSize(Browser.DESKTOP.width, Browser.DESKTOP.height);
  }

  private String comment(String token, String slug, String body) {
    HttpResponse<Buffer> created = server.post("/api/articles/" + slug + "/comments", token, new JsonObject().put("body", body));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  /** Registers a Web Push subscription as a browser would (PushSubscription.toJSON()); answers its id. */
  private String subscribe(String token, String endpoint) throws Exception {
    HttpResponse<Buffer> created = server.post("/api/push/subscriptions", token, new JsonObject().put("endpoint", endpoint)
        .put("expirationTime", (Object) null).put("keys", new JsonObject().put("p256dh", p256dh()).put("auth", auth())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private JsonArray webPush(String token) {
    return server.get("/api/me", token).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("webPush");
  }

  /**
   * Delivers the push and answers the notification it showed: [title, body, tag, path]. Delivered again when none
   * showed within 8 s, at most three times: on a loaded CI machine a notification has taken over 5 s to show, and
   * once none showed in 15 s, as if DevTools' delivery had been lost. The same tag replaces, so a late first copy
   * and a second one show as one.
   */
  private List<?> pushUntilShown(CDPSession cdp, String registrationId, JsonObject payload) {
    for (int delivery = 0; delivery < 3; delivery++) {
      deliverPush(cdp, registrationId, payload);
      List<?> shown = awaitShown(payload.getString("id"));
      if (shown != null) {
        return shown;
      }
    }
    return null;
  }

  /** The shown notification with this tag, waiting up to 8 s for it; null if none. */
  private List<?> awaitShown(String tag) {
    for (int i = 0; i < 80; i++) {
      for (Object shown : (List<?>) shownNotifications()) {
        if (tag.equals(((List<?>) shown).get(2))) {
          return (List<?>) shown;
        }
      }
      page.waitForTimeout(100);
    }
    return null;
  }

  private Object shownNotifications() {
    return page.evaluate("() => navigator.serviceWorker.getRegistration('/').then(r => r.getNotifications())"
        + ".then(list => list.map(n => [n.title, n.body, n.tag, n.data.path]).sort((a, b) => a[2].localeCompare(b[2])))");
  }

  /** Hands the worker a push as the push service would (DevTools' ServiceWorker.deliverPushMessage). */
  private void deliverPush(CDPSession cdp, String registrationId, JsonObject payload) {
    com.google.gson.JsonObject args = new com.google.gson.JsonObject();
    args.addProperty("origin", server.url(""));
    args.addProperty("registrationId", registrationId);
    args.addProperty("data", payload.encode());
    cdp.send("ServiceWorker.deliverPushMessage", args);
  }

  /** Runs an expression in the service worker (attached through DevTools) and waits for its promise. */
  private void evaluateInWorker(CDPSession cdp, String expression) {
    String worker = null;
    for (JsonElement target : cdp.send("Target.getTargets").getAsJsonArray("targetInfos")) {
      if ("service_worker".equals(target.getAsJsonObject().get("type").getAsString())) {
        worker = target.getAsJsonObject().get("targetId").getAsString();
      }
    }
    assertThat(worker).as("the service worker's target").isNotNull();
    Queue<String> replies = new ConcurrentLinkedQueue<>();
    cdp.on("Target.receivedMessageFromTarget", event -> replies.offer(event.get("message").getAsString()));
    com.google.gson.JsonObject attach = new com.google.gson.JsonObject();
    attach.addProperty("targetId", worker);
    attach.addProperty("flatten", false);
    String session = cdp.send("Target.attachToTarget", attach).get("sessionId").getAsString();
    com.google.gson.JsonObject message = new com.google.gson.JsonObject();
    message.addProperty("sessionId", session);
    message.addProperty("message", new JsonObject().put("id", 1).put("method", "Runtime.evaluate").put("params",
        new JsonObject().put("expression", expression).put("awaitPromise", true).put("returnByValue", true)).encode());
    cdp.send("Target.sendMessageToTarget", message);
    page.waitForCondition(() -> replies.stream().anyMatch(reply -> new JsonObject(reply).getInteger("id", 0) == 1));
    String reply = replies.stream().filter(r -> new JsonObject(r).getInteger("id", 0) == 1).findFirst().orElseThrow();
    JsonObject json = new JsonObject(reply);
    assertThat(json.containsKey("error") || json.getJsonObject("result").containsKey("exceptionDetails")).as(reply).isFalse();
  }

  /** A P-256 public key as PushSubscription.toJSON() gives it: 65 bytes, uncompressed, base64url. */
  private static String p256dh() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
    byte[] raw = new byte[65];
    raw[0] = 4;
    copy(key.getW().getAffineX(), raw, 1);
    copy(key.getW().getAffineY(), raw, 33);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static void copy(BigInteger coordinate, byte[] into, int at) {
    byte[] bytes = coordinate.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, into, at + 32 - length, length);
  }

  private static String auth() {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
