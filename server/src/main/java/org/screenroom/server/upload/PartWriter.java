package org.screenroom.server.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one request's bytes to an upload's file. Blocking: every method runs on one
 * {@link UploadIo.Lane}, in order. It is handed direct buffers a mebibyte at a time (no copy by
 * the JDK, which first copies a heap buffer into a temporary direct one) and writes each in
 * {@link #SLICE_BYTES} system calls: the kernel sizes the page-cache folios it allocates by the
 * write, and on a virtual machine that gives free memory back to its host (free page reporting)
 * large folios come from memory the host took back, whose first touch faults in the host, a
 * cost charged to the copy into the page cache. Measured on such a machine (dd of 2 GiB after
 * 10 s idle): 3.9 s of system time in 1 MiB writes, 1.3 to 1.4 s in 64 KiB ones.
 */
final class PartWriter {
  /** The most bytes one system call writes. */
  static final int SLICE_BYTES = 64 * 1024;
  private final Path part;
  private final long offset;
  private final int slice;
  private FileChannel channel;
  private long position;

  /** A writer for {@code part} starting at {@code offset}. */
  PartWriter(Path part, long offset) {
    this(part, offset, SLICE_BYTES);
  }

  /** A writer whose system calls write at most {@code slice} bytes (tests use odd ones). */
  PartWriter(Path part, long offset, int slice) {
    this.part = part;
    this.offset = offset;
    this.slice = slice;
  }

  /** Opens the file (it must exist: a terminated upload's file is not brought back). */
  void open() throws IOException {
    channel = FileChannel.open(part, StandardOpenOption.WRITE);
    position = offset;
  }

  /** Writes {@code bytes} (position to limit) at the current position; leaves its position. */
  void write(ByteBuffer bytes) throws IOException {
    ByteBuffer b = bytes.duplicate();
    int end = b.limit();
    while (b.position() < end) {
      b.limit(Math.min(end, b.position() + slice));
      while (b.hasRemaining()) {
        position += channel.write(b, position);
      }
    }
  }

  /** Closes the file. The offset's durability is the caller's force, after this. */
  void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
