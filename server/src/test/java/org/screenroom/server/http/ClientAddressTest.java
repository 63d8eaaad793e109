package org.screenroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client address behind trusted and untrusted peers, as a table of header forms. */
class ClientAddressTest {
  private static final String PROXY = "10.0.0.5";
  private static final String STRANGER = "198.51.100.200";

  private static ClientAddress behind(TrustedProxies.Header header) {
    List<String> bad = new ArrayList<>();
    List<Cidr> blocks = TrustedProxies.parseBlocks("10.0.0.0/8, 2001:db8:ffff::/48", bad);
    assertThat(bad).isEmpty();
    return new ClientAddress(new TrustedProxies(blocks, header));
  }

  static Stream<Arguments> xForwardedFor() {
    return Stream.of(
        // peer, header lines, client
        Arguments.of(PROXY, List.of(), PROXY),
        Arguments.of(PROXY, List.of("203.0.113.9"), "203.0.113.9"),
        Arguments.of(PROXY, List.of(" 203.0.113.9 "), "203.0.113.9"),
        Arguments.of(PROXY, List.of("203.0.113.9, 10.0.0.7"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("1.2.3.4, 203.0.113.9"), "203.0.113.9"), // spoofed left-most
        Arguments.of(PROXY, List.of("1.2.3.4, 203.0.113.9, 10.1.2.3"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("1.2.3.4", "203.0.113.9"), "203.0.113.9"), // two lines, in order
        Arguments.of(PROXY, List.of("10.0.0.8, 10.0.0.7"), "10.0.0.8"), // all trusted: left-most
        Arguments.of(PROXY, List.of("2001:db8::17"), "2001:db8::17"),
        Arguments.of(PROXY, List.of("[2001:db8::17]:4711"), "2001:db8::17"),
        Arguments.of(PROXY, List.of("203.0.113.9:51000"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("::ffff:203.0.113.9"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("not-an-ip"), PROXY), // malformed: the proxy is all we know
        Arguments.of(PROXY, List.of("203.0.113.9, garbage"), PROXY),
        Arguments.of(PROXY, List.of("garbage, 203.0.113.9"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("unknown"), PROXY),
        Arguments.of(PROXY, List.of(""), PROXY),
        Arguments.of(PROXY, List.of("203.0.113.9,"), PROXY),
        Arguments.of(PROXY, List.of("example.org"), PROXY), // names are never resolved
        Arguments.of(PROXY, List.of("203.0.113.999"), PROXY),
        Arguments.of("2001:db8:ffff::1", List.of("203.0.113.9"), "203.0.113.9"), // IPv6 proxy
        Arguments.of("::ffff:10.0.0.5", List.of("203.0.113.9"), "203.0.113.9"), // dual-stack peer
        // An untrusted peer: whatever it sends is ignored.
        Arguments.of(STRANGER, List.of(), STRANGER),
        Arguments.of(STRANGER, List.of("203.0.113.9"), STRANGER),
        Arguments.of(STRANGER, List.of("1.2.3.4, 10.0.0.5"), STRANGER),
        Arguments.of(STRANGER, List.of("garbage"), STRANGER),
        Arguments.of("2001:db8::99", List.of("203.0.113.9"), "2001:db8::99"),
        Arguments.of("unknown", List.of("203.0.113.9"), "unknown"));
  }

  @ParameterizedTest(name = "XFF from {0}: {1} -> {2}")
  @MethodSource("xForwardedFor")
  void xForwardedFor_rightMostUntrustedHop_onlyFromTrustedPeers(String peer, List<String> lines,
      String client) {
    assertThat(behind(TrustedProxies.Header.X_FORWARDED_FOR).resolve(peer, lines))
        .isEqualTo(client);
  }

  static Stream<Arguments> forwarded() {
    return Stream.of(
        Arguments.of(PROXY, List.of("for=203.0.113.9"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("For=203.0.113.9;proto=https;by=10.0.0.5"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("for=1.2.3.4, for=203.0.113.9"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("for=203.0.113.9, for=10.0.0.7"), "203.0.113.9"),
        Arguments.of(PROXY, List.of("for=\"[2001:db8:cafe::17]:4711\""), "2001:db8:cafe::17"),
        Arguments.of(PROXY, List.of("for=\"203.0.113.9:8080\""), "203.0.113.9"),
        Arguments.of(PROXY, List.of("for=unknown"), PROXY),
        Arguments.of(PROXY, List.of("for=_hidden"), PROXY),
        Arguments.of(PROXY, List.of("proto=https"), PROXY), // no for=
        Arguments.of(PROXY, List.of("for="), PROXY),
        Arguments.of(STRANGER, List.of("for=203.0.113.9"), STRANGER));
  }

  @ParameterizedTest(name = "Forwarded from {0}: {1} -> {2}")
  @MethodSource("forwarded")
  void forwarded_forValues_rightMostUntrustedHop(String peer, List<String> lines, String client) {
    assertThat(behind(TrustedProxies.Header.FORWARDED).resolve(peer, lines)).isEqualTo(client);
  }

  @org.junit.jupiter.api.Test
  void noProxyTrusted_headersChangeNothing() {
    ClientAddress none = new ClientAddress(TrustedProxies.NONE);

    assertThat(none.resolve(PROXY, List.of("203.0.113.9"))).isEqualTo(PROXY);
  }

  @org.junit.jupiter.api.Test
  void aVeryLongHeader_isReadFromItsRightEndOnly() {
    List<String> hops = new ArrayList<>();
    hops.add("203.0.113.9"); // beyond the hops read: never reached
    for (int i = 0; i < ClientAddress.MAX_HOPS; i++) {
      hops.add("10.0.0." + (i + 1));
    }

    assertThat(behind(TrustedProxies.Header.X_FORWARDED_FOR)
        .resolve(PROXY, List.of(String.join(",", hops)))).isEqualTo("10.0.0.1");
  }

  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of("10.0.0.0/8", "10.255.1.2", true),
        Arguments.of("10.0.0.0/8", "11.0.0.1", false),
        Arguments.of("192.0.2.7", "192.0.2.7", true),
        Arguments.of("192.0.2.7", "192.0.2.8", false),
        Arguments.of("192.0.2.7/32", "::ffff:192.0.2.7", true),
        Arguments.of("0.0.0.0/0", "8.8.8.8", true),
        Arguments.of("2001:db8::/32", "2001:db8:1::1", true),
        Arguments.of("2001:db8::/32", "2001:db9::1", false),
        Arguments.of("2001:db8::/32", "10.0.0.1", false),
        Arguments.of("::ffff:10.0.0.0/104", "10.1.1.1", true));
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @MethodSource("blocks")
  void cidr_contains(String block, String address, boolean contained) {
    Cidr cidr = Cidr.parse(block).orElseThrow();

    assertThat(cidr.contains(IpAddresses.parse(address).orElseThrow())).isEqualTo(contained);
  }

  @ParameterizedTest(name = "not a block: ''{0}''")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"", "10.0.0.0/33", "10.0.0.1/8",
      "10.0.0.0/-1", "10.0.0.0/", "10.0.0/8", "example.org", "2001:db8::/129", "10.0.0.0/8/8",
      "2001:db8::1/32"})
  void cidr_rejectsMalformedBlocks(String text) {
    assertThat(Cidr.parse(text)).isEmpty();
  }
}
