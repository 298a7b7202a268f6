package dev.gerbang.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reads configuration: the defaults bundled in the jar (a copy of conf/config.json),
 * then conf/config.json in the working directory, then a .env file, then environment variables.
 * Every setting at path a.bCd is overridden by GERBANG_A_B_CD. All values are validated at load time,
 * so a bad one stops start-up with one line naming the setting.
 */
public final class AppConfig {
  private static final Logger log = LoggerFactory.getLogger(AppConfig.class);
  private static final String DEFAULTS = "/gerbang-conf/config.json";

  private final JsonObject json;

  private AppConfig(JsonObject json) {
    this.json = json;
    validate();
  }

  /** Loads config for a real start: files and environment of the given working directory. */
  public static AppConfig load(Path workDir, Map<String, String> environment) {
    JsonObject merged = defaults();
    Path file = workDir.resolve("conf/config.json");
    String explicit = environment.get("GERBANG_CONFIG_FILE");
    if (explicit != null && !explicit.isBlank()) {
      file = workDir.resolve(explicit);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("GERBANG_CONFIG_FILE: no such file " + file);
      }
    }
    if (Files.isRegularFile(file)) {
      deepMerge(merged, readJson(file));
    }
    Map<String, String> env = new HashMap<>(DotEnv.read(workDir.resolve(".env")));
    env.putAll(environment);
    applyEnvironment(merged, env);
    return new AppConfig(merged);
  }

  /** Defaults plus the given overrides, ignoring files and the environment: for tests and tools. */
  public static AppConfig of(JsonObject overrides) {
    JsonObject merged = defaults();
    deepMerge(merged, overrides.copy());
    return new AppConfig(merged);
  }

  public JsonObject json() {
    return json.copy();
  }

  public Path dataDir() {
    return Path.of(string("dataDir")).toAbsolutePath().normalize();
  }

  public String httpHost() {
    return string("http.host");
  }

  public int httpPort() {
    return intIn("http.port", 0, 65535);
  }

  public int httpInstances() {
    int n = intIn("http.instances", 0, 64);
    return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
  }

  public int maxBodyBytes() {
    return intIn("http.maxBodyBytes", 1024, 64 * 1024 * 1024);
  }

  public int shutdownTimeoutSeconds() {
    return intIn("http.shutdownTimeoutSeconds", 0, 600);
  }

  /** The URL people reach this server at; links in emails and redirects are built from it. */
  public String publicUrl() {
    String url = string("publicUrl");
    if (url.isBlank()) {
      return "http://localhost:" + httpPort();
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String dbUrl() {
    String url = string("db.url");
    return url.isBlank() ? "jdbc:sqlite:" + dataDir().resolve("gerbang.db") : url;
  }

  public String dbUsername() {
    return string("db.username");
  }

  public String dbPassword() {
    return string("db.password");
  }

  public int dbPoolSize() {
    return intIn("db.poolSize", 1, 200);
  }

  public int dbBusyTimeoutMs() {
    return intIn("db.busyTimeoutMs", 0, 600_000);
  }

  public String jwtSecret() {
    return string("jwt.secret");
  }

  public String jwtIssuer() {
    return nonBlank("jwt.issuer");
  }

  public String jwtAudience() {
    return nonBlank("jwt.audience");
  }

  public int accessTokenTtlSeconds() {
    return intIn("jwt.accessTokenTtlSeconds", 30, 24 * 3600);
  }

  public int refreshTokenTtlDays() {
    return intIn("session.refreshTokenTtlDays", 1, 365);
  }

  /** However active, a session ends this long after its sign-in (ASVS 3.3.2 wants 12 h at L2). */
  public int sessionAbsoluteHours() {
    return intIn("session.absoluteLifetimeHours", 1, 87_600);
  }

  public int refreshGraceSeconds() {
    return intIn("session.refreshGraceSeconds", 0, 300);
  }

  public boolean cookieSecure() {
    return bool("session.cookieSecure");
  }

  public int sessionCacheSeconds() {
    return intIn("session.cacheSeconds", 0, 3600);
  }

  public int passwordMinLength() {
    return intIn("password.minLength", 8, 128);
  }

  public int passwordMaxLength() {
    return intIn("password.maxLength", 128, 4096);
  }

  public int argon2MemoryKib() {
    return intIn("password.argon2.memoryKib", 1024, 4 * 1024 * 1024);
  }

  public int argon2Iterations() {
    return intIn("password.argon2.iterations", 1, 100);
  }

  public int argon2Parallelism() {
    return intIn("password.argon2.parallelism", 1, 64);
  }

  /** Whether any signed-in user may write article drafts (publishing stays with editors and admins). */
  public boolean usersMayWriteDrafts() {
    return bool("content.usersMayWriteDrafts");
  }

  /** How many public content responses each node keeps in memory. */
  public int contentCacheMaxEntries() {
    return intIn("content.cacheMaxEntries", 0, 10_000_000);
  }

  public boolean logRequests() {
    return bool("log.requests");
  }

  public boolean requireVerifiedEmail() {
    return bool("auth.requireVerifiedEmail");
  }

  /** The SMTP host; empty means no mail server: messages are kept in the outbox and logged, not sent. */
  public String smtpHost() {
    return string("smtp.host");
  }

  public int smtpPort() {
    return intIn("smtp.port", 1, 65535);
  }

  /** DISABLED, OPTIONAL or REQUIRED. */
  public String smtpStartTls() {
    String value = string("smtp.startTls").toUpperCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("DISABLED", "OPTIONAL", "REQUIRED").contains(value)) {
      throw new ConfigException(envName("smtp.startTls") + ": must be DISABLED, OPTIONAL or REQUIRED, got '" + value + "'");
    }
    return value;
  }

  public boolean smtpSsl() {
    return bool("smtp.ssl");
  }

  public String smtpUsername() {
    return string("smtp.username");
  }

  public String smtpPassword() {
    return string("smtp.password");
  }

  public String smtpFrom() {
    return nonBlank("smtp.from");
  }

  public String mailProductName() {
    return nonBlank("mail.productName");
  }

  public String mailDefaultLocale() {
    String locale = nonBlank("mail.defaultLocale");
    if (!locale.equals("en") && !locale.equals("id")) {
      throw new ConfigException(envName("mail.defaultLocale") + ": must be en or id, got '" + locale + "'");
    }
    return locale;
  }

  public int mailMaxAttempts() {
    return intIn("mail.maxAttempts", 1, 100);
  }

  public int mailRetryBaseMillis() {
    return intIn("mail.retryBaseMillis", 10, 3_600_000);
  }

  public int mailPollMillis() {
    return intIn("mail.pollMillis", 10, 600_000);
  }

  public int mailResendCooldownSeconds() {
    return intIn("mail.resendCooldownSeconds", 0, 86_400);
  }

  public int verifyEmailTokenMinutes() {
    return intIn("tokens.verifyEmailMinutes", 1, 30 * 24 * 60);
  }

  public int passwordResetTokenMinutes() {
    return intIn("tokens.passwordResetMinutes", 1, 24 * 60);
  }

  public int emailChangeTokenMinutes() {
    return intIn("tokens.emailChangeMinutes", 1, 7 * 24 * 60);
  }

  /** How long the link that finishes a social sign-up with an unverified email works. */
  public int socialSignUpTokenMinutes() {
    return intIn("tokens.socialSignUpMinutes", 1, 24 * 60);
  }

  /** How recent a sign-in must be to add a first password to an account that has none. */
  public int recentAuthMinutes() {
    return intIn("auth.recentAuthMinutes", 1, 24 * 60);
  }

  /** Development only: with no SMTP server, write held mails' links (live tokens) to the log. */
  public boolean mailLogLinks() {
    return bool("mail.logLinks");
  }

  /** A provider setting such as google.clientId (providers are optional: empty means not configured). */
  public String providerSetting(String path) {
    return string(path);
  }

  public int oauthFlowTtlSeconds() {
    return intIn("oauth.flowTtlSeconds", 30, 3600);
  }

  /** Origins besides publicUrl that a social sign-in may return to (another web app of the operator's). */
  public java.util.List<String> oauthRedirectOrigins() {
    Object value = raw("oauth.redirectOrigins");
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(envName("oauth.redirectOrigins") + ": must be a list of origins");
    }
    java.util.List<String> origins = new java.util.ArrayList<>();
    for (Object item : array) {
      String origin = String.valueOf(item);
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new ConfigException(envName("oauth.redirectOrigins") + ": '" + origin + "' is not an origin such as https://app.example.com");
      }
      origins.add(origin);
    }
    return origins;
  }

  /** Per-route-class body limit for the sign-in family (login, register, refresh, password reset...). */
  public int maxAuthBodyBytes() {
    return intIn("http.maxAuthBodyBytes", 1024, 64 * 1024 * 1024);
  }

  public int maxJsonDepth() {
    return intIn("http.maxJsonDepth", 2, 1000);
  }

  public int maxJsonStringLength() {
    return intIn("http.maxJsonStringLength", 256, 64 * 1024 * 1024);
  }

  public int maxHeaderBytes() {
    return intIn("http.maxHeaderBytes", 1024, 1024 * 1024);
  }

  public int maxInitialLineLength() {
    return intIn("http.maxInitialLineLength", 256, 1024 * 1024);
  }

  /** How long a client may take to send a request's headers (slow-loris defence); 0 disables. */
  public int headerTimeoutSeconds() {
    return intIn("http.headerTimeoutSeconds", 0, 3600);
  }

  public int idleTimeoutSeconds() {
    return intIn("http.idleTimeoutSeconds", 0, 86_400);
  }

  public int requestTimeoutSeconds() {
    return intIn("http.requestTimeoutSeconds", 1, 3600);
  }

  /** Peers (IPs or CIDR ranges) whose X-Forwarded-For we believe; empty: the TCP peer is the client. */
  public java.util.List<String> trustedProxies() {
    java.util.List<String> list = stringList("http.trustedProxies");
    for (String entry : list) {
      if (!entry.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) {
        throw new ConfigException(envName("http.trustedProxies") + ": not an IP address or CIDR range: '" + entry + "'");
      }
    }
    return list;
  }

  /** Origins allowed to call the API from a browser (CORS, with credentials); empty: none. */
  public java.util.List<String> corsOrigins() {
    java.util.List<String> list = stringList("http.corsOrigins");
    for (String origin : list) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new ConfigException(envName("http.corsOrigins") + ": must be origins like https://app.example.com, got '" + origin + "'");
      }
    }
    return list;
  }

  public boolean tlsEnabled() {
    return bool("tls.enabled");
  }

  public String tlsCertPath() {
    return string("tls.certPath");
  }

  public String tlsKeyPath() {
    return string("tls.keyPath");
  }

  /** A plain-HTTP port that redirects to HTTPS (TLS only); 0: none. */
  public int tlsRedirectPort() {
    return intIn("tls.redirectPort", 0, 65535);
  }

  public int hstsSeconds() {
    return intIn("tls.hstsSeconds", 0, 2 * 365 * 86_400);
  }

  public boolean rateLimitEnabled() {
    return bool("rateLimit.enabled");
  }

  /** At most this many client buckets are kept per node (least recently used go first). */
  public int rateLimitMaxKeys() {
    return intIn("rateLimit.maxKeys", 100, 10_000_000);
  }

  public int rateLimitAuthPerMinute() {
    return intIn("rateLimit.authPerMinute", 1, 1_000_000);
  }

  public int rateLimitWritePerMinute() {
    return intIn("rateLimit.writePerMinute", 1, 1_000_000);
  }

  public int rateLimitReadPerMinute() {
    return intIn("rateLimit.readPerMinute", 1, 1_000_000);
  }

  /** Failed password sign-ins an account takes before its password login locks. */
  public int loginFreeFailures() {
    return intIn("loginThrottle.freeFailures", 1, 1_000_000);
  }

  public int loginLockBaseSeconds() {
    return intIn("loginThrottle.lockBaseSeconds", 1, 86_400);
  }

  public int loginLockMaxSeconds() {
    return intIn("loginThrottle.lockMaxSeconds", 1, 7 * 86_400);
  }

  public int loginThrottleMaxAccounts() {
    return intIn("loginThrottle.maxAccounts", 100, 10_000_000);
  }

  private void validateSecurity() {
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

  // The typed readers below are public for the features that keep their own settings view (notify.NotifySettings):
  // each names the setting's environment variable in its error.

  public java.util.List<String> stringList(String path) {
    Object value = raw(path);
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(envName(path) + ": must be a list (comma-separated in the environment), got '" + value + "'");
    }
    java.util.List<String> list = new java.util.ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new ConfigException(envName(path) + ": every entry must be a non-empty string, got '" + item + "'");
      }
      list.add(s.strip());
    }
    return java.util.List.copyOf(list);
  }

  private void validate() {
    dataDir();
    httpHost();
    httpPort();
    httpInstances();
    maxBodyBytes();
    shutdownTimeoutSeconds();
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
    usersMayWriteDrafts();
    contentCacheMaxEntries();
    String secret = jwtSecret();
    if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new ConfigException(envName("jwt.secret") + ": must be at least 32 bytes (or empty to generate one)");
    }
    jwtIssuer();
    jwtAudience();
    accessTokenTtlSeconds();
    refreshTokenTtlDays();
    refreshGraceSeconds();
    sessionAbsoluteHours();
    cookieSecure();
    sessionCacheSeconds();
    if (passwordMinLength() > passwordMaxLength()) {
      throw new ConfigException(envName("password.minLength") + ": must not exceed password.maxLength");
    }
    argon2MemoryKib();
    argon2Iterations();
    argon2Parallelism();
    logRequests();
    requireVerifiedEmail();
    smtpHost();
    smtpPort();
    smtpStartTls();
    smtpSsl();
    smtpUsername();
    smtpPassword();
    smtpFrom();
    mailProductName();
    mailDefaultLocale();
    mailMaxAttempts();
    mailRetryBaseMillis();
    mailPollMillis();
    mailResendCooldownSeconds();
    verifyEmailTokenMinutes();
    passwordResetTokenMinutes();
    emailChangeTokenMinutes();
    socialSignUpTokenMinutes();
    recentAuthMinutes();
    mailLogLinks();
    oauthFlowTtlSeconds();
    oauthRedirectOrigins();
    for (String path : new String[] {"google.clientId", "google.clientSecret", "google.issuer", "facebook.clientId",
        "facebook.clientSecret", "facebook.authorizeUrl", "facebook.tokenUrl", "facebook.graphUrl", "oidc.name",
        "oidc.displayName", "oidc.issuer", "oidc.clientId", "oidc.clientSecret"}) {
      providerSetting(path);
    }
    String oidcName = providerSetting("oidc.name");
    if (!oidcName.isEmpty() && (!oidcName.matches("[a-z][a-z0-9-]{1,29}") || oidcName.equals("google") || oidcName.equals("facebook"))) {
      throw new ConfigException(envName("oidc.name") + ": must be a lower-case id such as 'gitlab', not google or facebook");
    }
    validateSecurity();
  }

  /** GERBANG_ + the path in upper snake case: http.port -> GERBANG_HTTP_PORT, dataDir -> GERBANG_DATA_DIR. */
  public static String envName(String path) {
    StringBuilder name = new StringBuilder("GERBANG");
    for (String segment : path.split("\\.")) {
      name.append('_').append(segment.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return name.toString();
  }

  private Object raw(String path) {
    Object node = json;
    for (String segment : path.split("\\.")) {
      if (!(node instanceof JsonObject object) || !object.containsKey(segment)) {
        throw new ConfigException(envName(path) + ": missing setting " + path);
      }
      node = object.getValue(segment);
    }
    return node;
  }

  public String string(String path) {
    Object value = raw(path);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw new ConfigException(envName(path) + ": must be a string, got " + value);
    }
    return s.strip();
  }

  private String nonBlank(String path) {
    String value = string(path);
    if (value.isBlank()) {
      throw new ConfigException(envName(path) + ": must not be empty");
    }
    return value;
  }

  public int intIn(String path, int min, int max) {
    Object value = raw(path);
    long n;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      n = number.longValue();
    } else {
      throw new ConfigException(envName(path) + ": must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(envName(path) + ": must be a whole number from " + min + " to " + max + ", got " + n);
    }
    return (int) n;
  }

  public boolean bool(String path) {
    Object value = raw(path);
    if (!(value instanceof Boolean b)) {
      throw new ConfigException(envName(path) + ": must be true or false, got '" + value + "'");
    }
    return b;
  }

  private static JsonObject defaults() {
    try (InputStream in = AppConfig.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + DEFAULTS);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS, e);
    }
  }

  private static JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException | DecodeException e) {
      throw new ConfigException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private static void deepMerge(JsonObject target, JsonObject source) {
    for (String key : source.fieldNames()) {
      Object value = source.getValue(key);
      if (value instanceof JsonObject child && target.getValue(key) instanceof JsonObject existing) {
        deepMerge(existing, child);
      } else {
        target.put(key, value);
      }
    }
  }

  /** Overrides every known leaf from GERBANG_* variables, parsed to the type of its default. */
  private static void applyEnvironment(JsonObject config, Map<String, String> env) {
    TreeSet<String> known = new TreeSet<>();
    applyEnvironment(config, "", env, known);
    for (String name : env.keySet()) {
      if (name.startsWith("GERBANG_") && !known.contains(name) && !name.equals("GERBANG_CONFIG_FILE")) {
        log.warn("ignoring unknown setting {}", name);
      }
    }
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env, TreeSet<String> known) {
    for (String key : node.fieldNames()) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyEnvironment(child, path, env, known);
        continue;
      }
      String name = envName(path);
      known.add(name);
      String text = env.get(name);
      if (text != null) {
        node.put(key, parse(name, text.strip(), value));
      }
    }
  }

  private static Object parse(String name, String text, Object example) {
    if (example instanceof Boolean) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new ConfigException(name + ": must be true or false, got '" + text + "'");
    }
    if (example instanceof Number) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(name + ": must be a whole number, got '" + text + "'");
      }
    }
    if (example instanceof JsonArray) {
      JsonArray list = new JsonArray();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          list.add(item.strip());
        }
      }
      return list;
    }
    return text;
  }
}
