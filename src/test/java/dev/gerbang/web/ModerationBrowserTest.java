package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content moderation in the admin dashboard: categories and tags, every article with its drafts, every comment. */
class ModerationBrowserTest extends BrowserTestBase {
  private TestServer server;
  private String adminEmail;
  private String editorEmail;
  private String editorToken;
  private String readerToken;

  @BeforeEach
  void start() {
    server = TestServer.start();
    adminEmail = TestServer.uniqueEmail();
    server.registerAdmin(adminEmail, "Ayu Admin");
    editorEmail = TestServer.uniqueEmail();
    server.register(editorEmail, TestServer.PASSWORD, "Eka Editor");
    server.grantRole(editorEmail, "editor");
    editorToken = server.login(editorEmail, TestServer.PASSWORD).getString("accessToken");
    String readerEmail = TestServer.uniqueEmail();
    server.register(readerEmail, TestServer.PASSWORD, "Rudi Reader");
    readerToken = server.login(readerEmail, TestServer.PASSWORD).getString("accessToken");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByRoleOptions button(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByLabelOptions exact() {
    return new Locator.GetByLabelOptions().setExact(true);
  }

  private void article(String title, String status) {
    var response = server.post("/api/articles", editorToken, new JsonObject().put("title", title)
        .put("summary", "About " + title).put("body", "Text of *" + title + "*.").put("status", status));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private String comment(String slug, String body) {
    var response = server.post("/api/articles/" + slug + "/comments", readerToken, new JsonObject().put("body", body));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  @Test
  void anAdminCreatesACategoryAndATagAndPublishesAnEditorsDraft() {
    article("Flood safety checklist", "draft");
    article("Old announcement", "draft");

    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page admin = tab.page();
      Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
      admin.getByRole(AriaRole.LINK, named("Admin")).click();
      admin.locator(".tabs").getByRole(AriaRole.LINK, button("Categories and tags")).click();
      assertThat(admin.locator("h1")).hasText("Categories and tags");

      Locator newCategory = admin.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New category"));
      newCategory.getByLabel("Name", exact()).fill("Health");
      newCategory.getByLabel("Description", exact()).fill("Staying well");
      newCategory.getByRole(AriaRole.BUTTON, button("Create category")).click();
      assertThat(admin.locator("tr[data-category=health]")).containsText("Staying well");
      assertThat(newCategory.getByLabel("Name", exact())).isEmpty();
      // The same name again: the API's 409 appears next to the slug it would take.
      newCategory.getByLabel("Name", exact()).fill("Health");
      newCategory.getByRole(AriaRole.BUTTON, button("Create category")).click();
      assertThat(newCategory.locator(".field[data-field=slug] .error")).hasText("A category with this slug already exists");
      tab.allowConsoleError("status of 409");

      Locator newTag = admin.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New tag"));
      newTag.getByRole(AriaRole.BUTTON, button("Create tag")).click();
      assertThat(newTag.locator(".field[data-field=name] .error")).not().isEmpty();
      tab.allowConsoleError("status of 400");
      newTag.getByLabel("Name", exact()).fill("Flood");
      newTag.getByRole(AriaRole.BUTTON, button("Create tag")).click();
      assertThat(admin.locator("tr[data-tag=flood]")).containsText("Flood");
      newTag.getByLabel("Name", exact()).fill("flood");
      newTag.getByRole(AriaRole.BUTTON, button("Create tag")).click();
      assertThat(newTag.locator(".field[data-field=name] .error")).hasText("A tag with this slug already exists");
      tab.allowConsoleError("status of 409");

      // Renaming keeps the slug; the dialog closes and the row follows.
      admin.locator("tr[data-tag=flood]").getByRole(AriaRole.BUTTON, button("Rename Flood")).click();
      Locator dialog = admin.getByRole(AriaRole.DIALOG);
      dialog.getByLabel("Name", exact()).fill("Floods");
      dialog.getByRole(AriaRole.BUTTON, button("Save")).click();
      assertThat(dialog).hasCount(0);
      assertThat(admin.locator("tr[data-tag=flood] strong")).hasText("Floods");
      tab.screenshot("admin-taxonomy");

      // The editor's drafts are in the moderation list; the admin files one and publishes it.
      admin.locator(".tabs").getByRole(AriaRole.LINK, button("Articles")).click();
      admin.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("draft");
      admin.getByRole(AriaRole.BUTTON, named("Apply")).click();
      assertThat(admin).hasURL(Pattern.compile("/admin/articles\\?status=draft$"));
      assertThat(admin.locator("tbody tr")).hasCount(2);
      Locator draft = admin.locator("tr[data-article=flood-safety-checklist]");
      assertThat(draft).containsText("Eka Editor");
      assertThat(draft.locator(".tag")).hasText("Draft");
      tab.screenshot("admin-articles");

      draft.getByRole(AriaRole.LINK, button("Edit Flood safety checklist")).click();
      assertThat(admin.locator("h1")).hasText("Edit article");
      admin.getByLabel("Category", new Page.GetByLabelOptions().setExact(true)).selectOption("health");
      admin.getByLabel("Tags", new Page.GetByLabelOptions().setExact(true)).fill("flood");
      admin.getByRole(AriaRole.BUTTON, named("Save draft and preview")).click();
      assertThat(admin.locator(".notice.ok")).hasText("Saved.");
      admin.navigate("/admin/articles?category=health&tag=flood");
      assertThat(admin.locator("tbody tr")).hasCount(1);
      draft.getByRole(AriaRole.BUTTON, button("Publish Flood safety checklist")).click();
      assertThat(draft.locator(".tag")).hasText("Published");
      assertThat(admin.locator(".news")).hasText("“Flood safety checklist” is published.");

      // Deleting asks first: cancel keeps it, confirming deletes it.
      admin.navigate("/admin/articles?status=draft");
      Locator old = admin.locator("tr[data-article=old-announcement]");
      old.getByRole(AriaRole.BUTTON, button("Delete Old announcement")).click();
      assertThat(dialog.getByRole(AriaRole.BUTTON, button("Cancel"))).isFocused();
      dialog.getByRole(AriaRole.BUTTON, button("Cancel")).click();
      assertThat(old).hasCount(1);
      old.getByRole(AriaRole.BUTTON, button("Delete Old announcement")).click();
      dialog.getByRole(AriaRole.BUTTON, button("Delete")).click();
      assertThat(old).hasCount(0);
      assertThat(server.get("/api/articles/old-announcement", editorToken).statusCode()).isEqualTo(404);
      tab.assertClean();
    }

    // Everyone now reads it, filed under the new category.
    JsonObject published = server.get("/api/articles?category=health", null).bodyAsJsonObject();
    assertThat(published.getJsonArray("items").getJsonObject(0).getString("slug")).isEqualTo("flood-safety-checklist");
    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page reader = tab.page();
      reader.navigate("/articles");
      assertThat(reader.locator(".articles")).containsText("Flood safety checklist");
      tab.assertClean();
    }
  }

  @Test
  void anEditorModeratesContentButSeesNoAdminOnlyTabs() {
    article("Rainy season tips", "draft");
    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page editor = tab.page();
      Browser.signIn(tab, editorEmail, TestServer.PASSWORD);
      editor.getByRole(AriaRole.LINK, named("Admin")).click();
      assertThat(editor.locator("h1")).hasText("Articles");
      assertThat(editor.locator(".tabs")).containsText("Comments");
      assertThat(editor.locator(".tabs")).not().containsText("Users");
      assertThat(editor.locator(".tabs")).not().containsText("Patients");
      assertThat(editor.locator("tr[data-article=rainy-season-tips] .tag")).hasText("Draft");
      editor.navigate("/admin/patients");
      assertThat(editor.locator("h1")).hasText("Not allowed");

      // In Indonesian, every string of the moderation screens follows.
      editor.getByLabel("Language").selectOption("id");
      editor.navigate("/admin/articles");
      assertThat(editor.locator("h1")).hasText("Artikel");
      assertThat(editor.locator(".tabs")).containsText("Kategori dan tag");
      assertThat(editor.locator("tr[data-article=rainy-season-tips]")).containsText("Draf");
      assertThat(editor.getByRole(AriaRole.BUTTON, named("Terbitkan Rainy season tips"))).isVisible();
      tab.screenshot("admin-articles-id");
      tab.assertClean();
    }
  }

  @Test
  void anAdminHidesAReadersCommentAndOthersNoLongerSeeIt() {
    article("Dengue prevention", "published");
    comment("dengue-prevention", "Buy cheap pills at example.com");
    comment("dengue-prevention", "Very helpful, thank you");

    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page admin = tab.page();
      Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
      admin.navigate("/admin/comments");
      assertThat(admin.locator("tbody tr")).hasCount(2);
      Locator spam = admin.locator("tbody tr", new Page.LocatorOptions().setHasText("Buy cheap pills"));
      assertThat(spam).containsText("Dengue prevention");
      spam.getByRole(AriaRole.BUTTON, button("Hide the comment by Rudi Reader")).click();
      assertThat(spam.locator(".tag")).hasText("Hidden");
      assertThat(admin.locator(".news")).containsText("is hidden");
      tab.screenshot("admin-comments");
      admin.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("hidden");
      admin.getByRole(AriaRole.BUTTON, named("Apply")).click();
      assertThat(admin.locator("tbody tr")).hasCount(1);
      tab.assertClean();
    }

    // Others (signed in or not) no longer see it; its author still does, marked hidden.
    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page visitor = tab.page();
      visitor.navigate("/articles/dengue-prevention");
      assertThat(visitor.locator(".comments")).containsText("Very helpful, thank you");
      assertThat(visitor.locator(".comments")).not().containsText("Buy cheap pills");
      assertThat(visitor.locator(".comment-actions")).hasCount(0);
      tab.assertClean();
    }
    assertThat(server.get("/api/articles/dengue-prevention/comments", server.newSession().getString("accessToken"))
        .bodyAsJsonObject().getLong("total")).isEqualTo(1L);
    assertThat(server.get("/api/articles/dengue-prevention/comments", readerToken).bodyAsJsonObject().getLong("total")).isEqualTo(2L);

