package dev.gerbang.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The work the nodes share: the outbox is drained by both and every message is sent exactly once (claimed
 * with FOR UPDATE SKIP LOCKED), a message a dead node had claimed is sent by another once its claim expires,
 * and the hourly purge runs once for the cluster, not once per node.
 */
class ClusterWorkTest {
  private static Mailbox mailbox;
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    mailbox = Mailbox.started();
    cluster = TestCluster.start(3, mailbox.config());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (mailbox != null) {
      mailbox.close();
    }
  }

  @Test
  void sixtySignUpsSpreadOverThreeNodesSendSixtyMailsEachExactlyOnce() {
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      String email = TestServer.uniqueEmail();
      emails.add(email);
      cluster.node(i % 3).register(email);
    }
    mailbox.await(60);
    // A second more for any copy a double claim would send.
    Mailbox.sleep(1000);
    List<String> verifications = mailbox.all().stream().filter(m -> emails.contains(m.to())).map(Mailbox.Mail::to).toList();
    assertThat(verifications).hasSize(60).doesNotHaveDuplicates();
    assertThat(TestDb.count(cluster.node(0), "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND template = 'verify-email'"))
        .isGreaterThanOrEqualTo(60);
  }

  @Test
  void aMessageADeadNodeHadClaimedIsSentByAnotherOnceTheClaimExpires() {
    String email = TestServer.uniqueEmail();
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    // What a node that died mid-send leaves behind: a row in 'sending', claimed until a moment ago.
    assertThat(TestDb.update(cluster.node(0), "INSERT INTO outbox (id, channel, recipient, user_id, template, locale, variables,"
        + " status, attempts, next_attempt_at, created_at, locked_until) VALUES (?, 'email', ?, NULL, 'password-changed', 'en',"
        + " ?, 'sending', 1, ?, ?, ?)", id, email, new JsonObject().put("name", "Orphan").put("time", "now").encode(), now, now,
        now - 1)).isEqualTo(1);
    cluster.node(1).gerbang().vertx().eventBus().publish("gerbang.outbox.wake", null);

    assertThat(mailbox.awaitTo(email, "password").to()).isEqualTo(email);
    // The mail server has the message a moment before the sender records it as sent.
    assertThat(TestDb.eventually(() -> TestDb.row(cluster.node(0), "SELECT status, attempts FROM outbox WHERE id = ?", id),
        row -> "sent".equals(row.get("status")))).containsEntry("status", "sent").containsEntry("attempts", 2);
  }

  @Test
  void theHourlyPurgeRanOnceForTheClusterThoughEachOfTheThreeNodesAsked() {
    // Each node's notify verticle asks a second after its start.
    long runs = TestDb.eventually(() -> ((Number) TestDb.row(cluster.node(0),
        "SELECT COALESCE(MAX(runs), 0) AS runs FROM scheduled_jobs WHERE name = 'notifications.purge'").get("runs")).longValue(),
        n -> n > 0);
    Mailbox.sleep(1500);
    assertThat(TestDb.row(cluster.node(0), "SELECT runs FROM scheduled_jobs WHERE name = 'notifications.purge'"))
        .containsEntry("runs", 1L);
    assertThat(runs).isEqualTo(1);
  }
}
