package dev.gerbang.webhook;

import dev.gerbang.http.RetryAfter;
import java.util.OptionalLong;

/**
 * When a failed attempt is tried again, and a note for the delivery's last error saying what the receiver asked.
 * The backoff, unless a 429 or a 503 asked for longer with Retry-After (RFC 6585 and RFC 9110 define the header
 * for those two): then what it asked, at most {@link WebhookSettings#MAX_DELAY_MILLIS}. A Retry-After never makes
 * an attempt come sooner than the backoff, never parks a delivery longer than the backoff's own ceiling (so the
 * endpoint's failure streak still meets an attempt at least hourly, and the disable rule holds), and one that is
 * malformed or negative, or sent with another status, changes nothing.
 */
record NextAttempt(long delayMillis, String note) {

  private static boolean honoursRetryAfter(int status) {
    return status == 429 || status == 503;
  }

  /**
   * After `attempts` attempts, the last of which answered status with this Retry-After (null when none); random, in
   * [0, 1), picks the backoff's jitter.
   */
  static NextAttempt after(WebhookSettings settings, long attempts, int status, String retryAfter, long nowMillis,
                           double random) {
    long backoff = settings.backoffMillis(attempts, random);
    if (retryAfter == null) {
      return new NextAttempt(backoff, "");
    }
    String asked = "; Retry-After \"" + printable(retryAfter) + "\" ";
    if (!honoursRetryAfter(status)) {
      return new NextAttempt(backoff, asked + "not honoured with HTTP " + status + ", next attempt in " + seconds(backoff));
    }
    OptionalLong wait = RetryAfter.millis(retryAfter, nowMillis);
    if (wait.isEmpty()) {
      return new NextAttempt(backoff, asked + "ignored (neither delay-seconds nor an HTTP-date), next attempt in "
          + seconds(backoff));
    }
    long delay = Math.max(backoff, Math.min(WebhookSettings.MAX_DELAY_MILLIS, wait.getAsLong()));
    String made = wait.getAsLong() > WebhookSettings.MAX_DELAY_MILLIS ? "capped"
        : wait.getAsLong() < backoff ? "sooner than the backoff" : "honoured";
    return new NextAttempt(delay, asked + made + ", next attempt in " + seconds(delay));
  }

  /** The receiver's text, in a row admins read: printable ASCII, one short line. */
  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
  }

  private static String seconds(long millis) {
    return (millis + 999) / 1000 + " s";
  }
}
