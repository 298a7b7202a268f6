package dev.gerbang.content;

import java.util.Locale;

/** Whether a comment shows to everyone (visible) or only to its author and its moderators (hidden). */
public enum CommentStatus {
  VISIBLE, HIDDEN;

  /** Its name in the API: visible, hidden. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CommentStatus fromJson(String json) {
    return valueOf(json.toUpperCase(Locale.ROOT));
  }
}
