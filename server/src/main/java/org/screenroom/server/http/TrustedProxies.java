package org.screenroom.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The load balancers and CDNs in front of this server whose word on the client address is taken
 * ({@code trusted-proxies}), and the header they write it to ({@code proxy-header}). Only that
 * one header is read: a header the proxy does not manage passes through it untouched, so the
 * client could write anything there. None by default: the socket's peer is the client. Pure.
 *
 * @param blocks the proxies' addresses and blocks
 * @param header where they put the client address
 */
public record TrustedProxies(List<Cidr> blocks, Header header) {
  /** No proxy trusted: every forwarding header is ignored. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), Header.X_FORWARDED_FOR);

  /** Copies the blocks. */
  public TrustedProxies {
    blocks = List.copyOf(blocks);
  }

  /** The header a trusted proxy writes the client address to. */
  public enum Header {
    /** {@code X-Forwarded-For: client, proxy1, proxy2} (nginx, HAProxy, AWS ALB, most CDNs). */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** RFC 7239 {@code Forwarded: for=client, for=proxy1}. */
    FORWARDED("Forwarded");

    private final String wire;

    Header(String wire) {
      this.wire = wire;
    }

    /** The header's name on the wire. */
    public String wire() {
      return wire;
    }

    /** The header named {@code text} (any case), if it is one of these. */
    public static Optional<Header> parse(String text) {
      for (Header h : values()) {
        if (h.wire.equalsIgnoreCase(text.trim())) {
          return Optional.of(h);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Parses a comma-separated list of addresses and CIDR blocks; the entries that are neither go
   * to {@code bad}.
   */
  public static List<Cidr> parseBlocks(String list, List<String> bad) {
    List<Cidr> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      Cidr.parse(entry).ifPresentOrElse(out::add, () -> bad.add(entry));
    }
    return out;
  }

  /** Whether any proxy is trusted. */
  public boolean any() {
    return !blocks.isEmpty();
  }

  /** Whether the address literal is a trusted proxy's (false for anything not an address). */
  public boolean trusts(String address) {
    return IpAddresses.parse(address).map(this::trusts).orElse(false);
  }

  boolean trusts(byte[] address) {
    for (Cidr c : blocks) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The blocks and header, for the start-up log. */
  public String describe() {
    if (blocks.isEmpty()) {
      return "(none: the client address is the socket's peer)";
    }
    return blocks.stream().map(Cidr::toString).reduce((a, b) -> a + "," + b).orElse("")
        + " (via " + header.wire() + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
