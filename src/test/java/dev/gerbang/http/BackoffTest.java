package dev.gerbang.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retry wait of outgoing deliveries: doubling from the base up to an hour, less a random fifth at most. */
class BackoffTest {

  @Test
  void withoutJitterItDoublesFromTheBaseUpToAnHour() {
    assertThat(Backoff.millis(10_000, 1, 0)).isEqualTo(10_000);
    assertThat(Backoff.millis(10_000, 2, 0)).isEqualTo(20_000);
    assertThat(Backoff.millis(10_000, 9, 0)).isEqualTo(2_560_000);
    assertThat(Backoff.millis(10_000, 10, 0)).isEqualTo(Backoff.MAX_MILLIS);
    assertThat(Backoff.millis(10_000, 1_000_000, 0)).as("no overflow").isEqualTo(Backoff.MAX_MILLIS);
    assertThat(Backoff.millis(10_000, 0, 0)).as("before any attempt: the base").isEqualTo(10_000);
  }

  @Test
  void theJitterTakesOffAtMostAFifthAndNeverAddsToTheHour() {
    assertThat(Backoff.millis(10_000, 1, 0.5)).isEqualTo(9_000);
    assertThat(Backoff.millis(10_000, 1, Math.nextDown(1.0))).isEqualTo(8_001);
    assertThat(Backoff.millis(10_000, 30, Math.nextDown(1.0))).isEqualTo(2_880_001);
    for (int i = 0; i < 1_000; i++) {
      assertThat(Backoff.millis(10_000, 30)).isBetween(2_880_000L, Backoff.MAX_MILLIS);
    }
  }

  @Test
  void deliveriesThatFailedTogetherDoNotComeBackTogether() {
    Set<Long> waits = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      waits.add(Backoff.millis(10_000, 3));
    }
    // 100 draws over 8,000 possible values: all alike would be a broken random, not bad luck.
    assertThat(waits).hasSizeGreaterThan(50);
  }
}
