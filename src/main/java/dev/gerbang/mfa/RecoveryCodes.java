package dev.gerbang.mfa;

import dev.gerbang.crypto.Hmac;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes of about 50 random bits each (xxxxx-xxxxx in a 31-letter alphabet without look-alikes).
 * At that entropy a keyed fast hash is enough (HMAC-SHA256 under a key from the key file): no one can try 2^50 codes
 * against the sign-in throttle, and a stolen table is useless without the key.
 */
public final class RecoveryCodes {
  public static final int COUNT = 10;
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  public RecoveryCodes(byte[] key) {
    this.key = key.clone();
  }

  /** Ten new codes, as the user is shown them once. */
  public static List<String> generate() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder();
      for (int j = 0; j < 10; j++) {
        if (j == 5) {
          code.append('-');
        }
        code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /** The stored form of a code, as typed or shown: case, spaces and the dash do not matter. */
  public String hash(String code) {
    String normalized = code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    return HexFormat.of().formatHex(Hmac.sha256(key, "mfa-recovery:" + normalized));
  }

  public List<String> hashes(List<String> codes) {
    return codes.stream().map(this::hash).toList();
  }
}
