package dev.gerbang.security;

import dev.gerbang.config.AppConfig;
import dev.gerbang.http.ClientInfo;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSRF check for the few endpoints that a cookie authenticates (refresh, logout by cookie): besides the
 * SameSite=Strict cookie, a browser request must come from our own origin. Browsers always send Origin on
 * POST and Sec-Fetch-Site on every request; a non-browser client sends neither and carries no cookie jar
 * an attacker could ride.
 *
 * <p>Our own origins are the one the request was sent to (its scheme and Host, or the forwarded ones when a
 * trusted proxy sent it), the public URL, and the configured CORS origins: the app works at whichever address a
 * user opened it (127.0.0.1, a LAN address, another port), and a foreign site still cannot use the cookie.
 */
public final class SameOrigin {
  private static final Logger log = LoggerFactory.getLogger(SameOrigin.class);

  private SameOrigin() {
  }

  public static boolean allows(RoutingContext ctx, AppConfig config) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && config.corsOrigins().contains(origin)) {
      return true;
    }
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    boolean sameSite = site == null || site.equals("same-origin") || site.equals("none");
    if (sameSite && origin == null) {
      return true;
    }
    Set<String> expected = new LinkedHashSet<>();
    String own = requestOrigin(ctx);
    if (own != null) {
      expected.add(own);
    }
    expected.add(config.publicUrl());
    String asSent = normalize(origin);
    if (sameSite && asSent != null && expected.stream().anyMatch(candidate -> asSent.equals(normalize(candidate)))) {
      return true;
    }
    log.warn("refused the session cookie to a request from origin {} (Sec-Fetch-Site {}): this server takes it from {}"
        + " or from the origins in GERBANG_HTTP_CORS_ORIGINS; if that origin is this server's, set GERBANG_PUBLIC_URL to it",
        printable(origin), printable(site), String.join(" or ", expected));
    return false;
  }

  /** scheme://host[:port] the request was sent to: as the client addressed us, or as a trusted proxy says it did. */
  static String requestOrigin(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String scheme = request.isSSL() ? "https" : "http";
    HostAndPort authority = request.authority();
    String host = authority == null ? null
        : (authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]" : authority.host())
            + (authority.port() >= 0 ? ":" + authority.port() : "");
    if (ClientInfo.viaTrustedProxy(ctx)) {
      scheme = lastValue(request.getHeader("X-Forwarded-Proto"), scheme);
      host = lastValue(request.getHeader("X-Forwarded-Host"), host);
    }
    return host == null ? null : scheme + "://" + host;
  }

  /** The value the nearest proxy added: the last of a comma-separated list. */
  private static String lastValue(String header, String fallback) {
    if (header == null || header.isBlank()) {
      return fallback;
    }
    String last = header.substring(header.lastIndexOf(',') + 1).strip();
    return last.isEmpty() ? fallback : last;
  }

  /** An origin as scheme://host:port, lower case, with the scheme's default port; null for anything else. */
  static String normalize(String origin) {
    if (origin == null) {
      return null;
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return null;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** A header as a log line may show it: short, and without control characters. */
  private static String printable(String value) {
    if (value == null) {
      return "(none)";
    }
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
  }
}
