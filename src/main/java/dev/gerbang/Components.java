package dev.gerbang;

import dev.gerbang.account.AccountService;
import dev.gerbang.account.EmailTokens;
import dev.gerbang.audit.Audit;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.AuthHandler;
import dev.gerbang.auth.Keys;
import dev.gerbang.auth.PasswordHasher;
import dev.gerbang.auth.PasswordPolicy;
import dev.gerbang.auth.RefreshTokens;
import dev.gerbang.auth.SessionGate;
import dev.gerbang.auth.SessionService;
import dev.gerbang.auth.Tokens;
import dev.gerbang.config.AppConfig;
import dev.gerbang.content.ContentCache;
import dev.gerbang.notify.NotifySettings;
import dev.gerbang.notify.push.VapidKeys;
import dev.gerbang.security.LocalLoginThrottle;
import dev.gerbang.security.LocalRateLimiter;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.security.RateLimiter;
import dev.gerbang.user.UserService;
import io.vertx.core.Vertx;
import java.time.Instant;

/**
 * What the HTTP verticles share on one node: configuration, the service proxies, the auth machinery, the
 * in-memory cache of public content, and the rate limiter and login throttle (so every HTTP verticle of the
 * node shares them). Built once before the verticles deploy (building the hasher computes a hash, and the
 * version is read from the classpath, and the VAPID key file is read or written, so not on an event loop).
 * startedAt is when this node started.
 */
public record Components(AppConfig config, UserService users, SessionService sessions, AccountService accounts,
                         Audit audit, Tokens tokens, RefreshTokens refreshTokens, EmailTokens emailTokens,
                         PasswordHasher hasher, PasswordPolicy policy, SessionGate gate, AuthHandler auth,
                         byte[] derivationKey, ContentCache contentCache, String version, Instant startedAt,
                         RateLimiter rateLimiter, LoginThrottle loginThrottle, NotifySettings notifySettings,
                         VapidKeys vapid) {

  public static Components create(Vertx vertx, AppConfig config, Keys keys) {
    SessionService sessions = SessionService.proxy(vertx);
    Tokens tokens = new Tokens(vertx, config, keys);
    SessionGate gate = new SessionGate(vertx, sessions, config.sessionCacheSeconds());
    return new Components(config, UserService.proxy(vertx), sessions, AccountService.proxy(vertx),
        new Audit(AuditService.proxy(vertx)), tokens, new RefreshTokens(keys), new EmailTokens(keys.emailTokenKey()),
        new PasswordHasher(vertx, config), new PasswordPolicy(config), gate, new AuthHandler(tokens, gate),
        keys.emailTokenKey(), new ContentCache(vertx, config.contentCacheMaxEntries()), buildVersion(), Instant.now(),
        new LocalRateLimiter(config.rateLimitMaxKeys()),
        new LocalLoginThrottle(config.loginFreeFailures(), config.loginLockBaseSeconds(), config.loginLockMaxSeconds(),
            config.loginThrottleMaxAccounts()),
        NotifySettings.from(config), VapidKeys.loadOrCreate(config.dataDir()));
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
