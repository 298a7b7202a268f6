package dev.gerbang.content.impl;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL slugs made from titles and names: lower-case ASCII letters, digits and single hyphens. */
final class Slugs {
  static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

  private Slugs() {
  }

  /** "Héllo, Wörld!" -> "hello-world"; at most max characters; `fallback` when nothing is left. */
  static String of(String text, int max, String fallback) {
    String ascii = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    String slug = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug);
    if (slug.length() > max) {
      slug = trimHyphens(slug.substring(0, max));
    }
    return slug.isEmpty() ? fallback : slug;
  }

  /** For names with no ASCII letter or digit at all ("日本"): prefix + a short hash of the lower-cased name. */
  static String hashed(String prefix, String name) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(name.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return prefix + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String trimHyphens(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }
}
