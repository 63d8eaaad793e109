package org.screenroom.server.upload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Flushes an upload's file while its body is still arriving, on a channel of its own (a flush
 * covers the whole file, whichever descriptor asks), so the writer never waits for it. At most
 * one flush is asked at a time. This only spreads the disk's work over the upload: durability
 * still comes from the force after the last byte, before the offset is stored. Blocking: runs
 * on one {@link UploadIo.Lane}.
 */
final class PartSyncer {
  private final Path part;
  private final AtomicBoolean asked = new AtomicBoolean();
  private FileChannel channel;
  private boolean closed;
  private volatile int flushes;

  /** A syncer for {@code part}. */
  PartSyncer(Path part) {
    this.part = part;
  }

  /** Whether a flush may be queued now (none is waiting or running); if so, it counts as asked. */
  boolean request() {
    return asked.compareAndSet(false, true);
  }

  /** Flushes the file's data written so far (not its metadata but its size). */
  void sync() throws IOException {
    try {
      if (closed) {
        return;
      }
      if (channel == null) {
        try {
          channel = FileChannel.open(part, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
          return; // terminated meanwhile: the commit answers 404, nothing is left to keep
        }
      }
      channel.force(false);
      flushes++; // only this lane writes it
    } finally {
      asked.set(false);
    }
  }

  /** How many flushes ran. */
  int flushes() {
    return flushes;
  }

  /** Closes the channel; later flushes do nothing. */
  void close() {
    closed = true;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was written through this channel: there is nothing to lose in closing it.
      }
    }
  }
}
