package dev.gerbang.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * LoginThrottle in a size-bounded Caffeine map. An account's record is forgotten after twice the maximum lock
 * period without attempts, so a quiet account starts afresh; while attempts keep coming after the longest
 * lock, each failure locks it for the longest period again, not for the short first ones.
 */
public final class LocalLoginThrottle implements LoginThrottle {
  private record State(int attempts, long lockedUntil) {
  }

  private final int free;
  private final long baseMillis;
  private final long maxMillis;
  private final LongSupplier clock;
  private final Cache<String, State> states;

  public LocalLoginThrottle(int freeAttempts, int lockBaseSeconds, int lockMaxSeconds, long maxAccounts) {
    this(freeAttempts, lockBaseSeconds, lockMaxSeconds, maxAccounts, System::currentTimeMillis, Ticker.systemTicker());
  }

  /** On a given clock (milliseconds) and the same time as a Caffeine ticker: for tests. */
  LocalLoginThrottle(int freeAttempts, int lockBaseSeconds, int lockMaxSeconds, long maxAccounts, LongSupplier clock) {
    this(freeAttempts, lockBaseSeconds, lockMaxSeconds, maxAccounts, clock, () -> clock.getAsLong() * 1_000_000L);
  }

  private LocalLoginThrottle(int freeAttempts, int lockBaseSeconds, int lockMaxSeconds, long maxAccounts,
                             LongSupplier clock, Ticker ticker) {
    this.free = freeAttempts;
    this.baseMillis = lockBaseSeconds * 1000L;
    this.maxMillis = lockMaxSeconds * 1000L;
    this.clock = clock;
    this.states = Caffeine.newBuilder().maximumSize(maxAccounts).ticker(ticker)
        .expireAfterWrite(Duration.ofMillis(2 * maxMillis)).build();
  }

  @Override
  public Attempt attempt(String account) {
    long now = clock.getAsLong();
    Attempt[] outcome = new Attempt[1];
    states.asMap().compute(account, (key, state) -> {
      State current = state == null ? new State(0, 0) : state;
      if (current.lockedUntil() > now) {
        outcome[0] = new Attempt(false, Math.max(1, (current.lockedUntil() - now + 999) / 1000), 0);
        return current;
      }
      int attempts = current.attempts() + 1;
      long lock = attempts >= free ? lockMillis(attempts - free) : 0;
      outcome[0] = new Attempt(true, 0, lock / 1000);
      return new State(attempts, lock > 0 ? now + lock : 0);
    });
    return outcome[0];
  }

  private long lockMillis(int doublings) {
    return doublings >= 30 ? maxMillis : Math.min(maxMillis, baseMillis << doublings);
  }

  @Override
  public void clear(String account) {
    states.invalidate(account);
  }
}
