package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.notify.EventStream.Event;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream: a notification within a second, counts that follow, resumption, heartbeats, and an end at logout. */
class NotificationStreamTest {
  private TestServer server;
  private Inbox inbox;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("notifications", new JsonObject().put("heartbeatSeconds", 1)));
    inbox = new Inbox(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The per-account limit holds for the node, not per event loop (the test server runs two HTTP verticles). */
  @Test
  void twentyParallelStreamsOfOneAccountGetExactlyTheEightAllowed() {
    String token = inbox.person().token();
    HttpClient client = server.clientVertx().createHttpClient(new PoolOptions().setHttp1MaxSize(32));
    try {
      List<Future<Integer>> opened = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        opened.add(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
                .setURI("/api/notifications/stream").putHeader("Authorization", "Bearer " + token))
            .compose(request -> request.send()).map(HttpClientResponse::statusCode));
      }
      List<Integer> statuses = opened.stream().map(TestServer::await).toList();
      assertThat(statuses.stream().filter(status -> status == 200)).hasSize(8);
      assertThat(statuses.stream().filter(status -> status == 429)).hasSize(12);
    } finally {
      TestServer.await(client.close());
    }
  }

  @Test
  void aNotificationArrivesWithinASecondAndTheUnreadCountFollows() throws Exception {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Live");
    try (EventStream stream = EventStream.open(server, author.token(), null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      assertThat(stream.header("Cache-Control")).isEqualTo("no-store");
      assertThat(stream.next("unread", 10_000).json().getLong("count")).isZero();

      long before = System.nanoTime();
      String commentId = inbox.comment(reader, slug, "Hello live", null);
      Event event = stream.next("notification", 10_000);
      assertThat(event).as("a notification event").isNotNull();
      // Measured from before the comment's request was sent to the event's arrival.
      assertThat((event.receivedAt() - before) / 1_000_000).isLessThan(1000);
      assertThat(event.json().getString("path")).endsWith("#comment-" + commentId);
      assertThat(event.id()).isEqualTo(event.json().getString("id"));
      assertThat(stream.next("unread", 10_000).json().getLong("count")).isEqualTo(1);

      // Reading it elsewhere (another tab) brings the count down here too.
      server.send(HttpMethod.POST, "/api/notifications/" + event.id() + "/read", author.token(), null);
      assertThat(stream.next("read", 10_000).json().getString("id")).isEqualTo(event.id());
      assertThat(stream.next("unread", 10_000).json().getLong("count")).isZero();

      assertThat(stream.next("comment", 10_000)).as("a heartbeat comment line").isNotNull();
    }
  }

  @Test
  void aResumedStreamFirstSendsWhatItMissed() throws Exception {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Resume");
    String lastSeen;
    try (EventStream stream = EventStream.open(server, author.token(), null)) {
      inbox.comment(reader, slug, "one", null);
      lastSeen = stream.next("notification", 10_000).id();
    }
    inbox.comment(reader, slug, "two", null);
    inbox.comment(reader, slug, "three", null);
    try (EventStream stream = EventStream.open(server, author.token(), lastSeen)) {
      Event first = stream.next("notification", 10_000);
      Event second = stream.next("notification", 10_000);
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
      assertThat(first.id()).isGreaterThan(lastSeen);
      assertThat(second.id()).isGreaterThan(first.id());
      assertThat(stream.next("notification", 300)).isNull();
    }
    Problems.assertProblem(server.raw(HttpMethod.GET, "/api/notifications/stream", MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + author.token()).add("Last-Event-ID", "'; DROP TABLE notifications"), null), 400, "bad-request");
  }

  @Test
  void theStreamOutlivesTheRequestTimeout() throws Exception {
    server.close();
    server = TestServer.start(new JsonObject().put("notifications", new JsonObject().put("heartbeatSeconds", 1))
        .put("http", new JsonObject().put("requestTimeoutSeconds", 1)));
    inbox = new Inbox(server);
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Long lived");
    try (EventStream stream = EventStream.open(server, author.token(), null)) {
      stream.next("unread", 10_000);
      // Three request timeouts later the stream is still open and still delivers.
      assertThat(stream.awaitEnd(3000)).as("the stream ended early").isFalse();
      inbox.comment(reader, slug, "Still there?", null);
      assertThat(stream.next("notification", 10_000)).as("a notification after the timeout").isNotNull();
    }
  }

  @Test
  void theStreamEndsAtLogoutAndCarriesNothingAfterIt() throws Exception {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Goodbye");
    try (EventStream stream = EventStream.open(server, author.token(), null)) {
      stream.next("unread", 10_000);
      assertThat(server.post("/api/auth/logout", author.token(), null).statusCode()).isEqualTo(204);
      assertThat(stream.awaitEnd(10_000)).as("the stream ended").isTrue();
      // The notification is written in the comment's transaction; the stream had ended, so it carried none.
      inbox.comment(reader, slug, "Anyone there?", null);
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE user_id = ?", author.userId())).isEqualTo(1);
      assertThat(stream.drain()).noneMatch(event -> event.name().equals("notification"));
    }
    // The ended session cannot open another.
    Problems.assertProblem(server.get("/api/notifications/stream", author.token()), 401, "invalid-token");
  }

  @Test
  void theStreamEndsWhenAnAdminRevokesTheSessions() throws Exception {
    Person admin = inbox.person("admin");
    Person user = inbox.person();
    try (EventStream stream = EventStream.open(server, user.token(), null)) {
      stream.next("unread", 10_000);
      assertThat(server.send(HttpMethod.DELETE, "/api/admin/users/" + user.userId() + "/sessions", admin.token(), null)
          .statusCode()).isIn(200, 204);
      assertThat(stream.awaitEnd(10_000)).as("the stream ended").isTrue();
    }
  }

  @Test
  void openStreamsEndAtOnceWhenTheServerStopsInsteadOfHoldingTheShutdown() throws Exception {
    Person user = inbox.person();
    try (EventStream stream = EventStream.open(server, user.token(), null)) {
      stream.next("unread", 10_000);
      long started = System.nanoTime();
      server.gerbang().stop();
      assertThat(stream.awaitEnd(10_000)).as("the stream ended").isTrue();
      // The shutdown would otherwise wait for the stream up to http.shutdownTimeoutSeconds (20 s).
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }
  }
}
