package dev.gerbang.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each node keeps public content in memory; an edit made through one node drops what the other kept, over the
 * event bus, so that its next reads show the edit: the article page and every list it is on.
 */
class ClusterContentTest {
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    cluster = TestCluster.start(2, new JsonObject());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JsonObject read(TestServer node, String path) {
    HttpResponse<Buffer> response = node.get(path, null);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Milliseconds until this node's answer to the path contains the text, polling; -1 if not within 5 s. */
  private static long untilShown(TestServer node, String path, String text, long since) {
    while (System.nanoTime() - since < 5_000_000_000L) {
      if (node.get(path, null).bodyAsString().contains(text)) {
        return (System.nanoTime() - since) / 1_000_000;
      }
    }
    return -1;
  }

  @Test
  void anEditThroughOneNodeIsShownByTheOtherWhoseCacheHeldTheOldArticle() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    String editor = a.newSessionWithRoles("editor").getString("accessToken");
    HttpResponse<Buffer> created = a.post("/api/articles", editor,
        new JsonObject().put("title", "Kept on both nodes").put("body", "The first version.").put("status", "published"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String slug = created.bodyAsJsonObject().getString("slug");
    String page = "/api/articles/" + slug;
    String list = "/api/articles?status=published&limit=50";

    // B keeps both answers in memory (the same ETag twice).
    String etag = b.get(page, null).getHeader("ETag");
    assertThat(b.get(page, null).getHeader("ETag")).isEqualTo(etag);
    assertThat(read(b, list).encode()).contains("Kept on both nodes");

    HttpResponse<Buffer> edited = a.send(HttpMethod.PATCH, page, editor, new JsonObject().put("title", "Edited through A"));
    assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
    long since = System.nanoTime();

    assertThat(read(a, page).getString("title")).as("the node that made the edit, at once").isEqualTo("Edited through A");
    long pageShown = untilShown(b, page, "Edited through A", since);
    long listShown = untilShown(b, list, "Edited through A", since);
    assertThat(pageShown).as("ms until the other node's article page showed the edit").isBetween(0L, 2000L);
    assertThat(listShown).as("ms until the other node's list showed the edit").isBetween(0L, 2000L);
    assertThat(b.get(page, null).getHeader("ETag")).isNotEqualTo(etag);
  }
}
