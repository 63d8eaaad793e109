package org.screenroom.server.jobs;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.packaging.StagingDirectory;
import org.screenroom.transcode.process.CancelSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the persisted transcode jobs: at most {@code concurrency} at once, on its own threads
 * (never Vert.x's), oldest queued first. A job is taken with a conditional update, so another
 * runner over the same catalog can never take it too. Cancelling a running job kills its ffmpeg;
 * stopping the runner puts its running jobs back in the queue, and {@link #start()} requeues
 * jobs a dead process left running, removing their partial output.
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final long STOP_WAIT_SECONDS = 10;
  private static final long IDLE_POLL_SECONDS = 5;
  /** The job's and the film's sentence when a runner fails in an unexpected way. */
  static final String UNEXPECTED_SENTENCE =
      "Processing stopped because of a server error: retry it, or ask the administrator.";

  private final JobStore jobs;
  private final FilmStore films;
  private final Ingestor ingestor;
  private final FilmFiles files;
  private final int concurrency;
  private final ProgressObserver observer;
  /** Serializes taking a job with cancelling one, so a cancel never falls between the two. */
  private final Object claims = new Object();
  private final Map<String, CancelSignal> running = new ConcurrentHashMap<>();
  /** One permit per reason to look at the queue again. */
  private final Semaphore wakeups = new Semaphore(0);
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopping;
  private volatile Placement placement = Placement.SINGLE;
  private volatile java.util.function.Predicate<String> arriving = filmId -> false;

  /**
   * Where queued jobs run: here alone (the single-machine default), or on clustered workers
   * with this process standing in when none is present.
   */
  public interface Placement {
    /** Every job runs here; a starting runner requeues every running job (a dead process's). */
    Placement SINGLE = new Placement() { };

    /** Whether this process should take a queued job now (false while workers take them). */
    default boolean runHere() {
      return true;
    }

    /** Who a job taken here runs for, or null when nobody else could take it over. */
    default String runnerId() {
      return null;
    }

    /** Until when a job taken now is held without renewal, or null for no lease. */
    default Instant leaseUntil() {
      return null;
    }

    /**
     * Whether a starting runner may requeue every running job: true on a single machine,
     * false in a cluster, where running jobs without an expired lease belong to live members.
     */
    default boolean recoverAllRunning() {
      return true;
    }

    /** A job was queued (submitted, retried, requeued): tell whoever takes jobs elsewhere. */
    default void queued() { }

    /** Asks the member running {@code jobId} elsewhere to stop it; false when none does. */
    default boolean cancelElsewhere(String jobId) {
      return false;
    }
  }

  /** What a cancel request did. */
  public enum CancelResult {
    /** The job was queued and is now cancelled. */
    CANCELLED,
    /** The job is running here: its ffmpeg is being stopped and the job will end cancelled. */
    STOPPING,
    /** The job is over (or runs elsewhere): nothing to cancel. */
    NOT_CANCELLABLE
  }

  /**
   * Creates the runner; nothing runs before {@link #start()}.
   *
   * @param observer told of every progress report (logs, tests)
   */
  public JobRunner(JobStore jobs, FilmStore films, Ingestor ingestor, FilmFiles files,
      int concurrency, ProgressObserver observer) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("transcode concurrency must be at least 1");
    }
    this.jobs = jobs;
    this.films = films;
    this.ingestor = ingestor;
    this.files = files;
    this.concurrency = concurrency;
    this.observer = observer;
  }

  /** Sets where jobs run; before {@link #start()}. */
  public void placement(Placement where) {
    this.placement = where;
  }

  /**
   * Tells the recovery which films are processing because their original is still arriving
   * (a URL download or an upload's handover, perhaps on another origin sharing the catalog):
   * those have no job yet on purpose and get none from {@link #start()}. Before {@link #start()}.
   */
  public void arriving(java.util.function.Predicate<String> filmIds) {
    this.arriving = filmIds;
  }

  /** Wakes the runner to look at the queue (a job was queued again elsewhere, workers left). */
  public void wake() {
    wakeups.release();
  }

  /** Ids of the jobs running in this process now. */
  public java.util.Set<String> runningHere() {
    return java.util.Set.copyOf(running.keySet());
  }

  /**
   * Recovers what a previous process left behind, then starts the worker threads. Blocking
   * (catalog and disk): call it before serving, off any event loop.
   */
  public void start() {
    recover();
    for (int i = 1; i <= concurrency; i++) {
      Thread t = new Thread(this::work, "screenroom-transcode-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Queues a transcode of the film (or answers its job already queued or running). */
  public Job submit(String filmId) {
    // The film says 'processing' before its job can be taken: marked afterwards, a worker could
    // take and fail the job first and the film would be left 'processing' for good.
    if (jobs.active(filmId).isEmpty()) {
      ingestor.queued(filmId);
    }
    Job job = jobs.enqueue(filmId);
    wakeups.release();
    placement.queued();
    return job;
  }

  /**
   * Runs the film's transcode as a persisted job in the calling thread, without worker threads
   * (the CLI's {@code ingest}): the job is queued, taken by its id (so no other job of the queue
   * is run here) and ends {@code done}, {@code failed} or {@code cancelled} in the catalog, as
   * any job run by a server does. Blocking.
   *
   * @param listener receives every progress report (e.g. a terminal progress bar)
   * @param cancel   stops the transcode; the job then ends cancelled
   * @return the job as it ended
   * @throws IllegalStateException when the film already had a job, or a server sharing the
   *                               catalog took the job first
   */
  public Job runHere(String filmId, ProgressListener listener, CancelSignal cancel) {
    Optional<Job> existing = jobs.active(filmId);
    if (existing.isPresent()) {
      Job other = existing.get();
      throw new IllegalStateException("Film " + filmId + " already has transcode job " + other.id()
          + " (" + other.state().wire() + "): follow it with GET /api/jobs/" + other.id() + ".");
    }
    Job job = jobs.enqueue(filmId);
    ingestor.queued(filmId);
    synchronized (claims) {
      if (stopping || !jobs.take(job.id())) {
        throw new IllegalStateException("A running server took transcode job " + job.id()
            + " of film " + filmId + ": follow it with GET /api/jobs/" + job.id() + ".");
      }
      running.put(job.id(), cancel);
    }
    run(jobs.find(job.id()).orElseThrow(), listener);
    return jobs.find(job.id()).orElseThrow();
  }

  /** Queues a new attempt after a failed or cancelled job; empty when it cannot be retried. */
  public Optional<Job> retry(String jobId) {
    Optional<Job> next = jobs.retry(jobId);
    next.ifPresent(job -> {
      ingestor.queued(job.filmId());
      wakeups.release();
      placement.queued();
    });
    return next;
  }

  /** Cancels a queued job, or stops a job running in this process. */
  public CancelResult cancel(String jobId) {
    synchronized (claims) {
      if (jobs.cancelQueued(jobId, Ingestor.CANCELLED_SENTENCE)) {
        jobs.find(jobId).ifPresent(job -> ingestor.cancelled(job.filmId()));
        return CancelResult.CANCELLED;
      }
      CancelSignal signal = running.get(jobId);
      if (signal == null) {
        return placement.cancelElsewhere(jobId) ? CancelResult.STOPPING
            : CancelResult.NOT_CANCELLABLE;
      }
      signal.cancel();
      return CancelResult.STOPPING;
    }
  }

  /**
   * Jobs left running by a process that died are queued again at their place, and their
   * partial output ({@code .package.tmp-*} beside the package) removed. Films left processing
   * without any job (a catalog from before jobs existed) get one.
   */
  private void recover() {
    if (!placement.recoverAllRunning()) {
      recoverOrphans();
      return;
    }
    for (String id : jobs.idsInState(JobState.RUNNING)) {
      jobs.find(id).ifPresent(job -> {
        removePartialOutput(job.filmId());
        if (jobs.requeue(id)) {
          LOG.info("job {} (film {}) was running when the server stopped: queued again", id,
              job.filmId());
        }
      });
    }
    recoverOrphans();
  }

  private void recoverOrphans() {
    for (String filmId : films.idsWithStatus(FilmStatus.PROCESSING)) {
      if (jobs.active(filmId).isEmpty() && !arriving.test(filmId)) {
        removePartialOutput(filmId);
        Job job = jobs.enqueue(filmId);
        LOG.info("film {} was processing without a job: queued as job {}", filmId, job.id());
      }
    }
  }

  /**
   * Queues again, at its place, a job whose runner went silent: its lease ran out before
   * {@code at}, or (with {@code departed} set) that member left the cluster. The partial output
   * is removed first, while nobody else can have taken the job.
   *
   * @return whether this call requeued it (of several servers noticing, one does)
   */
  public boolean requeueAbandoned(String jobId, String departed, Instant at) {
    Optional<Job> job = jobs.find(jobId).filter(j -> j.state() == JobState.RUNNING);
    if (job.isEmpty()) {
      return false;
    }
    if (departed != null && !jobs.runner(jobId).filter(departed::equals).isPresent()) {
      return false;
    }
    removePartialOutput(job.get().filmId());
    boolean requeued = departed != null ? jobs.requeueFrom(jobId, departed)
        : jobs.requeueExpired(jobId, at);
    if (requeued) {
      LOG.info("job {} (film {}) queued again: {}", jobId, job.get().filmId(),
          departed != null ? "its runner " + departed + " left the cluster"
              : "its runner's lease ran out");
      wakeups.release();
      placement.queued();
    }
    return requeued;
  }

  /**
   * Records how a job run by a clustered worker ended, as {@link #run} does for a job run here;
   * nothing when {@code runner} no longer holds the job (it was cancelled, or requeued after the
   * worker went silent and perhaps taken by another). Whether it still holds it is decided by the
   * one conditional UPDATE that ends the job ({@link JobStore#endFor}), with the film's side in
   * the same transaction: a late result racing a requeue never overwrites the job's new run.
   *
   * @return whether the job was the worker's and is now recorded as ended
   */
  public boolean endedElsewhere(String jobId, String runner,
      org.screenroom.server.ingest.FilmTranscode.Report report) {
    Optional<Job> found = jobs.find(jobId);
    if (found.isEmpty()) {
      return false;
    }
    Job job = found.get();
    JobState ending = switch (report.ending()) {
      case DONE -> JobState.DONE;
      case FAILED -> JobState.FAILED;
      case CANCELLED -> JobState.CANCELLED;
    };
    String error = report.ending() == Ingestor.Ending.CANCELLED ? Ingestor.CANCELLED_SENTENCE
        : report.error();
    boolean ended = jobs.endFor(jobId, runner, ending, error, report.detail(),
        () -> ingestor.recordElsewhere(job.filmId(), report));
    if (!ended) {
      LOG.info("job {} (film {}): a result from {}, which no longer holds it, was ignored",
          jobId, job.filmId(), runner);
      return false;
    }
    ingestor.announce(job.filmId());
    LOG.info("job {} (film {}) ended {} on worker {}", job.id(), job.filmId(), report.ending(),
        runner);
    return true;
  }

  private void removePartialOutput(String filmId) {
    try {
      int removed = StagingDirectory.discardLeftovers(files.packageDir(filmId))
          + ingestor.discardStaging(filmId);
      if (removed > 0) {
        LOG.info("film {}: removed {} partial package(s) of an interrupted transcode", filmId, removed);
      }
    } catch (IOException e) {
      // The transcode writes a new staging directory anyway; the leftover only wastes space.
      LOG.warn("film {}: could not remove a partial package: {}", filmId, e.toString());
    }
  }

  private void work() {
    while (!stopping) {
      Optional<Job> job;
      try {
        job = claim();
      } catch (RuntimeException e) {
        LOG.error("could not take the next transcode job", e);
        job = Optional.empty();
      }
      if (job.isPresent()) {
        run(job.get(), ProgressListener.NONE);
        continue;
      }
      try {
        // Woken by submit and retry here; the timeout also finds jobs queued by another process
        // sharing the catalog, and retries after a failed look at the queue.
        wakeups.tryAcquire(IDLE_POLL_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Optional<Job> claim() {
    synchronized (claims) {
      if (stopping || !placement.runHere()) {
        return Optional.empty();
      }
      Optional<Job> job = jobs.takeNext(placement.runnerId(), placement.leaseUntil());
      job.ifPresent(j -> running.put(j.id(), new CancelSignal()));
      return job;
    }
  }

  private void run(Job job, ProgressListener listener) {
    CancelSignal signal = running.get(job.id());
    LOG.info("job {} (film {}, attempt {}) started", job.id(), job.filmId(), job.attempt());
    try {
      ProgressListener every = p -> {
        listener.onProgress(p);
        observer.onProgress(job.id(), p);
      };
      ProgressListener recorded = p -> jobs.recordProgress(job.id(), ProgressReport.of(p));
      Ingestor.Outcome outcome = ingestor.process(job.filmId(), every, recorded, signal);
      switch (outcome.ending()) {
        case DONE -> jobs.finish(job.id());
        case FAILED -> jobs.fail(job.id(), outcome.error(), outcome.detail());
        case CANCELLED -> ended(job);
      }
      LOG.info("job {} (film {}) ended {}", job.id(), job.filmId(), outcome.ending());
    } catch (RuntimeException e) {
      LOG.error("job {} (film {}) failed unexpectedly", job.id(), job.filmId(), e);
      ingestor.failed(job.filmId(), UNEXPECTED_SENTENCE);
      jobs.fail(job.id(), UNEXPECTED_SENTENCE, e.toString());
    } finally {
      running.remove(job.id());
    }
  }

  /** A cancelled transcode: the filmmaker's cancel, or this runner stopping. */
  private void ended(Job job) {
    if (stopping) {
      // Not the filmmaker's wish: the next start picks the job up again.
      jobs.requeue(job.id());
      return;
    }
    // The film first, then the job, as for done and failed: whoever sees the job over sees the
    // film in its final state.
    ingestor.cancelled(job.filmId());
    jobs.cancelRunning(job.id(), Ingestor.CANCELLED_SENTENCE);
  }

  /** Stops running transcodes (they are queued again for the next start) and the threads. */
  @Override
  public void close() {
    synchronized (claims) {
      stopping = true;
      running.values().forEach(CancelSignal::cancel);
    }
    wakeups.release(concurrency);
    for (Thread t : workers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        if (t.isAlive()) {
          LOG.warn("{} did not stop within {} s", t.getName(), STOP_WAIT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
