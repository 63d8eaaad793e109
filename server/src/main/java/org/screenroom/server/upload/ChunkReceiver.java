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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams one request body into an upload's file with backpressure: reading pauses while more
 * than {@link #MAX_IN_FLIGHT} bytes wait to be written or hashed, so memory stays flat whatever
 * the size. The event loop only gathers the network's buffers into batches; each batch is
 * written by a {@link PartWriter} on one {@link UploadIo.Lane} and, when a checksum was asked
 * for, hashed on another in parallel, so neither the disk nor the digest waits for the other.
 */
final class ChunkReceiver {
  /** Bytes handed to the I/O threads at once: one task (and one reply) per mebibyte. */
  private static final int BATCH_BYTES = PartWriter.STAGING_BYTES;
  /** Bytes handed over but not yet written (and hashed) before reading pauses. */
  private static final long MAX_IN_FLIGHT = 8L * BATCH_BYTES;
  /** Reading resumes once the backlog fell to this, so it does not flap at the limit. */
  private static final long RESUME_AT = MAX_IN_FLIGHT / 2;
  /**
   * Bytes between two forces to disk while a body arrives. Without them the page cache holds
   * gigabytes of dirty data (Linux starts writing back at 10% of memory) that the force before
   * the offset is stored must then flush in one long wait at the end.
   */
  static final long FORCE_EVERY = Long.getLong("screenroom.upload.forceEveryBytes", 0);

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
  private final Context context;
  private final long maxBytes;
  private final Optional<MessageDigest> digest;
  private final PartWriter writer;
  private final UploadIo.Lane writes = UploadIo.lane();
  private final UploadIo.Lane hashes = UploadIo.lane();
  private final Promise<Received> done = Promise.promise();
  private List<Buffer> batch = new ArrayList<>();
  private int batchBytes;
  private long received;
  private long inFlight;
  private boolean paused;
  private boolean finished;
  private Throwable failure;
  /** Set (and read) only by tasks on {@link #writes}: once a write failed, the rest are skipped. */
  private boolean writeFailed;

  private ChunkReceiver(HttpServerRequest request, Context context, Path part, long offset,
      long maxBytes, Optional<String> algorithm) {
    this.request = request;
    this.context = context;
    this.maxBytes = maxBytes;
    this.digest = algorithm.map(ChunkReceiver::digest);
    this.writer = new PartWriter(part, offset, FORCE_EVERY);
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
    return new ChunkReceiver(request, context, part, offset, maxBytes, algorithm).start();
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
    batch.add(chunk);
    batchBytes += chunk.length();
    if (batchBytes >= BATCH_BYTES) {
      handOver();
    }
    if (inFlight > MAX_IN_FLIGHT && !paused) {
      paused = true;
      request.pause();
    }
  }

  /** Hands the gathered chunks to the writer (and the hasher). */
  private void handOver() {
    if (batchBytes == 0) {
      return;
    }
    List<Buffer> chunks = batch;
    int bytes = batchBytes;
    batch = new ArrayList<>();
    batchBytes = 0;
    inFlight += bytes;
    AtomicInteger pending = new AtomicInteger(digest.isPresent() ? 2 : 1);
    Runnable settled = () -> {
      if (pending.decrementAndGet() == 0) {
        context.runOnContext(v -> onSettled(bytes));
      }
    };
    writes.execute(() -> {
      try {
        if (!writeFailed) {
          writer.write(views(chunks));
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
        for (Buffer chunk : chunks) {
          d.update(view(chunk));
        }
      } finally {
        settled.run();
      }
    }));
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
      context.runOnContext(v -> {
        if (closeError != null) {
          closed.fail(closeError);
        } else {
          closed.complete();
        }
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
        done.complete(new Received(received, ended, overrun, hashed.future().result()));
      }
    });
  }

  private static List<ByteBuffer> views(List<Buffer> chunks) {
    List<ByteBuffer> views = new ArrayList<>(chunks.size());
    for (Buffer chunk : chunks) {
      views.add(view(chunk));
    }
    return views;
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
