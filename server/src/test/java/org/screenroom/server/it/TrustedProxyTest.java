package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.RawHttp;
import org.screenroom.server.testing.TestServer;

/**
 * A server behind a load balancer ({@code trusted-proxies}), over raw sockets from chosen
 * loopback addresses: 127.0.0.2 is the balancer, every other address a client connecting
 * directly. Network-bound playback URLs, the connection cap and the sign-in throttle all go by
 * the client the balancer names, and a forwarding header from anyone else changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxyTest {
  private static final String BALANCER = "127.0.0.2";
  private static final int CAP = 2;
  private static final Pattern HLS = Pattern.compile("\"hls\"\\s*:\\s*\"([^\"]+)\"");
  @TempDir static Path work;
  private TestServer server;
  private PackagedFilm film;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("playback-bind-network", "true", "trusted-proxies", BALANCER + ",10.0.0.0/8",
            "max-connections-per-ip", Integer.toString(CAP),
            "login-failures-per-user-address", "2"));
    film = PackagedFilm.create(server, 16 * 1024);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A playback URL prefix asked for from {@code source} with extra header lines. */
  private String playbackPrefix(String source, String... headers) throws Exception {
    RawHttp.Response r = RawHttp.exchange("GET", server.url() + "/api/films/" + film.id()
        + "/playback", source, headers);
    assertThat(r.status()).as(r.rest()).isEqualTo(200);
    Matcher m = HLS.matcher(r.rest());
    assertThat(m.find()).as(r.rest()).isTrue();
    String path = URI.create(m.group(1)).getRawPath();
    return server.url() + path.substring(0, path.length() - "master.m3u8".length());
  }

  private int segment(String prefix, String source, String... headers) throws Exception {
    return RawHttp.exchange("GET", prefix + PackagedFilm.SEGMENT, source, headers).status();
  }

  @Test
  void boundUrl_issuedThroughTheBalancer_worksForTheClientsNetwork_notForAForgedHeader()
      throws Exception {
    String prefix = playbackPrefix(BALANCER, "X-Forwarded-For: 192.0.2.1, 198.51.100.7");

    assertThat(segment(prefix, BALANCER, "X-Forwarded-For: 198.51.100.99"))
        .as("the client's /24, through the balancer").isEqualTo(200);
    assertThat(segment(prefix, BALANCER, "X-Forwarded-For: 198.51.100.7, 10.1.2.3"))
        .as("through two trusted hops").isEqualTo(200);
    assertThat(segment(prefix, BALANCER, "X-Forwarded-For: 203.0.113.5"))
        .as("another client's network").isEqualTo(403);
    assertThat(segment(prefix, BALANCER, "X-Forwarded-For: 198.51.100.7, 203.0.113.5"))
        .as("a spoofed left-most entry is not the client").isEqualTo(403);
    assertThat(segment(prefix, BALANCER)).as("the balancer itself is not the client")
        .isEqualTo(403);
    assertThat(segment(prefix, "127.0.0.1", "X-Forwarded-For: 198.51.100.7"))
        .as("a forged header from a peer that is not trusted").isEqualTo(403);
    assertThat(segment(prefix, "127.0.0.1", "Forwarded: for=198.51.100.7"))
        .as("a forged Forwarded header from a peer that is not trusted").isEqualTo(403);
  }

  @Test
  void forgedHeaderFromAPeerNotTrusted_isIgnored_theUrlIsBoundToThePeer() throws Exception {
    String prefix = playbackPrefix("127.0.0.3", "X-Forwarded-For: 198.51.100.7");

    assertThat(segment(prefix, "127.0.0.3")).as("the peer's own /24").isEqualTo(200);
    assertThat(segment(prefix, BALANCER, "X-Forwarded-For: 198.51.100.7"))
        .as("the network the forged header named").isEqualTo(403);
  }

  @Test
  void connectionCap_doesNotApplyToTheBalancer_butToClientsConnectingDirectly() throws Exception {
    String live = "GET /health/live HTTP/1.1\r\nHost: t";
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP + 2; i++) {
        Socket s = RawHttp.connect(server.url(), BALANCER);
        held.add(s);
        assertThat(RawHttp.status(s, live)).as("balancer connection %d", i + 1).isEqualTo(200);
      }
      for (int i = 0; i < CAP; i++) {
        Socket s = RawHttp.connect(server.url(), "127.0.0.4");
        held.add(s);
        assertThat(RawHttp.status(s, live)).as("direct connection %d", i + 1).isEqualTo(200);
      }
      try (Socket excess = RawHttp.connect(server.url(), "127.0.0.4")) {
        assertThat(RawHttp.closedByServer(excess)).isTrue();
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void signInThrottle_locksTheClientBehindTheBalancer_notEveryoneBehindIt() throws Exception {
    String wrong = "Authorization: " + TestServer.basic("admin", "wrong-password");
    for (int i = 1; i <= 2; i++) {
      assertThat(RawHttp.exchange("POST", server.url() + "/api/tokens", BALANCER, wrong,
          "Content-Length: 0", "X-Forwarded-For: 198.51.100.20").status()).as("guess %d", i)
          .isEqualTo(401);
    }

    assertThat(RawHttp.exchange("POST", server.url() + "/api/tokens", BALANCER, wrong,
        "Content-Length: 0", "X-Forwarded-For: 198.51.100.20").status()).isEqualTo(429);
    assertThat(RawHttp.exchange("POST", server.url() + "/api/tokens", BALANCER, wrong,
        "Content-Length: 0", "X-Forwarded-For: 198.51.100.21").status())
        .as("another client behind the same balancer").isEqualTo(401);
  }
}
