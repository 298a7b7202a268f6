package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cached public content: ETags and 304s, and no write is ever followed by a stale read. */
class ContentCacheTest {
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

  private HttpResponse<Buffer> conditional(String path, String etag) {
    return server.raw(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap().add("If-None-Match", etag), null);
  }

  @Test
  void publicResponsesCarryAnEtagAndIfNoneMatchGives304() {
    content.publish(editor, Content.article("Cached"));
    for (String path : new String[] {"/api/articles/cached", "/api/articles", "/api/articles?tag=x&sort=title"}) {
      HttpResponse<Buffer> first = server.get(path, null);
      String etag = first.getHeader("ETag");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");
      assertThat(first.getHeader("Cache-Control")).isEqualTo("public, no-cache");

      HttpResponse<Buffer> again = conditional(path, etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body() == null || again.body().length() == 0).isTrue();
      assertThat(again.getHeader("ETag")).isEqualTo(etag);
      assertThat(conditional(path, "W/" + etag + ", \"other\"").statusCode()).isEqualTo(304);
      assertThat(conditional(path, "\"other\"").statusCode()).isEqualTo(200);
      // A signed-in reader of public content gets the same representation.
      assertThat(server.get(path, editor).getHeader("ETag")).isEqualTo(etag);
    }
  }

  @Test
  void everyWriteIsVisibleOnTheVeryNextRead() {
    content.publish(editor, Content.article("Fresh"));
    // Warm both caches, on several event loops.
    for (int i = 0; i < 4; i++) {
      content.get("/api/articles/fresh", null);
      content.get("/api/articles", null);
    }
    String etag = server.get("/api/articles/fresh", null).getHeader("ETag");

    Content.expect(200, content.patch("/api/articles/fresh", editor, new JsonObject().put("title", "Fresher")));
    assertThat(content.get("/api/articles/fresh", null).getString("title")).isEqualTo("Fresher");
    assertThat(content.get("/api/articles", null).getJsonArray("items").getJsonObject(0).getString("title")).isEqualTo("Fresher");
    assertThat(conditional("/api/articles/fresh", etag).statusCode()).isEqualTo(200);

    Content.expect(201, server.post("/api/articles/fresh/comments", content.token(), new JsonObject().put("body", "First!")));
    assertThat(content.get("/api/articles/fresh", null).getLong("commentCount")).isEqualTo(1L);

    Content.expect(200, content.put("/api/articles/fresh/like", content.token()));
    assertThat(content.get("/api/articles/fresh", null).getLong("likes")).isEqualTo(1L);
    assertThat(content.get("/api/articles", null).getJsonArray("items").getJsonObject(0).getLong("likes")).isEqualTo(1L);

    content.publish(editor, Content.article("Newer"));
    assertThat(Content.slugs(content.get("/api/articles", null))).containsExactly("newer", "fresh");

    Content.expect(200, server.post("/api/articles/newer/unpublish", editor, null));
    assertThat(Content.slugs(content.get("/api/articles", null))).containsExactly("fresh");
    assertThat(server.get("/api/articles/newer", null).statusCode()).isEqualTo(404);

    Content.expect(204, content.delete("/api/articles/fresh", editor));
    assertThat(server.get("/api/articles/fresh", null).statusCode()).isEqualTo(404);
    assertThat(content.get("/api/articles", null).getLong("total")).isZero();
  }

