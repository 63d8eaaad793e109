package org.screenroom.server.http;

import java.util.Optional;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or one
 * address ({@code 192.0.2.7}, a {@code /32} or {@code /128}). Pure.
 *
 * @param network the block's first address, its host bits zero (4 or 16 bytes)
 * @param bits the prefix length
 */
public record Cidr(byte[] network, int bits) {

  /** Parses {@code text}; empty when it is not an address or block (host bits must be zero). */
  public static Optional<Cidr> parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    Optional<byte[]> address = IpAddresses.parse(slash < 0 ? t : t.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] raw = address.get();
    int max = raw.length * 8;
    int bits = max;
    if (slash >= 0) {
      String n = t.substring(slash + 1);
      if (!n.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      bits = Integer.parseInt(n);
      // An IPv4-mapped block (::ffff:10.0.0.0/104) is the IPv4 block it maps.
      if (raw.length == 4 && t.contains(":")) {
        bits -= 96;
      }
      if (bits < 0 || bits > max) {
        return Optional.empty();
      }
    }
    for (int i = 0; i < max; i++) {
      if (i >= bits && bit(raw, i)) {
        return Optional.empty(); // host bits set: most likely a typo for another block
      }
    }
    return Optional.of(new Cidr(raw, bits));
  }

  /** Whether the address bytes (from {@link IpAddresses#parse}) lie in this block. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      if (bit(address, i) != bit(network, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean bit(byte[] raw, int i) {
    return (raw[i / 8] & (0x80 >>> (i % 8))) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.bits == bits && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + bits;
  }

  @Override
  public String toString() {
    return IpAddresses.text(network) + "/" + bits;
  }
}
