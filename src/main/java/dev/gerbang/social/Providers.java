package dev.gerbang.social;

import dev.gerbang.config.AppConfig;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The providers this server offers: each one whose client id and secret are configured. */
public final class Providers {
  private final Map<String, Provider> byName = new LinkedHashMap<>();

  public Providers(Vertx vertx, AppConfig config) {
    if (configured(config, "google")) {
      add(new OidcProvider(vertx, "google", "Google", config.providerSetting("google.issuer"),
          config.providerSetting("google.clientId"), config.providerSetting("google.clientSecret")));
    }
    if (configured(config, "facebook")) {
      add(new FacebookProvider(vertx, config.providerSetting("facebook.clientId"), config.providerSetting("facebook.clientSecret"),
          config.providerSetting("facebook.authorizeUrl"), config.providerSetting("facebook.tokenUrl"),
          config.providerSetting("facebook.graphUrl")));
    }
    String oidc = config.providerSetting("oidc.name");
    if (!oidc.isEmpty() && configured(config, "oidc") && !config.providerSetting("oidc.issuer").isEmpty()) {
      String label = config.providerSetting("oidc.displayName");
      add(new OidcProvider(vertx, oidc, label.isEmpty() ? oidc : label, config.providerSetting("oidc.issuer"),
          config.providerSetting("oidc.clientId"), config.providerSetting("oidc.clientSecret")));
    }
  }

  private static boolean configured(AppConfig config, String prefix) {
    return !config.providerSetting(prefix + ".clientId").isEmpty() && !config.providerSetting(prefix + ".clientSecret").isEmpty();
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
