package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "A comment on your article": the author is mailed, but not about their own comments. The mail's outbox row is
 * written in the comment's transaction, so what it holds (or that there is none) shows right after the answer.
 */
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
    String authorId = author.getString("userId");
    String authorEmail = content.get("/api/me", author.getString("token")).getString("email");
    content.publish(author.getString("token"), Content.article("Rainy season tips"));
    String reader = server.newSession().getString("accessToken");

    assertThat(server.post("/api/articles/rainy-season-tips/comments", author.getString("token"),
        new JsonObject().put("body", "Thanks for reading!")).statusCode()).isEqualTo(201);
    assertThat(commentMails(authorId)).as("no mail about one's own comment").isEmpty();

    HttpResponse<Buffer> commented = server.post("/api/articles/rainy-season-tips/comments", reader,
        new JsonObject().put("body", "Very useful, thank you"));
    assertThat(commented.statusCode()).as(commented.bodyAsString()).isEqualTo(201);
    String path = "/articles/rainy-season-tips#comment-" + commented.bodyAsJsonObject().getString("id");
    assertThat(commentMails(authorId)).as("exactly one mail, written with the comment")
        .containsExactly(path);

    Mailbox.Mail mail = mailbox.awaitTo(authorEmail, "New comment on \"Rainy season tips\"");
    assertThat(mail.text()).contains(server.url(path));
  }

  /** The links of the "comment on your article" mails in the outbox for this user, sent or not. */
  private List<String> commentMails(String userId) {
    return TestDb.rows(server, "SELECT variables FROM outbox WHERE channel = 'email' AND template = 'comment-on-article'"
            + " AND user_id = ?", userId).stream()
        .map(row -> new JsonObject(String.valueOf(row.get("variables"))).getString("path")).toList();
  }
}
