package dev.gerbang.auth;

import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import java.nio.charset.StandardCharsets;

/**
 * Sign-in, sessions and passwords: the access token (jwt.*), the session and its cookie (session.*), the
 * password rules and hash (password.*), and who may sign in (auth.*). Read and checked once at start-up.
 */
public record AuthSettings(String jwtSecret, String jwtIssuer, String jwtAudience, int accessTokenTtlSeconds,
                           int refreshTokenTtlDays, int sessionAbsoluteHours, int refreshGraceSeconds, boolean cookieSecure,
                           int sessionCacheSeconds, int passwordMinLength, int passwordMaxLength, int argon2MemoryKib,
                           int argon2Iterations, int argon2Parallelism, boolean requireVerifiedEmail, int recentAuthMinutes) {

  public static AuthSettings from(ConfigReader config) {
    String secret = config.string("jwt.secret");
    if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new ConfigException(ConfigReader.envName("jwt.secret") + ": must be at least 32 bytes (or empty to generate one)");
    }
    AuthSettings settings = new AuthSettings(secret, config.nonBlank("jwt.issuer"), config.nonBlank("jwt.audience"),
        config.intIn("jwt.accessTokenTtlSeconds", 30, 24 * 3600),
        config.intIn("session.refreshTokenTtlDays", 1, 365),
        // However active, a session ends this long after its sign-in (ASVS 3.3.2 wants 12 h at L2).
        config.intIn("session.absoluteLifetimeHours", 1, 87_600),
        config.intIn("session.refreshGraceSeconds", 0, 300),
        config.bool("session.cookieSecure"),
        config.intIn("session.cacheSeconds", 0, 3600),
        config.intIn("password.minLength", 8, 128),
        config.intIn("password.maxLength", 128, 4096),
        config.intIn("password.argon2.memoryKib", 1024, 4 * 1024 * 1024),
        config.intIn("password.argon2.iterations", 1, 100),
        config.intIn("password.argon2.parallelism", 1, 64),
        config.bool("auth.requireVerifiedEmail"),
        // How recent a sign-in must be to add a first password to an account that has none.
        config.intIn("auth.recentAuthMinutes", 1, 24 * 60));
    if (settings.passwordMinLength() > settings.passwordMaxLength()) {
      throw new ConfigException(ConfigReader.envName("password.minLength") + ": must not exceed password.maxLength");
    }
    return settings;
  }
}
