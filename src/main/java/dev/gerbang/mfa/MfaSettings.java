package dev.gerbang.mfa;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import dev.gerbang.user.Roles;
import java.net.URI;
import java.util.List;


/**
 * Second factors (mfa.*): the roles that must use one until an admin changes it (requiredRoles), the issuer shown by
 * authenticator apps, how long a pending sign-in's token lives and how many tries it allows, and the WebAuthn relying
 * party: its id (a host name) and the origins the browser may sign for, both derived from the public URL by default.
 */
public record MfaSettings(List<String> requiredRoles, String issuer, int tokenTtlSeconds, int maxAttempts, String rpId, String rpName,
                          List<String> origins) {
  public static MfaSettings from(AppConfig core, String productName) {
    ConfigReader config = core.reader();
    List<String> roles = config.stringList("mfa.requiredRoles");
    for (String role : roles) {
      if (!Roles.ALL.contains(role)) {
        throw new ConfigException(AppConfig.envName("mfa.requiredRoles") + ": unknown role '" + role + "' (one of " + Roles.ALL + ")");
      }
    }
    URI publicUrl = URI.create(core.publicUrl());
    String rpId = config.string("mfa.rpId");
    if (rpId.isEmpty()) {
      rpId = publicUrl.getHost();
    } else if (!rpId.matches("[A-Za-z0-9.-]+")) {
      throw new ConfigException(AppConfig.envName("mfa.rpId") + ": must be a host name such as example.com");
    }
    List<String> origins = config.origins("mfa.origins");
    if (origins.isEmpty()) {
      origins = List.of(publicUrl.getScheme() + "://" + publicUrl.getHost() + (publicUrl.getPort() == -1 ? "" : ":" + publicUrl.getPort()));
    }
    for (String origin : origins) {
      String host = URI.create(origin).getHost();
      if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
        throw new ConfigException(AppConfig.envName("mfa.origins") + ": '" + origin + "' is not on the relying party " + rpId);
      }
    }
    String issuer = config.string("mfa.issuer");
    String rpName = config.string("mfa.rpName");
    return new MfaSettings(roles, issuer.isEmpty() ? productName : issuer, config.intIn("mfa.tokenTtlSeconds", 1, 1800),
        config.intIn("mfa.maxAttempts", 1, 20), rpId, rpName.isEmpty() ? productName : rpName, origins);
  }
}
