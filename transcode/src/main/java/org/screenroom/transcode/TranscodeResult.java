package org.screenroom.transcode;

import java.time.Duration;
import java.util.List;
import org.screenroom.transcode.probe.MediaInfo;

/**
 * A finished package.
 *
 * @param source     the probe of the source
 * @param renditions video renditions highest first, then audio if any
 * @param duration   how long the transcode took (wall clock, from the injected clock)
 */
public record TranscodeResult(MediaInfo source, List<RenditionInfo> renditions, Duration duration) {
    public TranscodeResult {
        renditions = List.copyOf(renditions);
    }
}
