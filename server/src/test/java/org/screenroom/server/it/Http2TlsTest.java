package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.OnContext;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.TlsCert;

/**
 * With a certificate configured the server speaks HTTPS, offering HTTP/2 and HTTP/1.1 by ALPN:
 * segments and playlists come back byte-exact over h2 (whole, and as byte ranges), and an
 * HTTP/1.1-only client is still served over TLS. The client trusts any certificate: this one is
 * self-signed for the test.
 */
class Http2TlsTest {
  private static final int SEGMENT_BYTES = 300_000;
  @TempDir Path work;
  private TestServer server;
  private PackagedFilm film;
  private Vertx vertx;
  /** The client's requests are built on this context (see {@link OnContext}). */
  private io.vertx.core.Context clientContext;

  @BeforeEach
  void start() throws Exception {
    Path tls = Files.createDirectories(work.resolve("tls"));
    TlsCert cert = TlsCert.write(tls);
    server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("tls-cert", cert.cert().toString(), "tls-key", cert.key().toString()));
    film = PackagedFilm.create(server, SEGMENT_BYTES);
    vertx = Vertx.vertx();
    clientContext = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      await(vertx.close());
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void h2_servesSegmentsAndPlaylistsByteExact_withRanges() throws Exception {
    assertThat(server.url()).startsWith("https://");
    HttpClient h2 = client(HttpVersion.HTTP_2);
    String prefix = prefix(h2);
    byte[] playlist = Files.readAllBytes(
        PackagedFilm.currentDir(server.app(), film.id()).resolve("v0/playlist.m3u8"));

    Answer segment = get(h2, prefix + PackagedFilm.SEGMENT, null);
    assertThat(segment.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(segment.status()).isEqualTo(200);
    assertThat(segment.headers().get("content-type")).isEqualTo("video/iso.segment");
    assertThat(segment.body()).isEqualTo(film.segment());

    Answer middle = get(h2, prefix + PackagedFilm.SEGMENT, "bytes=1000-1999");
    assertThat(middle.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(middle.status()).isEqualTo(206);
    assertThat(middle.headers().get("content-range"))
        .isEqualTo("bytes 1000-1999/" + SEGMENT_BYTES);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(film.segment(), 1000, 2000));

    Answer tail = get(h2, prefix + PackagedFilm.SEGMENT, "bytes=-500");
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body())
        .isEqualTo(Arrays.copyOfRange(film.segment(), SEGMENT_BYTES - 500, SEGMENT_BYTES));

    Answer beyond = get(h2, prefix + PackagedFilm.SEGMENT, "bytes=" + SEGMENT_BYTES + "-");
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.headers().get("content-range")).isEqualTo("bytes */" + SEGMENT_BYTES);

    Answer media = get(h2, prefix + "v0/playlist.m3u8", null);
    assertThat(media.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(media.status()).isEqualTo(200);
    assertThat(media.headers().get("content-type")).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(media.body()).isEqualTo(playlist);

    Answer mediaPart = get(h2, prefix + "v0/playlist.m3u8", "bytes=0-6");
    assertThat(mediaPart.status()).isEqualTo(206);
    assertThat(new String(mediaPart.body(), StandardCharsets.UTF_8)).isEqualTo("#EXTM3U");
    assertThat(fastSegments()).as("HTTP/2 connections never get the fast path").isZero();
  }

  @Test
  void http11_isStillServedOverTls() throws Exception {
    HttpClient h1 = client(HttpVersion.HTTP_1_1);
    String prefix = prefix(h1);

    Answer segment = get(h1, prefix + PackagedFilm.SEGMENT, null);
    assertThat(segment.version()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(segment.status()).isEqualTo(200);
    assertThat(segment.body()).isEqualTo(film.segment());

    Answer part = get(h1, prefix + PackagedFilm.SEGMENT, "bytes=0-");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(film.segment());
    assertThat(fastSegments()).as("TLS connections never get the fast path").isZero();
  }

  /** Segment responses the fast path (cleartext HTTP/1.1 only) wrote. */
  private double fastSegments() {
    return server.server().metrics().registry().find("screenroom_fast_segments")
        .functionCounter().count();
  }

  /** A client offering only {@code version} by ALPN, trusting the test's self-signed cert. */
  private HttpClient client(HttpVersion version) {
    return vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setTrustAll(true).setVerifyHost(false).setProtocolVersion(version)
        .setAlpnVersions(java.util.List.of(version)));
  }

  /** The signed URL prefix of the film, asked for over {@code client}. */
  private String prefix(HttpClient client) throws Exception {
    Answer playback = get(client, server.url() + "/api/films/" + film.id() + "/playback", null);
    assertThat(playback.status()).as(new String(playback.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    String hls = new JsonObject(Buffer.buffer(playback.body())).getString("hls");
    assertThat(hls).startsWith("https://");
    return hls.substring(0, hls.length() - "master.m3u8".length());
  }

  private record Answer(HttpVersion version, int status, MultiMap headers, byte[] body) {}

  private Answer get(HttpClient client, String url, String range) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url);
    if (range != null) {
      options.putHeader("Range", range);
    }
    return OnContext.await(clientContext, () -> client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.version(),
            response.statusCode(), response.headers(), body.getBytes()))));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}
