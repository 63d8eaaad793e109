package org.screenroom.server.upload;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams one request body into an upload's file with backpressure: reading pauses while more
 * than {@link #MAX_IN_FLIGHT} bytes wait to be written or hashed, so memory stays flat whatever
 * the size. The event loop only copies the network's buffers into a mebibyte
 * {@linkplain UploadIo#buffer() direct buffer}; each full one is written by a {@link PartWriter}
 * on one {@link UploadIo.Lane} and, when a checksum was asked for, hashed on another in
 * parallel, so neither the disk nor the digest waits for the other. Every {@link #SYNC_EVERY}
 * bytes a third lane flushes what was written so far ({@link PartSyncer}), while the next bytes
 * arrive: the force that must precede the stored offset then has only the tail left to flush,
 * instead of the whole body with the client waiting.
 */
final class ChunkReceiver {
  /** Bytes handed over but not yet written (and hashed) before reading pauses. */
  private static final long MAX_IN_FLIGHT = 4L * UploadIo.BUFFER_BYTES;
  /** Reading resumes once the backlog fell to this, so it does not flap at the limit. */
  private static final long RESUME_AT = MAX_IN_FLIGHT / 2;
  /** Bytes written between background flushes. */
  static final long SYNC_EVERY = 32L * UploadIo.BUFFER_BYTES;
  /**
   * What arrived.
   *
   * @param bytes the bytes written to the file
   * @param ended whether the body arrived whole (false: the client went away mid-body)
   * @param overrun whether the body went past {@code maxBytes} (nothing past it was written)
   * @param digest the digest of the bytes written, when a checksum was asked for
   * @param flushes how many background flushes ran while the body arrived
   */
  record Received(long bytes, boolean ended, boolean overrun, Optional<byte[]> digest,
      int flushes) {}

  private final HttpServerRequest request;
  private final Context context;
  private final long maxBytes;
  private final long syncEvery;
  private final Optional<MessageDigest> digest;
  private final PartWriter writer;
  private final UploadIo.Lane writes = UploadIo.lane();
  private final UploadIo.Lane hashes = UploadIo.lane();
  private final UploadIo.Lane syncs = UploadIo.lane();
  private final PartSyncer syncer;
  /** Read and written only by tasks on {@link #writes}: bytes written since the last flush asked. */
  private long unsynced;
  private final Promise<Received> done = Promise.promise();
  /** Where the next bytes go; null until some arrive (and after each hand-over). */
  private ByteBuffer filling;
  private long received;
  private long inFlight;
  private boolean paused;
  private boolean finished;
  private Throwable failure;
  /** Set (and read) only by tasks on {@link #writes}: once a write failed, the rest are skipped. */
  private boolean writeFailed;

  private ChunkReceiver(HttpServerRequest request, Context context, Path part, long offset,
      long maxBytes, Optional<String> algorithm, long syncEvery) {
    this.request = request;
    this.syncEvery = syncEvery;
    this.context = context;
    this.maxBytes = maxBytes;
    this.digest = algorithm.map(ChunkReceiver::digest);
    this.writer = new PartWriter(part, offset);
    this.syncer = new PartSyncer(part);
  }

  /**
   * Reads the (paused) request's body into {@code part} from {@code offset}. Must be called on
   * the request's event loop. Completes, on it, when every accepted byte was handed to the
   * operating system, the file closed, and the bytes hashed.
   *
   * @param maxBytes the most bytes this body may carry (the rest of the announced length)
   * @param algorithm the Java digest algorithm for {@code Upload-Checksum}, if one was sent
   */
  static Future<Received> receive(HttpServerRequest request, Context context, Path part,
      long offset, long maxBytes, Optional<String> algorithm) {
    return receive(request, context, part, offset, maxBytes, algorithm, SYNC_EVERY);
  }

  /** {@link #receive} with a flush every {@code syncEvery} written bytes (tests use small ones). */
  static Future<Received> receive(HttpServerRequest request, Context context, Path part,
      long offset, long maxBytes, Optional<String> algorithm, long syncEvery) {
    return new ChunkReceiver(request, context, part, offset, maxBytes, algorithm, syncEvery)
        .start();
  }

  private Future<Received> start() {
    writes.execute(() -> {
      try {
        writer.open();
      } catch (IOException | RuntimeException e) {
        writeFailed = true;
        failed(e);
      }
    });
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
    ByteBuffer bytes = view(chunk);
    while (bytes.hasRemaining()) {
      if (filling == null) {
        filling = UploadIo.buffer();
      }
      int n = Math.min(bytes.remaining(), filling.remaining());
      filling.put(filling.position(), bytes, bytes.position(), n).position(filling.position() + n);
      bytes.position(bytes.position() + n);
      if (!filling.hasRemaining()) {
        handOver();
      }
    }
    if (inFlight >= MAX_IN_FLIGHT && !paused) {
      paused = true;
      request.pause();
    }
  }

  /** Hands the filled buffer to the writer (and the hasher). */
  private void handOver() {
    if (filling == null) {
      return;
    }
    ByteBuffer full = filling.flip();
    filling = null;
    int bytes = full.remaining();
    if (bytes == 0) {
      UploadIo.release(full);
      return;
    }
    inFlight += bytes;
    AtomicInteger pending = new AtomicInteger(digest.isPresent() ? 2 : 1);
    Runnable settled = () -> {
      if (pending.decrementAndGet() == 0) {
        UploadIo.release(full);
        context.runOnContext(v -> onSettled(bytes));
      }
    };
    writes.execute(() -> {
      try {
        if (!writeFailed) {
          writer.write(full);
          unsynced += bytes;
          if (unsynced >= syncEvery && syncer.request()) {
            unsynced = 0;
            syncs.execute(this::syncInBackground);
          }
        }
      } catch (IOException | RuntimeException e) {
        writeFailed = true;
        failed(e);
      } finally {
        settled.run();
      }
    });
    digest.ifPresent(d -> hashes.execute(() -> {
      try {
        d.update(full.duplicate());
      } finally {
        settled.run();
      }
    }));
  }

  /**
   * Flushes the file on {@link #syncs}. A failure fails the body as a write failure would: the
   * kernel reports a lost write-back once, so the final force might not see it again.
   */
  private void syncInBackground() {
    try {
      syncer.sync();
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void onSettled(int bytes) {
    inFlight -= bytes;
    if (paused && !finished && inFlight <= RESUME_AT) {
      paused = false;
      request.resume();
    }
  }

  /** Records an I/O thread's failure; the request ends with it. */
  private void failed(Throwable e) {
    context.runOnContext(v -> {
      if (failure == null) {
        failure = e;
      }
      finish(false, false);
    });
  }

  private void finish(boolean ended, boolean overrun) {
    if (finished) {
      return;
    }
    finished = true;
    if (failure == null) {
      // What arrived before the end (or before an overrun, or the client leaving) is kept:
      // the offset then says exactly how far the file got.
      handOver();
    } else if (filling != null) {
      UploadIo.release(filling);
      filling = null;
    }
    if (overrun) {
      // Keep reading so the connection can carry the 413, but drop what comes.
      request.handler(b -> { });
      request.resume();
    }
    // Each lane runs this after everything handed to it before.
    Promise<Void> closed = Promise.promise();
    Promise<Optional<byte[]>> hashed = Promise.promise();
    writes.execute(() -> {
      Throwable error = null;
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        error = e;
      }
      Throwable closeError = error;
      // Queued after every flush the writes asked for: none outlives the request.
      syncs.execute(() -> {
        syncer.close();
        context.runOnContext(v -> {
          if (closeError != null) {
            closed.fail(closeError);
          } else {
            closed.complete();
          }
        });
      });
    });
    hashes.execute(() -> {
      Optional<byte[]> value = digest.map(MessageDigest::digest);
      context.runOnContext(v -> hashed.complete(value));
    });
    Future.all(closed.future(), hashed.future()).onComplete(ar -> {
      Throwable error = failure != null ? failure : ar.failed() ? ar.cause() : null;
      if (error != null) {
        done.fail(error);
      } else {
        done.complete(new Received(received, ended, overrun, hashed.future().result(),
            syncer.flushes()));
      }
    });
  }

  /**
   * The chunk's bytes without a copy. Vert.x hands the request's data over as heap buffers it
   * copied out of Netty's and never touches again; {@code getBytes()} would copy them once more.
   */
  private static ByteBuffer view(Buffer chunk) {
    return ((BufferInternal) chunk).getByteBuf().nioBuffer();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
  }
}