    // On the article page a moderator sees it marked hidden, with buttons to show or delete it.
    try (Browser.Tab tab = browser.open(server.url(""))) {
      Page admin = tab.page();
      Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
      admin.navigate("/articles/dengue-prevention");
      Locator hidden = admin.locator(".comment", new Page.LocatorOptions().setHasText("Buy cheap pills"));
      assertThat(hidden.locator(".tag")).hasText("hidden");
      assertThat(hidden.getByRole(AriaRole.BUTTON, button("Show the comment by Rudi Reader again"))).isVisible();
      tab.screenshot("blog-article-moderator");
      hidden.getByRole(AriaRole.BUTTON, button("Delete the comment by Rudi Reader")).click();
      admin.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, button("Delete")).click();
      assertThat(hidden).hasCount(0);
      Locator kept = admin.locator(".comment", new Page.LocatorOptions().setHasText("Very helpful"));
      kept.getByRole(AriaRole.BUTTON, button("Hide the comment by Rudi Reader")).click();
      assertThat(admin.locator(".comment", new Page.LocatorOptions().setHasText("Very helpful")).locator(".tag")).hasText("hidden");
      tab.assertClean();
    }
    assertThat(server.get("/api/articles/dengue-prevention/comments", null).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(server.get("/api/articles/dengue-prevention/comments", readerToken).bodyAsJsonObject().getLong("total")).isEqualTo(1L);
  }
}
