package dev.gerbang.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Retry-After as delay-seconds and as each of the three HTTP-date forms; anything else is no wait at all. */
class RetryAfterTest {
  private static final long NOW = Instant.parse("2015-10-21T07:28:00Z").toEpochMilli(); // a Wednesday

  @Test
  void delaySecondsAreReadAsAWaitFromNow() {
    assertThat(RetryAfter.millis("120", NOW)).hasValue(120_000);
    assertThat(RetryAfter.millis(" 0 ", NOW)).hasValue(0);
    assertThat(RetryAfter.millis("007", NOW)).hasValue(7_000);
  }

  @Test
  void aNumberTooLargeToRepresentSaturatesForTheCallerToCap() {
    assertThat(RetryAfter.millis("99999999999999999999", NOW)).hasValue(Long.MAX_VALUE);
    assertThat(RetryAfter.millis("9".repeat(200), NOW)).hasValue(Long.MAX_VALUE);
    assertThat(RetryAfter.millis("999999999999999", NOW)).hasValue(999_999_999_999_999_000L);
  }

  @Test
  void anImfFixdateIsTheWaitUntilThen() {
    assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:30:00 GMT", NOW)).hasValue(120_000);
    assertThat(RetryAfter.millis("wed, 21 oct 2015 07:30:00 gmt", NOW)).as("case-insensitive").hasValue(120_000);
    assertThat(RetryAfter.millis("Sun, 01 Nov 2015 07:28:00 GMT", NOW)).as("a one-digit day, zero-padded")
        .hasValue(11L * 86_400_000);
  }

  @Test
  void theObsoleteRfc850AndAsctimeFormsAreReadToo() {
    assertThat(RetryAfter.millis("Wednesday, 21-Oct-15 07:30:00 GMT", NOW)).hasValue(120_000);
    assertThat(RetryAfter.millis("Wed Oct 21 07:30:00 2015", NOW)).hasValue(120_000);
    assertThat(RetryAfter.millis("Sun Nov  1 07:28:00 2015", NOW)).as("a one-digit day, space-padded")
        .hasValue(11L * 86_400_000);
  }

  @Test
  void anRfc850YearMoreThanFiftyYearsAheadIsTheLastCentury() {
    // In 2015, "64" is 2064 (49 years ahead) and "66" is 1966 (51 years ahead would be too far): already past.
    assertThat(RetryAfter.millis("Tuesday, 21-Oct-64 07:28:00 GMT", NOW).getAsLong()).isGreaterThan(48L * 365 * 86_400_000);
    assertThat(RetryAfter.millis("Friday, 21-Oct-66 07:28:00 GMT", NOW)).hasValue(0);
  }

  @Test
  void aDateAlreadyPastIsNoWait() {
    assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).hasValue(0);
  }

  @Test
  void anAbsentOrMalformedValueIsEmpty() {
    for (String bad : new String[] {null, "", "   ", "soon", "-5", "+5", "1.5", "1e3", "120s", "0x10", "٣",
        "21/10/2015", "2015-10-21T07:30:00Z", "Thu, 21 Oct 2015 07:30:00 GMT", "Wed, 21 Oct 2015 07:30:00",
        "Wed, 21 Oct 2015 25:30:00 GMT", "Wed, 21 Oct 2015 07:30:00 GMT" + " ".repeat(30) + "x"}) {
      assertThat(RetryAfter.millis(bad, NOW)).as(String.valueOf(bad)).isEqualTo(OptionalLong.empty());
    }
  }
}
