package dev.gerbang.notify;

import static dev.gerbang.Problems.assertInvalidCursor;
import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-app inbox: what events put in it, and that only its owner reads or changes it (ASVS 4.0.3 V4.2.1). */
class NotificationInboxTest {
  private TestServer server;
  private Inbox inbox;

  @BeforeEach
  void start() {
    server = TestServer.start();
    inbox = new Inbox(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCommentNotifiesTheArticlesAuthorAndAReplyTheCommentsAuthorOnce() {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    Person other = inbox.person();
    String slug = inbox.article(author, "Garden notes");

    String first = inbox.comment(reader, slug, "Lovely", null);
    assertThat(inbox.unread(author)).isEqualTo(1);
    JsonObject notice = inbox.items(author).getJsonObject(0);
    assertThat(notice.getString("type")).isEqualTo("comment.on-article");
    assertThat(notice.getString("title")).isEqualTo("New comment on \"Garden notes\"");
    assertThat(notice.getString("path")).isEqualTo("/articles/" + slug + "#comment-" + first);
    assertThat(notice.getString("readAt")).isNull();
    assertThat(inbox.items(reader)).isEmpty();

    // A reply tells the answered comment's author, and the article's author as a comment.
    inbox.comment(other, slug, "Agreed", first);
    assertThat(inbox.items(reader).getJsonObject(0).getString("type")).isEqualTo("comment.reply");
    assertThat(inbox.unread(author)).isEqualTo(2);
    // The author answering a comment on their own article: the reader hears of the reply, the author of nothing.
    inbox.comment(author, slug, "Thanks", first);
    assertThat(inbox.unread(author)).isEqualTo(2);
    assertThat(inbox.unread(reader)).isEqualTo(2);
    // Answering the author's own comment: one notice (the reply), not two.
    String authors = inbox.comment(author, slug, "Hello all", null);
    inbox.comment(reader, slug, "Hi", authors);
    JsonArray items = inbox.items(author);
    assertThat(items.getJsonObject(0).getString("type")).isEqualTo("comment.reply");
    assertThat(inbox.unread(author)).isEqualTo(3);
  }

  @Test
  void aReplyMustAnswerAVisibleCommentOfTheSameArticle() {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String garden = inbox.article(author, "Garden");
    String kitchen = inbox.article(author, "Kitchen");
    String onKitchen = inbox.comment(reader, kitchen, "Yum", null);
    for (String parent : new String[] {onKitchen, "0190a5b0-0000-7000-8000-000000000000", "not-an-id"}) {
      List<String> fields = Problems.assertInvalid(inbox.send(HttpMethod.POST, "/api/articles/" + garden + "/comments", reader,
          new JsonObject().put("body", "Reply").put("parentId", parent)));
      assertThat(fields).containsExactly("parentId");
    }
    assertThat(inbox.items(reader)).isEmpty();
  }

  @Test
  void aNewMedicalRecordTellsThePatientThatOneIsAvailableAndNothingMore() {
    MedicalWorld world = new MedicalWorld(server);
    MedicalWorld.Person patient = world.patient("Ayu Lestari");
    MedicalWorld.Person doctor = world.doctor("Dr. Sari", "Internal medicine");
    String recordId = world.record(doctor, patient, "2026-01-15", "Persistent dry cough", "Mild asthma (J45.909)");

    JsonObject page = server.get("/api/notifications", patient.token()).bodyAsJsonObject();
    JsonObject notice = page.getJsonArray("items").getJsonObject(0);
    assertThat(notice.getString("type")).isEqualTo("medical.record");
    assertThat(notice.getString("path")).isEqualTo("/medical-records/" + recordId);
    assertThat(notice.encode()).doesNotContainIgnoringCase("cough").doesNotContainIgnoringCase("asthma")
        .doesNotContain("J45").doesNotContain("Sari").doesNotContain("2026-01-15");
    assertThat(server.get("/api/notifications", doctor.token()).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void readReadAllAndDeleteChangeOnlyTheirOwnersRows() {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    Person stranger = inbox.person();
    String slug = inbox.article(author, "Rows");
    for (int i = 0; i < 3; i++) {
      inbox.comment(reader, slug, "Comment " + i, null);
    }
    JsonArray items = inbox.items(author);
    String id = items.getJsonObject(0).getString("id");

    // Someone else's id is answered as if it did not exist, and changes nothing.
    assertProblem(inbox.send(HttpMethod.POST, "/api/notifications/" + id + "/read", stranger, null), 404, "not-found");
    assertProblem(inbox.send(HttpMethod.DELETE, "/api/notifications/" + id, stranger, null), 404, "not-found");
    assertProblem(inbox.send(HttpMethod.POST, "/api/notifications/not-an-id/read", author, null), 404, "not-found");
    assertProblem(inbox.send(HttpMethod.DELETE, "/api/notifications/0190a5b0-0000-7000-8000-000000000000", author, null),
        404, "not-found");
    assertThat(inbox.send(HttpMethod.POST, "/api/notifications/read-all", stranger, null).bodyAsJsonObject().getInteger("marked"))
        .isZero();
    assertThat(inbox.unread(author)).isEqualTo(3);

    assertThat(inbox.send(HttpMethod.POST, "/api/notifications/" + id + "/read", author, null).statusCode()).isEqualTo(204);
    String readAt = inbox.items(author).getJsonObject(0).getString("readAt");
    assertThat(readAt).isNotNull();
    // Reading it again keeps the first time.
    assertThat(inbox.send(HttpMethod.POST, "/api/notifications/" + id + "/read", author, null).statusCode()).isEqualTo(204);
    assertThat(inbox.items(author).getJsonObject(0).getString("readAt")).isEqualTo(readAt);
    assertThat(inbox.unread(author)).isEqualTo(2);
    assertThat(inbox.page(author, "?unread=true").getJsonArray("items")).hasSize(2)
        .noneMatch(item -> ((JsonObject) item).getString("id").equals(id));

    assertThat(inbox.send(HttpMethod.POST, "/api/notifications/read-all", author, null).bodyAsJsonObject().getInteger("marked"))
        .isEqualTo(2);
    assertThat(inbox.unread(author)).isZero();
    assertThat(inbox.page(author, "?unread=true").getLong("total")).isZero();

    assertThat(inbox.send(HttpMethod.DELETE, "/api/notifications/" + id, author, null).statusCode()).isEqualTo(204);
    assertProblem(inbox.send(HttpMethod.DELETE, "/api/notifications/" + id, author, null), 404, "not-found");
    assertThat(inbox.page(author, "").getLong("total")).isEqualTo(2);
  }

  @Test
  void theInboxPagesNewestFirstWithoutGapsAndRejectsBadQueries() {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Pages");
    for (int i = 0; i < 5; i++) {
      inbox.comment(reader, slug, "Comment " + i, null);
    }
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = inbox.page(author, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.getLong("total")).isEqualTo(5);
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    assertThat(ids).isSortedAccordingTo((a, b) -> b.compareTo(a));

    for (String query : new String[] {"?unread=maybe", "?limit=0", "?limit=101", "?sort=old", "?unread=true&unread=false"}) {
      assertProblem(server.get("/api/notifications" + query, author.token()), 400, "validation");
    }
    assertInvalidCursor(server.get("/api/notifications?cursor=garbage", author.token()));
  }

  @Test
  void everyInboxEndpointWantsASignedInCaller() {
    String id = "0190a5b0-0000-7000-8000-000000000000";
    for (String[] call : new String[][] {{"GET", "/api/notifications"}, {"GET", "/api/notifications/unread-count"},
        {"GET", "/api/notifications/stream"}, {"POST", "/api/notifications/read-all"}, {"POST", "/api/notifications/" + id + "/read"},
        {"DELETE", "/api/notifications/" + id}, {"GET", "/api/me/notification-preferences"},
        {"PUT", "/api/me/notification-preferences"}}) {
      var response = server.send(HttpMethod.valueOf(call[0]), call[1], null, null);
      assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
      Problems.assertNoInternals(response.bodyAsString());
    }
  }
}
