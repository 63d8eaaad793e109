package org.screenroom.catalog.job;

/**
 * A running job's progress as last recorded.
 *
 * @param percent 0..100
 * @param fps frames per second being encoded, or null when unknown
 * @param speed multiple of real time, or null when unknown
 * @param etaSeconds estimated seconds left, or null when unknown
 */
public record JobProgress(int percent, Double fps, Double speed, Long etaSeconds) {
  /** No progress yet. */
  public static final JobProgress NONE = new JobProgress(0, null, null, null);

  /** Clamps the percent to 0..100. */
  public JobProgress {
    percent = Math.max(0, Math.min(100, percent));
  }
}
