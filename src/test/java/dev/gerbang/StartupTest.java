package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up with no configuration, restarts on the same data, and a graceful stop. */
class StartupTest {
  private Path root;

  @BeforeEach
  void createRoot() throws Exception {
    root = Files.createTempDirectory("gerbang-startup");
  }

  @AfterEach
  void deleteRoot() {
    TestServer.deleteTree(root);
  }

  @Test
  void withNoConfigurationItCreatesTheDatabaseAndAPrivateKeyFileInTheDataDir() throws Exception {
    assumeFalse(TestDb.onPostgres(), "with no configuration the database is a SQLite file in the data dir");
    Path dataDir = root.resolve("not/yet/there");

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      server.register(TestServer.uniqueEmail());

      assertThat(dataDir.resolve("gerbang.db")).isRegularFile();
      Path keys = dataDir.resolve("keys.json");
      assertThat(keys).isRegularFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
      assertThat(dataDir.resolve("keys.json.tmp")).doesNotExist();
      JsonObject stored = new JsonObject(Files.readString(keys));
      assertThat(stored.getJsonArray("jwt").getJsonObject(0).getString("secret")).hasSizeGreaterThanOrEqualTo(43);
      assertThat(stored.getString("refresh")).hasSizeGreaterThanOrEqualTo(43);
      assertThat(TestDb.rows(dataDir, "SELECT name FROM sqlite_master WHERE type = 'table'"))
          .extracting(row -> row.get("name")).contains("users", "user_roles", "sessions", "refresh_tokens", "audit_log");
      assertThat(TestDb.rows(dataDir, "PRAGMA journal_mode").get(0).get("journal_mode")).isEqualTo("wal");
      assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
    }
  }

  /** Each feature reads its own settings; a bad one still stops the start with one line naming its variable. */
  @Test
  void aBadFeatureSettingStopsTheStartWithOneLineNamingItsVariable() {
    for (JsonObject bad : new JsonObject[] {
        new JsonObject().put("session", new JsonObject().put("cookieSecure", "yes")),
        new JsonObject().put("smtp", new JsonObject().put("startTls", "SOMETIMES")),
        new JsonObject().put("content", new JsonObject().put("cacheMegabytes", -1)),
        new JsonObject().put("oidc", new JsonObject().put("name", "google")),
        new JsonObject().put("notifications", new JsonObject().put("heartbeatSeconds", 0)),
        new JsonObject().put("tracing", new JsonObject().put("enabled", "yes"))}) {
      JsonObject config = bad.copy().put("dataDir", root.toString()).put("http", new JsonObject().put("port", 0));
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
          () -> Gerbang.start(dev.gerbang.config.AppConfig.of(config)).await(30, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(failure).as(bad.encode()).isInstanceOf(dev.gerbang.config.ConfigException.class);
      assertThat(failure.getMessage()).as(bad.encode()).startsWith("GERBANG_").doesNotContain("\n");
    }
  }

  /** A port taken by another program fails the start at once with the reason, instead of hanging it. */
  @Test
  void aPortInUseFailsTheStartWithTheReasonInsteadOfHangingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      JsonObject config = new JsonObject().put("dataDir", root.toString()).put("db", TestDb.config(root))
          .put("http", new JsonObject().put("port", taken.getLocalPort())).put("metrics", new JsonObject().put("port", 0));
      long since = System.nanoTime();
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
          () -> Gerbang.start(dev.gerbang.config.AppConfig.of(config)).await(60, java.util.concurrent.TimeUnit.SECONDS));

      assertThat(failure).isNotNull().isNotInstanceOf(java.util.concurrent.TimeoutException.class);
      assertThat(failure).isInstanceOf(BindException.class)
          .hasMessageStartingWith("port " + taken.getLocalPort() + " on ").hasMessageContaining("GERBANG_HTTP_PORT");
      assertThat((System.nanoTime() - since) / 1_000_000).as("ms until the start failed").isLessThan(30_000);
    }
    // What it had started was closed: the same data dir starts again.
    try (TestServer again = TestServer.startOn(root, new JsonObject())) {
      assertThat(again.get("/health/ready", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRestartOnTheSameDataDirKeepsTheKeysTheAccountsAndTheTokens() throws Exception {
    String email = TestServer.uniqueEmail();
    String token;
    String userId;
    String keysBefore;
    try (TestServer first = TestServer.startOn(root, new JsonObject())) {
      userId = first.register(email).getString("id");
      token = first.login(email, TestServer.PASSWORD).getString("accessToken");
      keysBefore = Files.readString(root.resolve("keys.json"));
      // The login's audit row is written in the session's transaction, before the answer.
      assertThat(TestDb.rows(root, "SELECT id FROM audit_log WHERE event = 'login' AND user_id = ?", userId)).hasSize(1);
    }

    try (TestServer second = TestServer.startOn(root, new JsonObject())) {
      HttpResponse<Buffer> me = second.get("/api/me", token);

      assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
      assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo(email);
      assertThat(Files.readString(root.resolve("keys.json"))).isEqualTo(keysBefore);
      assertThat(second.login(email, TestServer.PASSWORD).getJsonObject("user").getString("id")).isEqualTo(userId);
      assertThat(TestDb.rows(root, "SELECT id FROM audit_log WHERE event = 'login' AND user_id = ?", userId)).hasSize(2);
    }
  }

  @Test
  void stoppingLetsARequestInFlightFinishAndThenRefusesNewOnes() throws Exception {
    // Slow hashing (about a second per login here) keeps the login in flight while the server stops.
    JsonObject slow = new JsonObject().put("password", new JsonObject().put("argon2", new JsonObject().put("iterations", 40)));
    try (TestServer server = TestServer.startOn(root, slow)) {
      String email = TestServer.uniqueEmail();
      server.register(email);
      Future<HttpResponse<Buffer>> inFlight = server.client().post("/api/auth/login")
          .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD));
      Thread.sleep(300);
      assertThat(inFlight.isComplete()).as("the login should still be hashing").isFalse();

      server.gerbang().stop();

      HttpResponse<Buffer> response = TestServer.await(inFlight);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("accessToken")).isNotBlank();
      assertThatThrownBy(() -> TestServer.await(server.client().get("/health/live").send())).isNotInstanceOf(AssertionError.class);
    }
  }
}
