package dev.gerbang.auth;

/** A short human name for a user agent ("Firefox on Linux"), for the list of signed-in devices. */
public final class Devices {
  private Devices() {
  }

  public static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "Unknown device";
    }
    String browser = userAgent.contains("Edg/") ? "Edge"
        : userAgent.contains("OPR/") ? "Opera"
        : userAgent.contains("Firefox/") ? "Firefox"
        : userAgent.contains("Chrome/") || userAgent.contains("Chromium/") ? "Chrome"
        : userAgent.contains("Safari/") ? "Safari"
        : userAgent.startsWith("curl/") ? "curl"
        : userAgent.contains("okhttp") ? "Android app"
        : userAgent.contains("CFNetwork") ? "iOS app"
        : "Other client";
    String os = userAgent.contains("Android") ? "Android"
        : userAgent.contains("iPhone") || userAgent.contains("iPad") ? "iOS"
        : userAgent.contains("Windows") ? "Windows"
        : userAgent.contains("Mac OS X") || userAgent.contains("Macintosh") ? "macOS"
        : userAgent.contains("Linux") ? "Linux"
        : null;
    return os == null ? browser : browser + " on " + os;
  }
}
