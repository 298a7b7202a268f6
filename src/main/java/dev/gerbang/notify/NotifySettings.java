package dev.gerbang.notify;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The notification and push settings, read and checked once at start-up. Web Push endpoints must be https
 * URLs on one of the known push services (endpointHosts, matched with their subdomains): the server posts to
 * whatever URL a browser registered, so without this list a subscription could make it call any address.
 */
public record NotifySettings(int heartbeatSeconds, int retentionDays, int pushTtlSeconds, int maxDevicesPerUser, String vapidSubject,
                             List<String> endpointHosts, boolean allowHttpEndpoints, String fcmCredentialsFile,
                             String fcmApiUrl) {

  public static NotifySettings from(AppConfig core) {
    ConfigReader config = core.reader();
    String subject = config.string("push.webPush.subject");
    if (subject.isEmpty()) {
      subject = core.publicUrl().startsWith("https://") ? core.publicUrl()
          : "mailto:no-reply@" + URI.create(core.publicUrl()).getHost();
    } else if (!subject.startsWith("mailto:") && !subject.startsWith("https://")) {
      throw new ConfigException(AppConfig.envName("push.webPush.subject") + ": must be a mailto: or https: URL");
    }
    String fcmApi = config.string("push.fcm.apiUrl");
    if (!fcmApi.startsWith("https://") && !fcmApi.startsWith("http://")) {
      throw new ConfigException(AppConfig.envName("push.fcm.apiUrl") + ": must be an http(s) URL");
    }
    return new NotifySettings(config.intIn("notifications.heartbeatSeconds", 1, 300),
        config.intIn("notifications.retentionDays", 1, 3650),
        config.intIn("push.ttlSeconds", 0, 2_419_200), config.intIn("push.maxDevicesPerUser", 1, 100), subject,
        config.stringList("push.webPush.endpointHosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
        config.bool("push.webPush.allowHttp"), config.string("push.fcm.credentialsFile"), fcmApi);
  }

  public boolean fcmEnabled() {
    return !fcmCredentialsFile.isEmpty();
  }

  /** Null when a browser may register this endpoint; otherwise why not. */
  public String endpointProblem(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (java.net.URISyntaxException e) {
      return "field.url";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || (allowHttpEndpoints && scheme.equals("http"))) || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      return "field.push_endpoint";
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean known = endpointHosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
    return known ? null : "field.push_endpoint_host";
  }
}
