package dev.gerbang.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wait before the next attempt: the backoff, a 429's or 503's longer Retry-After up to an hour, and its note. */
class NextAttemptTest {
  private static final long NOW = 1_445_412_480_000L; // Wed, 21 Oct 2015 07:28:00 GMT
  private static final WebhookSettings SETTINGS = new WebhookSettings(false, 5000, 10_000, 30, 86_400, 1440, 1000);

  @Test
  void withoutRetryAfterItIsTheBackoff() {
    assertThat(NextAttempt.after(SETTINGS, 1, 503, null, NOW, 0)).isEqualTo(new NextAttempt(10_000, ""));
    assertThat(NextAttempt.after(SETTINGS, 4, 0, null, NOW, 0).delayMillis()).isEqualTo(80_000);
  }

  @Test
  void a429Or503GetsTheLongerOfItsRetryAfterAndTheBackoffUpToAnHour() {
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "120", NOW, 0).delayMillis()).isEqualTo(120_000);
    assertThat(NextAttempt.after(SETTINGS, 1, 429, "Wed, 21 Oct 2015 07:38:00 GMT", NOW, 0).delayMillis()).isEqualTo(600_000);
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "5", NOW, 0).delayMillis()).as("never sooner").isEqualTo(10_000);
    assertThat(NextAttempt.after(SETTINGS, 9, 503, "120", NOW, 0).delayMillis()).as("the backoff is longer")
        .isEqualTo(2_560_000);
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "86400", NOW, 0)).isEqualTo(new NextAttempt(3_600_000,
        "; Retry-After \"86400\" capped, next attempt in 3600 s"));
    assertThat(NextAttempt.after(SETTINGS, 20, 503, "86400", NOW, 0).delayMillis()).isEqualTo(3_600_000);
  }

  @Test
  void otherStatusesAndMalformedValuesKeepTheBackoffAndSaySo() {
    assertThat(NextAttempt.after(SETTINGS, 1, 500, "120", NOW, 0)).isEqualTo(new NextAttempt(10_000,
        "; Retry-After \"120\" not honoured with HTTP 500, next attempt in 10 s"));
    assertThat(NextAttempt.after(SETTINGS, 1, 408, "120", NOW, 0).delayMillis()).isEqualTo(10_000);
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "-120", NOW, 0).note()).contains("ignored");
  }

  @Test
  void theReceiversTextIsClippedToOnePrintableLine() {
    String note = NextAttempt.after(SETTINGS, 1, 503, "x\u0000\r\n\"<" + "y".repeat(100), NOW, 0).note();
    assertThat(note).startsWith("; Retry-After \"x???'<yyy").contains("yyy...\" ignored").doesNotContain("y".repeat(35));
  }

  @Test
  void theJitterShortensOnlyTheBackoffNeverWhatTheReceiverAsked() {
    assertThat(NextAttempt.after(SETTINGS, 1, 500, null, NOW, 0.5).delayMillis()).isEqualTo(9_000);
    assertThat(NextAttempt.after(SETTINGS, 20, 500, null, NOW, 0.999_999).delayMillis()).as("a fifth off the hour at most")
        .isEqualTo(2_880_001);
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "120", NOW, 0.999_999).delayMillis()).isEqualTo(120_000);
    assertThat(NextAttempt.after(SETTINGS, 1, 503, "5", NOW, 0.5)).as("never sooner than the backoff it drew")
        .isEqualTo(new NextAttempt(9_000, "; Retry-After \"5\" sooner than the backoff, next attempt in 9 s"));
  }
}
