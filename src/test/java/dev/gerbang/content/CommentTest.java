package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Comments: oldest first in pages, written by signed-in users, edited by their authors, moderated by the article's. */
class CommentTest {
  private TestServer server;
  private Content content;
  private JsonObject articleAuthor;

  @BeforeEach
  void start() {
    server = TestServer.start();
    content = new Content(server);
    articleAuthor = content.session("editor");
    content.publish(articleAuthor.getString("token"), Content.article("Talk"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject comment(String token, String body) {
    HttpResponse<Buffer> response = server.post("/api/articles/talk/comments", token, new JsonObject().put("body", body));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  void signedInUsersCommentAndEveryoneReadsThemOldestFirstInPagesWithoutGaps() {
    JsonObject alice = content.session();
    JsonObject first = comment(alice.getString("token"), "  First  ");
    assertThat(first.getString("body")).isEqualTo("First");
    assertThat(first.getString("status")).isEqualTo("visible");
    assertThat(first.getJsonObject("author").getString("id")).isEqualTo(alice.getString("userId"));
    for (int i = 2; i <= 5; i++) {
      comment(alice.getString("token"), "Comment " + i);
    }
    assertThat(server.post("/api/articles/talk/comments", null, new JsonObject().put("body", "anon")).statusCode()).isEqualTo(401);
    assertThat(server.post("/api/articles/nope/comments", alice.getString("token"), new JsonObject().put("body", "x"))
        .statusCode()).isEqualTo(404);

    List<String> bodies = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = content.get("/api/articles/talk/comments?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(page.getLong("total")).isGreaterThanOrEqualTo(5L);
      page.getJsonArray("items").forEach(item -> bodies.add(((JsonObject) item).getString("body")));
      cursor = page.getString("nextCursor");
      comment(alice.getString("token"), "Late " + pages);
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(bodies.subList(0, 5)).containsExactly("First", "Comment 2", "Comment 3", "Comment 4", "Comment 5");
    assertThat(bodies).doesNotHaveDuplicates();
    assertThat(content.get("/api/articles/talk", null).getLong("commentCount")).isEqualTo(5L + pages);
  }

  @Test
  void authorsEditTheirCommentsAndModeratorsHideThem() {
    JsonObject alice = content.session();
    String bob = content.token();
    String id = comment(alice.getString("token"), "Original").getString("id");

    HttpResponse<Buffer> edited = content.patch("/api/comments/" + id, alice.getString("token"), new JsonObject().put("body", "Edited"));
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(edited.bodyAsJsonObject().getString("body")).isEqualTo("Edited");
    assertThat(content.patch("/api/comments/" + id, bob, new JsonObject().put("body", "Mine now")).statusCode()).isEqualTo(403);
    assertThat(content.patch("/api/comments/" + id, articleAuthor.getString("token"), new JsonObject().put("body", "No"))
        .statusCode()).isEqualTo(403);
    assertThat(content.patch("/api/comments/" + id, alice.getString("token"), new JsonObject().put("status", "hidden"))
        .statusCode()).isEqualTo(403);

    HttpResponse<Buffer> hidden = content.patch("/api/comments/" + id, articleAuthor.getString("token"),
        new JsonObject().put("status", "hidden"));
    assertThat(hidden.statusCode()).isEqualTo(200);
    assertThat(hidden.bodyAsJsonObject().getString("status")).isEqualTo("hidden");
    assertThat(content.get("/api/articles/talk/comments", null).getLong("total")).isZero();
    assertThat(content.get("/api/articles/talk/comments", bob).getLong("total")).isZero();
    assertThat(content.get("/api/articles/talk/comments", alice.getString("token")).getLong("total")).isEqualTo(1L);
    JsonObject moderatorView = content.get("/api/articles/talk/comments", content.token("admin"));
    assertThat(moderatorView.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("hidden");
    assertThat(content.get("/api/articles/talk", null).getLong("commentCount")).isZero();
    assertThat(content.patch("/api/comments/" + id, bob, new JsonObject().put("status", "visible")).statusCode()).isEqualTo(404);

    assertThat(content.patch("/api/comments/" + id, content.token("editor"), new JsonObject().put("status", "visible"))
        .statusCode()).isEqualTo(200);
    assertThat(content.get("/api/articles/talk", null).getLong("commentCount")).isEqualTo(1L);
  }

  @Test
  void theCommentAuthorTheArticleAuthorAndEditorsDeleteOthersCannot() {
    String alice = content.token();
    String bob = content.token();
    String first = comment(alice, "one").getString("id");
    String second = comment(alice, "two").getString("id");
    String third = comment(alice, "three").getString("id");

    assertThat(content.delete("/api/comments/" + first, bob).statusCode()).isEqualTo(403);
    assertThat(content.delete("/api/comments/" + first, null).statusCode()).isEqualTo(401);
    assertThat(content.delete("/api/comments/" + first, alice).statusCode()).isEqualTo(204);
    assertThat(content.delete("/api/comments/" + second, articleAuthor.getString("token")).statusCode()).isEqualTo(204);
    assertThat(content.delete("/api/comments/" + third, content.token("admin")).statusCode()).isEqualTo(204);
    assertThat(content.delete("/api/comments/" + third, alice).statusCode()).isEqualTo(404);
    assertThat(content.get("/api/articles/talk/comments", null).getLong("total")).isZero();
    assertThat(content.delete("/api/comments/not-an-id", alice).statusCode()).isEqualTo(404);
  }

  @Test
  void deletingTheArticleTakesItsCommentsOutOfView() {
    String alice = content.token();
    String id = comment(alice, "Bye").getString("id");

    Content.expect(204, content.delete("/api/articles/talk", articleAuthor.getString("token")));

    assertThat(server.get("/api/articles/talk/comments", null).statusCode()).isEqualTo(404);
    assertThat(content.patch("/api/comments/" + id, alice, new JsonObject().put("body", "still?")).statusCode()).isEqualTo(404);
    assertThat(content.delete("/api/comments/" + id, alice).statusCode()).isEqualTo(404);
  }

  @Test
  void draftsAcceptCommentsOnlyFromThoseWhoCanSeeThem() {
    content.create(articleAuthor.getString("token"), Content.article("Hidden draft"));
    assertThat(server.post("/api/articles/hidden-draft/comments", content.token(), new JsonObject().put("body", "x"))
        .statusCode()).isEqualTo(404);
    assertThat(server.get("/api/articles/hidden-draft/comments", null).statusCode()).isEqualTo(404);
    assertThat(server.post("/api/articles/hidden-draft/comments", content.token("editor"), new JsonObject().put("body", "ok"))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void badCommentInputIs400WithTheFieldsNamed() {
    String alice = content.token();
    assertThat(Content.fieldsOf(server.post("/api/articles/talk/comments", alice, new JsonObject().put("body", "")))).containsExactly("body");
    assertThat(Content.fieldsOf(server.post("/api/articles/talk/comments", alice,
        new JsonObject().put("body", "x".repeat(5001)).put("status", "hidden")))).containsExactlyInAnyOrder("body", "status");
    String id = comment(alice, "ok").getString("id");
    assertThat(Content.fieldsOf(content.patch("/api/comments/" + id, alice, new JsonObject().put("status", "gone"))))
        .containsExactly("status");
    assertThat(Content.fieldsOf(content.patch("/api/comments/" + id, alice, new JsonObject()))).containsExactly("body");
    assertThat(Content.fieldsOf(server.get("/api/articles/talk/comments?limit=1000&cursor=zzz&sort=new", null)))
        .containsExactlyInAnyOrder("limit", "sort");
    assertThat(Content.fieldsOf(server.get("/api/articles/talk/comments?cursor=zzz", null))).containsExactly("cursor");
  }

  @Test
  void anEmptyBodyAndAParentThatIsNoCommentHereAreListedTogether() {
    String alice = content.token();
    content.publish(articleAuthor.getString("token"), Content.article("Elsewhere"));
    HttpResponse<Buffer> elsewhere = server.post("/api/articles/elsewhere/comments", alice, new JsonObject().put("body", "there"));
    String otherArticlesComment = elsewhere.bodyAsJsonObject().getString("id");

    for (String parent : java.util.List.of(dev.gerbang.db.Ids.newId(), otherArticlesComment)) {
      assertThat(Content.fieldsOf(server.post("/api/articles/talk/comments", alice, new JsonObject().put("body", " ")
          .put("parentId", parent)))).as(parent).containsExactlyInAnyOrder("body", "parentId");
    }
    assertThat(dev.gerbang.TestDb.count(server, "SELECT COUNT(*) FROM comments")).isEqualTo(1);
  }
}
