package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
import org.screenroom.server.testing.Epolls;

/**
 * The segment path on Netty's native epoll transport ({@code native-transport=on}), where each
 * segment response corks its socket while the file goes out: on ONE keep-alive connection a
 * whole segment, a small playlist after it, a byte range, a HEAD and an unsatisfiable range all
 * come back right and byte-exact, each answer complete before the next request is sent.
 */
class NativeTransportSegmentTest {
  private static final int SEGMENT_BYTES = 1_700_000;
  @TempDir Path work;
  private TestServer server;
  private PackagedFilm film;
  private Vertx client;
  /** The client's requests are built on this context, the connection's (see {@link OnContext}). */
  private io.vertx.core.Context clientContext;
  /** Held here: a Vert.x client nobody references is closed by the garbage collector. */
  private HttpClientAgent http;

  @BeforeEach
  void start() throws Exception {
    Epolls.require(Epoll.isAvailable());
    server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("native-transport", "on"));
    film = PackagedFilm.create(server, SEGMENT_BYTES);
    client = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      await(client.close());
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void oneKeepAliveConnection_segmentThenPlaylistRangeAndHead_allByteExact() throws Exception {
    assertThat(server.server().vertx().isNativeTransportEnabled()).isTrue();
    HttpClientConnection connection = connect();
    String prefix = prefix(connection);
    byte[] playlist = Files.readAllBytes(
        PackagedFilm.currentDir(server.app(), film.id()).resolve("v0/playlist.m3u8"));

    Answer segment = send(connection, HttpMethod.GET, prefix + PackagedFilm.SEGMENT, null);
    Answer media = send(connection, HttpMethod.GET, prefix + "v0/playlist.m3u8", null);
    Answer part = send(connection, HttpMethod.GET, prefix + PackagedFilm.SEGMENT, "bytes=1000-1999");
    Answer tail = send(connection, HttpMethod.GET, prefix + PackagedFilm.SEGMENT, "bytes=-500");
    Answer head = send(connection, HttpMethod.HEAD, prefix + PackagedFilm.SEGMENT, null);
    Answer beyond = send(connection, HttpMethod.GET, prefix + PackagedFilm.SEGMENT,
        "bytes=" + SEGMENT_BYTES + "-");
    Answer again = send(connection, HttpMethod.GET, prefix + "v0/playlist.m3u8", null);

    assertThat(segment.status()).isEqualTo(200);
    assertThat(segment.body()).isEqualTo(film.segment());
    assertThat(media.status()).isEqualTo(200);
    assertThat(media.body()).isEqualTo(playlist);
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.headers().get("content-range")).isEqualTo("bytes 1000-1999/" + SEGMENT_BYTES);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(film.segment(), 1000, 2000));
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body())
        .isEqualTo(Arrays.copyOfRange(film.segment(), SEGMENT_BYTES - 500, SEGMENT_BYTES));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers().get("content-length")).isEqualTo(Integer.toString(SEGMENT_BYTES));
    assertThat(head.body()).isEmpty();
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.headers().get("content-range")).isEqualTo("bytes */" + SEGMENT_BYTES);
    assertThat(again.body()).isEqualTo(playlist);
  }

  private HttpClientConnection connect() {
    URI url = URI.create(server.url());
    http = client.createHttpClient();
    clientContext = client.getOrCreateContext();
    return OnContext.await(clientContext, () -> http.connect(new HttpConnectOptions()
        .setHost(url.getHost()).setPort(url.getPort())));
  }

  /** The film's signed URL prefix (path only), asked for on the same connection. */
  private String prefix(HttpClientConnection connection) {
    Answer playback = send(connection, HttpMethod.GET, "/api/films/" + film.id() + "/playback", null);
    assertThat(playback.status()).as(new String(playback.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    String hls = new JsonObject(Buffer.buffer(playback.body())).getString("hls");
    String path = URI.create(hls).getRawPath();
    return path.substring(0, path.length() - "master.m3u8".length());
  }

  private record Answer(int status, MultiMap headers, byte[] body) {}

  private Answer send(HttpClientConnection connection, HttpMethod method, String path,
      String range) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
    if (range != null) {
      options.putHeader("Range", range);
    }
    return OnContext.await(clientContext, () -> connection.request(options).compose(r -> r.send())
        .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.headers(), b.getBytes()))));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}
