package dev.gerbang.notify.push;

import dev.gerbang.http.RetryAfter;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * What became of one push: delivered; gone (remove the subscription or device); retry later with backoff,
 * waiting at least {@code retryAfterMillis} when it is not -1; or rejected for good without the
 * subscription being dead. {@code status} is the push service's HTTP status, 0 when none came back.
 */
public record PushOutcome(Kind kind, int status, long retryAfterMillis, String detail) {
  public enum Kind { DELIVERED, GONE, RETRY, REJECTED }

  private static final int MAX_DETAIL = 200;

  public PushOutcome {
    Objects.requireNonNull(kind, "kind");
    detail = clip(detail);
  }

  static PushOutcome of(Kind kind, int status, String detail) {
    return new PushOutcome(kind, status, -1, detail);
  }

  static PushOutcome retry(int status, String retryAfterHeader, String detail) {
    return new PushOutcome(Kind.RETRY, status, retryAfterMillis(retryAfterHeader, System.currentTimeMillis()), detail);
  }

  /** A connection that failed or timed out: worth another try later. */
  static PushOutcome networkFailure(Throwable cause) {
    return of(Kind.RETRY, 0, describe(cause));
  }

  static String describe(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return "no answer in time";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3, read by {@link RetryAfter}), in millis from now;
   * -1 when absent or unreadable. A number too large to represent is Long.MAX_VALUE: the caller caps the wait.
   */
  static long retryAfterMillis(String header, long nowMillis) {
    return RetryAfter.millis(header, nowMillis).orElse(-1);
  }

  /** One short line: response bodies from push services end up in logs and rows, so no control characters and no novels. */
  static String clip(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\p{Cntrl}+", " ").trim();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 3) + "...";
  }
}
