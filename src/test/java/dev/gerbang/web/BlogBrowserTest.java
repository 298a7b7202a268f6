package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import org.junit.jupiter.api.Test;

/** An editor writes, previews and publishes an article; a reader finds it and comments. */
class BlogBrowserTest extends BrowserTestBase {

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  void anEditorPublishesAnArticleAReaderCommentsAndTheEditorReplies() {
    try (TestServer server = TestServer.start()) {
      String editor = TestServer.uniqueEmail();
      server.register(editor, TestServer.PASSWORD, "Eka Editor");
      server.grantRole(editor, "editor");
      String reader = TestServer.uniqueEmail();
      server.register(reader, TestServer.PASSWORD, "Rudi Reader");

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, editor, TestServer.PASSWORD);
        page.getByRole(AriaRole.LINK, named("Blog")).first().click();
        page.getByRole(AriaRole.LINK, named("Write an article")).click();
        page.getByLabel("Title", exact()).fill("Tips for the rainy season");
        page.getByLabel("Summary", exact()).fill("Stay dry and healthy");
        page.getByLabel("Tags", exact()).fill("tips, weather");
        page.getByLabel("Text (Markdown)", exact()).fill("# Be ready\n\nCarry an **umbrella**.\n\n<script>alert('x')</script>");
        page.getByRole(AriaRole.BUTTON, named("Save draft and preview")).click();
        assertThat(page.locator(".preview strong")).hasText("umbrella");
        assertThat(page.locator(".preview script")).hasCount(0);
        assertThat(page.locator("[data-status]")).hasAttribute("data-status", "draft");
        tab.screenshot("blog-editor");
        page.getByRole(AriaRole.BUTTON, named("Publish")).click();
        assertThat(page.locator(".article > h1")).hasText("Tips for the rainy season");
        assertThat(page.locator(".article-body strong")).hasText("umbrella");
        tab.assertClean();
      }

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, reader, TestServer.PASSWORD);
        page.navigate("/articles");
        assertThat(page.locator(".articles")).containsText("Stay dry and healthy");
        tab.screenshot("blog-list");
        page.getByRole(AriaRole.LINK, named("Tips for the rainy season")).click();
        page.getByLabel("Your comment", exact()).fill("Terima kasih, very useful!");
        page.getByRole(AriaRole.BUTTON, named("Post comment")).click();
        assertThat(page.locator(".comments")).containsText("Terima kasih, very useful!");
        page.getByRole(AriaRole.BUTTON, named("Like")).click();
        assertThat(page.locator(".article > .meta")).containsText("Likes: 1");
        assertThat(page.getByRole(AriaRole.BUTTON, named("Unlike"))).hasAttribute("aria-pressed", "true");
        tab.screenshot("blog-article");
        tab.assertClean();
      }

      // The author answers the reader's comment; the reader's bell rings with "replied to your comment".
      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, editor, TestServer.PASSWORD);
        page.navigate("/articles/tips-for-the-rainy-season");
        page.getByRole(AriaRole.BUTTON, named("Reply to Rudi Reader")).click();
        assertThat(page.locator(".replying")).hasText("Replying to Rudi Reader. Cancel reply");
        assertThat(page.getByLabel("Your comment", exact())).isFocused();
        page.getByLabel("Your comment", exact()).fill("Glad it helps!");
        page.getByRole(AriaRole.BUTTON, named("Post comment")).click();
        Locator answer = page.locator(".comment", new Page.LocatorOptions().setHasText("Glad it helps!"));
        assertThat(answer.locator(".meta")).containsText("in reply to Rudi Reader");
        assertThat(page.locator(".replying")).isHidden();
        tab.assertClean();
      }

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, reader, TestServer.PASSWORD);
        page.navigate("/notifications");
        assertThat(page.locator(".notification").first()).containsText("Eka Editor replied to your comment");
        tab.assertClean();
      }

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        page.navigate("/articles/tips-for-the-rainy-season");
        assertThat(page.locator(".comments")).containsText("Rudi Reader");
        assertThat(page.getByRole(AriaRole.LINK, named("Sign in to comment"))).isVisible();
        tab.assertClean();
      }
    }
  }

  /**
   * Issue 20, finding 10: a malformed percent escape in the address (a mistyped or cut link) made the router
   * throw before its try, leaving a blank page and an uncaught error; now it is the app's not-found page.
   */
  @Test
  void aMalformedEscapeInTheAddressShowsTheNotFoundPageWithoutAConsoleError() {
    try (TestServer server = TestServer.start()) {
      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        for (String address : new String[] {"/articles/%E0%A4%A", "/medical-records/%", "/admin/users/%zz"}) {
          page.navigate(address);
          assertThat(page.locator("main h1")).hasText("Page not found");
          assertThat(page.locator("main")).containsText("There is no page at this address.");
        }
        // The app still routes after it.
        page.getByRole(AriaRole.LINK, named("Blog")).first().click();
        assertThat(page.locator("main h1")).hasText("Blog");
        // A link inside the app with such an address is routed without the server: the same page.
        page.evaluate("() => { const a = document.createElement('a'); a.href = '/articles/%E0%A4%A';"
            + " a.textContent = 'A cut link'; document.querySelector('main').append(a); }");
        page.getByText("A cut link").click();
        assertThat(page.locator("main h1")).hasText("Page not found");
        org.assertj.core.api.Assertions.assertThat(page.evaluate("location.pathname")).isEqualTo("/articles/%E0%A4%A");
        tab.assertClean();
      }
    }
  }
}
