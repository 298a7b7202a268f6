package dev.gerbang.mfa;

import dev.gerbang.account.Mail;
import dev.gerbang.user.User;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The security notice sent for every change to a user's second factors (template mfa-changed), in the user's language. */
final class MfaMails {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Map<String, Map<String, String>> TEXTS = Map.of(
      "en", Map.of(
          "totp_enrolled", "An authenticator app was set up as a second sign-in factor.",
          "totp_removed", "The authenticator app was removed from your sign-in factors.",
          "codes_regenerated", "New recovery codes were made; the old ones no longer work.",
          "recovery_used", "A recovery code was used to sign in. Recovery codes left: %d.",
          "passkey_added", "A passkey was added to your account.",
          "passkey_removed", "A passkey was removed from your account.",
          "reset", "An administrator removed all second factors of your account. Set up a new one in Settings."),
      "id", Map.of(
          "totp_enrolled", "Aplikasi autentikator dipasang sebagai faktor masuk kedua.",
          "totp_removed", "Aplikasi autentikator dihapus dari faktor masuk Anda.",
          "codes_regenerated", "Kode pemulihan baru dibuat; kode lama tidak berlaku lagi.",
          "recovery_used", "Sebuah kode pemulihan dipakai untuk masuk. Sisa kode pemulihan: %d.",
          "passkey_added", "Sebuah passkey ditambahkan ke akun Anda.",
          "passkey_removed", "Sebuah passkey dihapus dari akun Anda.",
          "reset", "Administrator menghapus semua faktor kedua akun Anda. Pasang yang baru di Pengaturan."));

  private MfaMails() {
  }

  /** The notice of one change (a key of TEXTS), with an optional count for the text. */
  static Mail changed(User user, String change, int count) {
    Map<String, String> texts = TEXTS.getOrDefault(user.locale(), TEXTS.get("en"));
    return new Mail(user.email(), "mfa-changed", user.locale(), new JsonObject().put("name", user.name())
        .put("change", String.format(texts.get(change), count)).put("time", TIME.format(Instant.now())));
  }

  static Mail changed(User user, String change) {
    return changed(user, change, 0);
  }
}
