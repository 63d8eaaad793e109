package org.screenroom.server.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one request's bytes to an upload's file. Blocking: every method runs on one
 * {@link UploadIo.Lane}, in order. It is handed direct buffers a mebibyte at a time, so each is
 * one system call with no copy by the JDK (a heap buffer is first copied into a temporary
 * direct one).
 */
final class PartWriter {
  private final Path part;
  private final long offset;
  private FileChannel channel;
  private long position;

  /** A writer for {@code part} starting at {@code offset}. */
  PartWriter(Path part, long offset) {
    this.part = part;
    this.offset = offset;
  }

  /** Opens the file (it must exist: a terminated upload's file is not brought back). */
  void open() throws IOException {
    channel = FileChannel.open(part, StandardOpenOption.WRITE);
    position = offset;
  }

  /** Writes {@code bytes} (position to limit) at the current position; leaves its position. */
  void write(ByteBuffer bytes) throws IOException {
    ByteBuffer b = bytes.duplicate();
    while (b.hasRemaining()) {
      position += channel.write(b, position);
    }
  }

  /** Closes the file. The offset's durability is the caller's force, after this. */
  void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
