package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/articles: who sees what, filters, search, sorts, pages, and every bad parameter. */
class ArticleListTest {
  private TestServer server;
  private Content content;
  private String editor;

  @BeforeEach
  void start() {
    server = TestServer.start();
    content = new Content(server);
    editor = content.token("editor");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void thePublicSeesPublishedOnlyAuthorsTheirDraftsAndEditorsAll() {
    JsonObject author = content.session("editor");
    String other = content.token();
    content.publish(editor, Content.article("Public one"));
    content.create(editor, Content.article("Editor draft"));
    content.create(author.getString("token"), Content.article("Author draft"));

    JsonObject anonymous = content.get("/api/articles", null);
    assertThat(Content.slugs(anonymous)).containsExactly("public-one");
    assertThat(anonymous.getLong("total")).isEqualTo(1L);
    assertThat(anonymous.getValue("nextCursor")).isNull();
    assertThat(anonymous.getJsonArray("items").getJsonObject(0).containsKey("body")).isFalse();

    assertThat(server.get("/api/articles?status=draft", null).statusCode()).isEqualTo(401);
    assertThat(server.get("/api/articles?status=all", null).statusCode()).isEqualTo(401);
    assertThat(Content.slugs(content.get("/api/articles?status=draft", other))).isEmpty();
    assertThat(Content.slugs(content.get("/api/articles?status=all", other))).containsExactly("public-one");
    assertThat(Content.slugs(content.get("/api/articles?status=draft", editor))).containsExactly("author-draft", "editor-draft");
    assertThat(content.get("/api/articles?status=all", editor).getLong("total")).isEqualTo(3L);
    assertThat(server.get("/api/articles?status=all", editor).getHeader("Cache-Control")).isEqualTo("private, no-cache");
  }

  @Test
  void authorsWithoutTheEditorRoleSeeOnlyTheirOwnDrafts() {
    server.close();
    server = TestServer.start(new JsonObject().put("content", new JsonObject().put("usersMayWriteDrafts", true)));
    content = new Content(server);
    editor = content.token("editor");
    JsonObject writer = content.session();
    content.create(writer.getString("token"), Content.article("Writer draft"));
    content.create(editor, Content.article("Editor draft"));
    content.publish(editor, Content.article("Out"));

    assertThat(Content.slugs(content.get("/api/articles?status=draft", writer.getString("token")))).containsExactly("writer-draft");
    assertThat(Content.slugs(content.get("/api/articles?status=all", writer.getString("token"))))
        .containsExactlyInAnyOrder("writer-draft", "out");
    assertThat(Content.slugs(content.get("/api/articles?author=" + writer.getString("userId") + "&status=all", editor)))
        .containsExactly("writer-draft");
  }

  @Test
  void filtersByCategoryTagsAuthorAndDates() {
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "Guides")));
    JsonObject other = content.session("editor");
    content.publish(editor, Content.article("Java guide").put("category", "guides").put("tags", new JsonArray().add("java").add("web")));
    content.publish(editor, Content.article("Java news").put("tags", new JsonArray().add("java")));
    content.publish(other.getString("token"), Content.article("Web guide").put("category", "guides").put("tags", new JsonArray().add("web")));

    assertThat(Content.slugs(content.get("/api/articles?category=guides", null))).containsExactlyInAnyOrder("java-guide", "web-guide");
    assertThat(Content.slugs(content.get("/api/articles?tag=java", null))).containsExactlyInAnyOrder("java-guide", "java-news");
    assertThat(Content.slugs(content.get("/api/articles?tag=java,web", null))).containsExactly("java-guide");
    JsonObject both = content.get("/api/articles?tag=web&category=guides", null);
    assertThat(Content.slugs(both)).containsExactlyInAnyOrder("java-guide", "web-guide");
    assertThat(both.getLong("total")).isEqualTo(2L);
    assertThat(Content.slugs(content.get("/api/articles?author=" + other.getString("userId"), null))).containsExactly("web-guide");
    assertThat(Content.slugs(content.get("/api/articles?category=nothing", null))).isEmpty();
    assertThat(content.get("/api/articles?from=2000-01-01&to=2999-01-01", null).getLong("total")).isEqualTo(3L);
    assertThat(content.get("/api/articles?from=2999-01-01", null).getLong("total")).isZero();
    assertThat(content.get("/api/articles?to=2000-01-01T00:00:00Z", null).getLong("total")).isZero();
  }

  @Test
  void fullTextSearchMatchesTitleSummaryAndBodyWithPrefixesAndAccents() {
    content.publish(editor, new JsonObject().put("title", "Routing in Vert.x").put("body", "Routers and sub-routers."));
    content.publish(editor, new JsonObject().put("title", "Cafés").put("summary", "Kopi tubruk").put("body", "Coffee."));
    content.publish(editor, new JsonObject().put("title", "Other").put("body", "Nothing about that; quantum."));
    content.create(editor, new JsonObject().put("title", "Draft quantum").put("body", "quantum"));

    assertThat(Content.slugs(content.get("/api/articles?q=vert.x", null))).containsExactly("routing-in-vert-x");
    assertThat(Content.slugs(content.get("/api/articles?q=rout", null))).containsExactly("routing-in-vert-x");
    assertThat(Content.slugs(content.get("/api/articles?q=" + q("cafe"), null))).containsExactly("cafes");
    assertThat(Content.slugs(content.get("/api/articles?q=tubruk", null))).containsExactly("cafes");
    assertThat(Content.slugs(content.get("/api/articles?q=quantum", null))).containsExactly("other");
    assertThat(content.get("/api/articles?q=quantum&status=all", editor).getLong("total")).isEqualTo(2L);
    // FTS syntax in the query is taken as words, never as an error.
    assertThat(server.get("/api/articles?q=" + q("\"unbalanced OR NEAR( * -x"), null).statusCode()).isEqualTo(200);
    assertThat(Content.fieldsOf(server.get("/api/articles?q=" + q("*** ---"), null))).containsExactly("q");
    // An edit is searchable at once; a deleted article is not.
    Content.expect(200, content.patch("/api/articles/other", editor, new JsonObject().put("body", "Entirely different")));
    assertThat(Content.slugs(content.get("/api/articles?q=quantum", null))).isEmpty();
    Content.expect(204, content.delete("/api/articles/cafes", editor));
    assertThat(Content.slugs(content.get("/api/articles?q=tubruk", null))).isEmpty();
  }

  @Test
  void sortsByPublishedDateTitleAndLikesBothWays() {
    content.publish(editor, Content.article("Banana"));
    content.publish(editor, Content.article("apple"));
    content.publish(editor, Content.article("Cherry"));
    Content.expect(200, content.put("/api/articles/banana/like", content.token()));
    Content.expect(200, content.put("/api/articles/banana/like", content.token()));
    Content.expect(200, content.put("/api/articles/cherry/like", content.token()));

    assertThat(Content.slugs(content.get("/api/articles", null))).containsExactly("cherry", "apple", "banana");
    assertThat(Content.slugs(content.get("/api/articles?sort=published", null))).containsExactly("banana", "apple", "cherry");
    assertThat(Content.slugs(content.get("/api/articles?sort=title", null))).containsExactly("apple", "banana", "cherry");
    assertThat(Content.slugs(content.get("/api/articles?sort=-title", null))).containsExactly("cherry", "banana", "apple");
    assertThat(Content.slugs(content.get("/api/articles?sort=-likes", null))).containsExactly("banana", "cherry", "apple");
    assertThat(Content.slugs(content.get("/api/articles?sort=likes", null))).containsExactly("apple", "cherry", "banana");
  }

  @Test
  void pagesHaveNoDuplicatesOrGapsWhileArticlesArePublishedBetweenThem() {
    for (String sort : List.of("-published", "title", "-likes")) {
      server.close();
      server = TestServer.start();
      content = new Content(server);
      editor = content.token("editor");
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        before.add(content.publish(editor, Content.article("Article " + (char) ('a' + i))).getString("slug"));
      }
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonObject page = content.get("/api/articles?limit=3&sort=" + q(sort) + (cursor == null ? "" : "&cursor=" + cursor), null);
        seen.addAll(Content.slugs(page));
        cursor = page.getString("nextCursor");
        // Inserted between pages: sorts after the read ones (newest first, "zz" titles, no likes) or before.
        content.publish(editor, Content.article("Zz inserted " + pages));
        pages++;
      } while (cursor != null && pages < 10);

      assertThat(seen).as(sort).doesNotHaveDuplicates().containsAll(before);
      assertThat(seen).as(sort).hasSizeLessThanOrEqualTo(7 + pages);
    }
  }

  @Test
  void badParametersAreAll400WithEveryFieldListed() {
    HttpResponse<Buffer> response = server.get("/api/articles?limit=101&sort=views&status=secret&author=x&from=yesterday"
        + "&tag=" + q("a,b,c,d,e,f") + "&color=red", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Content.fieldsOf(response)).containsExactlyInAnyOrder("limit", "sort", "status", "author", "from", "tag", "color");

    assertThat(Content.fieldsOf(server.get("/api/articles?limit=0", null))).containsExactly("limit");
    assertThat(Content.fieldsOf(server.get("/api/articles?limit=ten", null))).containsExactly("limit");
    assertThat(Content.fieldsOf(server.get("/api/articles?cursor=garbage", null))).containsExactly("cursor");
    assertThat(Content.fieldsOf(server.get("/api/articles?sort=title&sort=likes", null))).containsExactly("sort");
    assertThat(Content.fieldsOf(server.get("/api/articles?q=" + "x".repeat(201), null))).containsExactly("q");

    // A cursor from one sort is refused by another.
    for (int i = 0; i < 3; i++) {
      content.publish(editor, Content.article("P" + i));
    }
    String cursor = content.get("/api/articles?limit=1", null).getString("nextCursor");
    assertThat(cursor).isNotNull();
    assertThat(Content.fieldsOf(server.get("/api/articles?sort=title&cursor=" + cursor, null))).containsExactly("cursor");
    assertThat(server.get("/api/articles?limit=1&cursor=" + cursor, null).statusCode()).isEqualTo(200);
  }
}
