package dev.gerbang.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V7 flags the identities an attacker could have linked before social sign-in stopped trusting
 * unverified emails, and only those: links to accounts whose email is unproven, and provider identities with an
 * unverified email that created their account. A database from before V7 is built with Flyway (on SQLite or
 * PostgreSQL, as the run goes), then upgraded by starting the server on it.
 */
class UnprovenIdentitiesMigrationTest {
  private Path dataDir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    TestServer.deleteTree(dataDir);
  }

  @Test
  void theUpgradeFlagsOnlyLinksMadeBeforeTheAccountsEmailWasProven() throws Exception {
    dataDir = Files.createTempDirectory("gerbang-v7");
    TestDb.migrateTo(dataDir, "6");
    long t = 1_700_000_000_000L;
    try (Connection db = TestDb.connect(dataDir)) {
      // A victim's account that an attacker's Facebook created (unverified) and that the victim later verified.
      user(db, "u-taken", "taken@example.com", true, t);
      identity(db, "i-taken", "u-taken", "facebook", "fb-attacker", false, t + 20);
      // An account still unverified, with a Google link made later.
      user(db, "u-unproven", "unproven@example.com", false, t);
      identity(db, "i-unproven", "u-unproven", "google", "g-1", true, t + 86_400_000L);
      // A verified account that linked Facebook from its settings a day after signing up: a real owner's link.
      user(db, "u-owner", "owner@example.com", true, t);
      identity(db, "i-owner", "u-owner", "facebook", "fb-owner", false, t + 86_400_000L);
      // A Google sign-up (verified by Google).
      user(db, "u-google", "google@example.com", true, t);
      identity(db, "i-google", "u-google", "google", "g-2", true, t);
    }

    server = TestServer.startOn(dataDir, new JsonObject());

    Map<String, Object> flags = new java.util.TreeMap<>();
    TestDb.rows(server, "SELECT id, linked_unverified FROM identities").forEach(row ->
        flags.put((String) row.get("id"), ((Number) row.get("linked_unverified")).intValue() == 1));
    assertThat(flags).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "i-google", false, "i-owner", false, "i-taken", true, "i-unproven", true)));
  }

  private static void user(Connection db, String id, String email, boolean verified, long at) throws Exception {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO users (id, email, email_normalized, name, locale,"
        + " email_verified, disabled, created_at, updated_at) VALUES (?, ?, ?, 'Someone', 'en', ?, FALSE, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, email);
      insert.setString(3, email);
      insert.setBoolean(4, verified);
      insert.setLong(5, at);
      insert.setLong(6, at);
      insert.executeUpdate();
    }
  }

  private static void identity(Connection db, String id, String userId, String provider, String subject, boolean emailVerified,
                               long at) throws Exception {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO identities (id, user_id, provider, subject, email,"
        + " email_verified, created_at, last_used_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, userId);
      insert.setString(3, provider);
      insert.setString(4, subject);
      insert.setBoolean(5, emailVerified);
      insert.setLong(6, at);
      insert.setLong(7, at);
      insert.executeUpdate();
    }
  }
}