  @Test
  void renamingOrDeletingCategoriesAndTagsRefreshesCachedArticles() {
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "Old name")));
    Content.expect(201, server.post("/api/categories", editor, new JsonObject().put("name", "Other")));
    content.publish(editor, Content.article("Tagged").put("category", "old-name").put("tags", new JsonArray().add("Alpha")));
    content.get("/api/articles/tagged", null);
    content.get("/api/articles?category=old-name", null);

    Content.expect(200, content.patch("/api/categories/old-name", editor, new JsonObject().put("name", "New name")));
    Content.expect(200, content.patch("/api/tags/alpha", editor, new JsonObject().put("name", "ALPHA")));
    JsonObject article = content.get("/api/articles/tagged", null);
    assertThat(article.getJsonObject("category").getString("name")).isEqualTo("New name");
    assertThat(article.getJsonArray("tags").getJsonObject(0).getString("name")).isEqualTo("ALPHA");

    Content.expect(204, content.delete("/api/tags/alpha", editor));
    assertThat(content.get("/api/articles/tagged", null).getJsonArray("tags")).isEmpty();
    Content.expect(204, content.delete("/api/categories/old-name?moveTo=other", editor));
    assertThat(content.get("/api/articles/tagged", null).getJsonObject("category").getString("slug")).isEqualTo("other");
    assertThat(content.get("/api/articles?category=old-name", null).getLong("total")).isZero();
  }

  @Test
  void draftsAreNeverCachedOrSharedAndNotModifiedStillWorksForThem() {
    content.create(editor, Content.article("Secret"));
    HttpResponse<Buffer> own = server.get("/api/articles/secret", editor);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.getHeader("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(server.get("/api/articles/secret", null).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> revalidated = server.request(HttpMethod.GET, "/api/articles/secret", editor)
        .putHeader("If-None-Match", own.getHeader("ETag")).send().await();
    assertThat(revalidated.statusCode()).isEqualTo(304);
  }

  @Test
  void aChangeAnnouncedByAnotherNodeClearsThisNodesCache() {
    content.publish(editor, Content.article("Remote"));
    content.get("/api/articles/remote", null);
    ContentCache cache = server.gerbang().feature(ContentFeature.class).cache();
    assertThat(cache.get(ContentCache.articleKey("remote"))).isNotNull();

    // Another node's announcement arrives as a plain event-bus message, without this node's origin.
    server.gerbang().vertx().eventBus().publish(ContentChanged.ADDRESS, ContentChanged.article("remote", true).toJson());
    long deadline = System.currentTimeMillis() + 5000;
    while (cache.get(ContentCache.articleKey("remote")) != null && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(cache.get(ContentCache.articleKey("remote"))).isNull();
  }

  /** Invalidation is precise: a reader's language is nobody else's business, an author's new name is everyone's. */
  @Test
  void anAccountsLanguageLeavesTheCacheAloneButItsNewNameClearsWhatShowsIt() {
    content.publish(editor, Content.article("Named"));
    content.get("/api/articles/named", null);
    ContentCache cache = server.gerbang().feature(ContentFeature.class).cache();
    assertThat(cache.get(ContentCache.articleKey("named"))).isNotNull();

    assertThat(content.patch("/api/me", editor, new JsonObject().put("locale", "id")).statusCode()).isEqualTo(200);
    assertThat(cache.get(ContentCache.articleKey("named"))).as("a language change").isNotNull();

    assertThat(content.patch("/api/me", editor, new JsonObject().put("name", "Renamed Editor")).statusCode()).isEqualTo(200);
    assertThat(cache.get(ContentCache.articleKey("named"))).as("a new name, gone before the answer").isNull();
    assertThat(content.get("/api/articles/named", null).getJsonObject("author").getString("name")).isEqualTo("Renamed Editor");
  }

  @Test
  void aReadThatStartedBeforeAWriteNeverStoresWhatItRead() {
    ContentCache cache = server.gerbang().feature(ContentFeature.class).cache();
    String key = ContentCache.articleKey("raced");
    long before = cache.version();
    // The write lands (and invalidates) while the read is still under way...
    server.gerbang().components().events().announce(ContentChanged.article("raced", true));
    // ...then the read finishes and tries to store the old body: it must not stay.
    cache.put(key, before, ContentCache.Entry.of(new JsonObject().put("title", "old")));
    assertThat(cache.get(key)).isNull();

    long now = cache.version();
    cache.put(key, now, ContentCache.Entry.of(new JsonObject().put("title", "new")));
    assertThat(cache.get(key)).isNotNull();
  }

  @Test
  void aDeletedAccountTakesItsLikesAndCommentsAndARenamedOneItsNameOutOfCachedPages() {
    JsonObject author = content.session("editor");
    content.publish(author.getString("token"), Content.article("Popular"));
    String email = TestServer.uniqueEmail();
    server.register(email);
    String leaver = server.login(email, TestServer.PASSWORD).getString("accessToken");
    Content.expect(200, content.put("/api/articles/popular/like", leaver));
    Content.expect(201, server.post("/api/articles/popular/comments", leaver, new JsonObject().put("body", "bye")));
    JsonObject before = content.get("/api/articles/popular", null);
    assertThat(before.getLong("likes")).isEqualTo(1L);
    assertThat(before.getLong("commentCount")).isEqualTo(1L);

    HttpResponse<Buffer> deleted = server.send(HttpMethod.DELETE, "/api/me", leaver, new JsonObject().put("password", TestServer.PASSWORD));
    assertThat(deleted.statusCode()).isEqualTo(204);
    Content.expect(200, content.patch("/api/me", author.getString("token"), new JsonObject().put("name", "Renamed Author")));

    // The account changes are announced before they are answered: the very next read shows them.
    JsonObject after = content.get("/api/articles/popular", null);
    assertThat(after.getJsonObject("author").getString("name")).isEqualTo("Renamed Author");
    assertThat(after.getLong("likes")).isZero();
    assertThat(after.getLong("commentCount")).isZero();
  }
}
