package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gerbang.Mailbox;
import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The captured log of a whole account life (sign-up, verification, sign-in, refresh, a wrong password, reset by
 * email, password change, logout), encoded as the JSON lines we ship, holds no password, token, link token,
 * or Authorization header. SMTP is configured: without it, mail links are logged on purpose (docs/security.md).
 */
class LogSecretsTest {
  private static final String NEW_PASSWORD = "reset to this passphrase 31";
  private static final String CHANGED_PASSWORD = "changed again passphrase 64";
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final LogstashEncoder encoder = new LogstashEncoder();
  private Logger root;
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(root.getLoggerContext());
    appender.start();
    encoder.setContext(root.getLoggerContext());
    encoder.start();
    root.addAppender(appender);
    mailbox = Mailbox.started();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    mailbox.close();
    root.detachAppender(appender);
  }

  private String log() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : new ArrayList<>(appender.list)) {
      text.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  @Test
  void aWholeAccountLifeLogsNoSecret() {
    server = TestServer.start(mailbox.config().put("log", new JsonObject().put("requests", true)));
    List<String> secrets = new ArrayList<>(List.of(TestServer.PASSWORD, NEW_PASSWORD, CHANGED_PASSWORD));
    String email = TestServer.uniqueEmail();

    server.register(email);
    String verify = mailbox.awaitTo(email, "Confirm your email").token();
    secrets.add(verify);
    assertThat(server.post("/api/auth/verify-email", new JsonObject().put("token", verify)).statusCode()).isEqualTo(200);
    JsonObject pair = server.login(email, TestServer.PASSWORD);
    secrets.add(pair.getString("accessToken"));
    secrets.add(pair.getString("refreshToken"));
    JsonObject refreshed = server.post("/api/auth/refresh", new JsonObject().put("refreshToken", pair.getString("refreshToken")))
        .bodyAsJsonObject();
    secrets.add(refreshed.getString("accessToken"));
    secrets.add(refreshed.getString("refreshToken"));
    assertThat(server.raw(HttpMethod.POST, "/api/auth/refresh", MultiMap.caseInsensitiveMultiMap()
        .add("Cookie", "gerbang_refresh=" + refreshed.getString("refreshToken")), null).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", "wrong " + NEW_PASSWORD))
        .statusCode()).isEqualTo(401);
    assertThat(server.get("/api/me", "garbage." + pair.getString("accessToken")).statusCode()).isEqualTo(401);

    assertThat(server.post("/api/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String reset = mailbox.awaitTo(email, "Reset your").token();
    secrets.add(reset);
    assertThat(server.post("/api/auth/password/reset", new JsonObject().put("token", reset).put("newPassword", NEW_PASSWORD))
        .statusCode()).isEqualTo(200);
    JsonObject again = server.login(email, NEW_PASSWORD);
    secrets.add(again.getString("accessToken"));
    secrets.add(again.getString("refreshToken"));
    assertThat(server.post("/api/me/password", again.getString("accessToken"), new JsonObject()
        .put("currentPassword", NEW_PASSWORD).put("newPassword", CHANGED_PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/auth/logout", again.getString("accessToken"), null).statusCode()).isEqualTo(204);
    mailbox.awaitTo(email, "password");
    server.close();
    server = null;

    String log = log();
    assertThat(log).contains("/api/auth/login").contains("/api/auth/password/reset");
    for (String secret : secrets) {
      assertThat(log).as("a secret in the log").doesNotContain(secret);
    }
    assertThat(log).doesNotContain("Bearer ").doesNotContain("Authorization").doesNotContain("gerbang_refresh=")
        .doesNotContain("token=").doesNotContain("passwordHash").doesNotContain("$argon2");
  }

  /** ASVS 7.1.1: with no SMTP server, a held mail's live link stays out of the log unless a developer asks for it. */
  @Test
  void withoutSmtpAHeldMailsLinkIsNotLoggedByDefault() {
    server = TestServer.start();
    String email = TestServer.uniqueEmail();
    server.register(email);
    long deadline = System.currentTimeMillis() + 10_000;
    while (!log().contains("mail held (no SMTP configured): template=verify-email") && System.currentTimeMillis() < deadline) {
      Mailbox.sleep(50);
    }
    assertThat(log()).contains("mail held (no SMTP configured): template=verify-email")
        .contains("no SMTP server configured (smtp.host): mail is held")
        .doesNotContain("token=").doesNotContain(email);
  }

  @Test
  void withTheDevelopmentSettingAHeldMailsLinkIsLoggedSoANewcomerCanVerifyLocally() {
    server = TestServer.start(new JsonObject().put("mail", new JsonObject().put("logLinks", true)));
    String email = TestServer.uniqueEmail();
    server.register(email);
    long deadline = System.currentTimeMillis() + 10_000;
    while (!log().contains("verify-email?token=") && System.currentTimeMillis() < deadline) {
      Mailbox.sleep(50);
    }
    assertThat(log()).contains("mail not sent (no SMTP configured)").contains("verify-email?token=")
        .contains("its links are logged because mail.logLinks is on").doesNotContain(TestServer.PASSWORD);
  }
}
