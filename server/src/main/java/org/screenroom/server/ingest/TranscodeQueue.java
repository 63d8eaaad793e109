package org.screenroom.server.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transcodes in the background, at most {@code concurrency} at a time, on their own threads
 * (never Vert.x's): a transcode takes minutes to hours of CPU.
 */
public final class TranscodeQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranscodeQueue.class);
  private final ExecutorService executor;
  private final Ingestor ingestor;
  private final CancelSignal shutdown = new CancelSignal();

  /** Creates the queue. */
  public TranscodeQueue(Ingestor ingestor, int concurrency) {
    this.ingestor = ingestor;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "screenroom-transcode-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newFixedThreadPool(concurrency, threads);
  }

  /** Queues the film's stored master for transcoding. */
  public void submit(String filmId) {
    executor.execute(() -> {
      try {
        ingestor.transcode(filmId, ProgressListener.NONE, shutdown);
      } catch (RuntimeException e) {
        LOG.error("transcoding film {} failed unexpectedly", filmId, e);
      }
    });
  }

  /** Cancels running transcodes (their partial output is removed) and stops the threads. */
  @Override
  public void close() {
    shutdown.cancel();
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("transcode threads did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
