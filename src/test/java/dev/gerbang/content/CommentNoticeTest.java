package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "A comment on your article": the author is mailed, but not about their own comments. */
class CommentNoticeTest {
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  @Test
  void anArticlesAuthorIsMailedAboutAComment() {
    Content content = new Content(server);
    JsonObject author = content.session("editor");
    String authorEmail = server.get("/api/me", author.getString("token")).bodyAsJsonObject().getString("email");
    content.publish(author.getString("token"), Content.article("Rainy season tips"));
    String reader = server.newSession().getString("accessToken");

    assertThat(server.post("/api/articles/rainy-season-tips/comments", author.getString("token"),
        new JsonObject().put("body", "Thanks for reading!")).statusCode()).isEqualTo(201);
    JsonObject comment = server.post("/api/articles/rainy-season-tips/comments", reader,
        new JsonObject().put("body", "Very useful, thank you")).bodyAsJsonObject();

    Mailbox.Mail mail = mailbox.awaitTo(authorEmail, "New comment on \"Rainy season tips\"");
    assertThat(mail.text()).contains(server.url("/articles/rainy-season-tips#comment-" + comment.getString("id")));
    Mailbox.sleep(500);
    assertThat(mailbox.to(authorEmail).stream().filter(m -> m.subject().contains("New comment"))).hasSize(1);
  }
}
