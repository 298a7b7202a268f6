package dev.gerbang.social;

import java.util.Locale;

/** What a sign-in flow is for: signing in (or up), or linking a provider to the signed-in account. */
public enum FlowMode {
  LOGIN, LINK;

  /** Its name in the oauth_flows table. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FlowMode of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
