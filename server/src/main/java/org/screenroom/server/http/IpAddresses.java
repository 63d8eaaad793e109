package org.screenroom.server.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * IP address literals as this server compares them: parsed without ever resolving a name, an
 * IPv4-mapped IPv6 address counted as the IPv4 one (a dual-stack socket reports those), and
 * written back in one canonical form so that a proxy's spelling and the socket's agree. Pure.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * The address bytes of a literal such as {@code 203.0.113.9}, {@code 2001:db8::1} or
   * {@code [2001:db8::1]} (a zone {@code %eth0} is dropped): 4 bytes for IPv4 and IPv4-mapped
   * IPv6, else 16; empty when it is not an address literal.
   */
  public static Optional<byte[]> parse(String literal) {
    if (literal == null || literal.isEmpty() || literal.length() > 64) {
      return Optional.empty();
    }
    String text = literal.startsWith("[") && literal.endsWith("]")
        ? literal.substring(1, literal.length() - 1) : literal;
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    byte[] raw = NetUtil.createByteArrayFromIpAddressString(text);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.length == 16 && v4Mapped(raw)) {
      return Optional.of(Arrays.copyOfRange(raw, 12, 16));
    }
    return Optional.of(raw);
  }

  /** The canonical text of a literal ({@code 2001:db8::1}, {@code 203.0.113.9}), or empty. */
  public static Optional<String> canonical(String literal) {
    return parse(literal).map(IpAddresses::text);
  }

  /** The canonical text of address bytes (4 or 16). */
  static String text(byte[] raw) {
    try {
      return NetUtil.toAddressString(InetAddress.getByAddress(raw));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + raw.length + " bytes", e);
    }
  }

  private static boolean v4Mapped(byte[] raw) {
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return false;
      }
    }
    return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
  }
}
