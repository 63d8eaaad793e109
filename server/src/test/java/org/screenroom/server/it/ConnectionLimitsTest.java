package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.RawHttp;
import org.screenroom.server.testing.TestServer;

/**
 * Limits against misbehaving clients, over raw sockets from chosen loopback addresses: the cap on
 * connections per client address, the request-head deadline, and request size limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitsTest {
  private static final int CAP = 3;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
  @TempDir static Path work;
  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("max-connections-per-ip", Integer.toString(CAP), "header-timeout", "2s",
            "idle-timeout", IDLE_TIMEOUT.toSeconds() + "s"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static final String LIVE = "GET /health/live HTTP/1.1\r\nHost: t";

  @Test
  void connectionsPerAddress_beyondTheCapAreClosed_otherAddressesUnaffected() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        Socket s = RawHttp.connect(server.url(), "127.0.0.3");
        held.add(s);
        assertThat(RawHttp.status(s, LIVE)).as("connection %d", i + 1).isEqualTo(200);
      }
      try (Socket excess = RawHttp.connect(server.url(), "127.0.0.3")) {
        assertThat(RawHttp.closedByServer(excess)).isTrue();
      }
      assertThat(RawHttp.get(server.url() + "/health/live", "127.0.0.4")).isEqualTo(200);

      held.remove(0).close();
      // The server learns of the close asynchronously: until it has, a new connection is still
      // over the cap and is closed (a reset on the client), which counts as "not yet".
      Await.until(Duration.ofSeconds(10), "a freed connection place", () -> {
        try {
          return Optional.of(RawHttp.get(server.url() + "/health/live", "127.0.0.3"))
              .filter(s -> s == 200);
        } catch (java.io.IOException stillOverTheCap) {
          return Optional.empty();
        }
      });
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  static Stream<Arguments> oversizedRequests() {
    return Stream.of(
        Arguments.of("a 9 KiB header", "GET /health/live HTTP/1.1\r\nHost: t\r\nX-Big: "
            + "a".repeat(9 * 1024), 431),
        Arguments.of("a 5000-character request line", "GET /health/live?" + "q".repeat(5000)
            + " HTTP/1.1\r\nHost: t", 414),
        Arguments.of("a 2 MB JSON body declared for a new film", "POST /api/films HTTP/1.1\r\n"
            + "Host: t\r\nContent-Type: application/json\r\nContent-Length: 2000000", 413),
        Arguments.of("a 2 MB JSON body declared for a sign-in", "POST /api/session HTTP/1.1\r\n"
            + "Host: t\r\nContent-Type: application/json\r\nContent-Length: 2000000", 413),
        Arguments.of("a header just under the limit", "GET /health/live HTTP/1.1\r\nHost: t\r\n"
            + "X-Big: " + "a".repeat(7 * 1024), 200));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("oversizedRequests")
  void oversizedRequest_isRefusedWithItsStatus(String what, String head, int expected)
      throws Exception {
    try (Socket s = RawHttp.connect(server.url(), "127.0.0.5")) {
      assertThat(RawHttp.status(s, head)).isEqualTo(expected);
    }
  }

  @Test
  void headerDeadline_headNeverFinished_isClosedAfterTheTimeout() throws Exception {
    try (Socket s = RawHttp.connect(server.url(), "127.0.0.6")) {
      long start = System.nanoTime();
      s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: t\r\nX-Slow: a"
          .getBytes(StandardCharsets.ISO_8859_1));

      assertThat(RawHttp.closedByServer(s)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(200))
          .isLessThan(HEADER_TIMEOUT.plusSeconds(5));
    }
  }

  @Test
  void headerDeadline_silentNewConnection_isClosedAfterTheTimeout() throws Exception {
    try (Socket s = RawHttp.connect(server.url(), "127.0.0.6")) {
      long start = System.nanoTime();

      assertThat(RawHttp.closedByServer(s)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(200))
          .isLessThan(IDLE_TIMEOUT);
    }
  }

  @Test
  void headerDeadline_keptAliveConnection_idleIsFine_butASlowSecondHeadIsClosed() throws Exception {
    try (Socket s = RawHttp.connect(server.url(), "127.0.0.7")) {
      assertThat(RawHttp.status(s, LIVE)).isEqualTo(200);
      skipRestOfResponse(s.getInputStream());
      // Idle between requests for longer than the header deadline: only the idle timeout applies.
      long idleUntil = System.nanoTime() + HEADER_TIMEOUT.plusMillis(500).toNanos();
      s.setSoTimeout((int) HEADER_TIMEOUT.plusMillis(500).toMillis());
      assertThat(readOrTimeout(s.getInputStream())).as("connection kept while idle").isTrue();
      assertThat(System.nanoTime()).isGreaterThanOrEqualTo(idleUntil - 50_000_000L);
      s.setSoTimeout(10_000);
      assertThat(RawHttp.status(s, LIVE)).isEqualTo(200);
      skipRestOfResponse(s.getInputStream());

      long start = System.nanoTime();
      s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));

      assertThat(RawHttp.closedByServer(s)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(200));
    }
  }

  /** True when the read timed out (the connection stayed open and silent). */
  private static boolean readOrTimeout(InputStream in) throws Exception {
    try {
      return in.read() != -1 && false;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    }
  }

  /** Reads the rest of a response head and its Content-Length body. */
  private static void skipRestOfResponse(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c == -1) {
        throw new AssertionError("closed mid-response");
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }
}
