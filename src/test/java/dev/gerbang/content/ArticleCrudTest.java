package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writing articles: who may create, edit, delete, publish; slugs; rendering; the stored effect. */
class ArticleCrudTest {
  private TestServer server;
  private Content content;

  @BeforeEach
  void start() {
    server = TestServer.start();
    content = new Content(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anEditorCreatesADraftWithASlugRenderedHtmlAndTagsCreatedOnFirstUse() {
    String editor = content.token("editor");

    HttpResponse<Buffer> response = server.post("/api/articles", editor, new JsonObject()
        .put("title", "  Héllo, Wörld: Vert.x 5!  ").put("summary", "Short").put("body", "# Hi\n\nSome **bold** text.")
        .put("tags", new JsonArray().add("Vert.x").add("java").add("JAVA")));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject article = response.bodyAsJsonObject();
    assertThat(response.getHeader("Location")).isEqualTo("/api/articles/hello-world-vert-x-5");
    assertThat(article.getString("slug")).isEqualTo("hello-world-vert-x-5");
    assertThat(article.getString("title")).isEqualTo("Héllo, Wörld: Vert.x 5!");
    assertThat(article.getString("status")).isEqualTo("draft");
    assertThat(article.getString("publishedAt")).isNull();
    assertThat(article.getString("html")).contains("<h1>Hi</h1>").contains("<strong>bold</strong>");
    assertThat(article.getJsonArray("tags")).containsExactly(
        new JsonObject().put("slug", "java").put("name", "java"), new JsonObject().put("slug", "vert-x").put("name", "Vert.x"));
    assertThat(article.getLong("likes")).isZero();
    assertThat(article.getLong("commentCount")).isZero();
    // A draft: not public.
    assertThat(server.get("/api/articles/hello-world-vert-x-5", null).statusCode()).isEqualTo(404);
    assertThat(content.get("/api/articles/hello-world-vert-x-5", editor).getString("body")).isEqualTo("# Hi\n\nSome **bold** text.");
  }

  @Test
  void sameTitlesGetNumberedSlugsThatStayWhenTheTitleChanges() {
    String editor = content.token("editor");
    JsonObject first = content.create(editor, Content.article("Same title"));
    JsonObject second = content.create(editor, Content.article("Same title"));
    JsonObject third = content.create(editor, Content.article("Same  title!"));
    JsonObject emoji = content.create(editor, Content.article("🙂🙂"));

    assertThat(first.getString("slug")).isEqualTo("same-title");
    assertThat(second.getString("slug")).isEqualTo("same-title-2");
    assertThat(third.getString("slug")).isEqualTo("same-title-3");
    assertThat(emoji.getString("slug")).isEqualTo("article");

    HttpResponse<Buffer> renamed = content.patch("/api/articles/same-title", editor, new JsonObject().put("title", "Another title"));
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("slug")).isEqualTo("same-title");
    assertThat(renamed.bodyAsJsonObject().getString("title")).isEqualTo("Another title");
  }
}
