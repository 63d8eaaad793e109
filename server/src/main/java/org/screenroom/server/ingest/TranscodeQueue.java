package org.screenroom.server.ingest;

import org.screenroom.catalog.job.Job;
import org.screenroom.server.jobs.JobRunner;

/**
 * Where ingest paths (the CLI's server, uploads, URL ingest, the demo film) hand a film's stored
 * master over for transcoding. A facade over the persisted {@link JobRunner}: a submitted film
 * becomes a queued job that survives restarts.
 */
public final class TranscodeQueue implements AutoCloseable {
  private final JobRunner runner;

  /** Creates the queue over a runner (started by its owner). */
  public TranscodeQueue(JobRunner runner) {
    this.runner = runner;
  }

  /**
   * Queues the film's stored master for transcoding; the film shows {@code processing} at 0 %
   * until a runner takes it. A film already queued or running keeps its job.
   *
   * @return the film's queued or running job
   */
  public Job submit(String filmId) {
    return runner.submit(filmId);
  }

  /** The runner behind this queue (cancel, retry). */
  public JobRunner runner() {
    return runner;
  }

  /** Stops running transcodes (queued again for the next start) and the threads. */
  @Override
  public void close() {
    runner.close();
  }
}
