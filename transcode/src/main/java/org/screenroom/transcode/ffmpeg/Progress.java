package org.screenroom.transcode.ffmpeg;

import java.time.Duration;

/**
 * One progress report from ffmpeg.
 *
 * @param percent  0..100, clamped
 * @param encoded  media time written so far
 * @param fps      frames per second being encoded (0 when unknown)
 * @param speed    multiple of real time (0 when unknown)
 * @param finished true on ffmpeg's last report
 */
public record Progress(double percent, Duration encoded, double fps, double speed, boolean finished) {
}
