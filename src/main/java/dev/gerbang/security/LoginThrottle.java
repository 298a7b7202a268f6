package dev.gerbang.security;

import io.vertx.core.Future;
import java.io.Serializable;

/**
 * Per-account throttling of password sign-in, independent of the client address: a few free attempts, then
 * one attempt per lock period, the period doubling up to a maximum. {@link LocalLoginThrottle} keeps the counts
 * in this node's memory; in a cluster the nodes share them (cluster/HazelcastLoginThrottle), so that spreading
 * guesses over the nodes gains nothing. An account is named by its sign-in email normalized exactly as the
 * account look-up does (user/Emails: NFKC, trimmed, lower-cased), so no spelling of one address gets a fresh
 * count; unknown emails are throttled alike.
 */
public interface LoginThrottle {

  /**
   * The outcome of asking to try a password: refused while the account is locked (for `retryAfterSeconds`),
   * else allowed; `lockSeconds` > 0 when this attempt started a lock (it then applies if the attempt fails).
   */
  record Attempt(boolean allowed, long retryAfterSeconds, long lockSeconds) implements Serializable {
  }

  /** An account's count: attempts since the last success, and the end of its lock (0: none). */
  record State(int attempts, long lockedUntil) implements Serializable {
  }

  /** What one attempt does to an account's state, and its outcome. */
  record Step(State next, Attempt outcome) {
  }

  /** The rule, the same wherever the state lives: free attempts, then locks doubling from base to max. */
  record Policy(int free, long baseMillis, long maxMillis) implements Serializable {
    public Step attempt(State state, long now) {
      State current = state == null ? new State(0, 0) : state;
      if (current.lockedUntil() > now) {
        return new Step(current, new Attempt(false, Math.max(1, (current.lockedUntil() - now + 999) / 1000), 0));
      }
      int attempts = current.attempts() + 1;
      long lock = attempts >= free ? lockMillis(attempts - free) : 0;
      return new Step(new State(attempts, lock > 0 ? now + lock : 0), new Attempt(true, 0, lock / 1000));
    }

    private long lockMillis(int doublings) {
      return doublings >= 30 ? maxMillis : Math.min(maxMillis, baseMillis << doublings);
    }

    /** How long a quiet account's state is kept: twice the longest lock. */
    public long keepMillis() {
      return 2 * maxMillis;
    }
  }

  /** Counts an attempt before the password is checked, so that parallel attempts cannot slip past the lock. */
  Future<Attempt> attempt(String account);

  /** A correct password (or a password reset by email) forgets the failures and any lock. */
  void clear(String account);
}
