package dev.gerbang.content;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertInvalidCursor;
import static dev.gerbang.Problems.assertProblem;
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

/** GET /api/comments: every comment on every article, newest first, hidden ones too, for editors and admins. */
class CommentModerationListTest {
  private TestServer server;
  private Content content;
  private String editor;

  @BeforeEach
  void start() {
    server = TestServer.start();
    content = new Content(server);
    editor = content.token("editor");
    content.publish(editor, Content.article("Rainy season"));
    content.publish(editor, Content.article("Dry season"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String comment(String token, String slug, String body) {
    HttpResponse<Buffer> response = server.post("/api/articles/" + slug + "/comments", token, new JsonObject().put("body", body));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private static List<String> bodies(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("body")).toList();
  }

  @Test
  void editorsAndAdminsSeeEveryCommentNewestFirstWithItsArticleHiddenOnesToo() {
    String reader = content.token();
    comment(reader, "rainy-season", "Bring an umbrella");
    String rude = comment(reader, "dry-season", "Rude words");
    comment(reader, "rainy-season", "Thanks!");
    assertThat(content.patch("/api/comments/" + rude, editor, new JsonObject().put("status", "hidden")).statusCode()).isEqualTo(200);

    JsonObject all = content.get("/api/comments", content.token("admin"));
    assertThat(bodies(all)).containsExactly("Thanks!", "Rude words", "Bring an umbrella");
    assertThat(all.getLong("total")).isEqualTo(3L);
    JsonObject hidden = all.getJsonArray("items").getJsonObject(1);
    assertThat(hidden.getString("status")).isEqualTo("hidden");
    assertThat(hidden.getString("articleSlug")).isEqualTo("dry-season");
    assertThat(hidden.getString("articleTitle")).isEqualTo("Dry season");
    assertThat(hidden.getJsonObject("author").getString("name")).isNotBlank();

    JsonObject onlyHidden = content.get("/api/comments?status=hidden", editor);
    assertThat(bodies(onlyHidden)).containsExactly("Rude words");
    assertThat(onlyHidden.getLong("total")).isEqualTo(1L);
    assertThat(bodies(content.get("/api/comments?status=visible&q=UMBRELLA", editor))).containsExactly("Bring an umbrella");
    assertThat(content.get("/api/comments?q=100%25_off", editor).getLong("total")).isZero();

    // Pages follow each other without gaps or repeats, even as new comments arrive.
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = content.get("/api/comments?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), editor);
      seen.addAll(bodies(page));
      cursor = page.getString("nextCursor");
      comment(reader, "rainy-season", "Late " + seen.size());
    } while (cursor != null);
    assertThat(seen).containsExactly("Thanks!", "Rude words", "Bring an umbrella");

    // The comments of a deleted article leave the list with it.
    assertThat(content.delete("/api/articles/dry-season", editor).statusCode()).isEqualTo(204);
    assertThat(bodies(content.get("/api/comments?status=hidden", editor))).isEmpty();
  }

  @Test
  void badQueryParametersAre400WithEachOneNamed() {
    assertThat(assertInvalid(server.get("/api/comments?status=deleted&limit=0&sort=new", editor)))
        .containsExactlyInAnyOrder("status", "limit", "sort");
    assertThat(assertInvalid(server.get("/api/comments?q=" + "x".repeat(101), editor))).containsExactly("q");
    assertInvalidCursor(server.get("/api/comments?cursor=not-a-cursor", editor));
  }

  @Test
  void anonymousCallersAre401AndUsersWithoutTheEditorOrAdminRoleAre403() {
    comment(content.token(), "rainy-season", "Hello");
    assertProblem(server.get("/api/comments", null), 401, "unauthorized");
    assertProblem(server.get("/api/comments", content.token()), 403, "forbidden");
    assertProblem(server.get("/api/comments", content.token("doctor", "patient")), 403, "forbidden");
  }
}
