package org.screenroom.server.stream;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package files held open for the segment hot path, as nginx's {@code open_file_cache}: a
 * segment is opened once, on a worker, and its {@link FileChannel} handed to every later send of
 * it, so the event loop never opens a file (Vert.x's {@code sendFile(String, ...)} opens and
 * measures the file on the calling thread, for every response).
 *
 * <p>Vert.x 5.1.6 does not close a channel given to {@code sendFile(FileChannel, ...)} (its
 * file region is "uncloseable") and reads it by position only (sendfile with an offset, or
 * positional reads for TLS and HTTP/2), so one channel serves any number of concurrent sends.
 * Each send holds a {@link Lease}; a channel leaves the cache when it has been idle for
 * {@link #IDLE}, when the cache is full, or when its film changes, and is closed once the last
 * send holding it has finished (reference counted), never under a send.
 *
 * <p>An entry is keyed by the file as the package index saw it: path, device and inode, size
 * and modification time. A new transcode renames a new package over the old path; its files are
 * other inodes, hence other keys, and a channel opened for one package version never serves
 * another. The opener checks the path still is that file before and after opening it
 * ({@link StaleFile} otherwise: the index is older than the disk).
 */
public final class OpenFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OpenFiles.class);
  /** Files held open at most (each is one descriptor). */
  static final long MAX_FILES = 1024;
  /** How long an unused file stays open. */
  static final Duration IDLE = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  /** Opens a file for reading (blocking: called on a worker only). */
  @FunctionalInterface
  public interface Opener {
    /** The open file at {@code path}. */
    FileChannel open(Path path) throws IOException;
  }

  /** The file at an index entry's path is no longer the one the index describes. */
  public static final class StaleFile extends IOException {
    private static final long serialVersionUID = 1L;

    StaleFile(Path path) {
      super(path + " changed since its package was indexed");
    }
  }

  /**
   * One file as a package index saw it.
   *
   * @param filmId the film whose package holds it (to drop its files when it changes)
   */
  record Key(String filmId, Path path, Object fileKey, long size, long modifiedMillis) {
    static Key of(String filmId, PackageIndex.Entry entry) {
      return new Key(filmId, entry.path(), entry.fileKey(), entry.size(),
          entry.modified().toEpochMilli());
    }
  }

  /** A send's hold on an open file: call {@link #release()} once the send has finished. */
  public static final class Lease {
    private final FileChannel channel;
    private final Executor closer;
    // 1 for the cache while the file is in it, plus 1 per send holding it; 0: closed.
    private final AtomicInteger holders = new AtomicInteger(1);
    private final AtomicBoolean cached = new AtomicBoolean(true);

    Lease(FileChannel channel, Executor closer) {
      this.channel = channel;
      this.closer = closer;
    }

    /** The open file; never closed while this lease is held. */
    public FileChannel channel() {
      return channel;
    }

    /** Adds a holder unless the file was already closed. */
    boolean retain() {
      while (true) {
        int n = holders.get();
        if (n == 0) {
          return false;
        }
        if (holders.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    /** Drops a holder; the last one closes the file, on the closer (a worker). */
    public void release() {
      int left = holders.decrementAndGet();
      if (left == 0) {
        closer.execute(this::close);
      } else if (left < 0) {
        throw new IllegalStateException("an open file was released more often than held");
      }
    }

    /** Drops the cache's hold, once: the file has left the cache. */
    void evicted() {
      if (cached.compareAndSet(true, false)) {
        release();
      }
    }

    /** Whether the file is still open (tests). */
    boolean isOpen() {
      return channel.isOpen();
    }

    private void close() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing a package file failed: {}", e.toString());
      }
    }
  }

  private final AsyncLoadingCache<Key, Lease> cache;
  private final AtomicLong opened = new AtomicLong();

  /** Files opened with {@link FileChannel#open}, loads and closes on {@code executor}. */
  public OpenFiles(Executor executor) {
    this(path -> FileChannel.open(path, StandardOpenOption.READ), executor, Ticker.systemTicker(),
        MAX_FILES);
  }

  /**
   * Creates the cache.
   *
   * @param opener opens a file (on {@code executor})
   * @param executor a worker executor for opens and closes
   * @param ticker the time source of {@link #IDLE}
   * @param maxFiles how many files may be held open
   */
  OpenFiles(Opener opener, Executor executor, Ticker ticker, long maxFiles) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxFiles)
        .expireAfterAccess(IDLE)
        .ticker(ticker)
        .executor(executor)
        .<Key, Lease>removalListener((key, lease, cause) -> {
          if (lease != null && cause != RemovalCause.REPLACED) {
            lease.evicted();
          }
        })
        .buildAsync((key, exec) -> CompletableFuture.supplyAsync(
            () -> new Lease(open(opener, key), executor), exec));
  }

  /**
   * Holds the file of {@code entry} (of {@code filmId}'s package) open for one send, completing
   * on {@code context}: at once, without a system call, when it is open already. Fails with
   * {@link StaleFile} when the disk no longer holds the file the entry describes, and with the
   * {@link IOException} of the open otherwise (e.g. the file is gone).
   */
  public Future<Lease> hold(String filmId, PackageIndex.Entry entry, Context context) {
    return hold(Key.of(filmId, entry), context, ATTEMPTS);
  }

  private Future<Lease> hold(Key key, Context context, int attempts) {
    CompletableFuture<Lease> f = cache.get(key);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      Lease lease = f.join();
      if (lease.retain()) {
        return Future.succeededFuture(lease);
      }
      // Closed between the lookup and the hold: it has left the cache, the next get reopens it.
      return retry(key, context, attempts, f);
    }
    return Future.fromCompletionStage(f, context)
        .recover(e -> Future.failedFuture(unwrap(e)))
        .compose(lease -> lease.retain() ? Future.succeededFuture(lease)
            : retry(key, context, attempts, f));
  }

  /**
   * Holds the file of {@code entry} for one send when it is open already, else null (nothing is
   * opened: the caller takes the path that opens it on a worker). No system call.
   */
  public Lease peek(String filmId, PackageIndex.Entry entry) {
    CompletableFuture<Lease> f = cache.getIfPresent(Key.of(filmId, entry));
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return null;
    }
    Lease lease = f.join();
    return lease.retain() ? lease : null;
  }

  private Future<Lease> retry(Key key, Context context, int attempts,
      CompletableFuture<Lease> closed) {
    cache.asMap().remove(key, closed);
    if (attempts <= 1) {
      return Future.failedFuture(new IOException(key.path() + " was closed while being opened"));
    }
    return hold(key, context, attempts - 1);
  }

  /** Lets go of {@code filmId}'s files: sends under way finish on them, later ones reopen. */
  public void forget(String filmId) {
    cache.asMap().keySet().removeIf(k -> k.filmId().equals(filmId));
  }

  /** How many files were opened since start. */
  public long opened() {
    return opened.get();
  }

  /** How many files are held open by the cache now. */
  public long size() {
    return cache.synchronous().estimatedSize();
  }

  /**
   * How many sends hold a file now, over the files in the cache (tests and diagnostics: 0 once
   * every response has gone out or been cut off).
   */
  public long leased() {
    long n = 0;
    for (CompletableFuture<Lease> f : cache.asMap().values()) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        Lease lease = f.join();
        n += Math.max(0, lease.holders.get() - (lease.cached.get() ? 1 : 0));
      }
    }
    return n;
  }

  /** Runs pending evictions now (tests). */
  void cleanUp() {
    cache.synchronous().cleanUp();
  }

  private FileChannel open(Opener opener, Key key) {
    if (Context.isOnEventLoopThread()) {
      // The cache's executor is a worker pool: an event loop here is a wiring mistake.
      throw new IllegalStateException("a package file may not be opened on an event loop: "
          + Thread.currentThread().getName());
    }
    try {
      same(key);
      FileChannel channel = opener.open(key.path());
      try {
        same(key);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      opened.incrementAndGet();
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with {@link StaleFile} unless the path is the file {@code key} names. */
  private static void same(Key key) throws IOException {
    BasicFileAttributes now = Files.readAttributes(key.path(), BasicFileAttributes.class);
    if (now.size() != key.size()
        || now.lastModifiedTime().toMillis() != key.modifiedMillis()
        || (key.fileKey() != null && !Objects.equals(now.fileKey(), key.fileKey()))) {
      throw new StaleFile(key.path());
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof UncheckedIOException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
