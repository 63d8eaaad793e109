package org.screenroom.server.stream;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The network a client address belongs to, as far as a playback token is bound to it: the
 * {@code /24} of an IPv4 address, the {@code /48} of an IPv6 one (what one household or office
 * typically keeps while a phone hops between addresses). IPv4-mapped IPv6 addresses count as
 * IPv4, so a dual-stack socket sees the same network as a plain IPv4 one.
 *
 * <p>Pure: parses address literals only, never resolves a name.
 */
public final class IpPrefix {
  private static final int V4_BYTES = 3;
  private static final int V6_BYTES = 6;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] bytes;

  private IpPrefix(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The prefix of an address literal such as {@code 203.0.113.9} or {@code 2001:db8::1}. */
  public static Optional<IpPrefix> of(String address) {
    if (address == null) {
      return Optional.empty();
    }
    String literal = address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1) : address;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    byte[] raw = NetUtil.createByteArrayFromIpAddressString(literal);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.length == 16 && isV4Mapped(raw)) {
      return Optional.of(new IpPrefix(Arrays.copyOfRange(raw, 12, 12 + V4_BYTES)));
    }
    return Optional.of(new IpPrefix(Arrays.copyOf(raw, raw.length == 4 ? V4_BYTES : V6_BYTES)));
  }

  private static boolean isV4Mapped(byte[] raw) {
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return false;
      }
    }
    return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
  }

  /** The compact URL-safe form carried in a token: 4 characters for IPv4, 8 for IPv6. */
  public String encoded() {
    return B64.encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The prefix in CIDR notation, e.g. {@code 203.0.113.0/24} (logs and tests). */
  @Override
  public String toString() {
    if (bytes.length == V4_BYTES) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < V6_BYTES; i += 2) {
      out.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return out.append(":/48").toString();
  }
}
