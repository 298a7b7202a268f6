package dev.gerbang.security;

/**
 * Per-account throttling of password sign-in, independent of the client address: a few free attempts, then
 * one attempt per lock period, the period doubling up to a maximum. Behind an interface so that the
 * scale-out work can share the state across nodes; {@link LocalLoginThrottle} keeps it in this node's memory.
 * An account is named by its sign-in email normalized exactly as the account look-up does (user/Emails:
 * NFKC, trimmed, lower-cased), so no spelling of one address gets a fresh count; unknown emails are
 * throttled alike.
 */
public interface LoginThrottle {

  /**
   * The outcome of asking to try a password: refused while the account is locked (for `retryAfterSeconds`),
   * else allowed; `lockSeconds` > 0 when this attempt started a lock (it then applies if the attempt fails).
   */
  record Attempt(boolean allowed, long retryAfterSeconds, long lockSeconds) {
  }

  /** Counts an attempt before the password is checked, so that parallel attempts cannot slip past the lock. */
  Attempt attempt(String account);

  /** A correct password (or a password reset by email) forgets the failures and any lock. */
  void clear(String account);
}
