package org.screenroom.server.ingest.url;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses URL ingest refuses by default: the server's own machine and private networks. A
 * filmmaker's link must never make Screenroom fetch an admin panel, a cloud metadata service
 * (169.254.169.254) or anything else only the server can reach. Pure.
 */
public final class InternalAddresses {
  private InternalAddresses() {}

  /** Whether {@code address} is loopback, private, link-local, unspecified or multicast. */
  public static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      // fc00::/7, unique local addresses (IPv6's private ranges).
      return (b[0] & 0xfe) == 0xfc;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8 "this network", 192.0.0.0/24 protocol assignments.
    return (first == 100 && second >= 64 && second < 128) || first == 0
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0);
  }
}
