package dev.gerbang.http;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads the Retry-After header a server we call sends (RFC 9110 10.2.3): delay-seconds, or an HTTP-date in any of
 * its three forms, since a recipient must accept all of them (RFC 9110 5.6.7): IMF-fixdate
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), and the obsolete RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
 * asctime ({@code Sun Nov  6 08:49:37 1994}). The answer is the wait in millis from now, 0 for a date already past;
 * empty when the header is absent or malformed (a negative or fractional number, a date in another format or with
 * a weekday that does not match it). A number of seconds too large to represent saturates at Long.MAX_VALUE, as
 * RFC 9111 1.2.2 asks of delta-seconds: callers cap what they accept, so a server cannot park a retry forever.
 */
public final class RetryAfter {
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ENGLISH);
  /** Longer than any HTTP-date: a longer value is not worth parsing. */
  private static final int MAX_LENGTH = 40;

  private RetryAfter() {
  }

  /** The wait the header asks for, in millis from nowMillis; empty when absent or malformed. */
  public static OptionalLong millis(String header, long nowMillis) {
    if (header == null) {
      return OptionalLong.empty();
    }
    String value = header.trim();
    if (!value.isEmpty() && digits(value)) {
      return OptionalLong.of(seconds(value));
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return OptionalLong.empty();
    }
    OptionalLong at = date(value, nowMillis);
    return at.isPresent() ? OptionalLong.of(Math.max(0, at.getAsLong() - nowMillis)) : at;
  }

  private static boolean digits(String value) {
    return value.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static long seconds(String digits) {
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 15) {
      return Long.MAX_VALUE;
    }
    return Long.parseLong(significant) * 1000;
  }

  /** The instant an HTTP-date names, in epoch millis; empty when it is none of the three forms. */
  private static OptionalLong date(String value, long nowMillis) {
    try {
      return OptionalLong.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli());
    } catch (DateTimeParseException notImf) {
      // One of the obsolete forms, then.
    }
    try {
      return OptionalLong.of(ZonedDateTime.parse(value, rfc850(nowMillis)).toInstant().toEpochMilli());
    } catch (DateTimeParseException notRfc850) {
      // asctime, then.
    }
    try {
      return OptionalLong.of(LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC).toEpochMilli());
    } catch (DateTimeParseException none) {
      return OptionalLong.empty();
    }
  }

  /**
   * RFC 850 with its two-digit year read as RFC 9110 5.6.7 says: a year that would be more than 50 years ahead is
   * the most recent past year with the same two digits.
   */
  private static DateTimeFormatter rfc850(long nowMillis) {
    int year = java.time.Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC).getYear();
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(ChronoField.YEAR, 2, 2, year - 49).appendPattern(" HH:mm:ss 'GMT'")
        .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);
  }
}
