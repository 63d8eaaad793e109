package org.screenroom.server.jobs;

import org.screenroom.catalog.job.JobProgress;
import org.screenroom.transcode.ffmpeg.Progress;

/** Turns one ffmpeg progress report into what a job records. Pure. */
public final class ProgressReport {
  private ProgressReport() {}

  /**
   * The job's progress for {@code p}: the percent floored and at most 99 (100 comes with done),
   * fps and speed when ffmpeg knows them, and the time left estimated from the media still to
   * encode at the current speed.
   */
  public static JobProgress of(Progress p) {
    int percent = Math.min(99, (int) Math.floor(p.percent()));
    Double fps = p.fps() > 0 ? p.fps() : null;
    Double speed = p.speed() > 0 ? p.speed() : null;
    return new JobProgress(percent, fps, speed, etaSeconds(p));
  }

  /** Seconds left, or null when ffmpeg has not reported enough to tell. */
  static Long etaSeconds(Progress p) {
    if (p.percent() <= 0 || p.speed() <= 0 || p.encoded().isZero()) {
      return null;
    }
    if (p.percent() >= 100) {
      return 0L;
    }
    double encodedSeconds = p.encoded().toMillis() / 1000.0;
    double remainingMedia = encodedSeconds * (100 - p.percent()) / p.percent();
    return Math.round(remainingMedia / p.speed());
  }
}
