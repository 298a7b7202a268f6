package dev.gerbang.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ground floor's settings: where data lives, the public URL and default language, the HTTP server and
 * its limits, TLS, the database, logging, and the web defences (rate limits, login lock). Features read
 * their own settings from {@link #reader()} into records of their own (auth/AuthSettings, notify/NotifySettings,
 * ...). All values here are validated at load time, so a bad one stops start-up with one line naming it.
 */
public final class AppConfig {
  private final ConfigReader reader;

  private AppConfig(ConfigReader reader) {
    this.reader = reader;
    validate();
  }

  /** Loads config for a real start: files and environment of the given working directory. */
  public static AppConfig load(Path workDir, Map<String, String> environment) {
    return new AppConfig(ConfigReader.load(workDir, environment));
  }

  /** Defaults plus the given overrides, ignoring files and the environment: for tests and tools. */
  public static AppConfig of(JsonObject overrides) {
    return new AppConfig(ConfigReader.of(overrides));
  }

  /** Every setting, for the features to read their own from. */
  public ConfigReader reader() {
    return reader;
  }

  public JsonObject json() {
    return reader.json();
  }

  /** GERBANG_ + the path in upper snake case (see {@link ConfigReader#envName}). */
  public static String envName(String path) {
    return ConfigReader.envName(path);
  }

  /** The language of mails and texts when the user's is unknown: en or id. */
  public String defaultLocale() {
    String locale = reader.nonBlank("mail.defaultLocale");
    if (!locale.equals("en") && !locale.equals("id")) {
      throw new ConfigException(envName("mail.defaultLocale") + ": must be en or id, got '" + locale + "'");
    }
    return locale;
  }

  public Path dataDir() {
    return Path.of(reader.string("dataDir")).toAbsolutePath().normalize();
  }

  public String httpHost() {
    return reader.string("http.host");
  }

  public int httpPort() {
    return reader.intIn("http.port", 0, 65535);
  }

  public int httpInstances() {
    int n = reader.intIn("http.instances", 0, 64);
    return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
  }

  public int maxBodyBytes() {
    return reader.intIn("http.maxBodyBytes", 1024, 64 * 1024 * 1024);
  }

  public int shutdownTimeoutSeconds() {
    return reader.intIn("http.shutdownTimeoutSeconds", 0, 600);
  }

  /** The URL people reach this server at; links in emails and redirects are built from it. */
  public String publicUrl() {
    String url = reader.string("publicUrl");
    if (url.isBlank()) {
      return "http://localhost:" + httpPort();
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String dbUrl() {
    String url = reader.string("db.url");
    return url.isBlank() ? "jdbc:sqlite:" + dataDir().resolve("gerbang.db") : url;
  }

  public String dbUsername() {
    return reader.string("db.username");
  }

  public String dbPassword() {
    return reader.string("db.password");
  }

  public int dbPoolSize() {
    return reader.intIn("db.poolSize", 1, 200);
  }

  public int dbBusyTimeoutMs() {
    return reader.intIn("db.busyTimeoutMs", 0, 600_000);
  }

  public boolean logRequests() {
    return reader.bool("log.requests");
  }

  /** Per-route-class body limit for the sign-in family (login, register, refresh, password reset...). */
  public int maxAuthBodyBytes() {
    return reader.intIn("http.maxAuthBodyBytes", 1024, 64 * 1024 * 1024);
  }

  public int maxJsonDepth() {
    return reader.intIn("http.maxJsonDepth", 2, 1000);
  }

  public int maxJsonStringLength() {
    return reader.intIn("http.maxJsonStringLength", 256, 64 * 1024 * 1024);
  }

  public int maxHeaderBytes() {
    return reader.intIn("http.maxHeaderBytes", 1024, 1024 * 1024);
  }

  public int maxInitialLineLength() {
    return reader.intIn("http.maxInitialLineLength", 256, 1024 * 1024);
  }

  /** How long a client may take to send a request's headers (slow-loris defence); 0 disables. */
  public int headerTimeoutSeconds() {
    return reader.intIn("http.headerTimeoutSeconds", 0, 3600);
  }

  public int idleTimeoutSeconds() {
    return reader.intIn("http.idleTimeoutSeconds", 0, 86_400);
  }

  public int requestTimeoutSeconds() {
    return reader.intIn("http.requestTimeoutSeconds", 1, 3600);
  }

  /** Peers (IPs or CIDR ranges) whose X-Forwarded-For we believe; empty: the TCP peer is the client. */
  public List<String> trustedProxies() {
    List<String> list = reader.stringList("http.trustedProxies");
    for (String entry : list) {
      if (!entry.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) {
        throw new ConfigException(ConfigReader.envName("http.trustedProxies") + ": not an IP address or CIDR range: '" + entry + "'");
      }
    }
    return list;
  }

  /** Origins allowed to call the API from a browser (CORS, with credentials); empty: none. */
  public List<String> corsOrigins() {
    List<String> list = reader.stringList("http.corsOrigins");
    for (String origin : list) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new ConfigException(ConfigReader.envName("http.corsOrigins") + ": must be origins like https://app.example.com, got '" + origin + "'");
      }
    }
    return list;
  }

