package org.screenroom.server.jobs;

import org.screenroom.transcode.ffmpeg.Progress;

/** Told of every progress report of every job, on its transcoding thread; must return quickly. */
@FunctionalInterface
public interface ProgressObserver {
  /** An observer that ignores everything. */
  ProgressObserver NONE = (jobId, progress) -> { };

  /** The job {@code jobId} reported {@code progress}. */
  void onProgress(String jobId, Progress progress);
}
