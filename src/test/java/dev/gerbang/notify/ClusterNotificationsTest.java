package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.cluster.TestCluster;
import dev.gerbang.notify.EventStream.Event;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications across two nodes: a comment written through one reaches its author's open stream on the other,
 * a stream that reconnects to the other node resumes after its Last-Event-ID, and the per-account limit of open
 * streams counts the streams of both nodes.
 */
class ClusterNotificationsTest {
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    cluster = TestCluster.start(2, new JsonObject().put("notifications", new JsonObject().put("heartbeatSeconds", 1)));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aCommentThroughOneNodeReachesTheAuthorsStreamOnTheOtherAndAReconnectResumesThere() throws Exception {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    Inbox onA = new Inbox(a);
    Person author = onA.person("editor");
    Person reader = onA.person();
    String slug = onA.article(author, "Clustered");
    String first;
    try (EventStream stream = EventStream.open(b, author.token(), null)) {
      assertThat(stream.next("unread", 10_000)).isNotNull();
      onA.comment(reader, slug, "Hello from the other node", null);
      Event event = stream.next("notification", 10_000);
      assertThat(event).as("a notification written on node A, on node B's stream").isNotNull();
      first = event.id();
    }
    onA.comment(reader, slug, "Written while the stream was away", null);
    try (EventStream resumed = EventStream.open(a, author.token(), first)) {
      Event missed = resumed.next("notification", 10_000);
      assertThat(missed).as("resumed on the other node after Last-Event-ID").isNotNull();
      assertThat(missed.json().getString("body")).isNotBlank();
      assertThat(missed.id()).isNotEqualTo(first);
    }
  }

  @Test
  void theLimitOfOpenStreamsCountsTheStreamsOfEveryNode() {
    Person person = new Inbox(cluster.node(0)).person();
    List<HttpClient> clients = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        TestServer node = cluster.node(i % 2);
        HttpClient client = node.clientVertx().createHttpClient(new PoolOptions().setHttp1MaxSize(1));
        clients.add(client);
        Future<Integer> status = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost")
                .setPort(node.port()).setURI("/api/notifications/stream").putHeader("Authorization", "Bearer " + person.token()))
            .compose(request -> request.send()).map(HttpClientResponse::statusCode);
        statuses.add(TestServer.await(status));
      }
      assertThat(statuses.stream().filter(s -> s == 200)).as(statuses.toString()).hasSize(8);
      assertThat(statuses.subList(8, 10)).containsOnly(429);
    } finally {
      clients.forEach(client -> TestServer.await(client.close()));
    }
  }
}
