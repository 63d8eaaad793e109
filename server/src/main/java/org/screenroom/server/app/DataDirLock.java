package org.screenroom.server.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock on {@code DATA/.lock}, held by {@code serve} for its whole life, so that
 * commands that must not run beside a server (restore) can tell one is running.
 */
public final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, or answers empty when another process holds it.
   *
   * @throws IOException when the lock file cannot be opened
   */
  public static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
    return tryAcquire(dataDir, false);
  }

  /**
   * Takes the lock, shared or exclusive, or answers empty when another process holds it in a
   * way that excludes this one. Servers of one cluster share a data directory (on a shared
   * mount) and take it shared; a lone server and restore take it exclusive.
   *
   * @throws IOException when the lock file cannot be opened
   */
  public static Optional<DataDirLock> tryAcquire(Path dataDir, boolean shared) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock(0L, Long.MAX_VALUE, shared);
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new DataDirLock(channel, lock));
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
