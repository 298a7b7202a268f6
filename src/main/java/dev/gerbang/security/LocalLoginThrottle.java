package dev.gerbang.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * LoginThrottle in a size-bounded Caffeine map. An account's record is forgotten after twice the maximum lock
 * period without attempts, so a quiet account starts afresh; while attempts keep coming after the longest
 * lock, each failure locks it for the longest period again, not for the short first ones.
 */
public final class LocalLoginThrottle implements LoginThrottle {
  private final Policy policy;
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
    this.policy = new Policy(freeAttempts, lockBaseSeconds * 1000L, lockMaxSeconds * 1000L);
    this.clock = clock;
    this.states = Caffeine.newBuilder().maximumSize(maxAccounts).ticker(ticker)
        .expireAfterWrite(Duration.ofMillis(policy.keepMillis())).build();
  }

  @Override
  public Future<Attempt> attempt(String account) {
    long now = clock.getAsLong();
    Attempt[] outcome = new Attempt[1];
    states.asMap().compute(account, (key, state) -> {
      Step step = policy.attempt(state, now);
      outcome[0] = step.outcome();
      return step.next();
    });
    return Future.succeededFuture(outcome[0]);
  }

  @Override
  public void clear(String account) {
    states.invalidate(account);
  }
}
