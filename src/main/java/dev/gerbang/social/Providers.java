package dev.gerbang.social;

import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The providers this server offers: each one whose client id and secret are configured. */
public final class Providers {
  private final Map<String, Provider> byName = new LinkedHashMap<>();

  public Providers(Vertx vertx, SocialSettings config) {
    if (configured(config, "google")) {
      add(new OidcProvider(vertx, "google", "Google", config.provider("google.issuer"),
          config.provider("google.clientId"), config.provider("google.clientSecret")));
    }
    if (configured(config, "facebook")) {
      add(new FacebookProvider(vertx, config.provider("facebook.clientId"), config.provider("facebook.clientSecret"),
          config.provider("facebook.authorizeUrl"), config.provider("facebook.tokenUrl"),
          config.provider("facebook.graphUrl")));
    }
    String oidc = config.provider("oidc.name");
    if (!oidc.isEmpty() && configured(config, "oidc") && !config.provider("oidc.issuer").isEmpty()) {
      String label = config.provider("oidc.displayName");
      add(new OidcProvider(vertx, oidc, label.isEmpty() ? oidc : label, config.provider("oidc.issuer"),
          config.provider("oidc.clientId"), config.provider("oidc.clientSecret")));
    }
  }

  private static boolean configured(SocialSettings config, String prefix) {
    return !config.provider(prefix + ".clientId").isEmpty() && !config.provider(prefix + ".clientSecret").isEmpty();
  }

  private void add(Provider provider) {
    byName.put(provider.name(), provider);
  }

  /** The provider with this name, or null when it is unknown or not configured. */
  public Provider get(String name) {
    return byName.get(name);
  }

  public Collection<Provider> all() {
    return byName.values();
  }
}
