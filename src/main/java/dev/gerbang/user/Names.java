package dev.gerbang.user;

import java.util.regex.Pattern;

/**
 * Display names that come from elsewhere (a sign-in provider's profile, the command line) made fit for a
 * single-line field: names end up in mail subjects, where a line break would start a new header.
 */
public final class Names {
  public static final int MAX_LENGTH = 100;
  private static final Pattern RUNS = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\s]+");

  private Names() {
  }

  /** Every run of control characters and white space becomes one space; trimmed; at most max code points. */
  public static String singleLine(String name, int max) {
    if (name == null) {
      return "";
    }
    String line = RUNS.matcher(name).replaceAll(" ").strip();
    return line.codePointCount(0, line.length()) <= max ? line : line.substring(0, line.offsetByCodePoints(0, max)).strip();
  }
}
