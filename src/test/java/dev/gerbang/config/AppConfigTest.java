package dev.gerbang.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.LogCapture;
import dev.gerbang.TestServer;
import dev.gerbang.account.AccountSettings;
import dev.gerbang.auth.AuthSettings;
import dev.gerbang.content.ContentSettings;
import dev.gerbang.notify.MailSettings;
import dev.gerbang.notify.NotifySettings;
import dev.gerbang.social.SocialSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration: defaults, conf/config.json, .env and GERBANG_* variables, and one clear line for a bad value. */
class AppConfigTest {
  private Path workDir;

  @BeforeEach
  void createWorkDir() throws Exception {
    workDir = Files.createTempDirectory("gerbang-config");
  }

  @AfterEach
  void deleteWorkDir() {
    TestServer.deleteTree(workDir);
  }

  private AppConfig load(String... env) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      map.put(env[i], env[i + 1]);
    }
    return AppConfig.load(workDir, map);
  }

  private static AuthSettings auth(AppConfig config) {
    return AuthSettings.from(config.reader());
  }

  /**
   * Asserts that loading fails with one line that names the variable; answers the line. Loading here is what a
   * start does first: the ground floor's settings, then each feature's own.
   */
  private String failure(String variable, String... env) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
      AppConfig config = load(env);
      AuthSettings.from(config.reader());
      AccountSettings.from(config.reader());
      ContentSettings.from(config.reader());
      SocialSettings.from(config.reader());
      MailSettings.from(config.reader());
      NotifySettings.from(config);
    });
    assertThat(thrown).as(String.join(" ", env)).isInstanceOf(ConfigException.class);
    String message = thrown.getMessage();
    assertThat(message).as(String.join(" ", env)).startsWith(variable + ":").doesNotContain("\n", "\r");
    return message;
  }

  @Test
  void withNothingSetTheDefaultsApply() {
    AppConfig config = load();

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
    assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data").toAbsolutePath().normalize().resolve("gerbang.db"));
    assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.maxBodyBytes()).isEqualTo(65536);
    assertThat(auth(config).jwtSecret()).isEmpty();
    assertThat(auth(config).jwtIssuer()).isEqualTo("gerbang");
    assertThat(auth(config).accessTokenTtlSeconds()).isEqualTo(900);
    assertThat(auth(config).cookieSecure()).isTrue();
    assertThat(auth(config).passwordMinLength()).isEqualTo(12);
    assertThat(auth(config).argon2MemoryKib()).isEqualTo(19456);
    assertThat(config.httpInstances()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void environmentVariablesOverrideEachSettingParsedToItsType() {
    Path data = workDir.resolve("state");
    AppConfig config = load("GERBANG_HTTP_PORT", " 9090 ", "GERBANG_DATA_DIR", data.toString(),
        "GERBANG_PASSWORD_ARGON2_MEMORY_KIB", "2048", "GERBANG_SESSION_COOKIE_SECURE", "FALSE",
        "GERBANG_JWT_SECRET", "s".repeat(32), "GERBANG_HTTP_INSTANCES", "3", "GERBANG_LOG_REQUESTS", "false",
        "GERBANG_SESSION_REFRESH_TOKEN_TTL_DAYS", "7", "GERBANG_UNKNOWN_THING", "ignored", "gerbang_http_port", "1");

    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.dataDir()).isEqualTo(data);
    assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:" + data.resolve("gerbang.db"));
    assertThat(auth(config).argon2MemoryKib()).isEqualTo(2048);
    assertThat(auth(config).cookieSecure()).isFalse();
    assertThat(auth(config).jwtSecret()).isEqualTo("s".repeat(32));
    assertThat(config.httpInstances()).isEqualTo(3);
    assertThat(config.logRequests()).isFalse();
    assertThat(auth(config).refreshTokenTtlDays()).isEqualTo(7);
    assertThat(config.publicUrl()).isEqualTo("http://localhost:9090");
    assertThat(config.json().getJsonObject("http").getValue("port")).isInstanceOf(Number.class);
  }

  @Test
  void anUnknownGerbangVariableIsWarnedAboutButTheOnesTheCommandsReadAreNot() {
    List<String> warnings;
    try (LogCapture log = LogCapture.of(ConfigReader.class)) {
      load("GERBANG_ADMIN_PASSWORD", "a long admin passphrase", "GERBANG_UNKNOWN_THING", "x", "GERBANG_HTTP_PORT", "9091");
      warnings = log.lines();
    }

    assertThat(warnings).containsExactly("WARN ignoring unknown setting GERBANG_UNKNOWN_THING");
  }

  @Test
  void theNamesFollowOneRule() {
    assertThat(AppConfig.envName("http.port")).isEqualTo("GERBANG_HTTP_PORT");
    assertThat(AppConfig.envName("dataDir")).isEqualTo("GERBANG_DATA_DIR");
    assertThat(AppConfig.envName("db.url")).isEqualTo("GERBANG_DB_URL");
    assertThat(AppConfig.envName("publicUrl")).isEqualTo("GERBANG_PUBLIC_URL");
    assertThat(AppConfig.envName("password.argon2.memoryKib")).isEqualTo("GERBANG_PASSWORD_ARGON2_MEMORY_KIB");
  }

  @Test
  void aDotEnvFileOverridesTheConfigFileAndTheEnvironmentOverridesBoth() throws Exception {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/config.json"),
        new JsonObject().put("http", new JsonObject().put("port", 7000).put("maxBodyBytes", 2048))
            .put("publicUrl", "https://file.example.com").encode());
    Files.writeString(workDir.resolve(".env"), String.join("\n",
        "# secrets stay out of the repository",
        "",
        "GERBANG_HTTP_PORT=7001",
        "export GERBANG_PUBLIC_URL=\"https://dotenv.example.com/\"",
        "GERBANG_JWT_ISSUER='gerbang dotenv'",
        "GERBANG_DB_POOL_SIZE=4 # four is plenty",
        "GERBANG_DB_URL=jdbc:postgresql://db.example.com/gerbang"));

    AppConfig fromFiles = load();
    AppConfig withEnv = load("GERBANG_HTTP_PORT", "7002", "GERBANG_DB_POOL_SIZE", "5");

    assertThat(fromFiles.httpPort()).isEqualTo(7001);
    assertThat(fromFiles.maxBodyBytes()).isEqualTo(2048);
    assertThat(fromFiles.publicUrl()).isEqualTo("https://dotenv.example.com");
    assertThat(auth(fromFiles).jwtIssuer()).isEqualTo("gerbang dotenv");
    assertThat(fromFiles.dbPoolSize()).isEqualTo(4);
    assertThat(fromFiles.dbUrl()).isEqualTo("jdbc:postgresql://db.example.com/gerbang");
    assertThat(withEnv.httpPort()).isEqualTo(7002);
    assertThat(withEnv.dbPoolSize()).isEqualTo(5);
    assertThat(withEnv.maxBodyBytes()).isEqualTo(2048);
  }

  @Test
  void everyKindOfBadValueStopsWithOneLineNamingTheVariable() {
    assertThat(failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "eighty")).contains("whole number", "eighty");
    assertThat(failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "70000")).contains("0 to 65535", "70000");
    failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "-1");
    failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "80.5");
    failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "");
    failure("GERBANG_HTTP_PORT", "GERBANG_HTTP_PORT", "99999999999999999999");
    assertThat(failure("GERBANG_SESSION_COOKIE_SECURE", "GERBANG_SESSION_COOKIE_SECURE", "yes")).contains("true or false");
    assertThat(failure("GERBANG_PUBLIC_URL", "GERBANG_PUBLIC_URL", "ftp://example.com")).contains("http(s) URL");
    failure("GERBANG_PUBLIC_URL", "GERBANG_PUBLIC_URL", "not a url at all");
    failure("GERBANG_PUBLIC_URL", "GERBANG_PUBLIC_URL", "https://");
    failure("GERBANG_DB_URL", "GERBANG_DB_URL", "jdbc:mysql://localhost/gerbang");
    assertThat(failure("GERBANG_JWT_SECRET", "GERBANG_JWT_SECRET", "too-short")).contains("32 bytes").doesNotContain("too-short");
    failure("GERBANG_JWT_ISSUER", "GERBANG_JWT_ISSUER", "   ");
    failure("GERBANG_PASSWORD_MIN_LENGTH", "GERBANG_PASSWORD_MIN_LENGTH", "7");
    failure("GERBANG_PASSWORD_ARGON2_MEMORY_KIB", "GERBANG_PASSWORD_ARGON2_MEMORY_KIB", "10");
    failure("GERBANG_HTTP_MAX_BODY_BYTES", "GERBANG_HTTP_MAX_BODY_BYTES", "100");
    failure("GERBANG_JWT_ACCESS_TOKEN_TTL_SECONDS", "GERBANG_JWT_ACCESS_TOKEN_TTL_SECONDS", "5");
    failure("GERBANG_CONFIG_FILE", "GERBANG_CONFIG_FILE", "missing.json");
  }

  @Test
  void badFilesStopWithOneLineToo() throws Exception {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/config.json"), new JsonObject().put("http", new JsonObject().put("port", "8080")).encode());
    assertThat(failure("GERBANG_HTTP_PORT")).contains("whole number");

    Files.writeString(workDir.resolve("conf/config.json"), "{ \"http\": ");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.json").hasMessageContaining("not valid JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Files.delete(workDir.resolve("conf/config.json"));
    Files.writeString(workDir.resolve(".env"), "GERBANG_HTTP_PORT=8081\njust some words\n");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining(".env line 2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Files.writeString(workDir.resolve(".env"), "GERBANG_HTTP_PORT=port\n");
    failure("GERBANG_HTTP_PORT");
  }

  @Test
  void ofAppliesOverridesToTheDefaultsAndValidatesThem() {
    AppConfig config = AppConfig.of(new JsonObject().put("http", new JsonObject().put("port", 1234))
        .put("publicUrl", "https://gerbang.example.com/"));

    assertThat(config.httpPort()).isEqualTo(1234);
    assertThat(config.publicUrl()).isEqualTo("https://gerbang.example.com");
    assertThat(auth(config).jwtAudience()).isEqualTo("gerbang-api");
    assertThatThrownBy(() -> auth(AppConfig.of(new JsonObject().put("session", new JsonObject().put("cookieSecure", "yes")))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_SESSION_COOKIE_SECURE:");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("db", new JsonObject().put("poolSize", 0))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_DB_POOL_SIZE:");
  }
}
