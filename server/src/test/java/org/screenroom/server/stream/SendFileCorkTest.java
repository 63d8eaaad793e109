package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Epolls;
import org.screenroom.server.testing.OnContext;

/**
 * {@link SendFileCork} on real Vert.x servers: on epoll an HTTP/1.1 file response is sent with
 * {@code TCP_CORK} set (read back from the kernel while the send starts) and the socket is
 * uncorked once the file is written, success or failure, so a small answer that follows on the
 * same keep-alive connection is never held by the cork; on NIO and on HTTP/2 nothing is corked.
 * Which state the socket is in is read from the server's own channel on its event loop.
 */
class SendFileCorkTest {
  private static final int FILE_BYTES = 1_500_000;
  @TempDir Path dir;
  private Vertx serverVertx;
  private Vertx clientVertx;
  /** Held here: a Vert.x client nobody references is closed by the garbage collector. */
  private HttpClientAgent client;
  /** The client's requests are built on this context, the connection's (see {@link OnContext}). */
  private Context clientContext;
  /** For each file request: was the socket corked as the send began, and after it completed. */
  private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

  private record Seen(boolean corkedDuringSend, boolean corkedAfter, boolean sent) {}

  @AfterEach
  void stop() {
    for (Vertx v : new Vertx[] {clientVertx, serverVertx}) {
      if (v != null) {
        await(v.close());
      }
    }
  }

  @Test
  void epoll_fileIsSentCorked_thenUncorked_andASmallAnswerFollowsOnTheSameConnection()
      throws Exception {
    byte[] file = file();
    HttpClientConnection connection = connect(start(true, new HttpServerOptions()), false);

    byte[] body = get(connection, "/file");
    Seen first = next();
    byte[] part = get(connection, "/part");
    Seen second = next();
    byte[] small = get(connection, "/small");

    assertThat(body).isEqualTo(file);
    assertThat(first).isEqualTo(new Seen(true, false, true));
    assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(file, 1000, 3000));
    assertThat(second).isEqualTo(new Seen(true, false, true));
    assertThat(new String(small, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("small");
  }

  @Test
  void epoll_failedSend_uncorksBeforeTheErrorIsAnswered() throws Exception {
    file();
    HttpClientConnection connection = connect(start(true, new HttpServerOptions()), false);

    byte[] missing = get(connection, "/missing");
    Seen seenMissing = next();
    byte[] small = get(connection, "/small");

    assertThat(new String(missing, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("gone");
    assertThat(seenMissing).isEqualTo(new Seen(true, false, false));
    assertThat(new String(small, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("small");
  }

  @Test
  void nio_nothingIsCorked_andTheFileIsSent() throws Exception {
    byte[] file = file();
    HttpClientConnection connection = connect(start(false, new HttpServerOptions()), false);

    assertThat(get(connection, "/file")).isEqualTo(file);
    assertThat(next()).isEqualTo(new Seen(false, false, true));
  }

  @Test
  void epollHttp2_sharedSocketIsNeverCorked() throws Exception {
    byte[] file = file();
    // Cleartext HTTP/2 with prior knowledge: one socket for every stream.
    HttpClientConnection connection = connect(start(true, new HttpServerOptions()), true);

    assertThat(get(connection, "/file")).isEqualTo(file);
    assertThat(next()).isEqualTo(new Seen(false, false, true));
  }

  private byte[] file() throws Exception {
    byte[] bytes = new byte[FILE_BYTES];
    new Random(7).nextBytes(bytes);
    Files.write(dir.resolve("seg.m4s"), bytes);
    return bytes;
  }

  /** A server answering /file, /part (bytes 1000-2999) and /missing with sendFile, /small with end. */
  private int start(boolean nativeTransport, HttpServerOptions options) {
    serverVertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(nativeTransport));
    if (nativeTransport) {
      Epolls.require(serverVertx.isNativeTransportEnabled());
    }
    HttpServer server = serverVertx.createHttpServer(options).requestHandler(this::handle);
    return await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = dir.resolve("seg.m4s").toString();
    switch (request.path()) {
      case "/small" -> request.response().end("small");
      case "/file" -> send(request, () -> request.response().sendFile(path));
      case "/part" -> send(request, () -> request.response().sendFile(path, 1000, 2000));
      default -> send(request, () -> request.response().sendFile(path + ".gone"));
    }
  }

  private void send(HttpServerRequest request, java.util.function.Supplier<Future<Void>> send) {
    Channel channel = ((ConnectionBase) request.connection()).channel();
    boolean[] during = new boolean[1];
    SendFileCork.around(request, () -> {
      during[0] = corked(channel);
      return send.get();
    }).onComplete(ar -> {
      seen.add(new Seen(during[0], corked(channel), ar.succeeded()));
      if (ar.failed()) {
        request.response().setStatusCode(404).end("gone");
      }
    });
  }

  /** TCP_CORK as the kernel reports it (getsockopt); never set on a NIO socket. */
  private static boolean corked(Channel channel) {
    return channel instanceof EpollSocketChannel epoll && epoll.config().isTcpCork();
  }

  private HttpClientConnection connect(int port, boolean http2) {
    clientVertx = Vertx.vertx();
    client = clientVertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(http2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
        .setHttp2ClearTextUpgrade(false));
    clientContext = clientVertx.getOrCreateContext();
    return OnContext.await(clientContext,
        () -> client.connect(new HttpConnectOptions().setHost("127.0.0.1").setPort(port)));
  }

  private byte[] get(HttpClientConnection connection, String path) {
    return OnContext.await(clientContext, () -> connection.request(
            new RequestOptions().setMethod(HttpMethod.GET).setURI(path))
        .compose(r -> r.send()).compose(r -> r.body()).map(b -> b.getBytes()));
  }

  private Seen next() throws InterruptedException {
    Seen s = seen.poll(30, TimeUnit.SECONDS);
    assertThat(s).as("the server finished the send").isNotNull();
    return s;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("failed: " + e, e);
    }
  }
}
