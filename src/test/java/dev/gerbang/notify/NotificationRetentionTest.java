package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Inboxes do not grow for ever: notifications older than notifications.retentionDays go, and so do the admin
 * broadcasts that finished before then (with their lists of recipients).
 */
class NotificationRetentionTest {
  @Test
  void notificationsOlderThanTheRetentionGoAndNewerOnesStay() throws Exception {
    Path dataDir = Files.createTempDirectory("gerbang-retention");
    JsonObject config = new JsonObject().put("notifications", new JsonObject().put("retentionDays", 2));
    String old;
    String oldBroadcast;
    String newBroadcast;
    try {
      try (TestServer server = TestServer.startOn(dataDir, config)) {
        Inbox inbox = new Inbox(server);
        Person author = inbox.person("editor");
        Person reader = inbox.person();
        String slug = inbox.article(author, "Old news");
        inbox.comment(reader, slug, "Long ago", null);
        inbox.comment(reader, slug, "Recently", null);
        old = inbox.items(author).getJsonObject(1).getString("id");
        long threeDaysAgo = System.currentTimeMillis() - 3 * 86_400_000L;
        assertThat(TestDb.update(server, "UPDATE notifications SET created_at = ? WHERE id = ?", threeDaysAgo, old)).isEqualTo(1);
        // The purge runs a second after this start, then once an hour for the whole cluster: once it ran, as if an
        // hour passed.
        TestDb.eventually(() -> TestDb.count(server, "SELECT COUNT(*) FROM scheduled_jobs WHERE name = 'notifications.purge'"),
            n -> n == 1);
        assertThat(TestDb.update(server, "UPDATE scheduled_jobs SET last_started_at = 0 WHERE name = 'notifications.purge'"))
            .isEqualTo(1);
        oldBroadcast = finishedBroadcast(server, threeDaysAgo);
        newBroadcast = finishedBroadcast(server, System.currentTimeMillis());
      }
      // The purge runs a second after start, then hourly.
      try (TestServer server = TestServer.startOn(dataDir, config)) {
        // The first start's purge may have taken the old notification already: wait for this one's, which takes the
        // old broadcast (inserted after it).
        TestDb.eventually(() -> TestDb.count(server, "SELECT COUNT(*) FROM broadcasts"), n -> n == 1);
        assertThat(TestDb.eventually(() -> TestDb.count(server, "SELECT COUNT(*) FROM notifications"), n -> n == 1)).isEqualTo(1);
        assertThat(TestDb.rows(server, "SELECT id FROM notifications").get(0).get("id")).isNotEqualTo(old);
        assertThat(TestDb.rows(server, "SELECT id FROM broadcasts").stream().map(row -> row.get("id")))
            .containsExactly(newBroadcast).doesNotContain(oldBroadcast);
      }
    } finally {
      TestServer.deleteTree(dataDir);
    }
  }

  /** A broadcast that finished at this time, as the notify verticle leaves it. */
  private static String finishedBroadcast(TestServer server, long finishedAt) {
    String id = dev.gerbang.db.Ids.newId();
    assertThat(TestDb.update(server, "INSERT INTO broadcasts (id, fingerprint, title, body, path, audience, status, "
        + "cursor_user_id, recipients, created_at, finished_at) VALUES (?, 'f', 'Hello', 'Hi', '/', 'all', 'done', '', 0, ?, ?)",
        id, finishedAt, finishedAt)).isEqualTo(1);
    return id;
  }
}
