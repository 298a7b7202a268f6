package dev.gerbang.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses a webhook may be sent to: public unicast only. Refused: loopback (unless allowLoopback, the
 * development setting), unspecified and 0.0.0.0/8, private (RFC 1918, unique-local fc00::/7, site-local),
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT 100.64/10, multicast, broadcast and
 * reserved ranges, and any IPv6 address that carries one of those IPv4 addresses (mapped, compatible, NAT64, 6to4).
 */
public final class AddressPolicy {
  private AddressPolicy() {
  }

  /** Null when a webhook may be sent to the address; otherwise the key of the problem text saying what it is. */
  public static String problem(InetAddress address, boolean allowLoopback) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        return problem(embedded, allowLoopback);
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "field.webhook_address.private";
      }
    }
    if (address.isLoopbackAddress()) {
      return allowLoopback ? null : "field.webhook_address.loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "field.webhook_address.unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "field.webhook_address.link_local";
    }
    if (address.isSiteLocalAddress()) {
      return "field.webhook_address.private";
    }
    if (address.isMulticastAddress()) {
      return "field.webhook_address.multicast";
    }
    if (address instanceof Inet4Address) {
      return ipv4Problem(address.getAddress());
    }
    return null;
  }

  private static String ipv4Problem(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0) {
      return "field.webhook_address.unspecified";
    }
    if (first == 100 && second >= 64 && second <= 127) {
      return "field.webhook_address.shared";
    }
    if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
      return "field.webhook_address.reserved";
    }
    if (first == 198 && (second == 18 || second == 19)) {
      return "field.webhook_address.reserved";
    }
    if (first >= 240) {
      return "field.webhook_address.reserved";
    }
    return null;
  }

  /** The IPv4 address an IPv6 one carries: mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16. */
  private static InetAddress embeddedIpv4(byte[] b) {
    boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
    boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
        && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
    try {
      if (mapped || nat64 || (compatible && !isLoopbackOrUnspecified(b))) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return null;
  }

  /** ::1 and :: are IPv6's own loopback and unspecified addresses, not IPv4-compatible ones. */
  private static boolean isLoopbackOrUnspecified(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 0 || b[15] == 1;
  }
}
