package dev.gerbang.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ViewportSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium driven by Playwright, headless. Each {@link Tab} is a fresh browser context (its own
 * cookies and storage) that records console errors, uncaught page errors and Content-Security-Policy
 * violations, so that a test can assert that a page ran clean.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final ViewportSize DESKTOP = new ViewportSize(1280, 800);
  static final ViewportSize PHONE = new ViewportSize(390, 844);

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
    this.playwright = playwright;
    this.chromium = chromium;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM);
  }

  /** Skips (not fails) the caller on a machine without chromium. */
  static void assumeChromium() {
    Assumptions.assumeTrue(installed(), ChromiumRequired.MISSING);
  }

  static Browser launch() {
    assumeChromium();
    // Never download browsers, even when run outside Maven (surefire sets the same variable).
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run"))));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A new context at desktop size, in English unless told otherwise. */
  Tab open(String baseUrl) {
    BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setBaseURL(baseUrl).setViewportSize(DESKTOP).setLocale("en-US"));
    return new Tab(context);
  }

  /** The link in a mail (the first one that carries a token), as the user would click it. */
  static String mailedLink(dev.gerbang.Mailbox.Mail mail) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(https?://\\S+?\\?token=[A-Za-z0-9_-]+)").matcher(mail.text());
    assertThat(m.find()).as("a link with a token in: " + mail.text()).isTrue();
    return m.group(1);
  }

  /** Publishes an article through the API (201 expected) and answers its slug. */
  static String publish(dev.gerbang.TestServer server, String editorToken, String title) {
    var created = server.post("/api/articles", editorToken, new io.vertx.core.json.JsonObject()
        .put("title", title).put("body", "Carry an **umbrella**.").put("status", "published"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("slug");
  }

  /** The access token of a new account with this name. */
  static String newAccountToken(dev.gerbang.TestServer server, String name) {
    String someone = dev.gerbang.TestServer.uniqueEmail();
    server.register(someone, dev.gerbang.TestServer.PASSWORD, name);
    return server.login(someone, dev.gerbang.TestServer.PASSWORD).getString("accessToken");
  }

  /** Signs in through the login form and waits for the home page. */
  static void signIn(Tab tab, String email, String password) {
    Page page = tab.page();
    page.navigate("/login");
    page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("h1")).containsText("Hello");
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
  }

  /** One browser context with one page, and what went wrong in it. */
  static final class Tab implements AutoCloseable {
    private final BrowserContext context;
    private final Page page;
    private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cspViolations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> allowed = new ArrayList<>();

    private Tab(BrowserContext context) {
      this.context = context;
      // Runs before any page script, outside the page's CSP; the binding outlives navigations.
      context.exposeBinding("__gerbangCspViolation", (source, args) -> {
        cspViolations.add(String.valueOf(args[0]));
        return null;
      });
      context.addInitScript("document.addEventListener('securitypolicyviolation', e => "
          + "window.__gerbangCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));");
      this.page = context.newPage();
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          consoleErrors.add(message.text() + " (" + page.url() + ")");
        }
      });
      page.onPageError(error -> consoleErrors.add("uncaught: " + error + " (" + page.url() + ")"));
    }

    Page page() {
      return page;
    }

    BrowserContext context() {
      return context;
    }

    /**
     * Chrome logs every HTTP error response to the console ("Failed to load resource: ... status of 401").
     * A test that provokes one on purpose (a wrong password) allows it here, once per call.
     */
    void allowConsoleError(String fragment) {
      allowed.add(fragment);
    }

    List<String> cspViolations() {
      return List.copyOf(cspViolations);
    }

    /** No CSP violation, and no console error beyond those the test provoked on purpose. */
    void assertClean() {
      assertThat(cspViolations).as("CSP violations").isEmpty();
      List<String> unexpected = new ArrayList<>();
      List<String> budget = new ArrayList<>(allowed);
      synchronized (consoleErrors) {
        for (String error : consoleErrors) {
          String match = budget.stream().filter(error::contains).findFirst().orElse(null);
          if (match == null) {
            unexpected.add(error);
          } else {
            budget.remove(match);
          }
        }
      }
      assertThat(unexpected).as("console errors").isEmpty();
    }

    /** Saves target/screenshots/NAME-desktop.png and NAME-phone.png of the current page. */
    void screenshot(String name) {
      try {
        Files.createDirectories(SCREENSHOTS);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-desktop.png")).setFullPage(true));
      page.setViewportSize(PHONE.width, PHONE.height);
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-phone.png")).setFullPage(true));
      page.setViewportSize(DESKTOP.width, DESKTOP.height);
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
