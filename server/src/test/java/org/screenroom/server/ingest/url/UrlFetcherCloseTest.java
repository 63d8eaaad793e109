package org.screenroom.server.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.testing.Epolls;

/**
 * Downloads from a server that writes the whole answer and closes the connection at once, as
 * every server asked for {@code Connection: close} does, on Netty's native epoll transport: the
 * close then arrives while the fetcher is still opening the file, and on epoll Netty reads a
 * closed socket to its end regardless of backpressure. With Vert.x's pause for backpressure
 * most such downloads failed with "Connection was closed" (Vert.x dropped what it had read
 * while paused); each framing must now come through byte-exact, many times over, and a body cut
 * short must fail with a sentence rather than hang.
 */
class UrlFetcherCloseTest {
  private static final int BODY_BYTES = 900_000;
  private static final int ROUNDS = 15;
  @TempDir Path dir;
  private Vertx vertx;
  private ServerSocket listener;
  private UrlFetcher fetcher;
  private final byte[] body = new byte[BODY_BYTES];

  /** How the test server frames the body before it closes. */
  enum Framing { CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE }

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    Epolls.require(vertx.isNativeTransportEnabled());
    new Random(3).nextBytes(body);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    fetcher = new UrlFetcher(vertx, new Blocking(vertx), new UrlFetchSettings(Duration.ofSeconds(5),
        Duration.ofSeconds(10), 5, 0, /* allowInternal= */ true), 10L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    if (listener != null) {
      listener.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Framing.class)
  void serverClosesRightAfterTheBody_everyDownloadIsComplete(Framing framing) throws Exception {
    serve(framing, body.length);

    for (int i = 0; i < ROUNDS; i++) {
      UrlFetcher.Fetched fetched = fetch(dir.resolve(framing + "-" + i));

      assertThat(Files.readAllBytes(fetched.file())).as("round %d", i).isEqualTo(body);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Framing.class, names = {"CONTENT_LENGTH", "CHUNKED"})
  void serverClosesBeforeTheBodyEnds_failsWithASentence(Framing framing) throws Exception {
    serve(framing, body.length / 2);

    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> fetch(dir.resolve("short")));

    assertThat(e.getCause()).isInstanceOf(FetchFailure.class);
    assertThat(e.getCause().getMessage()).startsWith("The download from 127.0.0.1 broke off");
  }

  private UrlFetcher.Fetched fetch(Path into) throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<UrlFetcher.Fetched> result = Promise.promise();
    URI url = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/clip.mp4");
    // The fetcher runs on an event loop, as the server's ingest jobs call it.
    context.runOnContext(v -> fetcher.fetch(url, into).onComplete(result));
    Future<UrlFetcher.Fetched> f = result.future();
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Answers every connection with the head, {@code sent} body bytes, and a close. */
  private void serve(Framing framing, int sent) {
    Thread t = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket s = listener.accept()) {
          readHead(s.getInputStream());
          OutputStream out = s.getOutputStream();
          String head = "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nConnection: close\r\n"
              + switch (framing) {
                case CONTENT_LENGTH -> "Content-Length: " + body.length + "\r\n";
                case CHUNKED -> "Transfer-Encoding: chunked\r\n";
                case UNTIL_CLOSE -> "";
              } + "\r\n";
          ByteArrayOutputStream answer = new ByteArrayOutputStream();
          answer.write(head.getBytes(StandardCharsets.US_ASCII));
          if (framing == Framing.CHUNKED) {
            answer.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          answer.write(body, 0, sent);
          if (framing == Framing.CHUNKED && sent == body.length) {
            answer.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          // One write and a close: the close reaches the client with the last bytes.
          out.write(answer.toByteArray());
          out.flush();
        } catch (IOException e) {
          // the listener closed at the end of the test, or the client went away
        }
      }
    }, "close-after-body server");
    t.setDaemon(true);
    t.start();
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    int b;
    while (matched < end.length && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }
}
