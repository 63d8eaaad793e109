package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The body path on a real Vert.x server fed by a raw socket: bodies cut into odd-sized writes,
 * background flushes while they arrive, a client leaving mid-body, a body running past its
 * limit. Flushes are asked every 64 KiB here (every 32 MiB in the server) so small bodies
 * exercise them.
 */
class ChunkReceiverTest {
  private static final long SYNC_EVERY = 64 * 1024;
  private static final int WAIT_SECONDS = 30;
  @TempDir Path dir;
  private Vertx vertx;
  private HttpServer server;
  private Path part;
  private long maxBytes;
  private CompletableFuture<ChunkReceiver.Received> received;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    part = Files.createFile(dir.resolve("body.part"));
    received = new CompletableFuture<>();
    // Odd, small pieces from Vert.x too: what the socket brings is cut at 1000 bytes.
    server = vertx.createHttpServer(new HttpServerOptions().setMaxChunkSize(1000))
        .requestHandler(req -> {
          req.pause();
          ChunkReceiver.receive(req, vertx.getOrCreateContext(), part, 0, maxBytes,
                  Optional.of("SHA-256"), SYNC_EVERY)
              .onComplete(ar -> {
                if (ar.succeeded()) {
                  received.complete(ar.result());
                } else {
                  received.completeExceptionally(ar.cause());
                }
                if (!req.response().closed()) {
                  req.response().setStatusCode(204).end();
                }
              });
        });
    server.listen(0, "127.0.0.1").await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0} bytes in writes of {1}")
  @CsvSource({"1, 1", "100000, 1", "300001, 7", "1048577, 8191", "3000000, 65537",
      "2500000, 1000003"})
  void wholeBody_inOddWrites_isWrittenByteExact_hashed_andFlushedAsItArrives(int size,
      int write) throws Exception {
    maxBytes = size;
    byte[] body = random(size);
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(size));
      for (int at = 0; at < size; at += write) {
        out.write(body, at, Math.min(write, size - at));
        out.flush();
      }
      ChunkReceiver.Received r = received.get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertThat(r.ended()).isTrue();
      assertThat(r.overrun()).isFalse();
      assertThat(r.bytes()).isEqualTo(size);
      assertThat(Files.readAllBytes(part)).isEqualTo(body);
      assertThat(r.digest()).contains(sha256(body));
      // Once 64 KiB were written a flush was asked, and it ran before the receiver finished.
      if (size >= SYNC_EVERY) {
        assertThat(r.flushes()).isPositive();
      } else {
        assertThat(r.flushes()).isZero();
      }
    }
  }

  @Test
  void clientLeavingMidBody_keepsExactlyWhatArrived_asNotEnded() throws Exception {
    int announced = 4_000_000;
    int sent = 2_345_679; // mid-way through a mebibyte buffer and through a Vert.x piece
    maxBytes = announced;
    byte[] body = random(sent);
    try (Socket socket = connect()) {
      socket.getOutputStream().write(head(announced));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
    } // closed with the body unfinished: every byte sent still arrives before the end

    ChunkReceiver.Received r = received.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(r.ended()).isFalse();
    assertThat(r.bytes()).isEqualTo(sent);
    assertThat(Files.readAllBytes(part)).isEqualTo(body);
    assertThat(r.digest()).contains(sha256(body));
  }

  @Test
  void bodyPastItsLimit_isAnOverrun_andNothingPastTheLimitIsWritten() throws Exception {
    maxBytes = 1_500_000;
    byte[] body = random(2_000_000);
    try (Socket socket = connect()) {
      socket.getOutputStream().write(head(body.length));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      ChunkReceiver.Received r = received.get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertThat(r.overrun()).isTrue();
      assertThat(r.bytes()).isLessThanOrEqualTo(maxBytes);
      assertThat(Files.readAllBytes(part))
          .isEqualTo(Arrays.copyOf(body, (int) r.bytes()));
    }
  }

  private Socket connect() throws Exception {
    Socket socket = new Socket("127.0.0.1", server.actualPort());
    socket.setSoTimeout(WAIT_SECONDS * 1000);
    return socket;
  }

  private static byte[] head(long length) {
    return ("PATCH /body HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

}
