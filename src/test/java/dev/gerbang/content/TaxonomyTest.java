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

/** /api/categories and /api/tags: public lists with counts, editor/admin changes, 409 for a category in use. */
class TaxonomyTest {
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

  @Test
  void editorsAndAdminsManageCategoriesOthersCannot() {
    HttpResponse<Buffer> created = server.post("/api/categories", editor,
        new JsonObject().put("name", "Tips & Tricks").put("description", "Short ones"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/categories/tips-tricks");
    assertThat(created.bodyAsJsonObject().getString("slug")).isEqualTo("tips-tricks");
    assertThat(created.bodyAsJsonObject().getLong("articleCount")).isZero();
    assertThat(server.post("/api/categories", content.token("admin"), new JsonObject().put("name", "B").put("slug", "bee"))
        .bodyAsJsonObject().getString("slug")).isEqualTo("bee");

    assertThat(server.post("/api/categories", content.token(), new JsonObject().put("name", "X")).statusCode()).isEqualTo(403);
    assertThat(server.post("/api/categories", null, new JsonObject().put("name", "X")).statusCode()).isEqualTo(401);
    assertThat(content.patch("/api/categories/bee", content.token(), new JsonObject().put("name", "X")).statusCode()).isEqualTo(403);
    assertThat(content.delete("/api/categories/bee", content.token()).statusCode()).isEqualTo(403);

    HttpResponse<Buffer> duplicate = server.post("/api/categories", editor, new JsonObject().put("name", "Tips, tricks"));
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.bodyAsJsonObject().getString("type")).endsWith("/category-exists");

    HttpResponse<Buffer> updated = content.patch("/api/categories/tips-tricks", editor, new JsonObject().put("name", "Tips").put("description", ""));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("slug")).isEqualTo("tips-tricks");
    assertThat(updated.bodyAsJsonObject().getValue("description")).isNull();

    JsonObject page = content.get("/api/categories?limit=1", null);
    assertThat(page.getLong("total")).isEqualTo(2L);
    assertThat(Content.slugs(page)).containsExactly("bee");
    assertThat(Content.slugs(content.get("/api/categories?cursor=" + page.getString("nextCursor"), null))).containsExactly("tips-tricks");
    assertThat(content.get("/api/categories/bee", null).getString("name")).isEqualTo("B");
    assertThat(server.get("/api/categories/none", null).statusCode()).isEqualTo(404);
    assertThat(content.delete("/api/categories/bee", editor).statusCode()).isEqualTo(204);
    assertThat(server.get("/api/categories/bee", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aCategoryWithArticlesIsA409UnlessTheyAreMoved() {
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "Old")));
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "New")));
    content.publish(editor, Content.article("One").put("category", "old"));
    content.create(editor, Content.article("Two").put("category", "old"));
    assertThat(content.get("/api/categories/old", null).getLong("articleCount")).isEqualTo(1L);

    HttpResponse<Buffer> refused = content.delete("/api/categories/old", editor);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/category-in-use");
    assertThat(Content.fieldsOf(content.delete("/api/categories/old?moveTo=missing", editor))).containsExactly("moveTo");
    assertThat(Content.fieldsOf(content.delete("/api/categories/old?moveTo=old", editor))).containsExactly("moveTo");

    assertThat(content.delete("/api/categories/old?moveTo=new", editor).statusCode()).isEqualTo(204);
    assertThat(content.get("/api/articles/two", editor).getJsonObject("category").getString("slug")).isEqualTo("new");
    assertThat(content.get("/api/categories/new", null).getLong("articleCount")).isEqualTo(1L);
    // Once its articles are gone (deleted), a category can go without a move.
    Content.expect(204, content.delete("/api/articles/one", editor));
    Content.expect(204, content.delete("/api/articles/two", editor));
    assertThat(content.delete("/api/categories/new", editor).statusCode()).isEqualTo(204);
  }

  @Test
  void tagsAreListedWithCountsSearchedRenamedAndDeleted() {
    content.publish(editor, Content.article("A").put("tags", new JsonArray().add("Java").add("Web")));
    content.publish(editor, Content.article("B").put("tags", new JsonArray().add("java")));
    content.create(editor, Content.article("C").put("tags", new JsonArray().add("Java")));
    HttpResponse<Buffer> created = server.post("/api/tags", editor, new JsonObject().put("name", "Empty one"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("slug")).isEqualTo("empty-one");
    assertThat(server.post("/api/tags", editor, new JsonObject().put("name", "JAVA")).statusCode()).isEqualTo(409);
    assertThat(server.post("/api/tags", content.token(), new JsonObject().put("name", "x")).statusCode()).isEqualTo(403);
    assertThat(content.patch("/api/tags/web", content.token(), new JsonObject().put("name", "x")).statusCode()).isEqualTo(403);
    assertThat(content.delete("/api/tags/web", content.token()).statusCode()).isEqualTo(403);
    assertThat(content.delete("/api/tags/web", null).statusCode()).isEqualTo(401);

    JsonObject all = content.get("/api/tags", null);
    assertThat(Content.slugs(all)).containsExactly("empty-one", "java", "web");
    assertThat(all.getJsonArray("items").getJsonObject(1).getLong("articleCount")).isEqualTo(2L);
    assertThat(Content.slugs(content.get("/api/tags?q=JA", null))).containsExactly("java");
    assertThat(Content.slugs(content.get("/api/tags?q=%25", null))).isEmpty();

    assertThat(content.patch("/api/tags/web", editor, new JsonObject().put("name", "WWW")).bodyAsJsonObject().getString("name"))
        .isEqualTo("WWW");
    assertThat(content.patch("/api/tags/none", editor, new JsonObject().put("name", "x")).statusCode()).isEqualTo(404);
    assertThat(content.delete("/api/tags/java", editor).statusCode()).isEqualTo(204);
    assertThat(content.get("/api/articles/b", null).getJsonArray("tags")).isEmpty();
    assertThat(content.delete("/api/tags/java", editor).statusCode()).isEqualTo(404);
  }

  @Test
  void badTaxonomyInputIs400() {
    assertThat(Content.fieldsOf(server.post("/api/categories", editor,
        new JsonObject().put("name", "").put("slug", "Bad Slug").put("description", "d".repeat(501)).put("x", 1))))
        .containsExactlyInAnyOrder("name", "slug", "description", "x");
    assertThat(Content.fieldsOf(server.post("/api/tags", editor, new JsonObject().put("name", "t".repeat(51))))).containsExactly("name");
    assertThat(Content.fieldsOf(server.get("/api/tags?limit=101&cursor=bad", null))).containsExactly("limit");
    assertThat(Content.fieldsOf(server.get("/api/tags?cursor=bad", null))).containsExactly("cursor");
    assertThat(Content.fieldsOf(server.get("/api/categories?limit=-1", null))).containsExactly("limit");
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "Kept")));
    assertThat(Content.fieldsOf(content.patch("/api/categories/kept", editor, new JsonObject()))).containsExactly("body");
  }
}
