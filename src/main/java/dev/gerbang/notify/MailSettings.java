package dev.gerbang.notify;

import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import java.util.Locale;
import java.util.Set;

/**
 * The SMTP server (smtp.*; an empty host means none: messages are held in the outbox) and how the outbox is
 * drained (mail.*). logLinks is for development only: with no SMTP server, held mails' links are logged.
 */
public record MailSettings(String smtpHost, int smtpPort, String smtpStartTls, boolean smtpSsl, String smtpUsername,
                           String smtpPassword, String smtpFrom, String productName, int maxAttempts, int retryBaseMillis,
                           int pollMillis, boolean logLinks) {

  public static MailSettings from(ConfigReader config) {
    String startTls = config.string("smtp.startTls").toUpperCase(Locale.ROOT);
    if (!Set.of("DISABLED", "OPTIONAL", "REQUIRED").contains(startTls)) {
      throw new ConfigException(ConfigReader.envName("smtp.startTls") + ": must be DISABLED, OPTIONAL or REQUIRED, got '" + startTls + "'");
    }
    return new MailSettings(config.string("smtp.host"), config.intIn("smtp.port", 1, 65535), startTls, config.bool("smtp.ssl"),
        config.string("smtp.username"), config.string("smtp.password"), config.nonBlank("smtp.from"),
        config.nonBlank("mail.productName"), config.intIn("mail.maxAttempts", 1, 100),
        config.intIn("mail.retryBaseMillis", 10, 3_600_000), config.intIn("mail.pollMillis", 10, 600_000),
        config.bool("mail.logLinks"));
  }

  /** Whether an SMTP server is configured. */
  public boolean smtpConfigured() {
    return !smtpHost.isEmpty();
  }
}
