package dev.gerbang.mfa;

import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.auth.otp.OtpKeyGenerator;
import io.vertx.ext.auth.otp.impl.org.openauthentication.otp.OneTimePasswordAlgorithm;
import io.vertx.ext.auth.otp.totp.TotpAuth;
import io.vertx.ext.auth.otp.totp.TotpAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) with vertx-auth-otp's key generator, otpauth:// URI and RFC 4226
 * reference algorithm. vertx-auth-otp's own check accepts only the current step and keeps no used step, so the window
 * (one step either side, for clock drift) and the replay rule (a step at most once, stored by the service) are here.
 */
public final class Totp {
  public static final int DIGITS = 6;
  public static final int PERIOD_SECONDS = 30;
  /** Steps accepted either side of the current one. */
  static final int WINDOW = 1;

  private static final TotpAuth AUTH = TotpAuth.create(new TotpAuthOptions().setPasswordLength(DIGITS).setPeriod(PERIOD_SECONDS));

  private Totp() {
  }

  /** A new random 160-bit secret, base32 as authenticator apps take it. */
  public static String newSecret() {
    return OtpKeyGenerator.create().generate().getKey();
  }

  /** The otpauth:// URI an authenticator app scans: the product as issuer, the account's email as its name. */
  public static String uri(String secret, String issuer, String account) {
    return AUTH.generateUri(new OtpKey().setKey(secret).setAlgorithm("SHA1"), issuer, account, null);
  }

  /** The code of a time step for a raw key (digits as asked: RFC 6238's vectors have 8). */
  public static String code(byte[] key, long step, int digits) {
    try {
      return OneTimePasswordAlgorithm.generateOTP(key, step, digits, false, -1);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The time step of an instant (epoch seconds). */
  public static long step(long epochSeconds) {
    return epochSeconds / PERIOD_SECONDS;
  }

  /**
   * The step within the window around now whose code this is, or -1. Every candidate is computed and compared in
   * constant time, so the time taken does not say which step matched.
   */
  public static long matchingStep(String base32Secret, String code, long epochSeconds) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return -1;
    }
    byte[] key = new OtpKey().setKey(base32Secret).getKeyBytes();
    long now = step(epochSeconds);
    long found = -1;
    for (long s = now - WINDOW; s <= now + WINDOW; s++) {
      boolean same = MessageDigest.isEqual(code(key, s, DIGITS).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII));
      if (same && found == -1) {
        found = s;
      }
    }
    return found;
  }
}
