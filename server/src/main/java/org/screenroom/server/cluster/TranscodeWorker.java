package org.screenroom.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.ingest.ProgressThrottle;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.jobs.ProgressReport;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transcode worker: a cluster member without HTTP or catalog that asks the servers for queued
 * jobs, transcodes each film's master from the shared storage into its package there, and
 * reports progress and the end back; a server records them in the catalog. It runs at most
 * {@code slots} jobs at once, on its own threads, never Vert.x's.
 */
public final class TranscodeWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranscodeWorker.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final int RESULT_ATTEMPTS = 5;

  private final Vertx vertx;
  private final String nodeId;
  private final FilmTranscode transcode;
  private final Clock clock;
  private final int slots;
  private final long pollMillis;
  private final ProgressObserver observer;
  private final java.util.function.Consumer<String> jobEnded;
  private final ExecutorService threads;
  private final Map<String, CancelSignal> running = new ConcurrentHashMap<>();
  private final AtomicBoolean asking = new AtomicBoolean();
  /** A wake-up came while a question was out: its answer may predate the job that woke us. */
  private final AtomicBoolean askAgain = new AtomicBoolean();
  private final AtomicInteger finished = new AtomicInteger();
  private volatile long heartbeatMillis = 10_000;
  private volatile long lastHeartbeat;
  private volatile boolean closed;

  /**
   * Creates the worker; nothing happens before {@link #start()}.
   *
   * @param vertx a clustered Vert.x
   * @param nodeId this member's id in the cluster, which names it to the servers
   * @param transcode reads masters and writes packages on the shared storage
   * @param slots how many jobs it runs at once
   * @param pollMillis how often an idle worker asks for a job (a queued job also wakes it)
   * @param observer told of every ffmpeg progress report (logs, tests)
   * @param jobEnded told the film of every job that ended here, however it ended (reported,
   *                 stopped, failed unexpectedly), on the job's thread: local copies go
   */
  public TranscodeWorker(Vertx vertx, String nodeId, FilmTranscode transcode, Clock clock,
      int slots, long pollMillis, ProgressObserver observer,
      java.util.function.Consumer<String> jobEnded) {
    this.observer = observer;
    this.jobEnded = jobEnded;
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.transcode = transcode;
    this.clock = clock;
    this.slots = slots;
    this.pollMillis = pollMillis;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(slots, r -> {
      Thread t = new Thread(r, "screenroom-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Listens for wake-ups and cancels, and starts asking for jobs. */
  public void start() {
    vertx.eventBus().<JsonObject>consumer(JobMessages.WAKE, m -> ask());
    vertx.eventBus().<JsonObject>consumer(JobMessages.CANCEL, m -> {
      CancelSignal signal = running.get(m.body().getString("jobId", ""));
      if (signal != null) {
        LOG.info("job {}: cancelled by a server", m.body().getString("jobId"));
        signal.cancel();
      }
    });
    vertx.setPeriodic(Math.min(pollMillis, 1_000), t -> {
      long now = System.nanoTime();
      if (!running.isEmpty() && now - lastHeartbeat >= TimeUnit.MILLISECONDS.toNanos(heartbeatMillis)) {
        lastHeartbeat = now;
        heartbeat();
      }
    });
    vertx.setPeriodic(pollMillis, t -> ask());
    ask();
  }

  /** This member's id. */
  public String nodeId() {
    return nodeId;
  }

  /** Jobs running here now. */
  public java.util.Set<String> running() {
    return java.util.Set.copyOf(running.keySet());
  }

  /** Whether the job running here was asked to stop (a cancel, a lost lease, closing). */
  public boolean stopping(String jobId) {
    CancelSignal signal = running.get(jobId);
    return signal != null && signal.isCancelled();
  }

  /** How many jobs this worker ran to an end it reported. */
  public int finished() {
    return finished.get();
  }

  /**
   * Asks a server for a job when a slot is free and no question is already out. A wake-up that
   * comes while one is out is not dropped: the server may have looked at the queue just before
   * the job that woke us was queued, so an empty answer is followed by another question at once
   * (not by the next poll, seconds later, with a slot idle and a job waiting).
   */
  private void ask() {
    if (closed || running.size() >= slots) {
      return;
    }
    if (!asking.compareAndSet(false, true)) {
      askAgain.set(true);
      return;
    }
    askAgain.set(false);
    vertx.eventBus().<JsonObject>request(JobMessages.CLAIM, JobMessages.claim(nodeId),
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS)).onComplete(r -> {
          asking.set(false);
          if (r.failed()) {
            return; // no server yet, or a busy one: the next poll asks again
          }
          JobMessages.Assignment job = JobMessages.assignment(r.result().body());
          if (job == null) {
            if (askAgain.getAndSet(false)) {
              ask();
            }
            return;
          }
          if (closed) {
            return; // the lease runs out and a server queues it again
          }
          heartbeatMillis = job.heartbeatMillis();
          CancelSignal signal = new CancelSignal();
          running.put(job.jobId(), signal);
          threads.execute(() -> run(job, signal));
          ask(); // another free slot takes another job
        });
  }

  private void run(JobMessages.Assignment job, CancelSignal signal) {
    LOG.info("job {} (film {}) started", job.jobId(), job.filmId());
    try {
      ProgressThrottle throttle = new ProgressThrottle(clock, PROGRESS_INTERVAL);
      ProgressListener report = p -> {
        observer.onProgress(job.jobId(), p);
        if (throttle.due()) {
          vertx.eventBus().<JsonObject>request(JobMessages.PROGRESS, JobMessages.progress(nodeId,
              job.jobId(), job.filmId(), ProgressReport.of(p)),
              new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS))
              .onSuccess(reply -> {
                if (!reply.body().getBoolean("running", true)) {
                  signal.cancel(); // cancelled, or given to another worker meanwhile
                }
              });
        }
      };
      FilmTranscode.Report result = transcode.run(job.filmId(), report, signal);
      if (closed) {
        return; // stopped by close: the servers queue the job again when this member leaves
      }
      sendResult(job.jobId(), result, 1);
      LOG.info("job {} (film {}) ended {}", job.jobId(), job.filmId(), result.ending());
    } catch (RuntimeException e) {
      LOG.error("job {} (film {}) failed unexpectedly", job.jobId(), job.filmId(), e);
    } finally {
      try {
        jobEnded.accept(job.filmId());
      } catch (RuntimeException e) {
        LOG.warn("job {} (film {}): cleaning up after it failed", job.jobId(), job.filmId(), e);
      }
      running.remove(job.jobId());
      vertx.runOnContext(v -> ask());
    }
  }

  private void sendResult(String jobId, FilmTranscode.Report result, int attempt) {
    vertx.eventBus().<JsonObject>request(JobMessages.RESULT, JobMessages.result(nodeId, jobId, result),
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS)).onComplete(r -> {
          if (r.succeeded()) {
            finished.incrementAndGet();
          } else if (attempt < RESULT_ATTEMPTS && !closed) {
            vertx.setTimer(1_000L * attempt, t -> sendResult(jobId, result, attempt + 1));
          } else {
            LOG.warn("job {}: no server took its result ({}); its lease will run out and it will"
                + " be queued again", jobId, r.cause().getMessage());
          }
        });
  }

  private void heartbeat() {
    List<String> ids = List.copyOf(running.keySet());
    vertx.eventBus().<JsonObject>request(JobMessages.HEARTBEAT, JobMessages.heartbeat(nodeId, ids),
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS)).onSuccess(reply -> {
          for (Object id : reply.body().getJsonArray("lost")) {
            CancelSignal signal = running.get(id.toString());
            if (signal != null) {
              LOG.info("job {}: no longer held by this worker; stopping it", id);
              signal.cancel();
            }
          }
        });
  }

  /**
   * Stops: running transcodes are stopped (their partial output removed) without reporting, so
   * the servers queue them again when this member leaves; then the threads end. Vert.x is the
   * caller's to close.
   */
  @Override
  public void close() {
    closed = true;
    running.values().forEach(CancelSignal::cancel);
    threads.shutdown();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
