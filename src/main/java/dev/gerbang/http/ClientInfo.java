package dev.gerbang.http;

import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the request tells about the client: its address and user agent, trimmed to what we store. The
 * address is the TCP peer, or, when the peer is a configured trusted proxy, the right-most address in
 * X-Forwarded-For that is not itself a trusted proxy (entries further left are the client's to forge).
 */
public final class ClientInfo {
  private static final String KEY = "gerbang.clientIp";
  private static final String PROXIED = "gerbang.viaTrustedProxy";
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private ClientInfo() {
  }

  public static String ip(RoutingContext ctx) {
    String resolved = ctx.get(KEY);
    if (resolved != null) {
      return resolved;
    }
    var address = ctx.request().remoteAddress();
    return address == null ? null : truncate(address.hostAddress(), 45);
  }

  /** True when a configured trusted proxy sent the request, so that its X-Forwarded-* headers may be believed. */
  public static boolean viaTrustedProxy(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(PROXIED));
  }

  public static String userAgent(RoutingContext ctx) {
    return truncate(ctx.request().getHeader("User-Agent"), 255);
  }

  /** The first handler of the root router: works the client address out once, for every later reader. */
  public static Handler<RoutingContext> resolver(List<String> trustedProxies) {
    List<Range> trusted = trustedProxies.stream().map(Range::parse).toList();
    return ctx -> {
      var peer = ctx.request().remoteAddress();
      String address = peer == null ? null : peer.hostAddress();
      if (address != null && !trusted.isEmpty()) {
        ctx.put(PROXIED, isTrusted(trusted, address));
        List<String> hops = new ArrayList<>();
        for (String header : ctx.request().headers().getAll("X-Forwarded-For")) {
          for (String hop : header.split(",")) {
            hops.add(hop.strip());
          }
        }
        while (isTrusted(trusted, address) && !hops.isEmpty()) {
          String next = hops.remove(hops.size() - 1);
          if (!IP_LITERAL.matcher(next).matches() || parse(next) == null) {
            break;
          }
          address = next;
        }
      }
      if (address != null) {
        ctx.put(KEY, truncate(address, 45));
      }
      ctx.next();
    };
  }

  private static boolean isTrusted(List<Range> trusted, String address) {
    byte[] bytes = parse(address);
    return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
  }

  /**
   * The bytes of a canonical IP literal (dotted quad, or IPv6); null for anything else. Never a DNS lookup,
   * which on an event loop would let a forged X-Forwarded-For such as "cafe.babe" stall it; nor the old
   * shorthands ("127.1") that InetAddress reads as addresses.
   */
  static byte[] parse(String literal) {
    if (!IP_LITERAL.matcher(literal).matches()) {
      return null;
    }
    return NetUtil.createByteArrayFromIpAddressString(literal);
  }

  private record Range(byte[] network, int bits) {
    static Range parse(String cidr) {
      String[] parts = cidr.split("/", 2);
      byte[] network = ClientInfo.parse(parts[0]);
      if (network == null) {
        throw new IllegalArgumentException("not an IP address: " + cidr);
      }
      int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
      return new Range(network, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits / 8; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest);
      return (address[bits / 8] & mask) == (network[bits / 8] & mask);
    }
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
