package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;

/**
 * Slowloris: 100 connections (ten client addresses) trickle a request head one byte at a time
 * while a normal viewer fetches segments. The viewer is answered promptly while they are all
 * open, and the server drops every slow connection once the header deadline passes.
 */
class SlowClientTest {
  private static final int SLOW = 100;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(4);
  /** A 1.5 MB segment over loopback takes milliseconds; this bound allows a loaded machine. */
  private static final Duration PROMPT = Duration.ofMillis(1_500);
  @TempDir Path work;

  @Test
  void slowHeaders_doNotDelayAViewer_andAreDroppedAfterTheHeaderTimeout() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("header-timeout", HEADER_TIMEOUT.toSeconds() + "s"));
        Selector selector = Selector.open()) {
      PackagedFilm film = PackagedFilm.create(server, 1_500_000);
      String segmentUrl = film.playbackPrefix(server, null) + PackagedFilm.SEGMENT;
      URI uri = URI.create(server.url());
      List<SocketChannel> slow = new ArrayList<>();
      ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
      try {
        long opened = System.nanoTime();
        for (int i = 0; i < SLOW; i++) {
          SocketChannel ch = SocketChannel.open();
          ch.bind(new InetSocketAddress("127.0.0." + (20 + i % 10), 0));
          ch.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
          ch.write(ByteBuffer.wrap(("GET " + URI.create(segmentUrl).getRawPath()
              + " HTTP/1.1\r\nHost: t\r\n").getBytes(StandardCharsets.ISO_8859_1)));
          ch.configureBlocking(false);
          ch.register(selector, SelectionKey.OP_READ);
          slow.add(ch);
        }
        // One more header byte on every connection every 100 ms: never idle, never finished.
        trickle.scheduleAtFixedRate(() -> slow.forEach(ch -> {
          try {
            ch.write(ByteBuffer.wrap(new byte[] {'x'}));
          } catch (IOException closed) {
            // dropped by the server: expected once the deadline passes
          }
        }), 100, 100, TimeUnit.MILLISECONDS);

        for (int i = 0; i < 10; i++) {
          long start = System.nanoTime();
          HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(segmentUrl))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).isEqualTo(film.segment());
          assertThat(took).as("segment fetch %d", i).isLessThan(PROMPT);
        }
        Duration viewerDone = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(closedNow(selector)).as("slow connections closed while the viewer watched")
            .isZero();
        assertThat(viewerDone).as("the viewer finished while every slow connection was open")
            .isLessThan(HEADER_TIMEOUT);

        int closed = 0;
        long deadline = System.nanoTime() + HEADER_TIMEOUT.plusSeconds(10).toNanos();
        while (closed < SLOW && System.nanoTime() < deadline) {
          selector.select(200);
          closed += drainClosed(selector);
        }
        Duration allClosed = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(closed).as("slow connections dropped").isEqualTo(SLOW);
        assertThat(allClosed).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(200));
        String metrics = server.get("/metrics", server.token("admin", TestServer.ADMIN_PASSWORD)).body();
        assertThat(metrics).contains("screenroom_header_timeouts_total " + SLOW + ".0");
      } finally {
        trickle.shutdownNow();
        for (SocketChannel ch : slow) {
          ch.close();
        }
      }
    }
  }

  private static int closedNow(Selector selector) throws IOException {
    selector.selectNow();
    return drainClosed(selector);
  }

  /** Reads every ready channel; counts (and forgets) those the server closed. */
  private static int drainClosed(Selector selector) {
    int closed = 0;
    ByteBuffer buf = ByteBuffer.allocate(4096);
    for (SelectionKey key : selector.selectedKeys()) {
      SocketChannel ch = (SocketChannel) key.channel();
      int n;
      try {
        buf.clear();
        n = ch.read(buf);
      } catch (IOException reset) {
        n = -1;
      }
      if (n == -1) {
        key.cancel();
        closed++;
      }
    }
    selector.selectedKeys().clear();
    return closed;
  }
}
