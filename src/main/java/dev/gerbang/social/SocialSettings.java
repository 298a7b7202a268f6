package dev.gerbang.social;

import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Social sign-in: how long a started sign-in may take (oauth.flowTtlSeconds), the origins besides the public URL
 * it may return to (oauth.redirectOrigins), how long the link finishing a sign-up with an unverified email
 * works (tokens.socialSignUpMinutes), and the providers' settings (google.*, facebook.*, oidc.*; empty means
 * not configured), read through {@link #provider}.
 */
public record SocialSettings(int flowTtlSeconds, List<String> redirectOrigins, int signUpTokenMinutes, Map<String, String> providers) {
  private static final String[] PROVIDER_SETTINGS = {"google.clientId", "google.clientSecret", "google.issuer",
      "facebook.clientId", "facebook.clientSecret", "facebook.authorizeUrl", "facebook.tokenUrl", "facebook.graphUrl",
      "oidc.name", "oidc.displayName", "oidc.issuer", "oidc.clientId", "oidc.clientSecret"};

  public static SocialSettings from(ConfigReader config) {
    Map<String, String> providers = new HashMap<>();
    for (String path : PROVIDER_SETTINGS) {
      providers.put(path, config.string(path));
    }
    String oidcName = providers.get("oidc.name");
    if (!oidcName.isEmpty() && (!oidcName.matches("[a-z][a-z0-9-]{1,29}") || oidcName.equals("google") || oidcName.equals("facebook"))) {
      throw new ConfigException(ConfigReader.envName("oidc.name") + ": must be a lower-case id such as 'gitlab', not google or facebook");
    }
    return new SocialSettings(config.intIn("oauth.flowTtlSeconds", 30, 3600), config.origins("oauth.redirectOrigins"),
        config.intIn("tokens.socialSignUpMinutes", 1, 24 * 60), Map.copyOf(providers));
  }

  /** A provider setting such as google.clientId (providers are optional: empty means not configured). */
  public String provider(String path) {
    return providers.getOrDefault(path, "");
  }
}
