package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lock arithmetic on a fake clock: free attempts, doubling locks, the cap, and forgetting a quiet account. */
class LocalLoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LocalLoginThrottle throttle = new LocalLoginThrottle(5, 30, 3600, 1000, now::get);

  @Test
  void fiveFreeAttemptsThenLocksOf30SecondsDoublingUpToAnHour() {
    for (int i = 1; i <= 4; i++) {
      assertThat(throttle.attempt("a@x").result()).isEqualTo(new LoginThrottle.Attempt(true, 0, 0));
    }
    assertThat(throttle.attempt("a@x").result()).isEqualTo(new LoginThrottle.Attempt(true, 0, 30));
    assertThat(throttle.attempt("a@x").result()).isEqualTo(new LoginThrottle.Attempt(false, 30, 0));
    long[] expected = {60, 120, 240, 480, 960, 1920, 3600, 3600};
    for (long lock : expected) {
      now.addAndGet(3_600_000);
      assertThat(throttle.attempt("a@x").result().lockSeconds()).isEqualTo(lock);
    }
  }

  @Test
  void refusalsDoNotCountAsAttemptsAndClearStartsAfresh() {
    for (int i = 0; i < 5; i++) {
      throttle.attempt("b@x").result();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.attempt("b@x").result().allowed()).isFalse();
    }
    now.addAndGet(30_000);
    assertThat(throttle.attempt("b@x").result().lockSeconds()).isEqualTo(60);
    throttle.clear("b@x");
    assertThat(throttle.attempt("b@x").result()).isEqualTo(new LoginThrottle.Attempt(true, 0, 0));
  }

  @Test
  void afterTheLongestLockTheNextFailureLocksForTheLongestAgainAndOnlyTwiceItsQuietForgets() {
    for (int i = 0; i < 5; i++) {
      throttle.attempt("c@x").result();
    }
    for (int i = 0; i < 8; i++) {
      now.addAndGet(3_600_000);
      throttle.attempt("c@x").result();
    }
    now.addAndGet(3_600_000);
    assertThat(throttle.attempt("c@x").result().lockSeconds()).isEqualTo(3600);
    now.addAndGet(2 * 3_600_000 + 1);
    assertThat(throttle.attempt("c@x").result()).isEqualTo(new LoginThrottle.Attempt(true, 0, 0));
  }

  @Test
  void accountKeysAreNormalizedEmailsThatFoldCaseAndWidth() {
    assertThat(dev.gerbang.user.Emails.normalize("  Alice@Example.COM ")).isEqualTo("alice@example.com");
    assertThat(dev.gerbang.user.Emails.normalize("\uFF41lice@example.com")).isEqualTo("alice@example.com");
  }
}
