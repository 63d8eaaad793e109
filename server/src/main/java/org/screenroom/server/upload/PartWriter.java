package org.screenroom.server.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends one request's bytes to an upload's file. Blocking: every method runs on one
 * {@link UploadIo.Lane}, in order. Network chunks (8-64 KiB heap arrays) are gathered in a
 * direct buffer and written a mebibyte per system call: a heap buffer handed to a channel is
 * copied by the JDK into a temporary direct buffer anyway, and one call per chunk would be tens
 * of thousands of calls per gigabyte.
 */
final class PartWriter {
  /** The gathering buffer of each I/O thread (so direct memory is bounded by the pool's size). */
  static final int STAGING_BYTES = 1 << 20;
  private static final ThreadLocal<ByteBuffer> STAGING =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES));

  private final Path part;
  private final long offset;
  private final long forceEvery;
  private FileChannel channel;
  private long position;
  private long unforced;

  /**
   * A writer for {@code part} starting at {@code offset}.
   *
   * @param forceEvery bytes written between two forces to disk, so the one at the end of the
   *     request (before the offset is stored) has little left to flush; 0 for none
   */
  PartWriter(Path part, long offset, long forceEvery) {
    this.part = part;
    this.offset = offset;
    this.forceEvery = forceEvery;
  }

  /** Opens the file (it must exist: a terminated upload's file is not brought back). */
  void open() throws IOException {
    channel = FileChannel.open(part, StandardOpenOption.WRITE);
    position = offset;
  }

  /** Writes {@code chunks} (heap views of the request's buffers) at the current position. */
  void write(List<ByteBuffer> chunks) throws IOException {
    ByteBuffer staging = STAGING.get();
    staging.clear();
    for (ByteBuffer chunk : chunks) {
      while (chunk.hasRemaining()) {
        if (!staging.hasRemaining()) {
          drain(staging);
        }
        int n = Math.min(chunk.remaining(), staging.remaining());
        staging.put(chunk.slice(chunk.position(), n));
        chunk.position(chunk.position() + n);
      }
    }
    drain(staging);
  }

  private void drain(ByteBuffer staging) throws IOException {
    staging.flip();
    int length = staging.remaining();
    while (staging.hasRemaining()) {
      position += channel.write(staging, position);
    }
    staging.clear();
    unforced += length;
    if (forceEvery > 0 && unforced >= forceEvery) {
      channel.force(/* metaData= */ false);
      unforced = 0;
    }
  }

  /** Closes the file. The offset's durability is the caller's force, after this. */
  void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
