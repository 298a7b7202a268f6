package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.notify.push.PushOutcome.Kind;
import org.junit.jupiter.api.Test;

/** Retry-After in both of its forms, and details that stay one short line. */
class PushOutcomeTest {
  private static final long NOW = 1_445_412_480_000L; // Wed, 21 Oct 2015 07:28:00 GMT

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(PushOutcome.retryAfterMillis("120", NOW)).isEqualTo(120_000);
    assertThat(PushOutcome.retryAfterMillis(" 0 ", NOW)).isZero();
    assertThat(PushOutcome.retryAfterMillis("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).isEqualTo(30_000);
    assertThat(PushOutcome.retryAfterMillis("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).as("already past").isZero();
    assertThat(PushOutcome.retryAfterMillis("99999999999999999999", NOW)).as("too large: capped by the caller")
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aMissingOrUnreadableRetryAfterIsMinusOne() {
    for (String bad : new String[] {null, "", "soon", "-5", "1.5", "21/10/2015"}) {
      assertThat(PushOutcome.retryAfterMillis(bad, NOW)).as(String.valueOf(bad)).isEqualTo(-1);
    }
  }

  @Test
  void detailsAreOneShortLine() {
    PushOutcome outcome = new PushOutcome(Kind.REJECTED, 400, -1, "line one\r\nline two\t" + "y".repeat(500));

    assertThat(outcome.detail()).startsWith("line one line two y").endsWith("...").hasSize(200);
    assertThat(new PushOutcome(Kind.DELIVERED, 201, -1, null).detail()).isEmpty();
    assertThatThrownBy(() -> new PushOutcome(null, 0, -1, "")).isInstanceOf(NullPointerException.class);
  }
}
