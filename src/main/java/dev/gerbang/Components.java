package dev.gerbang;

import dev.gerbang.account.AccountService;
import dev.gerbang.account.AccountSettings;
import dev.gerbang.account.EmailTokens;
import dev.gerbang.audit.Audit;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.AuthHandler;
import dev.gerbang.auth.AuthSettings;
import dev.gerbang.auth.Keys;
import dev.gerbang.auth.PasswordHasher;
import dev.gerbang.auth.PasswordPolicy;
import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.auth.SessionGate;
import dev.gerbang.auth.SessionService;
import dev.gerbang.auth.Tokens;
import dev.gerbang.cluster.Cluster;
import dev.gerbang.config.AppConfig;
import dev.gerbang.events.Events;
import dev.gerbang.db.Cursors;
import dev.gerbang.secrets.Secrets;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.security.RateLimiter;
import dev.gerbang.user.UserService;
import io.vertx.core.Vertx;
import java.time.Instant;

/**
 * The kernel every feature's routes share on one node: the ground floor's configuration, the sign-in
 * machinery (settings, tokens, hasher, session gate, auth handler) and the account emails' settings, the
 * proxies of the services most features call (users, sessions, accounts, audit), the rate limiter and login
 * throttle (so every HTTP verticle of the node shares them), and the codec that signs list cursors (for the
 * database worker), and the node's {@link Events}. Built once before the verticles deploy (building the hasher computes a hash, and the
 * version is read from the classpath, so not on an event loop). startedAt is when this node started. What
 * only one feature needs lives in that feature.
 */
public record Components(AppConfig config, AuthSettings authSettings, AccountSettings accountSettings, UserService users,
                         SessionService sessions, AccountService accounts, Audit audit, Tokens tokens,
                         RefreshTokens refreshTokens, EmailTokens emailTokens, PasswordHasher hasher, PasswordPolicy policy,
                         SessionGate gate, AuthHandler auth, byte[] derivationKey, String version, Instant startedAt,
                         RateLimiter rateLimiter, LoginThrottle loginThrottle, Cursors cursors, Events events,
                         Cluster cluster, Secrets secrets) {

  /**
   * Reads the sign-in and account settings (a bad one throws ConfigException), loads or creates the key file,
   * and builds the kernel. Blocks on file IO and a hash: call it from a plain thread.
   */
  public static Components create(Cluster cluster, AppConfig config) {
    Vertx vertx = cluster.vertx();
    AuthSettings authSettings = AuthSettings.from(config.reader());
    Secrets secrets = cluster.secrets(config);
    Keys keys = Keys.loadOrCreate(secrets, authSettings.jwtSecret());
    SessionService sessions = SessionService.proxy(vertx);
    Events events = new Events(vertx);
    Tokens tokens = new Tokens(vertx, authSettings, keys);
    SessionGate gate = new SessionGate(vertx, sessions, authSettings.sessionCacheSeconds());
    return new Components(config, authSettings, AccountSettings.from(config.reader()), UserService.proxy(vertx), sessions,
        AccountService.proxy(vertx), new Audit(AuditService.proxy(vertx)), tokens, new RefreshTokens(keys),
        new EmailTokens(keys.emailTokenKey()), new PasswordHasher(vertx, authSettings), new PasswordPolicy(authSettings), gate,
        new AuthHandler(tokens, gate), keys.emailTokenKey(), buildVersion(), Instant.now(),
        cluster.rateLimiter(config), cluster.loginThrottle(config),
        new Cursors(keys.cursorKey()), events, cluster, secrets);
  }

  /** The build's version, written into gerbang/version.properties by Maven resource filtering. */
  private static String buildVersion() {
    try (java.io.InputStream in = Components.class.getClassLoader().getResourceAsStream("gerbang/version.properties")) {
      java.util.Properties properties = new java.util.Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
