package dev.gerbang.account;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The outbox rows of each kind of mail: recipient, template, locale, and variables that hold no secret
 * (a link is named by its token id and path; the notify verticle derives the token when it sends). The mails
 * of the account flows are {@link Mail}s; those other features queue (comments, medical records, admin
 * messages) still answer the outbox row's JSON, which their services take.
 */
public final class Mails {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Mails() {
  }

  private static Mail mail(String recipient, String template, String locale, JsonObject variables) {
    return new Mail(recipient, template, locale, variables);
  }

  private static JsonObject link(String name, String tokenId, String linkPath, int ttlMinutes, String locale) {
    return new JsonObject().put("name", name).put("tokenId", tokenId).put("linkPath", linkPath)
        .put("expiresIn", duration(ttlMinutes, locale));
  }

  public static Mail verifyEmail(String email, String name, String locale, String tokenId, int ttlMinutes) {
    return mail(email, "verify-email", locale, link(name, tokenId, "/verify-email", ttlMinutes, locale));
  }

  public static Mail passwordReset(String email, String name, String locale, String tokenId, int ttlMinutes) {
    return mail(email, "password-reset", locale, link(name, tokenId, "/reset-password", ttlMinutes, locale));
  }

  public static Mail emailChangeConfirm(String newEmail, String name, String locale, String tokenId, int ttlMinutes) {
    return mail(newEmail, "email-change-confirm", locale,
        link(name, tokenId, "/confirm-email", ttlMinutes, locale).put("newEmail", newEmail));
  }

  /** The link that finishes a first social sign-in whose email the provider did not verify. */
  public static Mail socialSignUp(String email, String name, String locale, String provider, String tokenId, int ttlMinutes) {
    return mail(email, "social-sign-up", locale, link(name, tokenId, "/confirm-sign-up", ttlMinutes, locale).put("provider", provider));
  }

  /** Sign-in providers linked before the email was proven were removed when it was: {{providers}} names them. */
  public static Mail identitiesRemoved(String email, String name, String locale, String providers) {
    return mail(email, "identities-removed", locale, new JsonObject().put("name", name).put("providers", providers));
  }

  public static Mail emailChangeNotice(String oldEmail, String name, String locale, String newEmail) {
    return mail(oldEmail, "email-change-notice", locale, new JsonObject().put("name", name).put("newEmail", newEmail));
  }

  public static Mail passwordChanged(String email, String name, String locale) {
    return mail(email, "password-changed", locale, new JsonObject().put("name", name).put("time", TIME.format(Instant.now())));
  }

  public static Mail newSignIn(String email, String name, String locale, String device, String ip) {
    return mail(email, "new-sign-in", locale, new JsonObject().put("name", name).put("device", device)
        .put("ip", ip == null ? "?" : ip).put("time", TIME.format(Instant.now())));
  }

  /** A new medical record: the patient gets a link to it and nothing of its content. */
  public static JsonObject medicalRecordAvailable(String email, String name, String locale, String recordId) {
    return mail(email, "medical-record-available", locale, new JsonObject().put("name", name)
        .put("path", "/medical-records/" + recordId)).toJson();
  }

  /** Someone commented on the author's article: the article's title, the commenter's name, and a link. */
  public static JsonObject commentOnArticle(String email, String name, String locale, String title, String commenter,
                                            String slug, String commentId) {
    return mail(email, "comment-on-article", locale, new JsonObject().put("name", name).put("title", title)
        .put("commenter", commenter).put("path", "/articles/" + slug + "#comment-" + commentId)).toJson();
  }

  /** Someone answered the recipient's comment: the article's title, who answered, and a link to the reply. */
  public static JsonObject commentReply(String email, String name, String locale, String title, String commenter,
                                        String slug, String commentId) {
    return mail(email, "comment-reply", locale, new JsonObject().put("name", name).put("title", title)
        .put("commenter", commenter).put("path", "/articles/" + slug + "#comment-" + commentId)).toJson();
  }

  /** A message from the administrators: their title and text, and a link into the app. */
  public static JsonObject adminMessage(String email, String name, String locale, String title, String body, String path) {
    return mail(email, "admin-message", locale, new JsonObject().put("name", name).put("title", title).put("body", body)
        .put("path", path)).toJson();
  }

  /** "30 minutes" / "30 menit", "1 hour" / "1 jam", "24 hours" / "24 jam". */
  static String duration(int minutes, String locale) {
    boolean id = "id".equals(locale);
    if (minutes % 60 == 0) {
      int hours = minutes / 60;
      return hours + (id ? " jam" : hours == 1 ? " hour" : " hours");
    }
    return minutes + (id ? " menit" : minutes == 1 ? " minute" : " minutes");
  }
}
