package dev.gerbang.account;

import dev.gerbang.config.ConfigReader;

/** How long each emailed link works (tokens.*), and how often one may be asked for again. */
public record AccountSettings(int verifyEmailTokenMinutes, int passwordResetTokenMinutes, int emailChangeTokenMinutes,
                              int resendCooldownSeconds) {

  public static AccountSettings from(ConfigReader config) {
    return new AccountSettings(config.intIn("tokens.verifyEmailMinutes", 1, 30 * 24 * 60),
        config.intIn("tokens.passwordResetMinutes", 1, 24 * 60),
        config.intIn("tokens.emailChangeMinutes", 1, 7 * 24 * 60),
        config.intIn("mail.resendCooldownSeconds", 0, 86_400));
  }
}
