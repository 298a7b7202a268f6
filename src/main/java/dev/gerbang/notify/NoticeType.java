package dev.gerbang.notify;

import java.util.Optional;

/**
 * The kinds of event a user can be told about, with the channels they reach by default. Security notices
 * go by email whatever the user chooses: someone who took over the account must not be able to hide them.
 */
public enum NoticeType {
  ARTICLE_COMMENT("comment.on-article", true, true, true, false),
  COMMENT_REPLY("comment.reply", true, false, true, false),
  MEDICAL_RECORD("medical.record", true, true, true, false),
  NEW_SIGN_IN("account.sign-in", true, true, true, true),
  PASSWORD_CHANGED("account.password-changed", true, true, true, true),
  IDENTITIES_REMOVED("account.identities-removed", true, true, false, true),
  ADMIN_MESSAGE("admin.message", true, false, true, false),
  PAYMENT_RECEIPT("payment.receipt", true, true, true, false);

  private final String id;
  private final boolean inApp;
  private final boolean email;
  private final boolean push;
  private final boolean emailRequired;

  NoticeType(String id, boolean inApp, boolean email, boolean push, boolean emailRequired) {
    this.id = id;
    this.inApp = inApp;
    this.email = email;
    this.push = push;
    this.emailRequired = emailRequired;
  }

  public String id() {
    return id;
  }

  public boolean emailRequired() {
    return emailRequired;
  }

  /** The channels a user who never chose gets. */
  public Channels defaults() {
    return new Channels(inApp, email, push);
  }

  /** What the user chose, with the email a security notice always gets. */
  public Channels effective(Channels chosen) {
    return emailRequired ? new Channels(chosen.inApp(), true, chosen.push()) : chosen;
  }

  public static Optional<NoticeType> of(String id) {
    for (NoticeType type : values()) {
      if (type.id.equals(id)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Where one event type goes for one user. */
  public record Channels(boolean inApp, boolean email, boolean push) {
  }
}
