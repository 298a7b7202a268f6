package dev.gerbang.webhook;

import dev.gerbang.failure.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where one webhook goes: the URL's parts and the one address it was checked against. The sender connects to
 * that address (and names the host for TLS and the Host header), so that DNS answering differently between the
 * check and the connection (rebinding) cannot send it elsewhere.
 */
public record Destination(boolean ssl, String host, int port, String pathAndQuery, InetAddress address) {

  /** Null when the URL may be registered (before its host is resolved); otherwise the key of the problem text. */
  public static String urlProblem(String url, boolean allowInsecure) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "field.url";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
      return "field.https_url";
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return "field.webhook_url_parts";
    }
    return null;
  }

  /**
   * Resolves the URL's host on a worker (DNS blocks) and checks every address it has: the destination with the
   * first one, or INVALID naming the field "url" when any address is refused or the host does not resolve.
   */
  public static Future<Destination> resolve(Vertx vertx, String url, boolean allowInsecure) {
    String problem = urlProblem(url, allowInsecure);
    if (problem != null) {
      return Future.failedFuture(Failure.invalid("url", problem));
    }
    URI uri = URI.create(url);
    boolean ssl = uri.getScheme().equalsIgnoreCase("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw Failure.invalid("url", "field.webhook_host_unresolved");
      }
      for (InetAddress address : addresses) {
        String refused = AddressPolicy.problem(address, allowInsecure);
        if (refused != null) {
          throw Failure.invalid("url", refused);
        }
      }
      return new Destination(ssl, host, port, path, addresses[0]);
    }, false);
  }
}