  public boolean tlsEnabled() {
    return reader.bool("tls.enabled");
  }

  public String tlsCertPath() {
    return reader.string("tls.certPath");
  }

  public String tlsKeyPath() {
    return reader.string("tls.keyPath");
  }

  /** A plain-HTTP port that redirects to HTTPS (TLS only); 0: none. */
  public int tlsRedirectPort() {
    return reader.intIn("tls.redirectPort", 0, 65535);
  }

  public int hstsSeconds() {
    return reader.intIn("tls.hstsSeconds", 0, 2 * 365 * 86_400);
  }

  public boolean rateLimitEnabled() {
    return reader.bool("rateLimit.enabled");
  }

  /** At most this many client buckets are kept per node (least recently used go first). */
  public int rateLimitMaxKeys() {
    return reader.intIn("rateLimit.maxKeys", 100, 10_000_000);
  }

  public int rateLimitAuthPerMinute() {
    return reader.intIn("rateLimit.authPerMinute", 1, 1_000_000);
  }

  public int rateLimitWritePerMinute() {
    return reader.intIn("rateLimit.writePerMinute", 1, 1_000_000);
  }

  public int rateLimitReadPerMinute() {
    return reader.intIn("rateLimit.readPerMinute", 1, 1_000_000);
  }

  /** Failed password sign-ins an account takes before its password login locks. */
  public int loginFreeFailures() {
    return reader.intIn("loginThrottle.freeFailures", 1, 1_000_000);
  }

  public int loginLockBaseSeconds() {
    return reader.intIn("loginThrottle.lockBaseSeconds", 1, 86_400);
  }

  public int loginLockMaxSeconds() {
    return reader.intIn("loginThrottle.lockMaxSeconds", 1, 7 * 86_400);
  }

  public int loginThrottleMaxAccounts() {
    return reader.intIn("loginThrottle.maxAccounts", 100, 10_000_000);
  }

  private void validate() {
    dataDir();
    httpHost();
    httpPort();
    httpInstances();
    maxBodyBytes();
    shutdownTimeoutSeconds();
    defaultLocale();
    String url = publicUrl();
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(envName("publicUrl") + ": must be an http(s) URL, got '" + url + "'");
      }
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(envName("publicUrl") + ": must be an http(s) URL, got '" + url + "'");
    }
    String db = dbUrl();
    if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(envName("db.url") + ": must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    dbPoolSize();
    dbBusyTimeoutMs();
    logRequests();
    maxAuthBodyBytes();
    maxJsonDepth();
    maxJsonStringLength();
    maxHeaderBytes();
    maxInitialLineLength();
    headerTimeoutSeconds();
    idleTimeoutSeconds();
    requestTimeoutSeconds();
    trustedProxies();
    corsOrigins();
    if (tlsEnabled() && (tlsCertPath().isBlank() || tlsKeyPath().isBlank())) {
      throw new ConfigException(envName("tls.certPath") + ": TLS is enabled, so tls.certPath and tls.keyPath must name PEM files");
    }
    tlsRedirectPort();
    hstsSeconds();
    rateLimitEnabled();
    rateLimitMaxKeys();
    rateLimitAuthPerMinute();
    rateLimitWritePerMinute();
    rateLimitReadPerMinute();
    loginFreeFailures();
    if (loginLockBaseSeconds() > loginLockMaxSeconds()) {
      throw new ConfigException(envName("loginThrottle.lockBaseSeconds") + ": must not exceed loginThrottle.lockMaxSeconds");
    }
    loginThrottleMaxAccounts();
  }
}
