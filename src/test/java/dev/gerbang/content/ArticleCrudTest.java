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

  @Test
  void plainUsersMayNotWriteUnlessTheConfigAllowsAndThenOnlyDrafts() {
    String user = content.token();
    HttpResponse<Buffer> refused = server.post("/api/articles", user, Content.article("Mine"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.post("/api/articles", null, Content.article("Anon")).statusCode()).isEqualTo(401);
    server.close();

    server = TestServer.start(new JsonObject().put("content", new JsonObject().put("usersMayWriteDrafts", true)));
    content = new Content(server);
    JsonObject writer = content.session();
    JsonObject draft = content.create(writer.getString("token"), Content.article("Mine"));
    assertThat(draft.getString("status")).isEqualTo("draft");
    assertThat(draft.getJsonObject("author").getString("id")).isEqualTo(writer.getString("userId"));
    assertThat(server.post("/api/articles", writer.getString("token"), Content.article("Now").put("status", "published"))
        .statusCode()).isEqualTo(403);
    assertThat(server.post("/api/articles/mine/publish", writer.getString("token"), null).statusCode()).isEqualTo(403);
    // The author edits their own draft; another plain user cannot even see it.
    assertThat(content.patch("/api/articles/mine", writer.getString("token"), new JsonObject().put("summary", "S"))
        .statusCode()).isEqualTo(200);
    assertThat(content.patch("/api/articles/mine", content.token(), new JsonObject().put("summary", "X"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void editorsPublishAndUnpublishAndOnlyPublishedArticlesArePublic() {
    String editor = content.token("editor");
    content.create(editor, Content.article("Soon public"));

    HttpResponse<Buffer> published = server.post("/api/articles/soon-public/publish", editor, null);
    assertThat(published.statusCode()).isEqualTo(200);
    JsonObject article = published.bodyAsJsonObject();
    assertThat(article.getString("status")).isEqualTo("published");
    assertThat(article.getString("publishedAt")).isNotNull();
    assertThat(content.get("/api/articles/soon-public", null).getString("title")).isEqualTo("Soon public");

    HttpResponse<Buffer> unpublished = server.post("/api/articles/soon-public/unpublish", content.token("admin"), null);
    assertThat(unpublished.statusCode()).isEqualTo(200);
    assertThat(unpublished.bodyAsJsonObject().getString("status")).isEqualTo("draft");
    assertThat(server.get("/api/articles/soon-public", null).statusCode()).isEqualTo(404);
    assertThat(server.post("/api/articles/soon-public/publish", content.token(), null).statusCode()).isEqualTo(403);
    assertThat(server.post("/api/articles/soon-public/publish", null, null).statusCode()).isEqualTo(401);
    assertThat(server.post("/api/articles/no-such/publish", editor, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theAuthorOrAnEditorEditsAndDeletesOthersGet403() {
    JsonObject author = content.session("editor");
    String other = content.token("editor");
    String user = content.token();
    content.publish(author.getString("token"), Content.article("Shared"));
    content.create(author.getString("token"), new JsonObject().put("title", "Cat holder").put("body", "x"));
    Content.expect(201, server.post("/api/categories", other, new JsonObject().put("name", "News")));

    assertThat(content.patch("/api/articles/shared", user, new JsonObject().put("title", "Hacked")).statusCode()).isEqualTo(403);
    assertThat(content.delete("/api/articles/shared", user).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> edited = content.patch("/api/articles/shared", other, new JsonObject()
        .put("body", "New **body**").put("category", "news").put("tags", new JsonArray().add("Fresh")));
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(edited.bodyAsJsonObject().getString("html")).isEqualTo("<p>New <strong>body</strong></p>\n");
    assertThat(edited.bodyAsJsonObject().getJsonObject("category")).isEqualTo(new JsonObject().put("slug", "news").put("name", "News"));
    assertThat(edited.bodyAsJsonObject().getJsonArray("tags").getJsonObject(0).getString("slug")).isEqualTo("fresh");

    assertThat(content.delete("/api/articles/shared", author.getString("token")).statusCode()).isEqualTo(204);
    assertThat(server.get("/api/articles/shared", null).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/articles/shared", other).statusCode()).isEqualTo(404);
    assertThat(content.delete("/api/articles/shared", author.getString("token")).statusCode()).isEqualTo(404);
    // A deleted article keeps its slug: a new one with the same title gets another.
    assertThat(content.publish(other, Content.article("Shared")).getString("slug")).isEqualTo("shared-2");
  }

  @Test
  void everyInvalidFieldIsListedInOne400() {
    String editor = content.token("editor");
    HttpResponse<Buffer> response = server.post("/api/articles", editor, new JsonObject()
        .put("title", "").put("body", 42).put("summary", "s".repeat(501)).put("category", "Not A Slug")
        .put("tags", new JsonArray().add("ok").add("")).put("status", "live").put("author", "me"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Content.fieldsOf(response)).containsExactlyInAnyOrder("author", "title", "summary", "body", "category", "tags", "status");

    assertThat(Content.fieldsOf(server.post("/api/articles", editor, new JsonObject()))).containsExactlyInAnyOrder("title", "body");
    assertThat(Content.fieldsOf(server.post("/api/articles", editor, Content.article("x").put("category", "missing"))))
        .containsExactly("category");
    JsonArray manyTags = new JsonArray();
    for (int i = 0; i < 11; i++) {
      manyTags.add("t" + i);
    }
    assertThat(Content.fieldsOf(server.post("/api/articles", editor, Content.article("x").put("tags", manyTags)))).containsExactly("tags");
    assertThat(Content.fieldsOf(server.post("/api/articles", editor, Content.article("x").put("body", "b".repeat(50_001)))))
        .containsExactly("body");
    content.create(editor, Content.article("Exists"));
    assertThat(Content.fieldsOf(content.patch("/api/articles/exists", editor, new JsonObject()))).containsExactly("body");
    assertThat(Content.fieldsOf(content.patch("/api/articles/exists", editor, new JsonObject().put("status", "published"))))
        .containsExactly("status");
    HttpResponse<Buffer> notJson = server.request(io.vertx.core.http.HttpMethod.POST, "/api/articles", editor)
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("hi")).await();
    assertThat(notJson.statusCode()).isEqualTo(415);
  }

  /** The unknown category is found by a lookup, the rest by the format checks: one 400 names all of them. */
  @Test
  void aTooLongTitleAnEmptyBodyAndAnUnknownCategoryAreListedTogether() {
    String editor = content.token("editor");
    JsonObject body = new JsonObject().put("title", "t".repeat(201)).put("body", "").put("category", "no-such-category");

    assertThat(Content.fieldsOf(server.post("/api/articles", editor, body))).containsExactlyInAnyOrder("title", "body", "category");
    content.create(editor, Content.article("Kept"));
    assertThat(Content.fieldsOf(content.patch("/api/articles/kept", editor, body))).containsExactlyInAnyOrder("title", "body", "category");
    assertThat(dev.gerbang.TestDb.count(server, "SELECT COUNT(*) FROM articles")).isEqualTo(1);
    assertThat(content.get("/api/articles/kept", editor).getString("title")).isEqualTo("Kept");
  }

  @Test
  void likesAreCountedOncePerUserAndShownOnTheArticle() {
    String editor = content.token("editor");
    content.publish(editor, Content.article("Likeable"));
    String alice = content.token();
    String bob = content.token();

    assertThat(content.put("/api/articles/likeable/like", alice).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("likes", 1L).put("liked", true));
    assertThat(content.put("/api/articles/likeable/like", alice).bodyAsJsonObject().getLong("likes")).isEqualTo(1L);
    assertThat(content.put("/api/articles/likeable/like", bob).bodyAsJsonObject().getLong("likes")).isEqualTo(2L);
    assertThat(content.get("/api/articles/likeable", null).getLong("likes")).isEqualTo(2L);
    assertThat(content.delete("/api/articles/likeable/like", alice).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("likes", 1L).put("liked", false));
    assertThat(content.get("/api/articles/likeable", null).getLong("likes")).isEqualTo(1L);
    assertThat(content.put("/api/articles/likeable/like", null).statusCode()).isEqualTo(401);
    assertThat(content.put("/api/articles/nope/like", bob).statusCode()).isEqualTo(404);
  }

  @Test
  void concurrentArticlesWithTheSameTitleAndNewTagsGetDistinctSlugs() {
    String editor = content.token("editor");
    java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.add(server.request(io.vertx.core.http.HttpMethod.POST, "/api/articles", editor)
          .sendJsonObject(Content.article("Race").put("tags", new JsonArray().add("brand new"))));
    }
    java.util.Set<String> slugs = new java.util.HashSet<>();
    for (var future : sent) {
      HttpResponse<Buffer> response = TestServer.await(future);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      slugs.add(response.bodyAsJsonObject().getString("slug"));
    }
    assertThat(slugs).containsExactlyInAnyOrder("race", "race-2", "race-3", "race-4", "race-5", "race-6");
    assertThat(content.get("/api/tags", null).getJsonArray("items")).hasSize(1);
  }
}
