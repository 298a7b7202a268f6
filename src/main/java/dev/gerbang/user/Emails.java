package dev.gerbang.user;

import java.text.Normalizer;
import java.util.Locale;

/** The one normalization used for uniqueness and look-ups: NFKC, trimmed, lower-cased. */
public final class Emails {
  private Emails() {
  }

  public static String normalize(String email) {
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
