package org.screenroom.transcode;

import org.screenroom.transcode.ffmpeg.Progress;

/** Receives progress during a transcode, on the transcoding thread; must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
