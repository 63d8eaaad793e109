package org.screenroom.server.upload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.screenroom.server.http.Blocking;

/**
 * Streams one request body into an open file with backpressure: reading pauses while the file's
 * write queue or the checksum's backlog is full, so memory stays flat whatever the size. The
 * checksum, when asked for, is computed incrementally on a worker, in order, as the bytes pass.
 * Runs on the request's event loop; never blocks it.
 */
final class ChunkReceiver {
  /** Bytes waiting to be hashed before reading pauses. */
  private static final long MAX_HASH_BACKLOG = 4L << 20;
  /**
   * Network chunks (8-64 KiB) are gathered into writes of this size: every AsyncFile write is a
   * task on a worker, and 30 times fewer tasks took the loopback upload from about 0.3x of
   * nginx's speed towards its disk's.
   */
  private static final int WRITE_SIZE = 1 << 20;
  /** Queued bytes before reading pauses: a few gathered writes in flight. */
  private static final int WRITE_QUEUE = 4 * WRITE_SIZE;

  /**
   * What arrived.
   *
   * @param bytes the bytes written to the file
   * @param ended whether the body arrived whole (false: the client went away mid-body)
   * @param overrun whether the body went past {@code maxBytes} (nothing past it was written)
   * @param digest the digest of the bytes written, when a checksum was asked for
   */
  record Received(long bytes, boolean ended, boolean overrun, Optional<byte[]> digest) {}

  private final HttpServerRequest request;
  private final AsyncFile file;
  private final long maxBytes;
  private final Optional<MessageDigest> digest;
  private final Blocking blocking;
  private final Promise<Received> done = Promise.promise();
  private long received;
  private long hashBacklog;
  private Future<Void> hashed = Future.succeededFuture();
  private boolean paused;
  private boolean finished;
  private Throwable failure;
  private Buffer pending = Buffer.buffer(WRITE_SIZE);

  private ChunkReceiver(HttpServerRequest request, AsyncFile file, long maxBytes,
      Optional<String> algorithm, Blocking blocking) {
    this.request = request;
    this.file = file;
    this.maxBytes = maxBytes;
    this.digest = algorithm.map(ChunkReceiver::digest);
    this.blocking = blocking;
  }

  /**
   * Reads the (paused) request's body into {@code file} at its write position, closing the file
   * when done. Completes when every accepted byte was handed to the operating system and hashed.
   *
   * @param maxBytes the most bytes this body may carry (the rest of the announced length)
   * @param algorithm the Java digest algorithm for {@code Upload-Checksum}, if one was sent
   */
  static Future<Received> receive(HttpServerRequest request, AsyncFile file, long maxBytes,
      Optional<String> algorithm, Blocking blocking) {
    return new ChunkReceiver(request, file, maxBytes, algorithm, blocking).start();
  }

  private Future<Received> start() {
    file.setWriteQueueMaxSize(WRITE_QUEUE);
    file.exceptionHandler(this::onFailure);
    file.drainHandler(v -> resumeIfDrained());
    request.exceptionHandler(e -> finish(/* ended= */ false, /* overrun= */ false));
    request.endHandler(v -> finish(/* ended= */ true, /* overrun= */ false));
    request.handler(this::onData);
    if (request.isEnded()) {
      finish(true, false);
    } else {
      request.resume();
    }
    return done.future();
  }

  private void onData(Buffer chunk) {
    if (finished) {
      return;
    }
    if (received + chunk.length() > maxBytes) {
      finish(/* ended= */ false, /* overrun= */ true);
      return;
    }
    received += chunk.length();
    pending.appendBuffer(chunk);
    if (pending.length() >= WRITE_SIZE) {
      flush();
    }
    if (file.writeQueueFull() || hashBacklog > MAX_HASH_BACKLOG) {
      paused = true;
      request.pause();
    }
  }

  /** Writes (and hashes) what was gathered. */
  private void flush() {
    if (pending.length() == 0) {
      return;
    }
    Buffer chunk = pending;
    pending = Buffer.buffer(WRITE_SIZE);
    file.write(chunk).onFailure(this::onFailure);
    digest.ifPresent(d -> hash(d, chunk.getBytes()));
  }

  private void hash(MessageDigest d, byte[] bytes) {
    hashBacklog += bytes.length;
    // Chained: each update runs after the previous one, on a worker, never on the event loop.
    hashed = hashed.compose(v -> blocking.run(() -> {
      d.update(bytes);
      return (Void) null;
    })).onComplete(ar -> {
      hashBacklog -= bytes.length;
      resumeIfDrained();
    });
  }

  private void resumeIfDrained() {
    if (paused && !finished && !file.writeQueueFull() && hashBacklog <= MAX_HASH_BACKLOG) {
      paused = false;
      request.resume();
    }
  }

  private void onFailure(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    finish(false, false);
  }

  private void finish(boolean ended, boolean overrun) {
    if (finished) {
      return;
    }
    finished = true;
    if (failure == null) {
      // What arrived before the end (or before an overrun, or the client leaving) is kept:
      // the offset then says exactly how far the file got.
      flush();
    }
    if (overrun) {
      // Keep reading so the connection can carry the 413, but drop what comes.
      request.handler(b -> { });
      request.resume();
    }
    // close() waits for the queued writes; the hashing chain is waited for after it.
    file.close()
        .transform(ar -> hashed)
        .onComplete(ar -> {
          Throwable error = failure != null ? failure : ar.failed() ? ar.cause() : null;
          if (error != null) {
            done.fail(error);
          } else {
            done.complete(new Received(received, ended, overrun, digest.map(MessageDigest::digest)));
          }
        });
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
  }
}
