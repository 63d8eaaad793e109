package org.screenroom.server.upload;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write and hash upload bodies. Not Vert.x's worker pool: a 2 GB body is
 * thousands of consecutive tasks per upload, and a {@link Lane} runs them back to back on one
 * thread with no hop through an event loop between them, while JDBC calls on the worker pool
 * never queue behind a disk that is busy flushing.
 */
final class UploadIo {
  /** Threads shared by every upload: a body's writing and hashing each take at most one. */
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  /** Idle threads end, so a server (or a test JVM running many) keeps none it does not use. */
  private static final long IDLE_SECONDS = 30;

  /** The size of the buffers bodies are gathered in: one write (and one task) each. */
  static final int BUFFER_BYTES = 1 << 20;
  /** Free buffers kept for the next bodies; more are made when these are all in use. */
  private static final int KEPT_BUFFERS = 16;

  private static final ThreadPoolExecutor POOL = pool();
  private static final ArrayBlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(KEPT_BUFFERS);

  private UploadIo() {}

  /**
   * A cleared direct buffer of {@link #BUFFER_BYTES}. Direct, and reused, because the bytes of a
   * body wait in them for the disk: heap arrays waiting there would survive young collections
   * and fill the old generation with garbage (which the RSS counts), while the request's own
   * heap buffers, copied in at once, die young.
   */
  static ByteBuffer buffer() {
    ByteBuffer b = FREE.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(BUFFER_BYTES);
  }

  /** Gives a buffer back once no lane reads it any more (dropped when enough are kept). */
  static void release(ByteBuffer b) {
    FREE.offer(b);
  }

  /** A new lane on the shared threads. */
  static Lane lane() {
    return new Lane(POOL);
  }

  /**
   * Tasks that run one at a time, in the order given, on a shared pool (the classic serial
   * executor): one upload's writes stay ordered without holding a thread while it waits for the
   * network. Tasks must catch their own exceptions.
   */
  static final class Lane implements Executor {
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Lane(Executor pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
      schedule();
    }

    private void schedule() {
      if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
        pool.execute(this::drain);
      }
    }

    private void drain() {
      try {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
      } finally {
        scheduled.set(false);
        schedule(); // a task added between the last poll and the reset
      }
    }
  }

  private static ThreadPoolExecutor pool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "screenroom-upload-io-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
