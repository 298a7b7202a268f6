package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security settings: safe defaults, lists from the environment, and one-line errors for bad values. */
class SecurityConfigTest {
  @TempDir
  Path workDir;

  @Test
  void defaultsAreOnAndClosed() {
    AppConfig config = AppConfig.of(new JsonObject());
    assertThat(config.rateLimitEnabled()).isTrue();
    assertThat(config.rateLimitAuthPerMinute()).isEqualTo(20);
    assertThat(config.rateLimitWritePerMinute()).isEqualTo(120);
    assertThat(config.rateLimitReadPerMinute()).isEqualTo(600);
    assertThat(config.loginFreeFailures()).isEqualTo(5);
    assertThat(config.corsOrigins()).isEmpty();
    assertThat(config.trustedProxies()).isEmpty();
    assertThat(config.tlsEnabled()).isFalse();
    assertThat(config.maxAuthBodyBytes()).isEqualTo(16384);
    assertThat(config.headerTimeoutSeconds()).isEqualTo(10);
    assertThat(config.bodyTimeoutSeconds()).isEqualTo(20);
    assertThat(config.maxConnectionsPerClient()).isEqualTo(100);
  }

  @Test
  void listsComeCommaSeparatedFromTheEnvironment() {
    AppConfig config = AppConfig.load(workDir, Map.of(
        "GERBANG_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1",
        "GERBANG_HTTP_CORS_ORIGINS", "https://app.example.com,http://localhost:5173",
        "GERBANG_RATE_LIMIT_AUTH_PER_MINUTE", "7"));
    assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "127.0.0.1", "::1");
    assertThat(config.corsOrigins()).containsExactly("https://app.example.com", "http://localhost:5173");
    assertThat(config.rateLimitAuthPerMinute()).isEqualTo(7);
  }

  @Test
  void badValuesStopStartUpWithOneLineNamingTheSetting() {
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("http", new JsonObject()
        .put("trustedProxies", new JsonArray().add("proxy.example.com")))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_HTTP_TRUSTED_PROXIES: not an IP address");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("http", new JsonObject()
        .put("corsOrigins", new JsonArray().add("*")))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_HTTP_CORS_ORIGINS: must be origins");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("http", new JsonObject()
        .put("corsOrigins", new JsonArray().add("https://app.example.com/path")))))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("tls", new JsonObject().put("enabled", true))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_TLS_CERT_PATH: TLS is enabled");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("loginThrottle", new JsonObject()
        .put("lockBaseSeconds", 100).put("lockMaxSeconds", 10))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_LOGIN_THROTTLE_LOCK_BASE_SECONDS");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("rateLimit", new JsonObject().put("authPerMinute", 0))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_RATE_LIMIT_AUTH_PER_MINUTE");
    assertThatThrownBy(() -> AppConfig.load(workDir, Map.of("GERBANG_HTTP_BODY_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("GERBANG_HTTP_BODY_TIMEOUT_SECONDS: must be a whole number from 1 to 3600, got 0");
    assertThatThrownBy(() -> AppConfig.load(workDir, Map.of("GERBANG_HTTP_MAX_CONNECTIONS_PER_CLIENT", "many")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_HTTP_MAX_CONNECTIONS_PER_CLIENT");
    assertThatThrownBy(() -> AppConfig.of(new JsonObject().put("http", new JsonObject().put("maxConnectionsPerClient", 0))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_HTTP_MAX_CONNECTIONS_PER_CLIENT: must be a whole number from 1");
    assertThatThrownBy(() -> AppConfig.load(workDir, Map.of("GERBANG_RATE_LIMIT_ENABLED", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("GERBANG_RATE_LIMIT_ENABLED");
  }

  @Test
  void theJsonScanCountsDepthAndStringsWithoutParsing() {
    assertThat(BodyLimits.scan("{\"a\":[1,{\"b\":\"[[[[\"}]}".getBytes(), 3, 100)).isNull();
    assertThat(BodyLimits.scan("[[[[1]]]]".getBytes(), 3, 100)).isEqualTo("detail.body.too_deep");
    assertThat(BodyLimits.scan("{\"a\":\"x\\\"yz\"}".getBytes(), 3, 5)).isNull();
    assertThat(BodyLimits.scan("{\"a\":\"abcdefg\"}".getBytes(), 3, 5)).isEqualTo("detail.body.string_too_long");
    assertThat(BodyLimits.scan("\"abcdefg".getBytes(), 3, 5)).isEqualTo("detail.body.string_too_long");
    assertThat(BodyLimits.scan("{\"a\":1 /* x */}".getBytes(), 3, 100)).isEqualTo(BodyLimits.COMMENTS);
    assertThat(BodyLimits.scan("[1, // x\n 2]".getBytes(), 3, 100)).isEqualTo(BodyLimits.COMMENTS);
    assertThat(BodyLimits.scan("{\"a\":\"//x/*y*/\"}".getBytes(), 3, 100)).isNull();
    assertThat(List.of(RouteClass.values())).hasSize(3);
  }
}
