package dev.gerbang.http;

import io.vertx.ext.web.RoutingContext;

/** What the request tells about the client: its address and user agent, trimmed to what we store. */
public final class ClientInfo {
  private ClientInfo() {
  }

  public static String ip(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    return address == null ? null : truncate(address.hostAddress(), 45);
  }

  public static String userAgent(RoutingContext ctx) {
    return truncate(ctx.request().getHeader("User-Agent"), 255);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
